import { reactive, watch, type Ref } from 'vue'

import { useFormSubmit } from './useFormSubmit'

/**
 * A form dialog's life: each opening starts from `blank()` with no errors left from the last
 * time, and a save that succeeds closes the dialog before the caller says what it means
 * (a message, an event). A refused save keeps the dialog open with the server's field errors.
 */
export function useDialogForm<F extends object>(open: Ref<boolean>, blank: () => F) {
  const { errors, saving, submit: submitForm } = useFormSubmit()
  const form = reactive(blank()) as F

  watch(open, (isOpen) => {
    if (!isOpen) return
    Object.assign(form, blank())
    errors.value = {}
  })

  async function submit<T>(action: () => Promise<T>, onSaved: (result: T) => void): Promise<void> {
    await submitForm(action, (result) => {
      open.value = false
      onSaved(result)
    })
  }

  return { form, errors, saving, submit }
}
