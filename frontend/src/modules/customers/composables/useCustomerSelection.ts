import { computed, shallowRef, watch, type Ref } from 'vue'

import type { Customer } from '@/api/types'

/**
 * The customers ticked for a bulk action, from the table's checkboxes or the phone's cards;
 * a new page of rows starts with nothing ticked.
 */
export function useCustomerSelection(rows: Ref<Customer[]>) {
  const selected = shallowRef<Customer[]>([])
  const selectedIds = computed(() => selected.value.map((customer) => customer.id))

  watch(rows, () => {
    selected.value = []
  })

  function onSelection(customers: Customer[]): void {
    selected.value = customers
  }

  function toggle(customer: Customer, on: boolean): void {
    const others = selected.value.filter((item) => item.id !== customer.id)
    selected.value = on ? [...others, customer] : others
  }

  return { selected, selectedIds, onSelection, toggle }
}
