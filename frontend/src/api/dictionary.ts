import type { paths } from './schema'
import { api, unwrap } from './client'
import type {
  DictionaryEntryUpdate,
  DictionaryEntryWrite,
  Parameter,
  ParameterValue,
  Query,
} from './types'

type EntryQuery = NonNullable<paths['/api/v1/dictionary/entries/']['get']['parameters']['query']>
type ParameterFromSchema = Omit<Parameter, 'value' | 'default'> & {
  value: unknown
  default: unknown
}

const byId = (id: number) => ({ params: { path: { id } } })

function asValue(value: unknown): ParameterValue {
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value ?? '')
}

/** The schema leaves `value` untyped; `kind` says what it is. */
function toParameter(parameter: ParameterFromSchema): Parameter {
  return { ...parameter, value: asValue(parameter.value), default: asValue(parameter.default) }
}

export const dictionaryApi = {
  types: () => unwrap(api.GET('/api/v1/dictionary/types/')),
  listEntries: (query: Query) =>
    unwrap(api.GET('/api/v1/dictionary/entries/', { params: { query: query as EntryQuery } })),
  createEntry: (body: DictionaryEntryWrite) =>
    unwrap(api.POST('/api/v1/dictionary/entries/', { body })),
  updateEntry: (id: number, body: DictionaryEntryUpdate) =>
    unwrap(api.PATCH('/api/v1/dictionary/entries/{id}/', { ...byId(id), body })),
  deleteEntry: (id: number) => unwrap(api.DELETE('/api/v1/dictionary/entries/{id}/', byId(id))),
  parameters: async () => (await unwrap(api.GET('/api/v1/parameters/'))).map(toParameter),
  updateParameter: async (key: string, value: ParameterValue) =>
    toParameter(
      await unwrap(
        api.PATCH('/api/v1/parameters/{key}/', { params: { path: { key } }, body: { value } }),
      ),
    ),
}
