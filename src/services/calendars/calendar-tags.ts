/**
 * The cache tag of a site's calendar pages: every week of Lịch công tác and
 * Lịch tiếp công dân carry it, and every calendar command marks it stale.
 */
export function calendarTag(siteId: number): string {
  return `s${siteId}:calendar`;
}
