import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'

import { dictionaryApi } from '@/api/dictionary'
import type { DictionaryEntry } from '@/api/types'

import { dictionaryLabel, dictionaryOptions } from './dictionaryLabels'

/** Each type is read once per page load and shared by every component that names its codes. */
const loaded = new Map<string, Ref<DictionaryEntry[]>>()

function entriesOf(type: string): Ref<DictionaryEntry[]> {
  let entries = loaded.get(type)
  if (!entries) {
    const fresh = ref<DictionaryEntry[]>([])
    loaded.set(type, fresh)
    entries = fresh
    dictionaryApi
      .listEntries({ type, page_size: 200, ordering: 'sort_order' })
      .then((page) => {
        fresh.value = page.results
      })
      .catch(() => {
        // Codes then show as they are; the next page load tries again.
        loaded.delete(type)
      })
  }
  return entries
}

/** The labels and choices of one dictionary type (pharmacy_type, reassignment_reason, …). */
export function useDictionary(type: string) {
  const { locale } = useI18n()
  const entries = entriesOf(type)
  const options = computed(() => dictionaryOptions(entries.value, locale.value))
  const label = (code: string | null | undefined): string =>
    dictionaryLabel(entries.value, code, locale.value)
  return { entries, options, label }
}
