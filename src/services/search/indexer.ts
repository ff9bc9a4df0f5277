import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import type { ArticleWithCategory } from '../../repositories/article-repository.ts';
import { type IndexedDocument, type IndexedEntry, SearchRepository } from '../../repositories/search-repository.ts';
import { paths } from '../../paths.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { titleTerms } from './index-text.ts';

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

/** How an article stood in the index before a change and stands after it: what was public about it, if anything. */
export interface IndexChange {
  before: IndexedEntry | undefined;
  after: IndexedEntry | undefined;
}

/**
 * Brings one article's entry in the search index up to date, in the caller's
 * transaction: indexed while it is published and public, absent otherwise.
 * Every command that changes an article calls this (through articleChanged).
 */
export async function reindexArticle(db: Kysely<Database>, siteId: number, articleId: number, now = new Date()): Promise<IndexChange> {
  const search = new SearchRepository(db);
  const article = await new ArticleAdminRepository(db, siteId).findById(articleId);
  const before = await search.indexedEntry('article', articleId);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const isPublic = article && article.status === 'published' && !article.deleted_at && article.published_at && article.published_at <= now.toISOString();
  if (!article || !isPublic) {
    await search.remove('article', articleId);
    return { before, after: undefined };
  }
  const entry = articleDocument(article);
  await search.upsert(entry, nowIso());
  await search.adjustTerms(siteId, titleTerms(article.title), 1);
  return { before, after: { siteId, title: entry.title, categoryId: entry.categoryId, publishedAt: entry.publishedAt } };
}
