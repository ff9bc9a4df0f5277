import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { RECEPTION_KEY, RECEPTION_TITLE, receptionReview, weekLabel, workWeekReview } from '../../services/calendars/calendar-review.ts';
import { deleteReceptionSlot, loadReceptionSlot, parseReceptionSlot, saveReceptionSlot, staffReception } from '../../services/calendars/reception-schedule.ts';
import {
  copyPreviousWeek,
  deleteCalendarEntry,
  loadCalendarEntry,
  parseCalendarEntry,
  saveCalendarEntry,
  staffWeek,
} from '../../services/calendars/work-calendar.ts';
import { type IsoWeek, addWeeks, currentWeek, isoWeekOf, parseDisplayDay, parseWeekKey, weekKey } from '../../services/calendars/weeks.ts';
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
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isValidation, sendHtml } from '../replies.ts';
import { registerReviewRoutes } from './review-routes.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });
const WeekQuery = z.object({ tuan: z.string().max(40).default('') });
const isoWeek = z.string().transform((v, ctx) => {
  const parsed = parseWeekKey(v);
  return parsed.ok ? parsed.week : (ctx.addIssue({ code: 'custom', message: 'tuần phải viết dạng 2026-W48 (có thật)' }), z.NEVER);
});
const CopyBody = z.object({ tuan: isoWeek });
const WeekParams = z.object({ tuan: isoWeek });
const EDIT = { config: { access: 'calendar.edit' as const } };
const EMPTY_ENTRY: EntryFormValues = { day: '', session: '', start_time: '', task: '', presider: '', participants: '', location: '' };
const EMPTY_SLOT: SlotFormValues = { official_name: '', position: '', days: '', hours: '', place: '', sort_order: '' };
const weekOf = (key: string) => parse(WeekParams, { tuan: key }).tuan;

/** "2026-W48", or a day dd/mm/yyyy within the week; blank is this week. */
function readWeekInput(value: string): IsoWeek | null {
  if (!value.trim()) return currentWeek(new Date());
  const parsed = parseWeekKey(value);
  if (parsed.ok) return parsed.week;
  const day = parseDisplayDay(value);
  return day ? isoWeekOf(day) : null;
}

async function renderWeek(
  request: FastifyRequest,
  reply: FastifyReply,
  week: IsoWeek,
  options: { weekInput?: string; values?: EntryFormValues; errors?: FieldError[]; status?: number } = {},
) {
  const { entries, review } = await staffWeek(request.server.db, authOf(request).actor, week);
  const errors = options.errors ?? [];
  const page = calendarAdminPage(adminContext(request), {
    week,
    previous: addWeeks(week, -1),
    next: addWeeks(week, 1),
    weekInput: options.weekInput ?? weekKey(week),
    entries,
    values: options.values ?? EMPTY_ENTRY,
    errors,
    review: {
      ...review,
      label: 'Duyệt lịch công tác tuần',
      noun: workWeekReview.noun,
      actionBase: adminCalendarPaths.weekReview(week),
      publicUrl: null,
      errors,
    },
  });
  return sendHtml(reply, page, options.status ?? errors);
}

async function renderReception(request: FastifyRequest, reply: FastifyReply, values = EMPTY_SLOT, errors: FieldError[] = [], status?: number) {
  const { slots, review } = await staffReception(request.server.db, authOf(request).actor);
  const panel = {
    ...review,
    label: 'Duyệt lịch tiếp công dân',
    noun: receptionReview.noun,
    actionBase: adminCalendarPaths.reception(),
    publicUrl: null,
    errors,
  };
  return sendHtml(reply, receptionAdminPage(adminContext(request), { slots, values, errors, review: panel }), status ?? errors);
}

/**
 * Staff pages of Lịch công tác and Lịch tiếp công dân: editing behind
 * calendar.edit makes drafts; submitting too; returning, publishing and
 * unpublishing a week or the reception schedule need calendar.publish.
 */
export function adminCalendarRoutes(app: FastifyInstance): void {
  registerReviewRoutes(app, {
    kind: workWeekReview,
    base: '/quan-tri/lich-cong-tac/tuan/:tuan',
    key: (request) => weekKey(parse(WeekParams, request.params).tuan),
    done: (key, notice) => `${adminCalendarPaths.week(weekOf(key))}&ok=${notice}`,
    refused: (request, reply, key, errors, status) => renderWeek(request, reply, weekOf(key), { errors, status }),
    history: { title: (_request, key) => weekLabel(weekOf(key)), back: (key) => adminCalendarPaths.week(weekOf(key)), backLabel: 'Quay lại lịch tuần' },
  });
  registerReviewRoutes(app, {
    kind: receptionReview,
    base: '/quan-tri/lich-tiep-cong-dan',
    key: () => RECEPTION_KEY,
    done: (_key, notice) => `${adminCalendarPaths.reception()}?ok=${notice}`,
    refused: (request, reply, _key, errors, status) => renderReception(request, reply, EMPTY_SLOT, errors, status),
    history: { title: () => RECEPTION_TITLE, back: () => adminCalendarPaths.reception(), backLabel: 'Quay lại lịch tiếp công dân' },
  });

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
    const body = formOf(request.body);
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
    return sendHtml(reply, calendarEntryPage(adminContext(request), { id, week: isoWeekOf(entry.day), values: entryValuesOf(entry), errors: [] }));
  });

  app.post('/quan-tri/lich-cong-tac/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const body = formOf(request.body);
    try {
      const saved = await saveCalendarEntry(app.db, actor, id, parseCalendarEntry(body));
      return reply.redirect(`${adminCalendarPaths.week(saved.week)}&ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const entry = await loadCalendarEntry(app.db, actor, id);
      return sendHtml(
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
    const body = formOf(request.body);
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
    return sendHtml(reply, receptionSlotPage(adminContext(request), { id, values: slotValuesOf(slot), errors: [] }));
  });

  app.post('/quan-tri/lich-tiep-cong-dan/:id', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const body = formOf(request.body);
    try {
      await saveReceptionSlot(app.db, authOf(request).actor, id, parseReceptionSlot(body));
      return reply.redirect(`${adminCalendarPaths.reception()}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return sendHtml(reply, receptionSlotPage(adminContext(request), { id, values: slotValuesFrom(body), errors: error.fields }), error.fields);
    }
  });

  app.post('/quan-tri/lich-tiep-cong-dan/:id/xoa', EDIT, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await deleteReceptionSlot(app.db, authOf(request).actor, id);
    return reply.redirect(`${adminCalendarPaths.reception()}?ok=luu`, 303);
  });
}
