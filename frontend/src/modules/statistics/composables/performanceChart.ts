import type { Grain } from '@/api/statistics'
import type { Figures, SeriesPoint } from '@/api/types'

import { amountAxisLabel, BASE_OPTION, formatterOf, type Chart, type Translate } from './chart'
import { bucketLabel } from './period'

/** 销售额 (bars, left axis) and 订单数 (line, right axis) per bucket of the series (a report's too). */
export function performanceChart(
  series: readonly Pick<SeriesPoint, 'start' | 'sales_amount' | 'order_count'>[],
  grain: Grain,
  t: Translate,
): Chart {
  const sales = t('statistics.figures.sales_amount')
  const orders = t('statistics.figures.order_count')
  const labels = series.map((point) => bucketLabel(point, grain))
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: labels },
      yAxis: [
        { type: 'value', axisLabel: amountAxisLabel },
        { type: 'value', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: sales,
          data: series.map((point) => Number(point.sales_amount)),
          tooltip: { valueFormatter: formatterOf('money') },
        },
        {
          type: 'line',
          name: orders,
          yAxisIndex: 1,
          data: series.map((point) => point.order_count),
          tooltip: { valueFormatter: formatterOf('count') },
        },
      ],
    },
    table: {
      columns: [
        { key: 'bucket', label: t('statistics.bucket'), kind: 'text' },
        { key: 'sales_amount', label: sales, kind: 'money' },
        { key: 'order_count', label: orders, kind: 'count' },
      ],
      rows: series.map((point, index) => ({
        bucket: labels[index] ?? point.start,
        sales_amount: point.sales_amount,
        order_count: point.order_count,
      })),
    },
  }
}

export const ORDER_STATUS_FIGURES = [
  'pending_payment_count',
  'paid_count',
  'shipped_count',
  'completed_count',
  'cancelled_count',
] as const satisfies readonly (keyof Figures)[]

/** The period's orders by current status, as a ring (订单数量, METRICS.md); the table lists every status. */
export function orderStatusChart(totals: Figures, t: Translate): Chart {
  const slices = ORDER_STATUS_FIGURES.map((key) => ({
    name: t(`statistics.figures.${key}`),
    value: totals[key],
  }))
  return {
    option: {
      tooltip: { trigger: 'item', valueFormatter: formatterOf('count') },
      series: [
        {
          type: 'pie',
          name: t('statistics.figures.order_count'),
          radius: ['40%', '68%'],
          // An empty status would only crowd the labels.
          data: slices.filter((slice) => slice.value > 0),
          label: { formatter: '{b} {c}' },
        },
      ],
    },
    table: {
      columns: [
        { key: 'status', label: t('statistics.status'), kind: 'text' },
        { key: 'count', label: t('statistics.figures.order_count'), kind: 'count' },
      ],
      rows: slices.map((slice) => ({ status: slice.name, count: slice.value })),
    },
  }
}
