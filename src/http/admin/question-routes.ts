import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, type FieldError, validationError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { attachmentsOf, openAttachment } from '../../services/questions/attachments.ts';
import { addHoliday, listHolidays, removeHoliday } from '../../services/questions/holidays.ts';
import { approveAnswer, draftOf, returnAnswer, saveAnswer, submitAnswer } from '../../services/questions/answer-review.ts';
import { assignQuestion, loadQuestionForStaff, setQuestionPublished } from '../../services/questions/question-service.ts';
import { isOwnWork } from '../../services/workflow/rules.ts';
import { formatDay, vietnamDayOf } from '../../services/questions/working-days.ts';
import { formatDate } from '../../text/format.ts';
import {
  type QuestionDetailValues,
  holidaysAdminPage,
  questionDetailAdminPage,
  questionListAdminPage,
  type StaffQuestionRow,
} from '../../views/admin/questions.ts';
import { STATUS_NAMES } from '../../views/pages/questions.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const ListQuery = z.object({
  trang_thai: z.enum(['', 'received', 'processing', 'review', 'answered']).default(''),
  qua_han: z
    .string()
    .optional()
    .transform((v) => v === '1'),
});
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const FileParams = z.object({ id: z.coerce.number().int().positive(), n: z.coerce.number().int().min(1).max(100) });
const AssignBody = z.object({
  assignee: z
    .string()
    .default('')
    .transform((v) => (v === '' ? null : Number(v)))
    .pipe(z.number().int().positive().nullable()),
});
const PublishBody = z.object({ publish: z.enum(['0', '1']) });
const AnswerAction = z.object({ action: z.enum(['luu', 'gui-duyet']).default('luu') });

/** Staff see where the answer stands too: "Chờ duyệt", "Bị trả lại". */
function staffStatus(q: QuestionRow): string {
  if (q.answer_review === 'submitted') return q.status === 'answered' ? 'Đã trả lời · bản sửa chờ duyệt' : 'Chờ duyệt';
  if (q.answer_review === 'returned') return q.status === 'answered' ? 'Đã trả lời · bản sửa bị trả lại' : 'Bị trả lại';
  return STATUS_NAMES[q.status];
}

/** Refusals of the answer's review shown on the detail page, beside the form they concern. */
const REVIEW_REFUSALS = new Set(['validation_failed', 'forbidden', 'invalid_transition']);

function presentRow(q: QuestionRow, today: string, names: Map<number, string>): StaffQuestionRow {
  return {
    id: q.id,
    code: q.code,
    title: q.title,
    status: staffStatus(q),
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
export function adminQuestionRoutes(app: FastifyInstance, mediaDir: string | undefined): void {
  const renderDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    refused: AppError | null = null,
    values: Partial<QuestionDetailValues> = {},
  ) => {
    const { actor } = authOf(request);
    const { question: q, assignees } = await loadQuestionForStaff(app.db, actor, id);
    const names = new Map(assignees.map((a) => [a.id, a.name]));
    const files = attachmentsOf(q).map((f, i) => ({ url: `/quan-tri/hoi-dap/${q.id}/tep/${i + 1}`, name: f.name }));
    const view = {
      ...presentRow(q, vietnamDayOf(new Date()), names),
      name: q.name,
      address: q.address,
      phone: q.phone,
      email: q.email,
      content: q.content,
      answer: q.status === 'answered' ? q.answer : '',
      answered: q.status === 'answered' && q.answered_at ? formatDate(q.answered_at) : null,
      consent: q.consent_publish === 1,
      assignedTo: q.assigned_to,
      files,
      review: q.answer_review,
      draft: draftOf(q),
      draftAuthor: q.draft_by ? (names.get(q.draft_by) ?? '—') : null,
      reviewComment: q.review_comment,
      ownWork: isOwnWork(actor, q.draft_by, q.draft_edited_by),
    };
    const errors: FieldError[] = refused ? (refused.fields.length ? refused.fields : [{ field: 'review', message: refused.message }]) : [];
    return reply
      .code(refused ? refused.status : 200)
      .type('text/html; charset=utf-8')
      .send(
        questionDetailAdminPage(adminContext(request), {
          q: view,
          assignees,
          errors,
          values: { answer: values.answer ?? draftOf(q), comment: values.comment ?? '', publicly: values.publicly ?? q.consent_publish === 1 },
        }),
      );
  };

  /** Runs one action of the detail page: back to the page with a notice, or the page again with the refusal. */
  const act = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    run: () => Promise<void>,
    ok: string,
    values: Partial<QuestionDetailValues> = {},
  ) => {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError) || !REVIEW_REFUSALS.has(error.code)) throw error;
      return renderDetail(request, reply, id, error, values);
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=${ok}`, 303);
  };

  const renderHolidays = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values = { day: '', name: '' }) => {
    const { actor } = authOf(request);
    const holidays = (await listHolidays(app.db, actor.siteId)).map((h) => ({ id: h.id, day: formatDay(h.day), name: h.name }));
    return reply
      .code(errors.length ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(holidaysAdminPage(adminContext(request), { holidays, errors, values }));
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

  // A resident's file, only to staff of this site who answer questions: always a download, never rendered in the page's origin.
  app.get('/quan-tri/hoi-dap/:id/tep/:n', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id, n } = parse(FileParams, request.params);
    if (!mediaDir) throw new AppError('media_not_found');
    const file = await openAttachment(app.db, authOf(request).actor, mediaDir, id, n - 1);
    return reply
      .headers({
        'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
      })
      .type(file.mime)
      .send(fs.createReadStream(file.file));
  });

  app.get('/quan-tri/hoi-dap/:id', { config: { access: 'question.answer' } }, (request, reply) =>
    renderDetail(request, reply, parse(IdParams, request.params).id),
  );

  app.post('/quan-tri/hoi-dap/:id/phan-cong', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      const { assignee } = parse(AssignBody, body(request));
      await assignQuestion(app.db, authOf(request).actor, id, assignee);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      return renderDetail(request, reply, id, validationError(error.fields.map((f) => ({ ...f, field: 'assignee' }))));
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=luu`, 303);
  });

  // "Lưu nháp" or "Gửi duyệt": the same form, two buttons.
  app.post('/quan-tri/hoi-dap/:id/tra-loi', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const form = body(request);
    const { action } = parse(AnswerAction, form);
    const run = action === 'gui-duyet' ? submitAnswer : saveAnswer;
    return act(request, reply, id, () => run(app.db, authOf(request).actor, id, form), action === 'gui-duyet' ? 'gui-duyet' : 'luu', {
      answer: String(form.answer ?? ''),
    });
  });

  app.post('/quan-tri/hoi-dap/:id/duyet', { config: { access: 'question.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const form = body(request);
    return act(request, reply, id, () => approveAnswer(app.db, authOf(request).actor, id, form), 'xuat-ban', { publicly: form.publicly === '1' });
  });

  app.post('/quan-tri/hoi-dap/:id/tra-lai', { config: { access: 'question.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const form = body(request);
    return act(request, reply, id, () => returnAnswer(app.db, authOf(request).actor, id, form), 'tra-lai', { comment: String(form.comment ?? '') });
  });

  app.post('/quan-tri/hoi-dap/:id/cong-khai', { config: { access: 'question.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { publish } = parse(PublishBody, body(request));
    return act(request, reply, id, () => setQuestionPublished(app.db, authOf(request).actor, id, publish === '1'), publish === '1' ? 'xuat-ban' : 'luu');
  });
}
