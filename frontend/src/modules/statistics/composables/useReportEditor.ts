import { computed, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'

import { reportsApi } from '@/api/reports'
import type { PerformanceReport } from '@/api/types'
import { useAction } from '@/composables/useAction'
import { useFormSubmit } from '@/composables/useFormSubmit'
import { businessToday } from '@/utils/format'

import { newReportForm, reportBody, reportToForm, type ReportForm } from './reportForm'
import { readReportFigures } from './reportFigures'

/**
 * The report page's state: the form, the saved report and its figures. Saving a new report
 * POSTs it and moves to its address (the same page, kept); saving again PUTs it, and the
 * server composes the figures anew each time.
 */
export function useReportEditor() {
  const { t } = useI18n()
  const router = useRouter()
  const { showError } = useAction()
  const { errors, saving, submit } = useFormSubmit()
  const form = reactive<ReportForm>(newReportForm())
  const report = shallowRef<PerformanceReport | null>(null)
  const loading = ref(false)
  const figures = computed(() => readReportFigures(report.value?.figures))

  async function load(id: number | null): Promise<void> {
    errors.value = {}
    if (id === null) {
      report.value = null
      Object.assign(form, newReportForm())
      return
    }
    // Just saved as new: the answer is the report, there is nothing to read again.
    if (report.value?.id === id) return
    loading.value = true
    try {
      const loaded = await reportsApi.get(id)
      report.value = loaded
      Object.assign(form, reportToForm(loaded))
    } catch (error) {
      await showError(error)
    } finally {
      loading.value = false
    }
  }

  async function save(): Promise<void> {
    const body = reportBody(form, businessToday())
    if (!body) {
      errors.value = { department: t('common.required', { field: t('statistics.reports.unit') }) }
      return
    }
    const current = report.value
    await submit(
      () => (current ? reportsApi.update(current.id, body) : reportsApi.create(body)),
      (saved) => {
        report.value = saved
        ElMessage.success(t('statistics.report.savedMessage', { title: saved.title }))
        if (!current) void router.replace({ name: 'statistics-report', params: { id: saved.id } })
      },
    )
  }

  return { form, report, figures, loading, saving, errors, load, save }
}
