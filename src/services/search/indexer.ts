import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { type ArticleWithCategory, ArticleRepository } from '../../repositories/article-repository.ts';
import { type IndexedDocument, SearchRepository } from '../../repositories/search-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { paths } from '../../views/presenters.ts';
import { indexWords } from './index-text.ts';
import { reindexSiteDocuments } from '../documents/document-index.ts';
import { reindexSiteCampaigns } from '../relief/relief-index.ts';

/** The distinct folded words of a title, for the "did you mean" vocabulary. */
export function titleTerms(title: string): string[] {
  return [
    ...new Set(
      indexWords(foldVietnamese(title))
        .split(' ')
        .filter((w) => w.length >= 2 && w.length <= 40),
    ),
  ];
}

/** The index entry of a public article: its text folded and accented, and where it lives. */
export function articleDocument(article: ArticleWithCategory): IndexedDocument {
  const plain = htmlToPlainText(article.body_html);
  // The summary is searched too, unless it is just the opening of the body.
  const body = plain.startsWith(article.summary.replace(/…$/, '')) ? plain : `${article.summary}\n${plain}`;
  return {
    siteId: article.site_id,
    source: 'article',
    refId: article.id,
    kind: article.category_kind,
    categoryId: article.category_id,
    publishedAt: article.published_at!,
    title: article.title,
    body,
    path: paths.article(article.slug),
  };
}

/**
 * Brings one article's entry in the search index up to date, in the caller's
 * transaction: indexed while it is published and public, absent otherwise.
 * Every command that changes an article calls this.
 */
export async function reindexArticle(db: Kysely<Database>, siteId: number, articleId: number, now = new Date()): Promise<void> {
  const search = new SearchRepository(db);
  const article = await new ArticleAdminRepository(db, siteId).findById(articleId);
  const before = await search.indexedEntry('article', articleId);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const isPublic = article && article.status === 'published' && !article.deleted_at && article.published_at && article.published_at <= now.toISOString();
  if (!article || !isPublic) {
    await search.remove('article', articleId);
    return;
  }
  await search.upsert(articleDocument(article), nowIso());
  await search.adjustTerms(siteId, titleTerms(article.title), 1);
}

/**
 * Rebuilds a site's search index from its published articles, in batches,
 * reporting progress. For operators (npx xaphuong reindex) and benchmarks.
 */
export async function rebuildSearchIndex(db: Kysely<Database>, siteId: number, onProgress?: (done: number) => void, now = new Date()): Promise<number> {
  await inTransaction(db, (trx) => new SearchRepository(trx).clearSite(siteId));
  const articles = new ArticleRepository(db, siteId);
  let done = 0;
  let afterId = 0;
  for (;;) {
    const batch = await articles.publishedAfterId(now.toISOString(), afterId, 500);
    if (batch.length === 0) break;
    await inTransaction(db, async (trx) => {
      const search = new SearchRepository(trx);
      const vocabulary = new Map<string, number>();
      for (const article of batch) {
        await search.upsert(articleDocument(article), nowIso());
        for (const term of titleTerms(article.title)) vocabulary.set(term, (vocabulary.get(term) ?? 0) + 1);
      }
      await search.addTermCounts(siteId, vocabulary);
    });
    done += batch.length;
    afterId = batch.at(-1)!.id;
    onProgress?.(done);
  }
  // Documents (văn bản) live in the same index.
  done += await reindexSiteDocuments(db, siteId);
  done += await reindexSiteCampaigns(db, siteId);
  onProgress?.(done);
  return done;
}
