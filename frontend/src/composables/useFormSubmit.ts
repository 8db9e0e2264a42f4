import { ref } from 'vue'

import { fieldErrors } from '@/utils/errors'

import { useAction } from './useAction'

/**
 * A form dialog's save: `saving` for the button, the server's field errors under their
 * fields, and the whole error as a message. The caller says what success means.
 */
export function useFormSubmit() {
  const { describe } = useAction()
  const errors = ref<Record<string, string>>({})
  const saving = ref(false)

  async function submit<T>(
    action: () => Promise<T>,
    onSuccess: (result: T) => void,
  ): Promise<void> {
    errors.value = {}
    saving.value = true
    try {
      onSuccess(await action())
    } catch (error) {
      errors.value = fieldErrors(error)
      ElMessage.error(describe(error))
    } finally {
      saving.value = false
    }
  }

  return { errors, saving, submit }
}
