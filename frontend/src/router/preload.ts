import type { RouteLocationNormalized } from 'vue-router'

/**
 * Starts downloading the code of the page being opened (its layout and itself) at once. The
 * first navigation of a visit waits for the session probe (GET /auth/me) before the router
 * loads the page's code; asked for side by side they no longer wait for each other. The
 * router's own import later finds the modules loaded; a failure is left for it to report.
 */
export function preloadPage(to: Pick<RouteLocationNormalized, 'matched'>): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      // A lazy route component is a loader; a loaded one is an object (the app has no
      // functional route components).
      if (typeof component === 'function') {
        void (component as () => Promise<unknown>)().catch(() => undefined)
      }
    }
  }
}
