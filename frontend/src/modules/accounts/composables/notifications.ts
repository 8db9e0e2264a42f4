/**
 * Where clicking a notification leads: a path of this app (`/customers`), or nowhere for
 * no link or anything that would leave the site.
 */
export function notificationTarget(link: string | null | undefined): string | null {
  if (!link) return null
  const trimmed = link.trim()
  return trimmed.startsWith('/') && !trimmed.startsWith('//') ? trimmed : null
}
