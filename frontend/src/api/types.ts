/**
 * Names for the generated OpenAPI types (`schema.d.ts`, from the backend's `openapi.json`
 * by `npm run generate:api`). Nothing here is hand-written about responses: each name is a
 * generated schema.
 */
import type { components } from './schema'

type Schemas = components['schemas']

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** The part of every paginated answer that lists use. */
export interface Page<T> {
  count: number
  /** More rows match than the server counts (10,000): `count` stops there. */
  count_capped?: boolean
  results: T[]
}

export type ApiErrorBody = { code: string; message: string; fields?: Record<string, string[]> }

export type Me = Schemas['Me']
export type PasswordPolicy = Schemas['PasswordPolicy']
export type DepartmentKind = Schemas['DepartmentKindEnum']
export type DataScope = Schemas['DataScopeEnum']
export type Department = Schemas['Department']
export type DepartmentWrite = Schemas['DepartmentWriteRequest']
export type DepartmentTreeNode = Schemas['DepartmentTreeNode']
export type DepartmentMember = Schemas['DepartmentMember']
export type User = Schemas['User']
export type UserCreate = Schemas['UserCreateRequest']
export type UserUpdate = Schemas['PatchedUserUpdateRequest']
export type Membership = Schemas['Membership']
export type NamedCode = Schemas['CatalogueEntry']
export type PermissionCatalog = Schemas['PermissionCatalogue']
export type RoleWrite = Schemas['RoleWriteRequest']
export type DictionaryEntry = Schemas['DictionaryEntry']
export type DictionaryEntryWrite = Schemas['DictionaryEntryRequest']
export type DictionaryEntryUpdate = Schemas['PatchedDictionaryEntryUpdateRequest']
export type AuditEvent = Schemas['AuditEvent']

export type Role = Schemas['Role']
export type Parameter = Schemas['Parameter']
/** An integer, a boolean or a text, as the parameter's `kind` says. */
export type ParameterValue = Parameter['value']

export type SyncRun = Schemas['SyncRun']
export type SyncRunKind = Schemas['SyncRunKindEnum']
export type SyncRunOutcome = Schemas['OutcomeEnum']
export type SyncStatus = Schemas['SyncStatus']
export type MallEvent = Schemas['MallEvent']
export type MallEventStatus = Schemas['MallEventStatusEnum']

export type Customer = Schemas['Customer']
export type CustomerDetail = Schemas['CustomerDetail']
/** 未成交 / 正常 / 流失预警 / 已流失. */
export type CustomerStatus = Schemas['ChurnStatusEnum']
export type CustomerSource = Schemas['CustomerSourceEnum']
/** The customer fields shown masked until a permitted person reveals one. */
export type SensitiveField = Schemas['FieldEnum']
export type Ownership = Schemas['Ownership']
export type OwnershipSource = Schemas['OwnershipSourceEnum']
export type CustomerAssign = Schemas['AssignRequest']
export type CustomerAssignResult = Schemas['AssignResult']
export type CustomerRelease = Schemas['ReleaseRequest']
export type CustomerCreate = Schemas['CustomerCreateRequest']
export type CustomerUpdate = Schemas['PatchedCustomerWriteRequest']
export type ImportResult = Schemas['ImportResult']
export type ImportRow = Schemas['ImportRow']
export type ImportRowStatus = Schemas['ImportRowStatusEnum']

export type FollowUp = Schemas['FollowUp']
export type FollowUpCreate = Schemas['FollowUpRequest']
export type Contact = Schemas['Contact']
export type ContactCreate = Schemas['ContactCreateRequest']
export type ContactUpdate = Schemas['PatchedContactWriteRequest']
export type ChurnCase = Schemas['ChurnCase']
export type ChurnCaseDetail = Schemas['ChurnCaseDetail']
export type ChurnCaseStep = Schemas['ChurnCaseStep']
/** 流失预警 / 暂缓流失 / 确认流失 / 已恢复购买. */
export type ChurnCaseStatus = Schemas['ChurnCaseStatusEnum']
export type ChurnDefer = Schemas['DeferChurnRequest']
export type ChurnConfirm = Schemas['ConfirmChurnRequest']

export type Order = Schemas['Order']
export type OrderDetail = Schemas['OrderDetail']
export type OrderItem = Schemas['OrderItem']
export type OrderStatus = Schemas['OrderStatusEnum']
export type OrderStatusChange = Schemas['OrderStatusChange']
export type OrderSummary = Schemas['OrderSummary']

export type Export = Schemas['Export']
export type ExportRequest = Schemas['ExportRequestRequest']
export type ExportKind = Schemas['ExportRequestKindEnum']
export type ExportFormat = Schemas['FormatEnum']
export type ExportStatus = Schemas['ExportStatusEnum']

export type Notification = Schemas['Notification']
export type NotificationReadResult = Schemas['NotificationReadResult']

/** One subject's figures over a period (METRICS.md's names). */
export type Figures = Schemas['Figures']
/** A period of whole days `[start, end)`: `end` is the first day after it. */
export type StatisticsPeriod = Schemas['Period']
export type SeriesPoint = Schemas['SeriesPoint']
export type Performance = Schemas['Performance']
export type Breakdown = Schemas['Breakdown']
export type BreakdownRow = Schemas['BreakdownRow']
export type Ranking = Schemas['Ranking']
export type RankingRow = Schemas['RankingRow']
export type GroupRank = Schemas['GroupRank']
export type StatisticsDashboard = Schemas['Dashboard']
export type Products = Schemas['Products']
export type ProductRow = Schemas['ProductRow']
export type ProductPoint = Schemas['ProductPoint']
export type CustomerValue = Schemas['CustomerValue']
export type TopCustomer = Schemas['TopCustomer']
export type SpendPoint = Schemas['SpendPoint']
/** 购买频次分布: customers by how many purchases they made (0, 1, 2, 3-5, 6-10, 11+). */
export type FrequencyBand = Schemas['FrequencyBand']
export type CompositionRow = Schemas['CompositionRow']
/** 客户流失 statistics (not a churn case: that is `ChurnCase`). */
export type ChurnStatistics = Schemas['Churn']
export type ChurnPoint = Schemas['ChurnPoint']
export type ChurnReason = Schemas['ChurnReason']

/** 业绩分析报告; its `figures` are typed by the statistics module (`reportFigures.ts`). */
export type PerformanceReport = Schemas['PerformanceReport']
export type PerformanceReportListItem = Schemas['PerformanceReportList']
export type PerformanceReportWrite = Schemas['PerformanceReportWriteRequest']
