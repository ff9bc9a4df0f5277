import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { HONEYPOT_FIELD, checkFormToken, checkHoneypot, issueFormToken } from '../../services/questions/form-guard.ts';
import { MAX_ATTACHMENTS, type QuestionFile } from '../../services/questions/attachments.ts';
import { lookupQuestion, qaTag, readPublishedQuestion, readPublishedQuestions, submitQuestion } from '../../services/questions/question-service.ts';
import { formatDay } from '../../services/questions/working-days.ts';
import { formatDate } from '../../text/format.ts';
import { truncateTitle } from '../../text/vietnamese.ts';
import {
  type QaCard,
  type QuestionFormValues,
  STATUS_NAMES,
  qaPaths,
  questionDetailPage,
  questionFormPage,
  questionListPage,
  questionLookupPage,
  questionSentPage,
} from '../../views/pages/questions.ts';
import { readPostedForm } from '../multipart-form.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

/** Largest file a resident may attach. */
export const MAX_QUESTION_FILE_BYTES = 10 * 1024 * 1024;

const ListQuery = z.object({
  q: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => (Array.isArray(v) ? v.join(' ') : v).trim().slice(0, 200)),
  trang: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn').default(1),
});
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const CodeQuery = z.object({
  ma: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : v).trim().slice(0, 40)),
});

const EMPTY: QuestionFormValues = { name: '', address: '', phone: '', email: '', title: '', content: '', consent: false };

function valuesOf(fields: Record<string, string>): QuestionFormValues {
  return {
    name: fields.name ?? '',
    address: fields.address ?? '',
    phone: fields.phone ?? '',
    email: fields.email ?? '',
    title: fields.title ?? '',
    content: fields.content ?? '',
    consent: fields.consent === '1' || fields.consent === 'on',
  };
}

/** Reads a public form: urlencoded, or multipart with up to two (or maxFiles) buffered files. Text fields are read even when a file is refused. */
export async function readPublicForm(
  request: FastifyRequest,
  maxFiles = MAX_ATTACHMENTS,
): Promise<{ fields: Record<string, string>; files: QuestionFile[]; fileError: AppError | null }> {
  const posted = await readPostedForm(request, { maxFiles, fileSize: MAX_QUESTION_FILE_BYTES, fields: 20, fieldSize: 20_000 });
  // A public form has no ticked lists: the last value of a field counts.
  const fields = Object.fromEntries(Object.entries(posted.fields).map(([name, values]) => [name, values.at(-1)!]));
  return { fields, files: posted.files, fileError: posted.fileError };
}

function presentCard(q: QuestionRow): QaCard {
  return { url: qaPaths.detail(q.id), title: q.title, date: formatDate(q.answered_at ?? q.received_at), excerpt: truncateTitle(q.content, 40, 220) };
}

/** The public Q&A pages: the list and details (cached), the form, the receipt and the lookup by code (never cached). */
export function publicQuestionRoutes(app: FastifyInstance, storage: MediaStorage | undefined): void {
  const renderForm = async (request: FastifyRequest, reply: FastifyReply, values: QuestionFormValues, errors: FieldError[], status = 200) => {
    const site = siteOf(request);
    const token = await issueFormToken(app.db, site.id);
    return reply
      .code(status)
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(questionFormPage(pageContext(request), { values, errors, token, acceptsFiles: storage !== undefined }));
  };

  app.get('/hoi-dap', { config: { cache: true } }, async (request, reply) => {
    const { q, trang } = parse(ListQuery, request.query);
    const site = siteOf(request);
    const content = await readPublishedQuestions(app.db, site.id, q, trang);
    request.cacheTags = [qaTag(site.id)];
    return reply
      .type('text/html; charset=utf-8')
      .send(questionListPage(pageContext(request), { q, items: content.items.map(presentCard), pagination: content.pagination }));
  });

  app.get('/hoi-dap/cau-hoi/:id', { config: { cache: true } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const site = siteOf(request);
    const q = await readPublishedQuestion(app.db, site.id, id);
    request.cacheTags = [qaTag(site.id)];
    return reply.type('text/html; charset=utf-8').send(
      questionDetailPage(pageContext(request), {
        title: q.title,
        content: q.content,
        answer: q.answer,
        received: formatDate(q.received_at),
        answered: formatDate(q.answered_at ?? q.received_at),
      }),
    );
  });

  app.get('/hoi-dap/gui', (request, reply) => renderForm(request, reply, EMPTY, []));

  app.post('/hoi-dap/gui', async (request, reply) => {
    const site = siteOf(request);
    const { fields, files, fileError } = await readPublicForm(request);
    const values = valuesOf(fields);
    try {
      checkHoneypot(fields[HONEYPOT_FIELD]);
      await checkFormToken(app.db, site.id, fields.form_token ?? '');
      if (fileError) throw fileError;
      const result = await submitQuestion(app.db, site.id, fields, { ip: request.ip, files, media: storage });
      return reply.redirect(`/hoi-dap/da-gui?ma=${encodeURIComponent(result.code)}`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const errors = error.fields.length ? error.fields : [{ field: 'form_token', message: error.message }];
      return renderForm(request, reply, values, errors, error.status);
    }
  });

  app.get('/hoi-dap/da-gui', async (request, reply) => {
    const { ma } = parse(CodeQuery, request.query);
    const found = await lookupQuestion(app.db, siteOf(request).id, ma);
    if (!found) throw new AppError('not_found', 'Không tìm thấy câu hỏi với mã này.');
    return reply
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(questionSentPage(pageContext(request), { code: found.code, received: formatDate(found.receivedAt), due: formatDay(found.dueOn) }));
  });

  app.get('/hoi-dap/tra-cuu', async (request, reply) => {
    const { ma } = parse(CodeQuery, request.query);
    const found = ma ? await lookupQuestion(app.db, siteOf(request).id, ma) : null;
    const card = found && {
      code: found.code,
      title: found.title,
      status: STATUS_NAMES[found.status],
      received: formatDate(found.receivedAt),
      due: formatDay(found.dueOn),
      answer: found.answer,
      answered: found.answeredAt ? formatDate(found.answeredAt) : null,
    };
    const error = ma && !found ? 'không tìm thấy câu hỏi nào với mã này; hãy kiểm tra lại (ví dụ: HD-2026-7K3Q9PXM)' : null;
    return reply
      .code(error ? 404 : 200)
      .header('Cache-Control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(questionLookupPage(pageContext(request), { code: ma, found: card, error }));
  });
}
