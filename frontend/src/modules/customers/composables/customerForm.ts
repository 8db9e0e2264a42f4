import type { CustomerCreate, CustomerDetail, CustomerUpdate } from '@/api/types'

/** The fields of 录入客户 and 编辑, in the order the form shows them. */
export const CUSTOMER_FORM_FIELDS = [
  'company_name',
  'contact_name',
  'phone',
  'pharmacy_type',
  'email',
  'id_number',
  'business_license_no',
  'province',
  'city',
  'district',
  'address',
] as const
export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number]
export type CustomerFormValues = Record<CustomerFormField, string>

export const REQUIRED_FIELDS: readonly CustomerFormField[] = [
  'company_name',
  'contact_name',
  'phone',
]
const SENSITIVE: readonly CustomerFormField[] = [
  'phone',
  'email',
  'id_number',
  'business_license_no',
]

export function emptyCustomerForm(): CustomerFormValues {
  return Object.fromEntries(CUSTOMER_FORM_FIELDS.map((field) => [field, ''])) as CustomerFormValues
}

export interface CustomerFormStart {
  values: CustomerFormValues
  /** The masked values (138****8001) the viewer may not see: their fields start empty. */
  masked: Partial<Record<CustomerFormField, string>>
}

/**
 * The form of a customer being edited. A masked value is never put back in the form: saved,
 * it would replace the real one. Its field starts empty, and stays unchanged unless typed in.
 */
export function customerFormFrom(customer: CustomerDetail): CustomerFormStart {
  const values = emptyCustomerForm()
  const masked: CustomerFormStart['masked'] = {}
  for (const field of CUSTOMER_FORM_FIELDS) {
    const value = String(customer[field] ?? '')
    if (SENSITIVE.includes(field) && value.includes('*')) masked[field] = value
    else values[field] = value
  }
  return { values, masked }
}

/** What an edit changes: the fields that differ from where the form started. */
export function customerChanges(
  start: CustomerFormValues,
  values: CustomerFormValues,
): CustomerUpdate {
  const changes: Partial<CustomerFormValues> = {}
  for (const field of CUSTOMER_FORM_FIELDS) {
    if (values[field].trim() !== start[field].trim()) changes[field] = values[field].trim()
  }
  return changes
}

/** A new customer: the filled fields, and the owner when someone else is chosen. */
export function customerCreateBody(
  values: CustomerFormValues,
  owner: number | null,
): CustomerCreate {
  const body: Partial<CustomerFormValues> = {}
  for (const field of CUSTOMER_FORM_FIELDS) {
    const value = values[field].trim()
    if (value) body[field] = value
  }
  return {
    ...body,
    company_name: body.company_name ?? '',
    contact_name: body.contact_name ?? '',
    phone: body.phone ?? '',
    ...(owner ? { owner } : {}),
  }
}
