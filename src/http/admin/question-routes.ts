import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { addHoliday, listHolidays, removeHoliday } from '../../services/questions/holidays.ts';
import { answerQuestion, assignQuestion, loadQuestionForStaff, setQuestionPublished } from '../../services/questions/question-service.ts';
import { formatDay, vietnamDayOf } from '../../services/questions/working-days.ts';
import { formatDate } from '../../text/format.ts';
import { holidaysAdminPage, questionDetailAdminPage, questionListAdminPage, type StaffQuestionRow } from '../../views/admin/questions.ts';
import { STATUS_NAMES } from '../../views/pages/questions.ts';
import { paths } from '../../views/presenters.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const ListQuery = z.object({
  trang_thai: z.enum(['', 'received', 'processing', 'answered']).default(''),
  qua_han: z.string().optional().transform((v) => v === '1'),
});
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const AssignBody = z.object({ assignee: z.string().default('').transform((v) => (v === '' ? null : Number(v))).pipe(z.number().int().positive().nullable()) });
const PublishBody = z.object({ publish: z.enum(['0', '1']) });

function presentRow(q: QuestionRow, today: string, names: Map<number, string>): StaffQuestionRow {
  return {
    id: q.id,
    code: q.code,
    title: q.title,
    status: STATUS_NAMES[q.status],
    received: formatDate(q.received_at),
    due: formatDay(q.due_on),
    overdue: q.status !== 'answered' && q.due_on < today,
    assignee: q.assigned_to ? (names.get(q.assigned_to) ?? '—') : 'Chưa phân công',
    published: q.is_published === 1,
  };
}

function body(request: FastifyRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}

/** The newsroom's Q&A desk: list, detail, assign, answer, publish; and the holidays due dates skip. */
export function adminQuestionRoutes(app: FastifyInstance): void {
  const renderDetail = async (request: FastifyRequest, reply: FastifyReply, id: number, errors: FieldError[] = [], answer?: string) => {
    const { actor } = authOf(request);
    const { question: q, assignees } = await loadQuestionForStaff(app.db, actor, id);
    const names = new Map(assignees.map((a) => [a.id, a.name]));
    const files = (JSON.parse(q.attachments) as Array<{ key: string; name: string }>).map((f) => ({ url: paths.media(f.key), name: f.name }));
    const view = {
      ...presentRow(q, vietnamDayOf(new Date()), names),
      name: q.name,
      address: q.address,
      phone: q.phone,
      email: q.email,
      content: q.content,
      answer: q.answer,
      consent: q.consent_publish === 1,
      assignedTo: q.assigned_to,
      files,
    };
    return reply
      .code(errors.length ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(questionDetailAdminPage(adminContext(request), { q: view, assignees, errors, answer: answer ?? q.answer }));
  };

  const renderHolidays = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values = { day: '', name: '' }) => {
    const { actor } = authOf(request);
    const holidays = (await listHolidays(app.db, actor.siteId)).map((h) => ({ id: h.id, day: formatDay(h.day), name: h.name }));
    return reply.code(errors.length ? 400 : 200).type('text/html; charset=utf-8').send(holidaysAdminPage(adminContext(request), { holidays, errors, values }));
  };

  app.get('/quan-tri/hoi-dap', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const { trang_thai, qua_han } = parse(ListQuery, request.query);
    const today = vietnamDayOf(new Date());
    const repo = new QuestionRepository(app.db, actor.siteId);
    const rows = await repo.listForStaff({ status: trang_thai || undefined, overdueBefore: qua_han ? today : undefined }, today, 500);
    const names = new Map((await repo.assignees()).map((a) => [a.id, a.name]));
    return reply
      .type('text/html; charset=utf-8')
      .send(questionListAdminPage(adminContext(request), { rows: rows.map((q) => presentRow(q, today, names)), status: trang_thai, overdue: qua_han }));
  });

  app.get('/quan-tri/hoi-dap/ngay-nghi', { config: { access: 'question.answer' } }, (request, reply) => renderHolidays(request, reply));

  app.post('/quan-tri/hoi-dap/ngay-nghi', { config: { access: 'question.answer' } }, async (request, reply) => {
    const form = body(request);
    try {
      await addHoliday(app.db, authOf(request).actor, form);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return renderHolidays(request, reply, error.fields, { day: String(form.day ?? ''), name: String(form.name ?? '') });
    }
    return reply.redirect('/quan-tri/hoi-dap/ngay-nghi?ok=luu', 303);
  });

  app.post('/quan-tri/hoi-dap/ngay-nghi/:id/xoa', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    await removeHoliday(app.db, authOf(request).actor, id);
    return reply.redirect('/quan-tri/hoi-dap/ngay-nghi?ok=luu', 303);
  });

  app.get('/quan-tri/hoi-dap/:id', { config: { access: 'question.answer' } }, (request, reply) => renderDetail(request, reply, parse(IdParams, request.params).id));

  app.post('/quan-tri/hoi-dap/:id/phan-cong', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      const { assignee } = parse(AssignBody, body(request));
      await assignQuestion(app.db, authOf(request).actor, id, assignee);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return renderDetail(request, reply, id, error.fields.map((f) => ({ ...f, field: 'assignee' })));
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=luu`, 303);
  });

  app.post('/quan-tri/hoi-dap/:id/tra-loi', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const form = body(request);
    try {
      await answerQuestion(app.db, authOf(request).actor, id, form);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return renderDetail(request, reply, id, error.fields, String(form.answer ?? ''));
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=luu`, 303);
  });

  app.post('/quan-tri/hoi-dap/:id/cong-khai', { config: { access: 'question.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { publish } = parse(PublishBody, body(request));
    try {
      await setQuestionPublished(app.db, authOf(request).actor, id, publish === '1');
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return renderDetail(request, reply, id, error.fields);
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=${publish === '1' ? 'xuat-ban' : 'luu'}`, 303);
  });
}
