import type { Query } from '@/api/types'
import { withDayRange } from '@/utils/dayRange'

/** The filters of 我的客户 and 公海 as the URL keeps them (registration days as YYYY-MM-DD). */
export const CUSTOMER_FILTERS = {
  search: '',
  status: '',
  pharmacy_type: '',
  owner: '',
  province: '',
  registered_since: '',
  registered_until: '',
  no_order_days: '',
  tag: '',
}

export type CustomerFilterValues = typeof CUSTOMER_FILTERS

/** The list's query as the API's: registration days become instants. */
export function toCustomerQuery(query: Query): Query {
  return withDayRange(query, 'registered_since', 'registered_until')
}
