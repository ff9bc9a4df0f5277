import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { PrivacySaltRepository, RatingRepository } from '../../repositories/rating-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { parseInput } from '../validation.ts';

/** How many ratings one visitor (by salted IP hash) may send a site per day. */
export const DAILY_RATING_LIMIT = 5;
/** The most a rating comment may hold. */
export const MAX_COMMENT = 500;

/** The five answers, worst first, as the form and the summary name them. */
export const RATING_LABELS: Record<number, string> = {
  1: 'Rất không hài lòng',
  2: 'Không hài lòng',
  3: 'Bình thường',
  4: 'Hài lòng',
  5: 'Rất hài lòng',
};

/** The public rating form. `website` is the honeypot: hidden from people, filled in by bots. */
export const RatingFormSchema = z.object({
  path: z
    .string()
    .trim()
    .max(300, 'đường dẫn quá dài')
    .transform((p) => p.split(/[?#]/)[0] ?? '')
    .pipe(z.string().regex(/^\/(?!\/)[^\s\\]*$/, 'đường dẫn trang không hợp lệ')),
  rating: z.enum(['1', '2', '3', '4', '5'], { message: 'hãy chọn một mức độ hài lòng' }).transform(Number),
  comment: z.string().trim().max(MAX_COMMENT, `tối đa ${MAX_COMMENT} ký tự`).transform(toNfc).default(''),
  website: z.string().default(''),
});
export type RatingFormInput = z.input<typeof RatingFormSchema>;

const saltCache = new WeakMap<object, string>();

/** The installation's random IP-hash salt, made on first use and shared by every process through the database. */
export async function ipHashSalt(db: Kysely<Database>): Promise<string> {
  const cached = saltCache.get(db);
  if (cached) return cached;
  const repo = new PrivacySaltRepository(db);
  let salt = await repo.find('ip_hash');
  if (!salt) {
    await repo.insertIfMissing('ip_hash', randomBytes(32).toString('hex'), new Date().toISOString());
    salt = (await repo.find('ip_hash'))!;
  }
  saltCache.set(db, salt);
  return salt;
}

/** The Vietnam calendar day of an instant, as yyyy-mm-dd. */
export function vietnamDayKey(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A salted hash of an IP and a day: the same visitor can be recognised that day only, and the IP cannot be read back. */
export function hashVisitor(salt: string, day: string, ip: string): string {
  return createHash('sha256').update(`${salt}\n${day}\n${ip}`).digest('hex');
}

/**
 * Stores an anonymous rating. A filled honeypot is dropped quietly (the bot
 * sees the thank-you page); past the daily limit the visitor gets rate_limited.
 * Nothing about the visitor is stored but a salted hash of IP and day.
 */
export async function submitRating(
  db: Kysely<Database>,
  siteId: number,
  input: RatingFormInput | Record<string, string>,
  ip: string,
  now = new Date(),
): Promise<'stored' | 'ignored'> {
  const data = parseInput(RatingFormSchema, input);
  if (data.website.trim() !== '') return 'ignored';
  const day = vietnamDayKey(now);
  const ipHash = hashVisitor(await ipHashSalt(db), day, ip);
  return inTransaction(db, async (trx) => {
    const repo = new RatingRepository(trx, siteId);
    if ((await repo.sentToday(day, ipHash)) >= DAILY_RATING_LIMIT) {
      throw new AppError(
        'rate_limited',
        `Mỗi người chỉ gửi được ${DAILY_RATING_LIMIT} đánh giá một ngày. Cảm ơn bạn đã góp ý, vui lòng quay lại vào ngày mai.`,
      );
    }
    await repo.countSent(day, ipHash);
    await repo.pruneLimitsBefore(day);
    await repo.insert({ path: data.path, rating: data.rating, comment: data.comment, created_at: now.toISOString() });
    return 'stored' as const;
  });
}

/** What staff see: counts per answer, the average, pages, and the latest comments. */
export interface RatingSummary {
  total: number;
  average: number | null;
  counts: Array<{ rating: number; label: string; n: number }>;
  byPath: Array<{ path: string; n: number; average: number }>;
  comments: Array<{ path: string; rating: number; comment: string; createdAt: string }>;
}

/** Sums up a site's ratings. */
export async function ratingSummary(db: Kysely<Database>, siteId: number): Promise<RatingSummary> {
  const repo = new RatingRepository(db, siteId);
  const [counts, byPath, comments] = await Promise.all([repo.countsByRating(), repo.byPath(30), repo.latestComments(20)]);
  const countOf = (rating: number) => counts.find((c) => c.rating === rating)?.n ?? 0;
  const total = counts.reduce((sum, c) => sum + c.n, 0);
  const sum = counts.reduce((s, c) => s + c.rating * c.n, 0);
  return {
    total,
    average: total ? sum / total : null,
    counts: [5, 4, 3, 2, 1].map((rating) => ({ rating, label: RATING_LABELS[rating]!, n: countOf(rating) })),
    byPath: byPath.map((p) => ({ path: p.path, n: p.n, average: p.sum / p.n })),
    comments: comments.map((c) => ({ path: c.path, rating: c.rating, comment: c.comment, createdAt: c.created_at })),
  };
}
