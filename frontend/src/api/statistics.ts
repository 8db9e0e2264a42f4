import type { paths } from './schema'
import { api, unwrap } from './client'

type Statistics =
  | '/api/v1/statistics/performance'
  | '/api/v1/statistics/breakdown'
  | '/api/v1/statistics/rankings'
  | '/api/v1/statistics/products'
  | '/api/v1/statistics/customers'
  | '/api/v1/statistics/churn'
type QueryOf<P extends Statistics> = NonNullable<paths[P]['get']['parameters']['query']>

/** The period (`start`, `end` exclusive, `grain`) and the narrowing (`rep`, `group`, `department`). */
export type PerformanceQuery = QueryOf<'/api/v1/statistics/performance'>
export type BreakdownQuery = QueryOf<'/api/v1/statistics/breakdown'>
export type RankingQuery = QueryOf<'/api/v1/statistics/rankings'>
/** 产品销售: `by` product or category; `product` or `category` asks for that one's series too. */
export type ProductsQuery = QueryOf<'/api/v1/statistics/products'>
/** 客户价值: `customer` asks for that customer's spend over the period too. */
export type CustomerValueQuery = QueryOf<'/api/v1/statistics/customers'>
export type ChurnQuery = QueryOf<'/api/v1/statistics/churn'>
export type ProductsBy = NonNullable<ProductsQuery['by']>
export type BreakdownBy = BreakdownQuery['by']
export type RankingSubject = RankingQuery['subject']
export type Grain = NonNullable<PerformanceQuery['grain']>

export const statisticsApi = {
  /** 销售员业绩: totals against the previous period and the series by grain. */
  performance: (query: PerformanceQuery) =>
    unwrap(api.GET('/api/v1/statistics/performance', { params: { query } })),
  /** 业绩对比: every rep, group or department in scope side by side, ranked by sales amount. */
  breakdown: (query: BreakdownQuery) =>
    unwrap(api.GET('/api/v1/statistics/breakdown', { params: { query } })),
  /** 业绩排名: one figure of a subject, either way; equal values share a rank. */
  rankings: (query: RankingQuery) =>
    unwrap(api.GET('/api/v1/statistics/rankings', { params: { query } })),
  /** 产品销售: totals, best and slowest sellers, and one product's or category's series. */
  products: (query: ProductsQuery) =>
    unwrap(api.GET('/api/v1/statistics/products', { params: { query } })),
  /** 客户价值: headline figures, purchase frequency, composition, top customers, one's spend. */
  customers: (query: CustomerValueQuery) =>
    unwrap(api.GET('/api/v1/statistics/customers', { params: { query } })),
  /** 客户流失: churn as of the period's end and per bucket, and the reasons of confirmed cases. */
  churn: (query: ChurnQuery) => unwrap(api.GET('/api/v1/statistics/churn', { params: { query } })),
  /** 工作台: today, this month against last month, the viewer's rank and the people in scope. */
  dashboard: () => unwrap(api.GET('/api/v1/statistics/dashboard')),
}
