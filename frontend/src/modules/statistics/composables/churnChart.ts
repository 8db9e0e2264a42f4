import type { Grain } from '@/api/statistics'
import type { ChurnPoint, ChurnReason, ChurnStatistics } from '@/api/types'

import { barAndLineChart, ringChart, type Chart, type Translate } from './chart'
import { formatValue, type ValueCard } from './figures'
import { addDays, bucketLabel } from './period'

/**
 * 客户流失's headline (METRICS.md, churn): the window N, and as of the period's end the
 * customers registered, those lost and the churn rate; then those lost during the period.
 */
export function churnCards(churn: ChurnStatistics, t: Translate): ValueCard[] {
  const asOf = t('statistics.churn.asOf', { day: addDays(churn.period.end, -1) })
  return [
    {
      key: 'window_days',
      label: t('statistics.churn.windowDays'),
      value: t('statistics.churn.days', { days: formatValue('count', churn.window_days) }),
    },
    {
      key: 'registered',
      label: t('statistics.churn.registered'),
      value: formatValue('count', churn.registered),
      note: asOf,
    },
    {
      key: 'lost',
      label: t('statistics.churn.lost'),
      value: formatValue('count', churn.lost),
      note: asOf,
    },
    {
      key: 'churn_rate',
      label: t('statistics.churn.rate'),
      value: formatValue('percent', churn.churn_rate),
      note: asOf,
    },
    {
      key: 'became_lost',
      label: t('statistics.churn.becameLost'),
      value: formatValue('count', churn.became_lost),
    },
  ]
}

/** Customers lost per bucket (bars) and the churn rate at each bucket's end (line, percent). */
export function churnChart(series: readonly ChurnPoint[], grain: Grain, t: Translate): Chart {
  return barAndLineChart(
    series.map((point) => bucketLabel(point, grain)),
    {
      key: 'became_lost',
      label: t('statistics.churn.becameLost'),
      kind: 'count',
      values: series.map((point) => point.became_lost),
    },
    {
      key: 'churn_rate',
      label: t('statistics.churn.rate'),
      kind: 'percent',
      values: series.map((point) => point.churn_rate),
    },
    t,
  )
}

/** The reasons of the cases confirmed lost in the period, as the dictionary words them. */
export function churnReasonsChart(reasons: readonly ChurnReason[], t: Translate): Chart {
  return ringChart(
    reasons.map((reason) => ({ name: reason.name || reason.code, value: reason.cases })),
    { label: t('statistics.churn.reason'), value: t('statistics.churn.cases') },
  )
}
