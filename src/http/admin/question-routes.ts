import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { answerReview, draftOf, saveAnswer } from '../../services/questions/answer-review.ts';
import { attachmentsOf, openAttachment } from '../../services/questions/attachments.ts';
import { addHoliday, listHolidays, removeHoliday } from '../../services/questions/holidays.ts';
import { listQuestionsForStaff, questionDesk } from '../../services/questions/question-desk.ts';
import { assignQuestion, setQuestionPublished } from '../../services/questions/question-service.ts';
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
import { formOf, isRefusal, isValidation, refusalFields, sendHtml } from '../replies.ts';
import { registerReviewRoutes } from './review-routes.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';
import { sendPrivateDownload } from '../stored-files.ts';

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

/** What the detail page's forms keep of a refused post: the answer typed, the comment, the "công khai" box. */
function postedValues(form: Record<string, unknown>): Partial<QuestionDetailValues> {
  return {
    ...(typeof form.answer === 'string' ? { answer: form.answer } : {}),
    ...(typeof form.comment === 'string' ? { comment: form.comment } : {}),
    ...('publicly' in form ? { publicly: form.publicly === '1' } : {}),
  };
}

/** The newsroom's Q&A desk: list, detail, assign, answer, publish; and the holidays due dates skip. */
export function adminQuestionRoutes(app: FastifyInstance, storage: MediaStorage | undefined): void {
  const renderDetail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    errors: FieldError[] = [],
    status = 200,
    values: Partial<QuestionDetailValues> = {},
  ) => {
    const { actor } = authOf(request);
    const { question: q, assignees, review } = await questionDesk(app.db, actor, id);
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
      ownWork: review.ownWork,
    };
    const page = questionDetailAdminPage(adminContext(request), {
      q: view,
      assignees,
      errors,
      values: { answer: values.answer ?? draftOf(q), comment: values.comment ?? '', publicly: values.publicly ?? q.consent_publish === 1 },
    });
    return sendHtml(reply, page, status);
  };

  const review = registerReviewRoutes(app, {
    kind: answerReview,
    base: '/quan-tri/hoi-dap/:id',
    paths: { publish: 'duyet' },
    key: (request) => String(parse(IdParams, request.params).id),
    done: (key, notice) => `/quan-tri/hoi-dap/${key}?ok=${notice}`,
    refused: (request, reply, key, errors, status) => renderDetail(request, reply, Number(key), errors, status, postedValues(formOf(request.body))),
    saves: (form) => ('answer' in form ? { answer: form.answer } : undefined),
  });

  /** Runs one action of the detail page: back to the page with a notice, or the page again with the refusal beside its form. */
  const act = async (request: FastifyRequest, reply: FastifyReply, id: number, run: () => Promise<void>, ok: string) => {
    try {
      await run();
    } catch (error) {
      if (!isRefusal(error)) throw error;
      return renderDetail(request, reply, id, refusalFields(error), error.status, postedValues(formOf(request.body)));
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=${ok}`, 303);
  };

  const renderHolidays = async (request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = [], values = { day: '', name: '' }) => {
    const { actor } = authOf(request);
    const holidays = (await listHolidays(app.db, actor.siteId)).map((h) => ({ id: h.id, day: formatDay(h.day), name: h.name }));
    return sendHtml(reply, holidaysAdminPage(adminContext(request), { holidays, errors, values }), errors);
  };

  app.get('/quan-tri/hoi-dap', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const { trang_thai, qua_han } = parse(ListQuery, request.query);
    const today = vietnamDayOf(new Date());
    const { rows, assignees } = await listQuestionsForStaff(
      app.db,
      actor,
      { status: trang_thai || undefined, overdueBefore: qua_han ? today : undefined },
      today,
    );
    const names = new Map(assignees.map((a) => [a.id, a.name]));
    return sendHtml(
      reply,
      questionListAdminPage(adminContext(request), { rows: rows.map((q) => presentRow(q, today, names)), status: trang_thai, overdue: qua_han }),
    );
  });

  app.get('/quan-tri/hoi-dap/ngay-nghi', { config: { access: 'question.answer' } }, (request, reply) => renderHolidays(request, reply));

  app.post('/quan-tri/hoi-dap/ngay-nghi', { config: { access: 'question.answer' } }, async (request, reply) => {
    const form = formOf(request.body);
    try {
      await addHoliday(app.db, authOf(request).actor, form);
    } catch (error) {
      if (!isValidation(error)) throw error;
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
    if (!storage) throw new AppError('media_not_found');
    const file = await openAttachment(app.db, authOf(request).actor, storage, id, n - 1);
    return sendPrivateDownload(reply, storage, file);
  });

  app.get('/quan-tri/hoi-dap/:id', { config: { access: 'question.answer' } }, (request, reply) =>
    renderDetail(request, reply, parse(IdParams, request.params).id),
  );

  app.post('/quan-tri/hoi-dap/:id/phan-cong', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      const { assignee } = parse(AssignBody, formOf(request.body));
      await assignQuestion(app.db, authOf(request).actor, id, assignee);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderDetail(
        request,
        reply,
        id,
        error.fields.map((f) => ({ ...f, field: 'assignee' })),
        400,
      );
    }
    return reply.redirect(`/quan-tri/hoi-dap/${id}?ok=luu`, 303);
  });

  // "Lưu nháp" or "Gửi duyệt": the same form, two buttons; sending saves the text first.
  app.post('/quan-tri/hoi-dap/:id/tra-loi', { config: { access: 'question.answer' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const form = formOf(request.body);
    if (parse(AnswerAction, form).action === 'gui-duyet') return review.act(request, reply, 'submit');
    return act(request, reply, id, () => saveAnswer(app.db, authOf(request).actor, id, form), 'luu');
  });

  app.post('/quan-tri/hoi-dap/:id/cong-khai', { config: { access: 'question.publish' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { publish } = parse(PublishBody, formOf(request.body));
    return act(request, reply, id, () => setQuestionPublished(app.db, authOf(request).actor, id, publish === '1'), publish === '1' ? 'xuat-ban' : 'luu');
  });
}
