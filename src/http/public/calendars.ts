import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { calendarTag } from '../../services/calendars/calendar-tags.ts';
import { readReceptionSchedule } from '../../services/calendars/reception-schedule.ts';
import { readCalendarWeek } from '../../services/calendars/work-calendar.ts';
import { type IsoWeek, currentWeek, parseWeekKey } from '../../services/calendars/weeks.ts';
import { calendarWeekPage, presentCalendarWeek, presentReceptionSlot, receptionPage } from '../../views/pages/calendars.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

const WEEK_FORMAT = 'tuần phải viết dạng năm-Wsố tuần, ví dụ 2026-W48';
const WeekParams = z.object({
  tuan: z
    .string()
    .max(20, WEEK_FORMAT)
    .regex(/^\d{4}-[Ww]\d{2}$/, WEEK_FORMAT),
});

/** A well-formed week key that names no week (W00, W53 of a 52-week year) is a page that does not exist. */
function weekOf(key: string): IsoWeek {
  const parsed = parseWeekKey(key);
  if (!parsed.ok) throw new AppError('not_found', `Không có tuần ${key} trong lịch (một năm có 52 hoặc 53 tuần).`);
  return parsed.week;
}

/** GET /lich-cong-tac (this week, in Vietnam time), /lich-cong-tac/2026-W48 and /lich-tiep-cong-dan. */
export function publicCalendarRoutes(app: FastifyInstance): void {
  const renderWeek = async (request: FastifyRequest, week: IsoWeek, isCurrent: boolean) => {
    const content = await readCalendarWeek(app.db, siteOf(request).id, week);
    return calendarWeekPage(pageContext(request), presentCalendarWeek(content, isCurrent));
  };

  // Not cached: which week is "this week" changes at midnight on Monday, and the page cache has no clock.
  app.get('/lich-cong-tac', async (request, reply) => reply.type('text/html; charset=utf-8').send(await renderWeek(request, currentWeek(new Date()), true)));

  app.get('/lich-cong-tac/:tuan', { config: { cache: true } }, async (request, reply) => {
    const { tuan } = parse(WeekParams, request.params);
    const page = await renderWeek(request, weekOf(tuan), false);
    request.cacheTags = [calendarTag(siteOf(request).id)];
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.get('/lich-tiep-cong-dan', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const slots = await readReceptionSchedule(app.db, site.id);
    request.cacheTags = [calendarTag(site.id)];
    return reply.type('text/html; charset=utf-8').send(receptionPage(pageContext(request), slots.map(presentReceptionSlot)));
  });
}
