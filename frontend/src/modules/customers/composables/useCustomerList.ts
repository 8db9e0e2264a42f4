import { computed } from 'vue'
import { useI18n } from 'vue-i18n'

import type { Customer, Page, Query } from '@/api/types'
import { useList } from '@/composables/useList'

import { CUSTOMER_FILTERS, toCustomerQuery } from './customerQuery'
import { useCustomerSelection } from './useCustomerSelection'

/**
 * 我的客户 and 公海 read customers the same way: the customer filters in the URL, the
 * registration days sent as instants, and the rows ticked for a bulk 分配. `emptyKey` says
 * what an empty list means when no filter is set.
 */
export function useCustomerList(
  fetch: (query: Query) => Promise<Page<Customer>>,
  emptyKey: string,
) {
  const { t } = useI18n()
  const list = useList({
    fetch: (query) => fetch(toCustomerQuery(query)),
    filters: { ...CUSTOMER_FILTERS },
  })
  const emptyText = computed(() =>
    list.hasFilters.value ? t('common.emptyFiltered') : t(emptyKey),
  )
  const selection = useCustomerSelection(list.rows)
  return { list, emptyText, selection }
}

export type CustomerListState = ReturnType<typeof useCustomerList>
