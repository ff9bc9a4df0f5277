import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import type { Database, SiteRow } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import type { ListedArticle } from '../../repositories/article-repository.ts';
import { type FeaturableRow, type FeaturedRow, FeaturedRepository } from '../../repositories/featured-repository.ts';
import { formatDate, parseDisplayDate } from '../../text/format.ts';
import { readHome } from '../article-reader.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { parseInput } from '../validation.ts';

/** How long a new mark lasts unless the form says otherwise: a week, so no story stays on top for years. */
export const DEFAULT_FEATURE_DAYS = 7;

const DAY_MS = 86_400_000;

export const MarkFeaturedSchema = z.object({
  article_id: z.coerce.number({ message: 'chọn một bài đã xuất bản' }).int().positive('chọn một bài đã xuất bản'),
  /** The last day it leads, dd/mm/yyyy; blank: until someone unmarks it. */
  until: z.string().trim().max(20).default(''),
});
export type MarkFeaturedInput = z.input<typeof MarkFeaturedSchema>;

/** The end of a mark lasting through `day` (dd/mm/yyyy): the next midnight in Vietnam. Null for blank; an error for a bad or past day. */
export function featureEnd(day: string, now: Date): string | null {
  if (!day) return null;
  const start = parseDisplayDate(day);
  if (!start) throw validationError([{ field: 'until', message: 'ngày phải viết dd/mm/yyyy, ví dụ 30/09/2026' }]);
  // parseDisplayDate gives 08:00 of that day in Vietnam; its end is the next day's 00:00 there.
  const end = new Date(start.getTime() + 16 * 3_600_000);
  if (end <= now) throw validationError([{ field: 'until', message: `ngày kết thúc đã qua; hãy chọn từ hôm nay (${formatDate(now)}) trở đi` }]);
  return end.toISOString();
}

/** The last day a new mark lasts by default, dd/mm/yyyy, for the form. */
export function defaultFeatureDay(now: Date): string {
  return formatDate(new Date(now.getTime() + DEFAULT_FEATURE_DAYS * DAY_MS));
}

/**
 * Marks a published article "Tin nổi bật", until the end of the given day
 * or until unmarked. Marking a marked one changes its end. Audited; the
 * home page changes at once.
 */
export async function markFeatured(db: Kysely<Database>, siteId: number, input: MarkFeaturedInput, who: AuditWho, now = new Date()): Promise<void> {
  const data = parseInput(MarkFeaturedSchema, input);
  const until = featureEnd(data.until, now);
  await inTransaction(db, async (trx) => {
    const repo = new FeaturedRepository(trx, siteId);
    const article = await repo.find(data.article_id);
    if (!article || article.status !== 'published') throw validationError([{ field: 'article_id', message: 'chỉ đánh dấu được bài đã xuất bản' }]);
    await repo.set(article.id, true, until);
    await pagesChanged(trx, [pageTags.home(siteId)]);
    const summary = `${article.title} — ${until ? `đến hết ngày ${data.until}` : 'đến khi bỏ đánh dấu'}`;
    await recordAudit(trx, who, { action: 'article.featured', targetType: 'article', targetId: article.id, summary });
  });
}

/** Takes the "Tin nổi bật" mark off an article. Audited; the home page changes at once. */
export async function unmarkFeatured(db: Kysely<Database>, siteId: number, articleId: number, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = new FeaturedRepository(trx, siteId);
    const article = await repo.find(articleId);
    if (!article) throw new AppError('article_not_found');
    await repo.set(article.id, false, null);
    await pagesChanged(trx, [pageTags.home(siteId)]);
    await recordAudit(trx, who, { action: 'article.unfeatured', targetType: 'article', targetId: article.id, summary: article.title });
  });
}

/**
 * The expiry job: ends every mark whose day is over, on every site, so the
 * cached home page drops the story on time. Each mark is claimed with a
 * conditional update, so two nodes never record one twice.
 */
export async function expireFeatured(db: Kysely<Database>, now = new Date()): Promise<number> {
  const at = now.toISOString();
  let ended = 0;
  for (const article of await FeaturedRepository.due(db, at)) {
    await inTransaction(db, async (trx) => {
      if (!(await FeaturedRepository.claimExpired(trx, article.id, at))) return;
      await pagesChanged(trx, [pageTags.home(article.site_id)]);
      await recordAudit(
        trx,
        { system: 'hết hạn tin nổi bật', siteId: article.site_id },
        { action: 'article.unfeatured', targetType: 'article', targetId: article.id, summary: `${article.title} — hết thời hạn nổi bật` },
      );
      ended += 1;
    });
  }
  return ended;
}

/** How many of the latest published articles the marking form offers. */
const CHOICES = 60;

/** The "Tin nổi bật" page's data: every marked article, the latest published ones to choose from, and what the home page leads with now. */
export async function featuredOverview(
  db: Kysely<Database>,
  site: SiteRow,
  now: Date,
): Promise<{ marked: FeaturedRow[]; latest: FeaturableRow[]; shownNow: ListedArticle[] }> {
  const repo = new FeaturedRepository(db, site.id);
  const [marked, latest, home] = await Promise.all([
    repo.listMarked(),
    repo.latestPublished(now.toISOString(), CHOICES),
    readHome(db, site, now, { blocks: ['featured'] }),
  ]);
  return { marked, latest, shownNow: home.featured };
}
