import { RECEPTION_KEY, receptionReview, workWeekReview } from '../calendars/calendar-review.ts';
import { currentWeek, weekDays, weekKey } from '../calendars/weeks.ts';
import type { CheckRun } from './check.ts';
import { BASIS, countOf, defineCheck, missing, ok } from './check.ts';

/** How many rows each site's public sees of one reviewed list: the published snapshot, or the live rows of a list never reviewed. */
async function publicRowCounts(run: CheckRun, type: string, key: string, liveCounts: () => Promise<Array<{ site_id: number; count: number }>>) {
  const [items, live] = await Promise.all([run.reads.publishedItems(run.siteIds, type, [key]), liveCounts()]);
  return new Map(
    run.siteIds.map((id) => {
      const item = items.find((i) => i.site_id === id);
      const count = item ? (item.snapshot ? (JSON.parse(item.snapshot) as unknown[]).length : 0) : countOf(live, id);
      return [id, count];
    }),
  );
}

/** Lịch công tác: this week's calendar published with at least one entry. */
export const workCalendarCheck = defineCheck({
  key: 'lich-cong-tac',
  label: 'Lịch công tác tuần này',
  basis: BASIS,
  load(run) {
    const week = currentWeek(run.now);
    const days = weekDays(week);
    return publicRowCounts(run, workWeekReview.type, weekKey(week), () => run.reads.calendarEntryCounts(run.siteIds, days[0]!, days[6]!));
  },
  judge(site, counts, now) {
    const week = currentWeek(now);
    const fix = `/quan-tri/lich-cong-tac?tuan=${weekKey(week)}`;
    const count = counts.get(site.id) ?? 0;
    if (count === 0) return missing(`Chưa đăng lịch công tác tuần ${week.week}/${week.year}.`, fix);
    return ok(`Tuần ${week.week}/${week.year}: ${count} mục đã đăng.`, fix);
  },
});

/** Lịch tiếp công dân: the schedule published with at least one row. */
export const receptionScheduleCheck = defineCheck({
  key: 'tiep-cong-dan',
  label: 'Lịch tiếp công dân',
  basis: 'Luật Tiếp công dân 2013',
  load: (run) => publicRowCounts(run, receptionReview.type, RECEPTION_KEY, () => run.reads.receptionSlotCounts(run.siteIds)),
  judge(site, counts) {
    const count = counts.get(site.id) ?? 0;
    if (count === 0) return missing('Chưa đăng lịch tiếp công dân.', '/quan-tri/lich-tiep-cong-dan');
    return ok(`${count} buổi tiếp công dân đã đăng.`, '/quan-tri/lich-tiep-cong-dan');
  },
});
