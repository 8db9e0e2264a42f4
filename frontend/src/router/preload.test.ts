import { describe, expect, it, vi } from 'vitest'
import type { RouteRecordNormalized } from 'vue-router'

import { preloadPage } from './preload'

const record = (components: RouteRecordNormalized['components']) =>
  ({ components }) as RouteRecordNormalized

describe('preloadPage', () => {
  it('starts loading the layout and the page, leaving loaded components alone', () => {
    const layout = vi.fn(() => Promise.resolve({}))
    const page = vi.fn(() => Promise.resolve({}))

    preloadPage({
      matched: [record({ default: layout }), record({ default: page }), record({ default: {} })],
    })

    expect(layout).toHaveBeenCalledOnce()
    expect(page).toHaveBeenCalledOnce()
  })

  it('leaves a failed download for the router to report', async () => {
    const failing = vi.fn(() => Promise.reject(new Error('offline')))

    expect(() => preloadPage({ matched: [record({ default: failing })] })).not.toThrow()
    await Promise.resolve()
    expect(failing).toHaveBeenCalledOnce()
  })
})
