import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { CalendarRepository } from '../../repositories/calendar-repository.ts';
import { ItemReviewRepository } from '../../repositories/item-review-repository.ts';
import { RECEPTION_KEY, receptionReview, weekLabel, workWeekReview } from '../../services/calendars/calendar-review.ts';
import {
  deleteReceptionSlot,
  loadReceptionSlot,
  parseReceptionSlot,
  reviewReceptionSchedule,
  saveReceptionSlot,
} from '../../services/calendars/reception-schedule.ts';
import {
  copyPreviousWeek,
  deleteCalendarEntry,
  loadCalendarEntry,
  parseCalendarEntry,
  reviewWeek,
  saveCalendarEntry,
} from '../../services/calendars/work-calendar.ts';
import { type IsoWeek, addWeeks, currentWeek, isoWeekOf, parseDisplayDay, parseWeekKey, weekDays, weekKey } from '../../services/calendars/weeks.ts';
import {
  type EntryFormValues,
  type SlotFormValues,
  adminCalendarPaths,
  calendarAdminPage,
  calendarEntryPage,
  entryValuesFrom,
  entryValuesOf,
  receptionAdminPage,
  receptionSlotPage,
  slotValuesFrom,
  slotValuesOf,
} from '../../views/admin/calendars.ts';
import type { ReviewAction, ReviewKind } from '../../services/workflow/item-review.ts';
import { type ReviewPanelView, reviewPanelView } from '../../views/admin/review-panel.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { sendItemRevisions } from './item-revisions.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const WeekQuery = z.object({ tuan: z.string().max(40).default('') });
const CopyBody = z.object({
  tuan: z.string().transform((v, ctx) => {
    const parsed = parseWeekKey(v);
    return parsed.ok ? parsed.week : (ctx.addIssue({ code: 'custom', message: 'tuần phải viết dạng 2026-W48 (có thật)' }), z.NEVER);
  }),
});
const EDIT = { config: { access: 'calendar.edit' as const } };
const WeekParams = z.object({
  tuan: z.string().transform((v, ctx) => {
    const parsed = parseWeekKey(v);
    return parsed.ok ? parsed.week : (ctx.addIssue({ code: 'custom', message: 'tuần phải viết dạng 2026-W48 (có thật)' }), z.NEVER);
  }),
});
const ReturnBody = z.object({ comment: z.string().max(10_000).optional() });
/** The review actions and the permission each route declares (the service checks again). */
const REVIEW_ROUTES: Array<{ path: string; action: ReviewAction; access: 'calendar.edit' | 'calendar.publish'; ok: string }> = [
  { path: 'gui-duyet', action: 'submit', access: 'calendar.edit', ok: 'gui-duyet' },
  { path: 'tra-lai', action: 'return', access: 'calendar.publish', ok: 'tra-lai' },
  { path: 'cong-bo', action: 'publish', access: 'calendar.publish', ok: 'xuat-ban' },
  { path: 'go', action: 'unpublish', access: 'calendar.publish', ok: 'go-bai' },
];
const EMPTY_ENTRY: EntryFormValues = { day: '', session: '', start_time: '', task: '', presider: '', participants: '', location: '' };
const EMPTY_SLOT: SlotFormValues = { official_name: '', position: '', days: '', hours: '', place: '', sort_order: '' };

const send = (reply: FastifyReply, page: string, errors: FieldError[] = []) =>
  reply
    .code(errors.length ? 400 : 200)
    .type('text/html; charset=utf-8')
    .send(page);
const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const isValidation = (error: unknown): error is AppError => error instanceof AppError && error.code === 'validation_failed';

/** "2026-W48", or a day dd/mm/yyyy within the week; blank is this week. */
function readWeekInput(value: string): IsoWeek | null {
  if (!value.trim()) return currentWeek(new Date());
  const parsed = parseWeekKey(value);
  if (parsed.ok) return parsed.week;
  const day = parseDisplayDay(value);
  return day ? isoWeekOf(day) : null;
}

/** The review panel of a week or of the reception schedule, without writing anything. */
async function reviewView(
  request: FastifyRequest,
  kind: ReviewKind,
  key: string,
  hasContent: boolean,
  actionBase: string,
  errors: FieldError[],
): Promise<ReviewPanelView> {
  const { actor } = authOf(request);
  const item = await new ItemReviewRepository(request.server.db, actor.siteId).find(kind.type, key);
  const label = kind === workWeekReview ? 'Duyệt lịch công tác tuần' : 'Duyệt lịch tiếp công dân';
  return reviewPanelView(actor, kind, item, hasContent, { label, actionBase, publicUrl: null }, errors);
}

async function renderWeek(
  request: FastifyRequest,
  reply: FastifyReply,
  week: IsoWeek,
  options: { weekInput?: string; values?: EntryFormValues; errors?: FieldError[] } = {},
) {
  const { actor } = authOf(request);
  const days = weekDays(week);
  const entries = await new CalendarRepository(request.server.db, actor.siteId).entriesBetween(days[0]!, days[6]!);
  const errors = options.errors ?? [];
  const base = adminCalendarPaths.weekReview(week);
  const page = calendarAdminPage(adminContext(request), {
    week,
    previous: addWeeks(week, -1),
    next: addWeeks(week, 1),
    weekInput: options.weekInput ?? weekKey(week),
    entries,
    values: options.values ?? EMPTY_ENTRY,
    errors,
    review: await reviewView(request, workWeekReview, weekKey(week), entries.length > 0, base, errors),
  });
  return send(reply, page, errors);
}

async function renderReception(request: FastifyRequest, reply: FastifyReply, values = EMPTY_SLOT, errors: FieldError[] = []) {
  const slots = await new CalendarRepository(request.server.db, authOf(request).actor.siteId).receptionSlots();
  const review = await reviewView(request, receptionReview, RECEPTION_KEY, slots.length > 0, adminCalendarPaths.reception(), errors);
  return send(reply, receptionAdminPage(adminContext(request), { slots, values, errors, review }), errors);
}

/**
 * Staff pages of Lịch công tác and Lịch tiếp công dân: editing behind
 * calendar.edit makes drafts; submitting too; returning, publishing and
 * unpublishing a week or the reception schedule need calendar.publish.
 */
export function adminCalendarRoutes(app: FastifyInstance): void {
  for (const route of REVIEW_ROUTES) {
    app.post(`/quan-tri/lich-cong-tac/tuan/:tuan/${route.path}`, { config: { access: route.access } }, async (request, reply) => {
      const { tuan } = parse(WeekParams, request.params);
      const { comment } = parse(ReturnBody, request.body ?? {});
      try {
        await reviewWeek(app.db, authOf(request).actor, tuan, route.action, comment);
        return reply.redirect(`${adminCalendarPaths.week(tuan)}&ok=${route.ok}`, 303);
      } catch (error) {
        if (!isValidation(error)) throw error;
        return renderWeek(request, reply, tuan, { errors: error.fields });
      }
    });
    app.post(`/quan-tri/lich-tiep-cong-dan/${route.path}`, { config: { access: route.access } }, async (request, reply) => {
      const { comment } = parse(ReturnBody, request.body ?? {});
      try {
        await reviewReceptionSchedule(app.db, authOf(request).actor, route.action, comment);
        return reply.redirect(`${adminCalendarPaths.reception()}?ok=${route.ok}`, 303);
      } catch (error) {
        if (!isValidation(error)) throw error;
        return renderReception(request, reply, EMPTY_SLOT, error.fields);
      }
    });
  }

  app.get('/quan-tri/lich-cong-tac/tuan/:tuan/phien-ban', EDIT, async (request, reply) => {
    const { tuan } = parse(WeekParams, request.params);
    const base = adminCalendarPaths.weekReview(tuan);
    return sendItemRevisions(request, reply, workWeekReview, weekKey(tuan), {
      title: weekLabel(tuan),
      back: adminCalendarPaths.week(tuan),
      backLabel: 'Quay lại lịch tuần',
      base: `${base}/phien-ban`,
    });
  });

  app.get('/quan-tri/lich-tiep-cong-dan/phien-ban', EDIT, (request, reply) =>
    sendItemRevisions(request, reply, receptionReview, RECEPTION_KEY, {
      title: 'Lịch tiếp công dân',
      back: adminCalendarPaths.reception(),
      backLabel: 'Quay lại lịch tiếp công dân',
      base: '/quan-tri/lich-tiep-cong-dan/phien-ban',
    }),
  );

  app.get('/quan-tri/lich-cong-tac', EDIT, async (request, reply) => {
    const { tuan } = parse(WeekQuery, request.query);
    const week = readWeekInput(tuan);
    if (week) return renderWeek(request, reply, week);
    return renderWeek(request, reply, currentWeek(new Date()), {
      weekInput: tuan,
      errors: [{ field: 'tuan', message: 'tuần phải viết dạng 2026-W48 (có thật), hoặc một ngày dd/mm/yyyy' }],
    });
  });

  app.post('/quan-tri/lich-cong-tac', EDIT, async (request, reply) => {
    const body = bodyOf(request);
    try {
      const saved = await saveCalendarEntry(app.db, authOf(request).actor, null, parseCalendarEntry(body));
      return reply.redirect(`${adminCalendarPaths.week(saved.week)}&ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const week = readWeekInput(typeof body.tuan === 'string' ? body.tuan : '') ?? currentWeek(new Date());
      return renderWeek(request, reply, week, { values: entryValuesFrom(body), errors: error.fields });
    }
  });

  app.post('/quan-tri/lich-cong-tac/sao-chep-tuan-truoc', EDIT, async (request, reply) => {
    const { tuan } = parse(CopyBody, request.body);
    await copyPreviousWeek(app.db, authOf(request).actor, tuan);
    return reply.redirect(`${adminCalendarPaths.week(tuan)}&ok=luu`, 303);
  });

  app.get('/quan-tri/lich-cong-tac/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const entry = await loadCalendarEntry(app.db, authOf(request).actor, id);
    return send(reply, calendarEntryPage(adminContext(request), { id, week: isoWeekOf(entry.day), values: entryValuesOf(entry), errors: [] }));
  });

  app.post('/quan-tri/lich-cong-tac/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const body = bodyOf(request);
    try {
      const saved = await saveCalendarEntry(app.db, actor, id, parseCalendarEntry(body));
      return reply.redirect(`${adminCalendarPaths.week(saved.week)}&ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const entry = await loadCalendarEntry(app.db, actor, id);
      return send(
        reply,
        calendarEntryPage(adminContext(request), { id, week: isoWeekOf(entry.day), values: entryValuesFrom(body), errors: error.fields }),
        error.fields,
      );
    }
  });

  app.post('/quan-tri/lich-cong-tac/:id/xoa', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const week = await deleteCalendarEntry(app.db, authOf(request).actor, id);
    return reply.redirect(`${adminCalendarPaths.week(week)}&ok=luu`, 303);
  });

  app.get('/quan-tri/lich-tiep-cong-dan', EDIT, (request, reply) => renderReception(request, reply));

  app.post('/quan-tri/lich-tiep-cong-dan', EDIT, async (request, reply) => {
    const body = bodyOf(request);
    try {
      await saveReceptionSlot(app.db, authOf(request).actor, null, parseReceptionSlot(body));
      return reply.redirect(`${adminCalendarPaths.reception()}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderReception(request, reply, slotValuesFrom(body), error.fields);
    }
  });

  app.get('/quan-tri/lich-tiep-cong-dan/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const slot = await loadReceptionSlot(app.db, authOf(request).actor, id);
    return send(reply, receptionSlotPage(adminContext(request), { id, values: slotValuesOf(slot), errors: [] }));
  });

  app.post('/quan-tri/lich-tiep-cong-dan/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const body = bodyOf(request);
    try {
      await saveReceptionSlot(app.db, authOf(request).actor, id, parseReceptionSlot(body));
      return reply.redirect(`${adminCalendarPaths.reception()}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return send(reply, receptionSlotPage(adminContext(request), { id, values: slotValuesFrom(body), errors: error.fields }), error.fields);
    }
  });

  app.post('/quan-tri/lich-tiep-cong-dan/:id/xoa', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await deleteReceptionSlot(app.db, authOf(request).actor, id);
    return reply.redirect(`${adminCalendarPaths.reception()}?ok=luu`, 303);
  });
}
