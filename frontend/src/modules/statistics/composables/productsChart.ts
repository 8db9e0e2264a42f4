import type { Grain, ProductsBy } from '@/api/statistics'
import type { ProductPoint, ProductRow, Products, RankingRow } from '@/api/types'
import { formatMoney, formatNumber } from '@/utils/format'

import { barAndLineChart, type Chart, type Translate } from './chart'
import type { ValueCard } from './figures'
import { bucketLabel } from './period'
import { rankingChart } from './rankingChart'

/** 产品销售's headline: the period's sales amount and quantity (of the products in scope). */
export function productTotalsCards(
  totals: Pick<Products, 'sales_amount' | 'quantity'>,
  t: Translate,
): ValueCard[] {
  return [
    {
      key: 'sales_amount',
      label: t('statistics.figures.sales_amount'),
      value: formatMoney(totals.sales_amount),
    },
    {
      key: 'quantity',
      label: t('statistics.figures.quantity'),
      value: formatNumber(totals.quantity),
    },
  ]
}

const asRanking = (row: ProductRow): RankingRow => ({
  rank: row.rank,
  id: row.id,
  name: row.name,
  value: row.sales_amount,
})

/**
 * 畅销 or 滞销: the rows' sales amounts as ranked bars, and every column of the list as the
 * table (平均库存 and 库存周转率 "—" when unknown, METRICS.md); a category has no category.
 */
export function productListChart(rows: readonly ProductRow[], by: ProductsBy, t: Translate): Chart {
  const { option } = rankingChart(rows.map(asRanking), 'sales_amount', t)
  return {
    option,
    table: {
      columns: [
        { key: 'rank', label: t('statistics.rank'), kind: 'text' },
        { key: 'name', label: t(`statistics.subjects.${by}`), kind: 'text' },
        ...(by === 'product'
          ? [
              {
                key: 'category_name',
                label: t('statistics.subjects.category'),
                kind: 'text' as const,
              },
            ]
          : []),
        { key: 'sales_amount', label: t('statistics.figures.sales_amount'), kind: 'money' },
        { key: 'quantity', label: t('statistics.figures.quantity'), kind: 'count' },
        { key: 'average_stock', label: t('statistics.products.averageStock'), kind: 'decimal' },
        { key: 'inventory_turnover', label: t('statistics.products.turnover'), kind: 'decimal' },
      ],
      rows: rows.map((row) => ({
        id: row.id,
        rank: row.rank,
        name: row.name,
        category_name: row.category_name || null,
        sales_amount: row.sales_amount,
        quantity: row.quantity,
        average_stock: row.average_stock,
        inventory_turnover: row.inventory_turnover,
      })),
    },
  }
}

/** One product's (or category's) sales amount as bars and quantity as a line, per bucket. */
export function productTrendChart(
  series: readonly ProductPoint[],
  grain: Grain,
  t: Translate,
): Chart {
  return barAndLineChart(
    series.map((point) => bucketLabel(point, grain)),
    {
      key: 'sales_amount',
      label: t('statistics.figures.sales_amount'),
      kind: 'money',
      values: series.map((point) => point.sales_amount),
    },
    {
      key: 'quantity',
      label: t('statistics.figures.quantity'),
      kind: 'count',
      values: series.map((point) => point.quantity),
    },
    t,
  )
}

/** The name of the product or category whose trend is drawn, from either list; its id else. */
export function productName(
  lists: Pick<Products, 'best' | 'slowest'> | null,
  chosen: number,
): string {
  const row = [...(lists?.best ?? []), ...(lists?.slowest ?? [])].find((item) => item.id === chosen)
  return row?.name ?? `#${chosen}`
}
