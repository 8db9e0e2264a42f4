import { onBeforeUnmount, onMounted, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'

import { accountsApi } from '@/api/accounts'
import type { Notification } from '@/api/types'
import { useAction } from '@/composables/useAction'

import { notificationTarget } from './notifications'

/** How often the bell asks for news while the page is visible. */
const POLL_MS = 60_000
const SHOWN = 10

/** The unread notifications behind the header's bell, polled while the tab is visible. */
export function useNotifications() {
  const { t } = useI18n()
  const router = useRouter()
  const { run } = useAction()
  const unread = ref(0)
  const items = shallowRef<Notification[]>([])
  const loading = ref(false)
  let timer: ReturnType<typeof setInterval> | undefined

  async function refresh(): Promise<void> {
    loading.value = true
    try {
      const page = await accountsApi.listNotifications({ unread: true, page_size: SHOWN })
      items.value = page.results
      unread.value = page.count
    } catch {
      // The bell stays as it was; the next poll tries again.
    } finally {
      loading.value = false
    }
  }

  /** Marks it read and follows its link. */
  async function open(notification: Notification): Promise<void> {
    items.value = items.value.filter((item) => item.id !== notification.id)
    try {
      unread.value = (await accountsApi.markNotificationsRead([notification.id])).unread
    } catch {
      unread.value = Math.max(0, unread.value - 1)
    }
    const target = notificationTarget(notification.link)
    if (target) await router.push(target)
  }

  async function markAllRead(): Promise<void> {
    const outcome = await run(() => accountsApi.markNotificationsRead(), t('notification.allRead'))
    if (outcome.ok) {
      unread.value = outcome.result.unread
      items.value = []
    }
  }

  function onVisibility(): void {
    if (document.visibilityState === 'visible') void refresh()
  }

  onMounted(() => {
    void refresh()
    timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh()
    }, POLL_MS)
    document.addEventListener('visibilitychange', onVisibility)
  })
  onBeforeUnmount(() => {
    clearInterval(timer)
    document.removeEventListener('visibilitychange', onVisibility)
  })

  return { unread, items, loading, refresh, open, markAllRead }
}
