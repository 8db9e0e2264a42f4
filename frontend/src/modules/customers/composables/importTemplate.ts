import type { ImportResult } from '@/api/types'

/** The columns the import reads, in the words of the UI (the backend accepts these headers). */
export const IMPORT_COLUMNS = [
  '单位名称',
  '药店类型',
  '客户姓名',
  '联系电话',
  '电子邮箱',
  '身份证号',
  '营业执照号',
  '省份',
  '城市',
  '区县',
  '地址',
  '归属销售',
] as const

/**
 * The template as CSV: the header row only (an example row would be imported if left in).
 * A byte-order mark lets Excel open the UTF-8 file with its Chinese intact.
 */
export function importTemplateCsv(): string {
  return `\uFEFF${IMPORT_COLUMNS.join(',')}\r\n`
}

export interface ImportCounts {
  total: number
  /** Rows without errors: checked in a dry run, entered otherwise. */
  good: number
  errors: number
}

export function importCounts(result: Pick<ImportResult, 'total' | 'error_count'>): ImportCounts {
  return {
    total: result.total,
    good: result.total - result.error_count,
    errors: result.error_count,
  }
}
