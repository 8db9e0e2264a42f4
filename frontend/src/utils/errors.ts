import { ApiError } from '@/api/client'

/** What a person reads for a failed request: our translation of the code, else the server's message. */
export function errorText(
  error: unknown,
  translate: (key: string) => string,
  hasTranslation: (key: string) => boolean,
): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`
    if (hasTranslation(key)) return translate(key)
    if (error.message) return error.message
    return translate('errors.request_failed')
  }
  return translate('errors.request_failed')
}

/** Field errors as el-form-item `error` strings: `{name: ['太长', '重复']}` → `{name: '太长；重复'}`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {}
  const result: Record<string, string> = {}
  for (const [field, messages] of Object.entries(error.fields)) {
    if (messages.length) result[field] = messages.join('；')
  }
  return result
}
