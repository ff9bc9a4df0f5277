import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { listHolidays } from '../questions/holidays.ts';
import { addWorkingDays, formatDay, vietnamDayOf } from '../questions/working-days.ts';
import { type Notice, queueNotices, staffWith } from './outbox.ts';

/** A question counts as due soon within this many working days of its due day. */
export const DUE_SOON_WORKING_DAYS = 3;
/** The digest goes out from this hour of the morning, Vietnam time. */
const DIGEST_HOUR = 7;

/** Tells the site's Q&A handlers that a resident's question came in; in the caller's transaction. */
export async function notifyQuestionReceived(
  db: Kysely<Database>,
  siteId: number,
  question: Pick<QuestionRow, 'id' | 'code' | 'title' | 'due_on'>,
  now: Date,
): Promise<void> {
  const handlers = await staffWith(db, siteId, 'question.answer');
  const notices: Notice[] = handlers.map((to) => ({
    to,
    kind: 'question',
    subject: `Câu hỏi mới ${question.code}: ${question.title}`,
    lines: [`Người dân vừa gửi câu hỏi "${question.title}" (mã ${question.code}).`, `Hạn trả lời: ${formatDay(question.due_on)} (15 ngày làm việc).`],
    path: `/quan-tri/hoi-dap/${question.id}`,
  }));
  await queueNotices(db, siteId, notices, now);
}

/** The last day that counts as due soon on a site: today plus the working days, on its calendar. */
export async function dueSoonLimit(db: Kysely<Database>, siteId: number, today: string): Promise<string> {
  const holidays = await listHolidays(db, siteId);
  return addWorkingDays(today, DUE_SOON_WORKING_DAYS, new Set(holidays.map((h) => h.day)));
}

/** A question as the digest lists it. */
function digestLine(q: QuestionRow, today: string, origin: string): string {
  const when = q.due_on < today ? `QUÁ HẠN từ ${formatDay(q.due_on)}` : `hạn ${formatDay(q.due_on)}`;
  return `- ${q.code}: ${q.title} (${when})${origin}/quan-tri/hoi-dap/${q.id}`;
}

/** One site's digests: each handler gets the questions given to them and those given to nobody, when there are any. */
async function siteDigests(db: Kysely<Database>, siteId: number, today: string): Promise<Notice[]> {
  const questions = await new QuestionRepository(db, siteId).openDueBy(await dueSoonLimit(db, siteId, today), 200);
  if (questions.length === 0) return [];
  const host = (await new SiteRepository(db).hostsOf(siteId))[0];
  const origin = host ? ` — https://${host}` : '';
  const handlers = await staffWith(db, siteId, 'question.answer');
  return handlers.flatMap((to) => {
    const theirs = questions.filter((q) => q.assigned_to === null || q.assigned_to === to.userId);
    if (theirs.length === 0) return [];
    const overdue = theirs.filter((q) => q.due_on < today).length;
    return [
      {
        to,
        kind: 'digest',
        subject: `Câu hỏi sắp đến hạn và quá hạn ngày ${formatDay(today)}: ${theirs.length} câu${overdue ? `, ${overdue} quá hạn` : ''}`,
        lines: [
          `Các câu hỏi của người dân chưa trả lời, sắp đến hạn (trong ${DUE_SOON_WORKING_DAYS} ngày làm việc) hoặc đã quá hạn, được giao cho bạn hoặc chưa giao cho ai:`,
          theirs.map((q) => digestLine(q, today, origin)).join('\n'),
        ],
        path: '/quan-tri/hoi-dap',
        dedupeKey: `digest:${siteId}:${to.userId}:${today}`,
      },
    ];
  });
}

/**
 * Queues the day's digest of due-soon and overdue questions, one per
 * handler and site, from 07:00 Vietnam time; the job runs hourly and a
 * digest already queued that day is not queued again (its dedupe key).
 */
export async function queueQuestionDigests(db: Kysely<Database>, now: Date): Promise<void> {
  if (new Date(now.getTime() + 7 * 3_600_000).getUTCHours() < DIGEST_HOUR) return;
  const today = vietnamDayOf(now);
  for (const site of await new SiteRepository(db).list()) {
    await queueNotices(db, site.id, await siteDigests(db, site.id, today), now);
  }
}
