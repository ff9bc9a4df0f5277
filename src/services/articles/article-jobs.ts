import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { recordAudit } from '../audit-service.ts';
import { articleChanged } from '../article-changes.ts';

/** Days an article stays in the trash before the purge job deletes it. */
export const TRASH_DAYS = 30;

/**
 * The publishing job: makes scheduled articles public when their time comes,
 * on every site. Each article is claimed with a conditional update, so two
 * nodes running the job never publish (or record) one twice.
 */
export async function publishDueArticles(db: Kysely<Database>, now = new Date()): Promise<number> {
  const due = await ArticleAdminRepository.dueForPublishing(db, now.toISOString());
  let published = 0;
  for (const article of due) {
    await inTransaction(db, async (trx) => {
      if (!(await ArticleAdminRepository.markPublished(trx, article.id, nowIso()))) return;
      await articleChanged(trx, article.site_id, article.id, now);
      await recordAudit(
        trx,
        { system: 'lịch xuất bản', siteId: article.site_id },
        { action: 'article.published', targetType: 'article', targetId: article.id, summary: `${article.title} — theo lịch hẹn` },
      );
      published += 1;
    });
  }
  return published;
}

/** The trash job: deletes for good what has been in the trash for more than TRASH_DAYS days. */
export async function purgeTrash(db: Kysely<Database>, now = new Date()): Promise<number> {
  return ArticleAdminRepository.purgeTrash(db, new Date(now.getTime() - TRASH_DAYS * 86_400_000).toISOString());
}
