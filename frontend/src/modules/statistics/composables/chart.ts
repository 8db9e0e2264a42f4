import type { ChartOption } from '@/components/echarts'

import { formatValue, type FigureKind } from './figures'

/** A chart and the same numbers as a table, for the chart | table toggle beside every chart. */
export interface Chart {
  option: ChartOption
  table: ChartTable
}

export interface ChartColumn {
  key: string
  label: string
  kind: FigureKind | 'text'
}

export interface ChartTable {
  columns: ChartColumn[]
  rows: Record<string, string | number | null>[]
}

/** The current language's text for a key (with its named values): the page's `t`, a stub in tests. */
export type Translate = (key: string, named?: Record<string, string | number>) => string

/** A tooltip or axis formatter that shows numbers as the tables do. */
export const formatterOf =
  (kind: FigureKind) =>
  (value: unknown): string =>
    formatValue(kind, Array.isArray(value) ? value[0] : value)

/** The bars and lines start from a shared look: a legend on top, a tooltip, room for labels. */
export const BASE_OPTION = {
  legend: { top: 0, type: 'scroll' },
  grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
} satisfies ChartOption

/** Money on an axis: thousands separators, no currency sign, so the labels stay short. */
export const amountAxisLabel = { formatter: (value: number) => formatValue('count', value) }

/** One series of a bar-and-line chart: its name in the legend and the table, how it reads. */
export interface SeriesSpec {
  key: string
  label: string
  kind: FigureKind
  values: readonly (string | number | null)[]
}

const axisOf = (kind: FigureKind) =>
  kind === 'money'
    ? { type: 'value' as const, axisLabel: amountAxisLabel }
    : kind === 'count'
      ? { type: 'value' as const, minInterval: 1 }
      : { type: 'value' as const, axisLabel: { formatter: formatterOf(kind) } }

const numbers = (values: readonly (string | number | null)[]) =>
  values.map((value) => (value === null ? null : Number(value)))

/**
 * One figure as bars on the left axis and another as a line on the right one, per bucket
 * (a product's amount and quantity, a customer's spend and cumulative spend, churn), with
 * each value on hover as the tables show it, and the same numbers as a table.
 */
export function barAndLineChart(
  buckets: readonly string[],
  bar: SeriesSpec,
  line: SeriesSpec,
  t: Translate,
): Chart {
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: [...buckets] },
      yAxis: [axisOf(bar.kind), { ...axisOf(line.kind), splitLine: { show: false } }],
      series: [
        {
          type: 'bar',
          name: bar.label,
          data: numbers(bar.values),
          tooltip: { valueFormatter: formatterOf(bar.kind) },
        },
        {
          type: 'line',
          name: line.label,
          yAxisIndex: 1,
          data: numbers(line.values),
          tooltip: { valueFormatter: formatterOf(line.kind) },
        },
      ],
    },
    table: {
      columns: [
        { key: 'bucket', label: t('statistics.bucket'), kind: 'text' },
        { key: bar.key, label: bar.label, kind: bar.kind },
        { key: line.key, label: line.label, kind: line.kind },
      ],
      rows: buckets.map((bucket, index) => ({
        bucket,
        [bar.key]: bar.values[index] ?? null,
        [line.key]: line.values[index] ?? null,
      })),
    },
  }
}

/** Slices of a whole (customers by pharmacy type, churn reasons): a ring, and a table of them all. */
export function ringChart(
  slices: readonly { name: string; value: number }[],
  name: { label: string; value: string },
): Chart {
  return {
    option: {
      legend: { bottom: 0, type: 'scroll' },
      tooltip: { trigger: 'item', valueFormatter: formatterOf('count') },
      series: [
        {
          type: 'pie',
          name: name.value,
          radius: ['40%', '65%'],
          center: ['50%', '45%'],
          data: slices.filter((slice) => slice.value > 0),
          label: { formatter: '{b} {c}' },
        },
      ],
    },
    table: {
      columns: [
        { key: 'name', label: name.label, kind: 'text' },
        { key: 'value', label: name.value, kind: 'count' },
      ],
      rows: slices.map((slice) => ({ name: slice.name, value: slice.value })),
    },
  }
}

/** Counts per named bucket as upright bars (purchase frequency, provinces). */
export function columnChart(
  bars: readonly { name: string; value: number }[],
  name: { label: string; value: string },
): Chart {
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: bars.map((bar) => bar.name), axisLabel: { interval: 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: name.value,
          data: bars.map((bar) => bar.value),
          tooltip: { valueFormatter: formatterOf('count') },
        },
      ],
    },
    table: {
      columns: [
        { key: 'name', label: name.label, kind: 'text' },
        { key: 'value', label: name.value, kind: 'count' },
      ],
      rows: bars.map((bar) => ({ name: bar.name, value: bar.value })),
    },
  }
}
