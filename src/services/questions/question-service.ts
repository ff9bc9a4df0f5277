import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { AppError, validationError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { foldVietnamese, toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { notifyQuestionReceived } from '../notifications/question-mail.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { pagesChanged } from '../pages/page-changes.ts';
import { type Actor, can } from '../permissions.ts';
import type { MediaStorage } from '../storage/media-storage.ts';
import { parseInput } from '../validation.ts';
import { type QuestionAttachment, type QuestionFile, checkAttachments, discardAttachments, storeAttachments } from './attachments.ts';
import { checkRateLimit } from './form-guard.ts';
import { dueDayFor } from './holidays.ts';
import { vietnamDayOf } from './working-days.ts';

/** The cache tag of a site's public Q&A pages (list and details). */
export const qaTag = (siteId: number) => `s${siteId}:qa`;
export const PUBLIC_PAGE_SIZE = 10;

const text = (max: number, required: string) => z.string().trim().min(1, required).max(max, `tối đa ${max} ký tự`).transform(toNfc);

/** A resident's phone and e-mail on a public form (questions, comments on drafts); the forms ask for at least one. */
export const CONTACT_FIELDS = {
  phone: z
    .string()
    .trim()
    .max(20, 'tối đa 20 ký tự')
    .refine((v) => v === '' || /^\+?[\d .-]{8,20}$/.test(v), 'số điện thoại chỉ gồm chữ số (ít nhất 8 số)')
    .default(''),
  email: z
    .string()
    .trim()
    .max(200, 'tối đa 200 ký tự')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'thư điện tử chưa đúng dạng (ví dụ: ten@example.vn)')
    .default(''),
};

/** The public form, field by field; phone or e-mail, at least one. */
export const QuestionInput = z
  .object({
    name: text(120, 'hãy nhập họ và tên'),
    address: text(300, 'hãy nhập địa chỉ'),
    ...CONTACT_FIELDS,
    title: text(200, 'hãy nhập tiêu đề'),
    content: text(10_000, 'hãy nhập nội dung câu hỏi hoặc phản ánh'),
    consent: z
      .string()
      .optional()
      .transform((v) => v === '1' || v === 'on'),
  })
  .superRefine((value, ctx) => {
    if (!value.phone && !value.email)
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'hãy nhập số điện thoại hoặc thư điện tử (ít nhất một) để cơ quan liên hệ khi cần' });
  });
export type QuestionForm = z.input<typeof QuestionInput>;

/** What the resident is told after sending. */
export interface SubmitResult {
  code: string;
  dueOn: string;
  receivedAt: string;
}

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function newCode(year: number): string {
  let tail = '';
  for (let i = 0; i < 8; i++) tail += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `HD-${year}-${tail}`;
}

/** Normalises a typed code: spaces dropped, upper case. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

/** The folded text the public Q&A search looks in. */
export function searchTextOf(q: Pick<QuestionRow, 'title' | 'content' | 'answer'>): string {
  return foldVietnamese(`${q.title} ${q.content} ${htmlToPlainText(q.answer)}`);
}

/**
 * Takes a resident's question: checks the hourly limit of the IP, the fields
 * and the files (PDF, JPEG or PNG by their bytes, at most 2), stores the
 * files in the site's private folder (never the public media library), then
 * the question with its tracking code and due day, the
 * submission record, an audit row and the handlers' mail in one transaction. The form token and
 * the honeypot are checked by the caller before this runs.
 */
export async function submitQuestion(
  db: Kysely<Database>,
  siteId: number,
  input: unknown,
  options: { ip: string; files?: QuestionFile[]; media?: MediaStorage | undefined; now?: Date },
): Promise<SubmitResult> {
  const now = options.now ?? new Date();
  await checkRateLimit(db, siteId, options.ip, now);
  const form = parseInput(QuestionInput, input);
  const files = options.files ?? [];
  checkAttachments(files, options.media);
  const stored: QuestionAttachment[] = files.length ? await storeAttachments(options.media!, siteId, files) : [];
  try {
    return await saveQuestion(db, siteId, form, stored, options.ip, now);
  } catch (error) {
    if (stored.length) await discardAttachments(options.media!, siteId, stored);
    throw error;
  }
}

async function saveQuestion(
  db: Kysely<Database>,
  siteId: number,
  form: z.output<typeof QuestionInput>,
  stored: QuestionAttachment[],
  ip: string,
  now: Date,
): Promise<SubmitResult> {
  const dueOn = await dueDayFor(db, siteId, now);
  const receivedAt = now.toISOString();
  const year = Number(vietnamDayOf(now).slice(0, 4));
  return inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, siteId);
    let code = newCode(year);
    while (await repo.codeExists(code)) code = newCode(year);
    const id = await repo.insert({
      code,
      name: form.name,
      address: form.address,
      phone: form.phone,
      email: form.email.toLowerCase(),
      title: form.title,
      content: form.content,
      attachments: JSON.stringify(stored),
      consent_publish: form.consent ? 1 : 0,
      status: 'received',
      received_at: receivedAt,
      due_on: dueOn,
      search_text: searchTextOf({ title: form.title, content: form.content, answer: '' }),
      created_at: receivedAt,
      updated_at: receivedAt,
    });
    await repo.recordSubmission(ip, receivedAt);
    // Only the last hour counts; older records are dropped so the table stays small.
    await repo.pruneSubmissions(new Date(now.getTime() - 24 * 3_600_000).toISOString());
    await recordAudit(
      trx,
      { system: 'Người dân (biểu mẫu hỏi đáp)', siteId },
      { action: 'question.submitted', targetType: 'question', targetId: id, summary: `${code}: ${form.title}` },
    );
    await notifyQuestionReceived(trx, siteId, { id, code, title: form.title, due_on: dueOn }, now);
    return { code, dueOn, receivedAt };
  });
}

/** What anyone holding the code may see: never the name, address, phone or e-mail. */
export interface QuestionStatusView {
  code: string;
  title: string;
  status: QuestionRow['status'];
  receivedAt: string;
  dueOn: string;
  answer: string | null;
  answeredAt: string | null;
}

/** Looks a question up by its tracking code; null when there is none on this site. */
export async function lookupQuestion(db: Kysely<Database>, siteId: number, code: string): Promise<QuestionStatusView | null> {
  const row = await new QuestionRepository(db, siteId).findByCode(normaliseCode(code));
  if (!row) return null;
  return {
    code: row.code,
    title: row.title,
    status: row.status,
    receivedAt: row.received_at,
    dueOn: row.due_on,
    answer: row.status === 'answered' ? row.answer : null,
    answeredAt: row.answered_at,
  };
}

async function loadForStaff(repo: QuestionRepository, id: number): Promise<QuestionRow> {
  const row = await repo.findById(id);
  if (!row) throw new AppError('not_found', 'Không tìm thấy câu hỏi.');
  return row;
}

/** Gives a question to a staff member of the site; a received question becomes "Đang xử lý". Audited. */
export async function assignQuestion(db: Kysely<Database>, actor: Actor, id: number, assigneeId: number | null): Promise<void> {
  if (!can(actor, 'question.answer')) throw new AppError('forbidden');
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    const row = await loadForStaff(repo, id);
    const staff = await repo.assignees();
    const assignee = assigneeId === null ? null : staff.find((s) => s.id === assigneeId);
    if (assigneeId !== null && !assignee) throw validationError([{ field: 'assignee', message: 'người này không phải cán bộ của cổng' }]);
    await repo.update(id, { assigned_to: assigneeId, status: row.status === 'received' && assignee ? 'processing' : row.status, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      action: 'question.assigned',
      targetType: 'question',
      targetId: id,
      summary: `${row.code} → ${assignee?.name ?? 'chưa phân công'}`,
    });
  });
}

/**
 * Publishes (or withdraws) a Q&A on the public list. Only an answered
 * question whose sender agreed to publication may be published; the public
 * pages show title, question and answer, never who asked. Audited.
 */
export async function setQuestionPublished(db: Kysely<Database>, actor: Actor, id: number, publish: boolean): Promise<void> {
  if (!can(actor, 'question.publish')) throw new AppError('forbidden');
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    const row = await loadForStaff(repo, id);
    if (publish && row.status !== 'answered') throw validationError([{ field: 'publish', message: 'chỉ công khai được câu hỏi đã trả lời' }]);
    if (publish && !row.consent_publish) throw validationError([{ field: 'publish', message: 'người gửi không đồng ý công khai câu hỏi này' }]);
    const now = nowIso();
    await repo.update(id, { is_published: publish ? 1 : 0, published_at: publish ? (row.published_at ?? now) : null, updated_at: now });
    await recordAudit(trx, actor, { action: publish ? 'question.published' : 'question.unpublished', targetType: 'question', targetId: id, summary: row.code });
    await pagesChanged(trx, [qaTag(actor.siteId)]);
  });
}

/** A question as staff see it, with the name of whoever it is assigned to. */
export async function loadQuestionForStaff(db: Kysely<Database>, actor: Actor, id: number) {
  if (!can(actor, 'question.answer')) throw new AppError('forbidden');
  const repo = new QuestionRepository(db, actor.siteId);
  const row = await loadForStaff(repo, id);
  return { question: row, assignees: await repo.assignees() };
}

/** A page of the site's published Q&As, optionally matching a search (folded, so "dat dai" finds "đất đai"). */
export async function readPublishedQuestions(
  db: Kysely<Database>,
  siteId: number,
  search: string,
  page: number,
): Promise<{ items: QuestionRow[]; pagination: Pagination }> {
  const repo = new QuestionRepository(db, siteId);
  const folded = foldVietnamese(search.trim()).slice(0, 200);
  const pagination = paginate(await repo.countPublished(folded), page, PUBLIC_PAGE_SIZE);
  return { items: await repo.listPublished(folded, pagination.perPage, pagination.offset), pagination };
}

/** One published Q&A; not_found for anything unpublished. */
export async function readPublishedQuestion(db: Kysely<Database>, siteId: number, id: number): Promise<QuestionRow> {
  const row = await new QuestionRepository(db, siteId).findById(id);
  if (!row || !row.is_published) throw new AppError('not_found', 'Không tìm thấy câu hỏi.');
  return row;
}
