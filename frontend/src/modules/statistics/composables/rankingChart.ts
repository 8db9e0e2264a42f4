import type { RankingRow } from '@/api/types'

import { BASE_OPTION, formatterOf, type Chart, type Translate } from './chart'
import { figureKind, type FigureName } from './figures'

/** Room per bar of the horizontal ranking chart, so twenty names stay readable. */
const BAR_HEIGHT = 28

/** The chart's height for so many rows: the rows' bars and the axis below them. */
export function rankingChartHeight(rows: number): string {
  return `${Math.max(3, rows) * BAR_HEIGHT + 60}px`
}

/** The ranked rows as horizontal bars, the first rank on top; an empty value draws no bar. */
export function rankingChart(rows: readonly RankingRow[], figure: FigureName, t: Translate): Chart {
  const kind = figureKind(figure)
  const label = t(`statistics.figures.${figure}`)
  const names = rows.map((row) => `${row.rank}. ${row.name}`)
  return {
    option: {
      ...BASE_OPTION,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: {
        type: 'value',
        axisLabel: { formatter: formatterOf(kind === 'money' ? 'count' : kind) },
      },
      yAxis: { type: 'category', inverse: true, data: names },
      series: [
        {
          type: 'bar',
          name: label,
          data: rows.map((row) => (row.value === null ? null : Number(row.value))),
          tooltip: { valueFormatter: formatterOf(kind) },
        },
      ],
    },
    table: {
      columns: [
        { key: 'rank', label: t('statistics.rank'), kind: 'text' },
        { key: 'name', label: t('statistics.name'), kind: 'text' },
        { key: 'value', label, kind },
      ],
      rows: rows.map((row) => ({ rank: row.rank, name: row.name, value: row.value })),
    },
  }
}
