/**
 * The translated label of a code (`customer.statuses.warning`), or the code itself when this
 * UI does not know it, so a value added on the server still shows.
 */
export function codeLabel(
  prefix: string,
  code: string | null | undefined,
  translate: (key: string) => string,
  hasTranslation: (key: string) => boolean,
): string {
  if (!code) return ''
  const key = `${prefix}.${code}`
  return hasTranslation(key) ? translate(key) : code
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'
