import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { PageEventRepository } from '../repositories/page-event-repository.ts';
import { SessionRepository } from '../repositories/session-repository.ts';
import { FAILURE_WINDOW_MS } from '../services/auth/auth-service.ts';
import { publishDueArticles, purgeTrash } from '../services/articles/article-jobs.ts';
import { queueQuestionDigests } from '../services/notifications/question-mail.ts';
import { type MailSettings, pruneMail, sendQueuedMail, smtpTransport } from '../services/notifications/sender.ts';
import { expireFeatured } from '../services/site-shape/featured.ts';
import { jobMetrics } from '../metrics/metrics.ts';
import { ArticleAdminRepository } from '../repositories/article-admin-repository.ts';
import { MailQueueRepository } from '../repositories/mail-repository.ts';

/** A background job: its name and what one run does. */
interface Job {
  name: string;
  everyMs: number;
  run(db: Kysely<Database>, now: Date): Promise<unknown>;
}

/** The jobs of one process. Each claims its rows with conditional updates, so running on several nodes is safe. */
export const JOBS: Job[] = [
  { name: 'xuất bản theo lịch', everyMs: 30_000, run: (db, now) => publishDueArticles(db, now) },
  { name: 'hết hạn tin nổi bật', everyMs: 60_000, run: (db, now) => expireFeatured(db, now) },
  { name: 'dọn thùng rác', everyMs: 6 * 3_600_000, run: (db, now) => purgeTrash(db, now) },
  {
    name: 'dọn sự kiện trang cũ',
    everyMs: 3_600_000,
    run: (db, now) => new PageEventRepository(db).prune(new Date(now.getTime() - 3_600_000).toISOString()),
  },
  {
    name: 'dọn lượt đăng nhập cũ',
    everyMs: 3_600_000,
    run: (db, now) => new SessionRepository(db).pruneAttempts(new Date(now.getTime() - FAILURE_WINDOW_MS).toISOString()),
  },
];

/** The notification mail jobs: sending the queue (or marking it skipped without SMTP), the daily digest, pruning. */
export function mailJobs(mail: MailSettings | null): Job[] {
  const transport = mail ? smtpTransport(mail) : null;
  return [
    { name: 'gửi thư thông báo', everyMs: 60_000, run: (db, now) => sendQueuedMail(db, transport, mail?.from ?? '', now) },
    { name: 'thư tổng hợp câu hỏi đến hạn', everyMs: 3_600_000, run: (db, now) => queueQuestionDigests(db, now) },
    { name: 'dọn thư đã gửi', everyMs: 24 * 3_600_000, run: (db, now) => pruneMail(db, now) },
  ];
}

/** What the queue-depth metrics read at each scrape. */
async function queueDepths(db: Kysely<Database>): Promise<{ mailQueued: number; scheduledDue: number }> {
  const [mailQueued, scheduledDue] = await Promise.all([
    new MailQueueRepository(db).countQueued(),
    ArticleAdminRepository.countDue(db, new Date().toISOString()),
  ]);
  return { mailQueued, scheduledDue };
}

/** Starts every job on its interval (and once now), the mail jobs with the SMTP settings; returns a function that stops them. */
export function startJobs(db: Kysely<Database>, log: (message: string, error?: unknown) => void, mail: MailSettings | null = null): () => void {
  const metrics = jobMetrics(() => queueDepths(db));
  const timers = [...JOBS, ...mailJobs(mail)].map((job) => {
    const tick = async () => {
      const started = performance.now();
      const failed = await job.run(db, new Date()).then(
        () => false,
        (error: unknown) => {
          log(`Việc nền "${job.name}" lỗi`, error);
          return true;
        },
      );
      metrics.ran(job.name, (performance.now() - started) / 1000, failed);
    };
    void tick();
    const timer = setInterval(tick, job.everyMs);
    timer.unref();
    return timer;
  });
  return () => timers.forEach(clearInterval);
}
