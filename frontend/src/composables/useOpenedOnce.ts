import { ref, watch, type Ref } from 'vue'

/**
 * True from the first time `open` turns true, for good. A page mounts a dialog loaded with
 * `defineAsyncComponent` under it: the dialog's code (and the Element Plus parts only it
 * uses, such as the date picker) is fetched when someone first opens it, not with every
 * load of the page (docs/benchmarks.md, page load); once there, it stays mounted, so it
 * closes with its animation.
 */
export function useOpenedOnce(open: Ref<boolean>): Readonly<Ref<boolean>> {
  const opened = ref(open.value)
  watch(open, (value) => {
    if (value) opened.value = true
  })
  return opened
}
