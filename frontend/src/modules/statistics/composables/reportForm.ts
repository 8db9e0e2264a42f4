import type { PerformanceReport, PerformanceReportWrite, StatisticsPeriod } from '@/api/types'

import { resolvePeriod, toPickerRange } from './period'
import type { PeriodFilters } from './statisticsQuery'

/** What the report page edits: the unit, the period as the period picker keeps it, the words. */
export interface ReportForm {
  department: number | null
  period: PeriodFilters
  title: string
  summary: string
  plan: string
}

/** A new report: last month, the most common thing to report on. */
export function newReportForm(): ReportForm {
  return {
    department: null,
    period: { period: 'last_month', start: '', end: '' },
    title: '',
    summary: '',
    plan: '',
  }
}

/** `2026-11-01 – 2026-11-30`: the period's first and last day (the API keeps the day after). */
export function periodText(period: StatisticsPeriod): string {
  return toPickerRange(period).join(' – ')
}

/** The title the server gives a report saved without one (crm/analytics/services.py). */
export function generatedTitle(
  report: Pick<PerformanceReport, 'department_name' | 'start' | 'end'>,
): string {
  const [first, last] = toPickerRange(report)
  return `${report.department_name} ${first} 至 ${last} 业绩分析报告`
}

/**
 * A saved report as the form: its own days; a title the server generated is left blank, so
 * a new unit or period gets a new one.
 */
export function reportToForm(report: PerformanceReport): ReportForm {
  return {
    department: report.department,
    period: { period: 'custom', start: report.start, end: report.end },
    title: report.title === generatedTitle(report) ? '' : report.title,
    summary: report.summary,
    plan: report.plan,
  }
}

/** The form as the API takes it; null until a unit is chosen. */
export function reportBody(form: ReportForm, today: string): PerformanceReportWrite | null {
  if (!form.department) return null
  return {
    department: form.department,
    ...resolvePeriod(form.period, today),
    title: form.title.trim(),
    summary: form.summary,
    plan: form.plan,
  }
}
