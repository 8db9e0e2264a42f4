import type { SyncRunKind, SyncRunOutcome, SyncStatus } from '@/api/types'

export type HealthKey = 'pending' | 'parked' | 'rejected' | 'failed' | 'failedRuns' | 'lastPull'
export type HealthTone = 'normal' | 'warning' | 'danger'

/** Where a card leads: a tab of the sync page and its filters. */
export interface HealthLink {
  name: 'sync' | 'sync-events' | 'sync-quarantine'
  query: Record<string, string>
}

export interface HealthCard {
  key: HealthKey
  /** The figure; null on the last-pull card, which shows a time instead. */
  value: number | null
  tone: HealthTone
  link: HealthLink
  /** Parked events waiting longer than the alert threshold (the parameter sync_parked_alert_minutes). */
  alert?: { count: number; minutes: number; since: string | null }
  lastPull?: {
    startedAt: string
    kind: SyncRunKind
    outcome: SyncRunOutcome
  } | null
  exportConfigured?: boolean
}

const PULL_TONES: Record<SyncRunOutcome, HealthTone> = {
  running: 'normal',
  succeeded: 'normal',
  partial: 'warning',
  refused: 'danger',
  failed: 'danger',
}

const dangerIfAny = (value: number): HealthTone => (value > 0 ? 'danger' : 'normal')

/** The health strip's cards, in the order an admin reads them (PRODUCT.md: backlog, rejects, last pull). */
export function healthCards(status: SyncStatus): HealthCard[] {
  const count = (key: string): number => status.backlog[key] ?? 0
  const parked = count('parked')
  const lastPull = status.last_pull
  return [
    {
      key: 'pending',
      value: count('pending'),
      tone: 'normal',
      link: { name: 'sync-events', query: { status: 'pending' } },
    },
    {
      key: 'parked',
      value: parked,
      tone: status.parked_too_long > 0 ? 'warning' : 'normal',
      link: { name: 'sync-events', query: { status: 'parked' } },
      ...(status.parked_too_long > 0 && {
        alert: {
          count: status.parked_too_long,
          minutes: status.parked_alert_minutes,
          since: status.oldest_parked_since,
        },
      }),
    },
    {
      key: 'rejected',
      value: count('rejected'),
      tone: dangerIfAny(count('rejected')),
      link: { name: 'sync-quarantine', query: {} },
    },
    {
      key: 'failed',
      value: count('failed'),
      tone: dangerIfAny(count('failed')),
      link: { name: 'sync-events', query: { status: 'failed' } },
    },
    {
      key: 'failedRuns',
      value: status.failed_runs_last_day,
      tone: dangerIfAny(status.failed_runs_last_day),
      link: { name: 'sync', query: { outcome: 'failed' } },
    },
    {
      key: 'lastPull',
      value: null,
      tone: lastPull ? PULL_TONES[lastPull.outcome] : 'normal',
      link: { name: 'sync', query: lastPull ? { kind: lastPull.kind } : { kind: 'pull' } },
      lastPull: lastPull
        ? { startedAt: lastPull.started_at, kind: lastPull.kind, outcome: lastPull.outcome }
        : null,
      exportConfigured: status.export_configured,
    },
  ]
}

export type PullProgress = 'waiting' | 'running' | 'finished'

/**
 * Where a pull started from this page stands, from the status polled after the 202:
 * `waiting` until a newer pull run appears, `running` while it runs, then `finished`.
 */
export function pullProgress(previousRunId: number | null, status: SyncStatus): PullProgress {
  const run = status.last_pull
  if (!run || run.id === previousRunId) return 'waiting'
  return run.outcome === 'running' ? 'running' : 'finished'
}
