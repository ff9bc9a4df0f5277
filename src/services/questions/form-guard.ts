import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type PublicForm, QuestionRepository } from '../../repositories/question-repository.ts';

/**
 * The public question form has no session and no captcha. Three checks keep
 * scripts out instead:
 * - a honeypot field people never see and never fill;
 * - a signed token carrying when the form was served: a post sooner than
 *   3 s after that is a bot, one older than 2 h is stale;
 * - at most 5 accepted questions per IP per hour, counted in the database
 *   so every process agrees.
 */
export const MIN_FILL_MS = 3_000;
export const MAX_FORM_AGE_MS = 2 * 3_600_000;
export const MAX_PER_HOUR = 5;
/** The honeypot's field name: plausible to a bot, hidden from people. */
export const HONEYPOT_FIELD = 'website';

async function secretOf(db: Kysely<Database>, siteId: number): Promise<string> {
  return new QuestionRepository(db, siteId).formSecret(randomBytes(32).toString('base64url'), nowIso());
}

function sign(secret: string, siteId: number, issuedMs: number, form: PublicForm): string {
  return createHmac('sha256', secret).update(`${form}:${siteId}:${issuedMs}`).digest('base64url');
}

/** A form token for a site and one of its public forms: "<issued ms>.<HMAC>", with the per-installation secret. */
export async function issueFormToken(db: Kysely<Database>, siteId: number, now = Date.now(), form: PublicForm = 'hoi-dap'): Promise<string> {
  return `${now}.${sign(await secretOf(db, siteId), siteId, now, form)}`;
}

/** Fails unless the token is ours, for this site and form, at least 3 s and at most 2 h old. */
export async function checkFormToken(db: Kysely<Database>, siteId: number, token: string, now = Date.now(), form: PublicForm = 'hoi-dap'): Promise<void> {
  const match = /^(\d{10,16})\.([\w-]{43})$/.exec(token);
  const invalid = () =>
    new AppError('validation_failed', 'Biểu mẫu không hợp lệ.', [
      { field: 'form_token', message: 'biểu mẫu không hợp lệ hoặc đã bị thay đổi; vui lòng gửi lại' },
    ]);
  if (!match) throw invalid();
  const issued = Number(match[1]);
  const expected = Buffer.from(sign(await secretOf(db, siteId), siteId, issued, form));
  const given = Buffer.from(match[2]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  const age = now - issued;
  if (age < MIN_FILL_MS) {
    throw new AppError('validation_failed', 'Gửi quá nhanh.', [
      { field: 'form_token', message: 'biểu mẫu được gửi quá nhanh sau khi mở trang; vui lòng kiểm tra lại nội dung rồi bấm Gửi lần nữa' },
    ]);
  }
  if (age > MAX_FORM_AGE_MS) {
    throw new AppError('validation_failed', 'Biểu mẫu đã hết hạn.', [
      { field: 'form_token', message: 'biểu mẫu đã mở quá 2 giờ nên đã hết hạn; nội dung vẫn được giữ, vui lòng bấm Gửi lần nữa' },
    ]);
  }
}

/** Fails when the honeypot field was filled: people never see it. */
export function checkHoneypot(value: string | undefined): void {
  if (value && value.trim() !== '') {
    throw new AppError('validation_failed', 'Không gửi được.', [
      { field: HONEYPOT_FIELD, message: 'ô “Để trống ô này” phải để trống; nếu bạn dùng công cụ tự điền, hãy xóa nội dung ô đó rồi gửi lại' },
    ]);
  }
}

const SENT_NOUN: Record<PublicForm, string> = { 'hoi-dap': 'câu hỏi', 'lay-y-kien': 'góp ý' };

/** Fails with rate_limited when the IP already sent 5 questions (or 5 comments, each form apart) in the last hour. */
export async function checkRateLimit(db: Kysely<Database>, siteId: number, ip: string, now = new Date(), form: PublicForm = 'hoi-dap'): Promise<void> {
  const since = new Date(now.getTime() - 3_600_000).toISOString();
  if ((await new QuestionRepository(db, siteId).submissionsSince(ip, since, form)) >= MAX_PER_HOUR) {
    const noun = SENT_NOUN[form];
    throw new AppError('rate_limited', `Mỗi địa chỉ chỉ gửi được ${MAX_PER_HOUR} ${noun} trong một giờ. Vui lòng thử lại sau.`, [
      { field: 'form_token', message: `bạn đã gửi ${MAX_PER_HOUR} ${noun} trong một giờ qua; vui lòng thử lại sau ít phút` },
    ]);
  }
}
