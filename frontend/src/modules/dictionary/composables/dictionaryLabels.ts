import type { DictionaryEntry } from '@/api/types'

type Entry = Pick<DictionaryEntry, 'code' | 'label' | 'label_en' | 'is_active'>

/** An entry's name in the chosen language (English falls back to Chinese). */
export function entryLabel(entry: Entry, locale: string): string {
  return locale === 'en' && entry.label_en ? entry.label_en : entry.label
}

/**
 * The name of a code: stopped entries still name the records that carry them; a code the
 * dictionary does not know shows as it is, and no code as ''.
 */
export function dictionaryLabel(
  entries: readonly Entry[],
  code: string | null | undefined,
  locale: string,
): string {
  if (!code) return ''
  const entry = entries.find((item) => item.code === code)
  return entry ? entryLabel(entry, locale) : code
}

/** The choices a form offers: active entries only, in the dictionary's order. */
export function dictionaryOptions(
  entries: readonly Entry[],
  locale: string,
): { value: string; label: string }[] {
  return entries
    .filter((entry) => entry.is_active !== false)
    .map((entry) => ({ value: entry.code, label: entryLabel(entry, locale) }))
}
