import { ref } from 'vue'

import { orgApi } from '@/api/org'
import type { DepartmentTreeNode } from '@/api/types'

const tree = ref<DepartmentTreeNode[]>([])
const loading = ref(false)
let pending: Promise<void> | null = null

async function fetchTree(): Promise<void> {
  loading.value = true
  try {
    tree.value = await orgApi.departmentTree()
  } finally {
    loading.value = false
  }
}

/** The department tree, shared by the tree panel and every department picker; reload after changes. */
export function useDepartmentTree() {
  function reload(): Promise<void> {
    pending ??= fetchTree().finally(() => {
      pending = null
    })
    return pending
  }
  if (!tree.value.length && !pending) void reload().catch(() => undefined)
  return { tree, loading, reload }
}
