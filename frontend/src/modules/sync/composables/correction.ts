export type PayloadParse =
  | { ok: true; payload: Record<string, unknown> }
  | { ok: false; reason: 'empty' | 'not_object' }
  | { ok: false; reason: 'syntax'; detail: string; line: number | null; column: number | null }

/** Where character `position` of `text` is, counted from 1 as editors do. */
function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split('\n')
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 }
}

/** Checks the correction dialog's text before it goes to the server: it must be one JSON object. */
export function parsePayload(text: string): PayloadParse {
  if (!text.trim()) return { ok: false, reason: 'empty' }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(detail)?.[1]
    const where = position === undefined ? null : lineAndColumn(text, Number(position))
    return {
      ok: false,
      reason: 'syntax',
      detail,
      line: where?.line ?? null,
      column: where?.column ?? null,
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not_object' }
  }
  return { ok: true, payload: value as Record<string, unknown> }
}

/** The payload as the dialog shows it: two-space indented JSON. */
export function prettyPayload(payload: unknown): string {
  return JSON.stringify(payload ?? {}, null, 2)
}

/** Customer fields the server masks (138****8000) for viewers without the field permission. */
const SENSITIVE_FIELDS = ['phone', 'email', 'id_number', 'business_license_no'] as const

/**
 * Sensitive fields of the event's `data` that hold a masked value: saving them unchanged
 * would store the mask, so the dialog warns.
 */
export function maskedFields(payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null || !('data' in payload)) return []
  const data = payload.data
  if (typeof data !== 'object' || data === null) return []
  const values = data as Record<string, unknown>
  return SENSITIVE_FIELDS.filter((field) => {
    const value = values[field]
    return typeof value === 'string' && value.includes('*')
  }).map((field) => `data.${field}`)
}
