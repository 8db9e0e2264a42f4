import type { Parameter, ParameterValue } from '@/api/types'

/** A parameter value as people read it: yes/no for switches, the range shown beside numbers. */
export function displayValue(
  parameter: Pick<Parameter, 'kind'>,
  value: ParameterValue,
  yes: string,
  no: string,
): string {
  if (parameter.kind === 'boolean') return value === true ? yes : no
  return String(value)
}

/** `1 ~ 365`, `≥ 1`, `≤ 30`, or '' when unbounded. */
export function rangeText(parameter: Pick<Parameter, 'minimum' | 'maximum'>): string {
  const { minimum, maximum } = parameter
  if (minimum !== null && maximum !== null) return `${minimum} ~ ${maximum}`
  if (minimum !== null) return `≥ ${minimum}`
  if (maximum !== null) return `≤ ${maximum}`
  return ''
}

export function isDefault(
  parameter: Pick<Parameter, 'value' | 'default'>,
  value: ParameterValue,
): boolean {
  return parameter.default === value
}
