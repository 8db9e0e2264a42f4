import type { MallEventStatus, SyncRunKind, SyncRunOutcome } from '@/api/types'

export const RUN_KINDS: readonly SyncRunKind[] = ['webhook', 'pull', 'backfill', 'replay']
export const RUN_OUTCOMES: readonly SyncRunOutcome[] = [
  'running',
  'succeeded',
  'partial',
  'refused',
  'failed',
]
export const EVENT_STATUSES: readonly MallEventStatus[] = [
  'pending',
  'applied',
  'parked',
  'rejected',
  'failed',
]
/** The event types of contracts/mall-events.md, offered in the type filter. */
export const EVENT_TYPES: readonly string[] = [
  'customer.registered',
  'customer.updated',
  'customer.logged_in',
  'product.upserted',
  'order.created',
  'order.status_changed',
  'inventory.snapshot',
]

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

const EVENT_STATUS_TAGS: Record<MallEventStatus, TagType> = {
  pending: 'info',
  applied: 'success',
  parked: 'warning',
  rejected: 'danger',
  failed: 'danger',
}

const RUN_OUTCOME_TAGS: Record<SyncRunOutcome, TagType> = {
  running: 'primary',
  succeeded: 'success',
  partial: 'warning',
  refused: 'danger',
  failed: 'danger',
}

function isKey<K extends string>(table: Record<K, unknown>, key: string): key is K {
  return Object.prototype.hasOwnProperty.call(table, key)
}

/** The tag colour of an event's status; a status this UI does not know stays grey. */
export function eventStatusTagType(status: string): TagType {
  return isKey(EVENT_STATUS_TAGS, status) ? EVENT_STATUS_TAGS[status] : 'info'
}

/** The tag colour of a run's outcome; an outcome this UI does not know stays grey. */
export function runOutcomeTagType(outcome: string): TagType {
  return isKey(RUN_OUTCOME_TAGS, outcome) ? RUN_OUTCOME_TAGS[outcome] : 'info'
}

export type LabelGroup = 'eventStatuses' | 'runOutcomes' | 'runKinds'

/** The translated label of a code (`sync.eventStatuses.parked`), or the code itself when unknown. */
export function syncLabel(
  group: LabelGroup,
  code: string,
  translate: (key: string) => string,
  hasTranslation: (key: string) => boolean,
): string {
  const key = `sync.${group}.${code}`
  return hasTranslation(key) ? translate(key) : code
}

/** Only a rejected event can be corrected; the backend answers 409 otherwise. */
export function canCorrect(status: string): boolean {
  return status === 'rejected'
}

/** An event that did not reach "applied" by itself can be tried again. */
export function canReplay(status: string): boolean {
  return status === 'rejected' || status === 'parked' || status === 'failed'
}

export interface FieldErrors {
  field: string
  messages: string[]
}

/** An event's `errors` (`{"data.total_amount": ["…"]}`) as a list; anything else is ignored. */
export function errorEntries(errors: unknown): FieldErrors[] {
  if (typeof errors !== 'object' || errors === null || Array.isArray(errors)) return []
  return Object.entries(errors)
    .map(([field, messages]) => ({
      field,
      messages: (Array.isArray(messages) ? messages : [messages]).map(String),
    }))
    .filter((entry) => entry.messages.length > 0)
}

/** The first error, for the table: `data.total_amount: 与明细合计不符`, or '' for none. */
export function firstError(errors: unknown): string {
  const [first] = errorEntries(errors)
  return first ? `${first.field}: ${first.messages[0]}` : ''
}

/** An event's `warnings` as texts. */
export function warningList(warnings: unknown): string[] {
  return Array.isArray(warnings) ? warnings.map(String) : []
}
