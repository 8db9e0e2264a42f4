import { describe, expect, it } from 'vitest'

import type { PerformanceReport } from '@/api/types'

import { generatedTitle, newReportForm, periodText, reportBody, reportToForm } from './reportForm'

const report = (overrides: Partial<PerformanceReport> = {}): PerformanceReport => ({
  id: 7,
  department: 2,
  department_name: '华东大区',
  start: '2026-11-01',
  end: '2026-12-01',
  title: '华东大区 2026-11-01 至 2026-11-30 业绩分析报告',
  summary: '销售额增长',
  plan: '加强回访',
  figures: {},
  figures_at: '2026-12-01T09:00:00Z',
  author: 3,
  author_name: '王建国',
  created_at: '2026-12-01T09:00:00Z',
  updated_at: '2026-12-01T09:00:00Z',
  ...overrides,
})

describe('the report form', () => {
  it('starts a new report on last month, with no unit and no words', () => {
    expect(newReportForm()).toEqual({
      department: null,
      period: { period: 'last_month', start: '', end: '' },
      title: '',
      summary: '',
      plan: '',
    })
  })

  it('is not sent before a unit is chosen', () => {
    expect(reportBody(newReportForm(), '2026-12-15')).toBeNull()
  })

  it('sends the unit, the period’s days (the end exclusive) and the words', () => {
    const form = {
      ...newReportForm(),
      department: 2,
      title: '  十一月报告 ',
      summary: '总结',
      plan: '计划',
    }
    expect(reportBody(form, '2026-12-15')).toEqual({
      department: 2,
      start: '2026-11-01',
      end: '2026-12-01',
      title: '十一月报告',
      summary: '总结',
      plan: '计划',
    })
  })

  it('opens a saved report on its own days, leaving a generated title blank', () => {
    expect(reportToForm(report())).toEqual({
      department: 2,
      period: { period: 'custom', start: '2026-11-01', end: '2026-12-01' },
      title: '',
      summary: '销售额增长',
      plan: '加强回访',
    })
    expect(reportToForm(report({ title: '十一月复盘' })).title).toBe('十一月复盘')
  })

  it('names a period by its first and last day', () => {
    expect(periodText({ start: '2026-11-01', end: '2026-12-01' })).toBe('2026-11-01 – 2026-11-30')
    expect(generatedTitle(report())).toBe('华东大区 2026-11-01 至 2026-11-30 业绩分析报告')
  })
})
