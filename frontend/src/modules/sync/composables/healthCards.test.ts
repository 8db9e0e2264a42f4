import { describe, expect, it } from 'vitest'

import type { SyncRun, SyncStatus } from '@/api/types'

import { healthCards, pullProgress } from './healthCards'

const pullRun = (overrides: Partial<SyncRun> = {}): SyncRun => ({
  id: 41,
  kind: 'pull',
  started_at: '2026-03-01T06:05:00Z',
  outcome: 'succeeded',
  ...overrides,
})

const status = (overrides: Partial<SyncStatus> = {}): SyncStatus => ({
  backlog: { pending: 3, parked: 7, rejected: 2, failed: 0 },
  parked_alert_minutes: 30,
  parked_too_long: 0,
  oldest_parked_since: null,
  failed_runs_last_day: 0,
  last_pull: pullRun(),
  export_configured: true,
  ...overrides,
})

describe('healthCards', () => {
  it('gives the backlog, rejects, failures and the last pull, each leading to its list', () => {
    expect(healthCards(status())).toEqual([
      {
        key: 'pending',
        value: 3,
        tone: 'normal',
        link: { name: 'sync-events', query: { status: 'pending' } },
      },
      {
        key: 'parked',
        value: 7,
        tone: 'normal',
        link: { name: 'sync-events', query: { status: 'parked' } },
      },
      { key: 'rejected', value: 2, tone: 'danger', link: { name: 'sync-quarantine', query: {} } },
      {
        key: 'failed',
        value: 0,
        tone: 'normal',
        link: { name: 'sync-events', query: { status: 'failed' } },
      },
      {
        key: 'failedRuns',
        value: 0,
        tone: 'normal',
        link: { name: 'sync', query: { outcome: 'failed' } },
      },
      {
        key: 'lastPull',
        value: null,
        tone: 'normal',
        link: { name: 'sync', query: { kind: 'pull' } },
        lastPull: { startedAt: '2026-03-01T06:05:00Z', kind: 'pull', outcome: 'succeeded' },
        exportConfigured: true,
      },
    ])
  })

  it('warns on parked events waiting longer than the threshold', () => {
    const [, parked] = healthCards(
      status({ parked_too_long: 4, oldest_parked_since: '2026-03-01T05:00:00Z' }),
    )
    expect(parked).toEqual({
      key: 'parked',
      value: 7,
      tone: 'warning',
      link: { name: 'sync-events', query: { status: 'parked' } },
      alert: { count: 4, minutes: 30, since: '2026-03-01T05:00:00Z' },
    })
  })

  it('flags failed events and failed runs red, and counts a missing backlog key as 0', () => {
    const cards = healthCards(
      status({ backlog: { pending: 0, failed: 5 }, failed_runs_last_day: 2 }),
    )
    expect(cards.map((card) => [card.key, card.value, card.tone])).toEqual([
      ['pending', 0, 'normal'],
      ['parked', 0, 'normal'],
      ['rejected', 0, 'normal'],
      ['failed', 5, 'danger'],
      ['failedRuns', 2, 'danger'],
      ['lastPull', null, 'normal'],
    ])
  })

  it('colours the last pull by its outcome and handles never having pulled', () => {
    const last = (overrides: Partial<SyncStatus>) => healthCards(status(overrides))[5]
    expect(last({ last_pull: pullRun({ outcome: 'failed', kind: 'backfill' }) })).toMatchObject({
      tone: 'danger',
      link: { name: 'sync', query: { kind: 'backfill' } },
    })
    expect(last({ last_pull: pullRun({ outcome: 'partial' }) })?.tone).toBe('warning')
    expect(last({ last_pull: null, export_configured: false })).toEqual({
      key: 'lastPull',
      value: null,
      tone: 'normal',
      link: { name: 'sync', query: { kind: 'pull' } },
      lastPull: null,
      exportConfigured: false,
    })
  })
})

describe('pullProgress', () => {
  it('waits for a newer pull run, then follows it to its end', () => {
    expect(pullProgress(41, status())).toBe('waiting')
    expect(pullProgress(null, status({ last_pull: null }))).toBe('waiting')
    expect(pullProgress(41, status({ last_pull: pullRun({ id: 42, outcome: 'running' }) }))).toBe(
      'running',
    )
    expect(pullProgress(41, status({ last_pull: pullRun({ id: 42, outcome: 'partial' }) }))).toBe(
      'finished',
    )
    expect(pullProgress(null, status())).toBe('finished')
  })
})
