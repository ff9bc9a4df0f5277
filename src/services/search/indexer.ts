import type { Kysely } from 'kysely';
import { nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { SearchRepository } from '../../repositories/search-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { accentKey, foldVietnamese } from '../../text/vietnamese.ts';
import { paths } from '../../views/presenters.ts';
import { WORD } from './query.ts';


/**
 * Text as the index stores it: our own words (letters and digits) joined by
 * spaces, so SQLite's and PostgreSQL's tokenizers see exactly the same words
 * ("21.090" is the words 21 and 090 on both).
 */
export function indexWords(text: string): string {
  return (text.match(WORD) ?? []).join(' ');
}

/** The distinct folded words of a title, for the "did you mean" vocabulary. */
export function titleTerms(title: string): string[] {
  return [...new Set(indexWords(foldVietnamese(title)).split(' ').filter((w) => w.length >= 2 && w.length <= 40))];
}

/**
 * Brings one article's entry in the search index up to date, in the caller's
 * transaction: indexed while it is published and public, absent otherwise.
 * Every command that changes an article calls this.
 */
export async function reindexArticle(db: Kysely<Database>, siteId: number, articleId: number, now = new Date()): Promise<void> {
  const search = new SearchRepository(db);
  const article = await new ArticleAdminRepository(db, siteId).findById(articleId);
  const before = await search.indexedTitle('article', articleId);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const isPublic = article && article.status === 'published' && !article.deleted_at && article.published_at && article.published_at <= now.toISOString();
  if (!article || !isPublic) {
    await search.remove('article', articleId);
    return;
  }
  const plain = htmlToPlainText(article.body_html);
  // The summary is searched too, unless it is just the opening of the body.
  const body = plain.startsWith(article.summary.replace(/…$/, '')) ? plain : `${article.summary}\n${plain}`;
  await search.upsert(
    {
      siteId,
      source: 'article',
      refId: article.id,
      kind: article.category_kind,
      categoryId: article.category_id,
      publishedAt: article.published_at!,
      title: article.title,
      body,
      path: paths.article(article.slug),
      foldedTitle: indexWords(foldVietnamese(article.title)),
      foldedBody: indexWords(foldVietnamese(body)),
      accentedTitle: indexWords(accentKey(article.title)),
      accentedBody: indexWords(accentKey(body)),
    },
    nowIso(),
  );
  await search.adjustTerms(siteId, titleTerms(article.title), 1);
}
