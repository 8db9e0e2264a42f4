import type {
  BreakdownBy,
  BreakdownQuery,
  ChurnQuery,
  CustomerValueQuery,
  PerformanceQuery,
  ProductsBy,
  ProductsQuery,
  RankingQuery,
  RankingSubject,
} from '@/api/statistics'

import { FIGURES_BY_SUBJECT, type FigureName } from './figures'
import { resolvePeriod, usableGrain } from './period'

/**
 * What the statistics pages keep in the URL, every value a string as the URL has it:
 * the period (a shortcut, or 自定义 with its days), and per page the grain and narrowing,
 * the subject compared or ranked, and the product or customer whose trend is drawn.
 */
export const PERIOD_FILTERS = { period: 'this_month', start: '', end: '' }
export const PERFORMANCE_FILTERS = {
  ...PERIOD_FILTERS,
  grain: 'day',
  group: '',
  department: '',
  rep: '',
}
export const BREAKDOWN_FILTERS = { ...PERIOD_FILTERS, by: 'department' }
export const RANKING_FILTERS = {
  ...PERIOD_FILTERS,
  subject: 'rep',
  figure: 'sales_amount',
  direction: 'desc',
}

/** 产品销售: by product or by category, and the one whose trend is drawn (by its kind). */
export const PRODUCT_FILTERS = {
  ...PERIOD_FILTERS,
  grain: 'day',
  by: 'product',
  product: '',
  category: '',
}
/**
 * 客户价值 reads best over the last twelve months (purchase frequency and cycles need more than
 * a month), by month; the API keeps that window per customer (decision 0009).
 */
export const CUSTOMER_VALUE_FILTERS = {
  period: 'last_12_months',
  start: '',
  end: '',
  grain: 'month',
  customer: '',
}
/** 客户流失 reads best as months over a year: one bucket of 本月 would say little. */
export const CHURN_FILTERS = { period: 'this_year', start: '', end: '', grain: 'month' }

export type PeriodFilters = typeof PERIOD_FILTERS
export type PerformanceFilters = typeof PERFORMANCE_FILTERS
export type BreakdownFilters = typeof BREAKDOWN_FILTERS
export type RankingFilters = typeof RANKING_FILTERS
export type ProductFilters = typeof PRODUCT_FILTERS
export type CustomerValueFilters = typeof CUSTOMER_VALUE_FILTERS
export type ChurnFilters = typeof CHURN_FILTERS

/** In the order the toggle offers them: groups, departments, people. */
export const BREAKDOWN_BY: readonly BreakdownBy[] = ['group', 'department', 'rep']
export const RANKING_SUBJECTS: readonly RankingSubject[] = [
  'rep',
  'group',
  'department',
  'product',
  'category',
  'customer',
]
export const PRODUCTS_BY: readonly ProductsBy[] = ['product', 'category']
/** How many rows a ranking shows (the API's default); also the best, slowest and top lists. */
export const RANKING_LIMIT = 20
/**
 * Breakdown and ranking read no series, so their grain only has to be one the API accepts
 * over any period it accepts: months.
 */
const UNUSED_GRAIN = 'month'

/** A positive id as the URL has it, else nothing. */
export const id = (value: string): number | undefined => {
  const number = Number(value)
  return value && Number.isInteger(number) && number > 0 ? number : undefined
}

export function performanceQuery(filters: PerformanceFilters, today: string): PerformanceQuery {
  const period = resolvePeriod(filters, today)
  const [rep, group, department] = [id(filters.rep), id(filters.group), id(filters.department)]
  return {
    ...period,
    grain: usableGrain(filters.grain, period),
    ...(rep && { rep }),
    ...(group && { group }),
    ...(department && { department }),
  }
}

export function breakdownQuery(filters: BreakdownFilters, today: string): BreakdownQuery {
  const by = (BREAKDOWN_BY as readonly string[]).includes(filters.by)
    ? (filters.by as BreakdownBy)
    : 'department'
  return { ...resolvePeriod(filters, today), grain: UNUSED_GRAIN, by }
}

/** A figure the subject has not (a product's 新客户开发) falls back to its sales amount. */
export function rankingFigure(subject: RankingSubject, figure: string): FigureName {
  const allowed: readonly string[] = FIGURES_BY_SUBJECT[subject]
  return allowed.includes(figure) ? (figure as FigureName) : 'sales_amount'
}

export function rankingQuery(filters: RankingFilters, today: string): RankingQuery {
  const subject = (RANKING_SUBJECTS as readonly string[]).includes(filters.subject)
    ? (filters.subject as RankingSubject)
    : 'rep'
  return {
    ...resolvePeriod(filters, today),
    grain: UNUSED_GRAIN,
    subject,
    figure: rankingFigure(subject, filters.figure),
    direction: filters.direction === 'asc' ? 'asc' : 'desc',
    limit: RANKING_LIMIT,
  }
}

export function productsBy(filters: Pick<ProductFilters, 'by'>): ProductsBy {
  return filters.by === 'category' ? 'category' : 'product'
}

/** The lists by product or category; the chosen one of that kind adds its series. */
export function productsQuery(filters: ProductFilters, today: string): ProductsQuery {
  const period = resolvePeriod(filters, today)
  const by = productsBy(filters)
  const chosen = id(by === 'product' ? filters.product : filters.category)
  return {
    ...period,
    grain: usableGrain(filters.grain, period),
    by,
    limit: RANKING_LIMIT,
    ...(chosen && (by === 'product' ? { product: chosen } : { category: chosen })),
  }
}

export function customerValueQuery(
  filters: CustomerValueFilters,
  today: string,
): CustomerValueQuery {
  const period = resolvePeriod(filters, today)
  const customer = id(filters.customer)
  return {
    ...period,
    grain: usableGrain(filters.grain, period),
    limit: RANKING_LIMIT,
    ...(customer && { customer }),
  }
}

export function churnQuery(filters: ChurnFilters, today: string): ChurnQuery {
  const period = resolvePeriod(filters, today)
  return { ...period, grain: usableGrain(filters.grain, period) }
}

/** An export holds the page's lists: the one drawn as a trend is no filter of theirs. */
export function withoutTrend(query: Record<string, unknown>): Record<string, unknown> {
  const trend = new Set(['product', 'category', 'customer'])
  return Object.fromEntries(Object.entries(query).filter(([key]) => !trend.has(key)))
}
