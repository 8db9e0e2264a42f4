import type { Grain } from '@/api/statistics'
import type {
  CompositionRow,
  CustomerValue,
  FrequencyBand,
  RankingRow,
  SpendPoint,
  TopCustomer,
} from '@/api/types'

import { barAndLineChart, columnChart, ringChart, type Chart, type Translate } from './chart'
import { formatValue, type ValueCard } from './figures'
import { bucketLabel } from './period'
import { rankingChart } from './rankingChart'

/** How many provinces the composition draws: the rest would be slivers. */
export const PROVINCES_SHOWN = 10

/** 客户价值's headline: customers who bought, what they spent, how often, how regularly. */
export function customerValueCards(value: CustomerValue, t: Translate): ValueCard[] {
  return [
    {
      key: 'purchasing_customers',
      label: t('statistics.customers.purchasing'),
      value: formatValue('count', value.purchasing_customers),
    },
    {
      key: 'sales_amount',
      label: t('statistics.customers.spend'),
      value: formatValue('money', value.sales_amount),
    },
    {
      key: 'purchase_count',
      label: t('statistics.figures.purchase_count'),
      value: formatValue('count', value.purchase_count),
    },
    {
      key: 'average_purchase_cycle_days',
      label: t('statistics.customers.cycle'),
      value: formatValue('decimal', value.average_purchase_cycle_days),
    },
  ]
}

/** 购买频次分布: how many customers made 0, 1, 2, 3–5, 6–10, 11+ purchases (METRICS.md). */
export function frequencyChart(bands: readonly FrequencyBand[], t: Translate): Chart {
  return columnChart(
    bands.map((band) => ({
      name: t('statistics.customers.band', { band: band.band }),
      value: band.customers,
    })),
    { label: t('statistics.figures.purchase_count'), value: t('statistics.customers.count') },
  )
}

/** Customers by 药店类型, named by the dictionary (`nameOf`), as a ring. */
export function pharmacyTypeChart(
  rows: readonly CompositionRow[],
  nameOf: (code: string) => string,
  t: Translate,
): Chart {
  return ringChart(
    rows.map((row) => ({ name: nameOf(row.key), value: row.customers })),
    { label: t('customer.pharmacyType'), value: t('statistics.customers.count') },
  )
}

/** Customers by 省份, the most first, the first ten. */
export function provinceChart(rows: readonly CompositionRow[], t: Translate): Chart {
  const top = [...rows]
    .sort((a, b) => b.customers - a.customers || a.key.localeCompare(b.key, 'zh-CN'))
    .slice(0, PROVINCES_SHOWN)
  return columnChart(
    top.map((row) => ({ name: row.key || '—', value: row.customers })),
    { label: t('customer.province'), value: t('statistics.customers.count') },
  )
}

/** The top customers' spend in the period as ranked bars (the table is the page's own). */
export function topCustomersChart(rows: readonly TopCustomer[], t: Translate): Chart {
  const ranked: RankingRow[] = rows.map((row) => ({
    rank: row.rank,
    id: row.id,
    name: row.name,
    value: row.sales_amount,
  }))
  return rankingChart(ranked, 'sales_amount', t)
}

/** One customer's spend per bucket (bars) and 累计消费金额 at each bucket's end (line). */
export function spendChart(series: readonly SpendPoint[], grain: Grain, t: Translate): Chart {
  return barAndLineChart(
    series.map((point) => bucketLabel(point, grain)),
    {
      key: 'sales_amount',
      label: t('statistics.customers.periodSpend'),
      kind: 'money',
      values: series.map((point) => point.sales_amount),
    },
    {
      key: 'cumulative_spend',
      label: t('statistics.customers.cumulativeSpend'),
      kind: 'money',
      values: series.map((point) => point.cumulative_spend),
    },
    t,
  )
}

/** The name of the customer whose spend is drawn, from the top list; its id else. */
export function customerName(top: readonly TopCustomer[], chosen: number): string {
  return top.find((row) => row.id === chosen)?.name ?? `#${chosen}`
}
