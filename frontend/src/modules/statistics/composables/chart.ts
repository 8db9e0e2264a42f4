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

/** The current language's text for a key: the page's `t`, a stub in tests. */
export type Translate = (key: string) => string

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
