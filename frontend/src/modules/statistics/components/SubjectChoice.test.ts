import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'

import { i18n } from '@/locales'

import SubjectChoice from './SubjectChoice.vue'

describe('SubjectChoice', () => {
  it('names each subject as the statistics do and says which one is picked', async () => {
    const wrapper = mount(SubjectChoice, {
      props: {
        subjects: ['group', 'department', 'rep'],
        subject: 'department',
        testid: 'breakdown-by',
      },
      global: { plugins: [i18n] },
    })

    const buttons = wrapper.findAll('[data-testid^="breakdown-by-"]')
    expect(buttons.map((button) => [button.attributes('data-testid'), button.text()])).toEqual([
      ['breakdown-by-group', '销售组'],
      ['breakdown-by-department', '部门'],
      ['breakdown-by-rep', '销售员'],
    ])
    expect(wrapper.find('.el-radio-button.is-active').text()).toBe('部门')

    await wrapper.find('[data-testid="breakdown-by-rep"] input').setValue(true)
    expect(wrapper.emitted('change')).toEqual([['rep']])
  })
})
