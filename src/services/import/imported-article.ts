import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { ArticleStatus, CategoryKind, Database } from '../../db/schema.ts';
import type { RedirectSource } from '../../db/schema/moving-in.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { ImportRepository } from '../../repositories/import-repository.ts';
import { foldVietnamese, slugify } from '../../text/vietnamese.ts';
import { paths } from '../../paths.ts';
import { type ImportArticleInput, type ImportResult, importArticle } from '../article-service.ts';
import { articleChanged } from '../article-changes.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { type OldLink, recordOldLinks } from '../redirects/redirect-service.ts';

/** An article from an old site: its content, its state there, who wrote it, and the addresses it had. */
export interface ImportedArticle {
  article: ImportArticleInput & { sourceKey: string };
  /** Its state on the old site; a published one goes through importArticle's own rule (scheduled when in the future). */
  status: Extract<ArticleStatus, 'published' | 'draft' | 'submitted' | 'unpublished'>;
  authorId: number | null;
  /** The source's last-modified stamp, to skip it when unchanged on a re-run. */
  sourceVersion: string;
  oldUrls: Array<{ url: string; host?: string }>;
  redirectSource: RedirectSource;
}

/**
 * Saves an article from an old site in one transaction: the article itself
 * (created, or updated by its source key), its state and author there, the
 * import's record of it, and a redirect from each of its old addresses.
 */
export async function saveImportedArticle(db: Kysely<Database>, siteId: number, input: ImportedArticle): Promise<ImportResult & { redirects: number }> {
  return inTransaction(db, async (trx) => {
    const result = await importArticle(trx, siteId, input.article);
    if (input.status !== 'published' || input.authorId !== null) {
      const unpublished = input.status === 'draft' || input.status === 'submitted';
      await new ArticleRepository(trx, siteId).update(result.id, {
        ...(input.status === 'published' ? {} : { status: input.status }),
        ...(unpublished ? { published_at: null } : {}),
        author_id: input.authorId,
      });
      await articleChanged(trx, siteId, result.id);
    }
    const now = nowIso();
    await new ImportRepository(trx, siteId).saveItem(input.article.sourceKey, 'article', result.id, input.sourceVersion, now);
    const target = paths.article(result.slug);
    const links: OldLink[] = input.oldUrls.map((old) => ({
      oldUrl: old.url,
      targetPath: target,
      itemType: 'article',
      itemId: result.id,
      ...(old.host ? { oldHost: old.host } : {}),
    }));
    const redirects = await recordOldLinks(trx, siteId, input.redirectSource, links);
    return { ...result, redirects };
  });
}

/** A category kind guessed from an old site's category name. */
function kindOf(name: string): CategoryKind {
  const folded = foldVietnamese(name);
  if (/thong bao|thongbao/.test(folded)) return 'notice';
  if (/van ban|tai lieu|van ban phap luat/.test(folded)) return 'document';
  return 'news';
}

/**
 * The slug of the site's category for an old site's category: the one with
 * the same slug or the same name, else a new one made now.
 */
export async function ensureCategory(db: Kysely<Database>, siteId: number, wanted: { slug: string; name: string; kind?: CategoryKind }): Promise<string> {
  const repo = new CategoryRepository(db, siteId);
  const all = await repo.list();
  const slug = slugify(wanted.slug || wanted.name) || 'chuyen-muc';
  const byName = foldVietnamese(wanted.name.trim());
  const found = all.find((c) => c.slug === slug) ?? all.find((c) => foldVietnamese(c.name) === byName);
  if (found) return found.slug;
  await repo.insert({ slug, name: wanted.name.trim() || slug, kind: wanted.kind ?? kindOf(wanted.name), position: all.length, createdAt: nowIso() });
  // Every page's menu lists the categories.
  await pagesChanged(db, [pageTags.all(siteId)]);
  return slug;
}
