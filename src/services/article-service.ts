import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { validationError } from '../errors.ts';
import { ArticleRepository } from '../repositories/article-repository.ts';
import { CategoryRepository } from '../repositories/category-repository.ts';
import { RevisionRepository } from '../repositories/revision-repository.ts';
import { htmlToPlainText, sanitizeBodyHtml } from '../text/sanitize.ts';
import { foldVietnamese, slugify, toNfc } from '../text/vietnamese.ts';
import { articleChanged } from './article-changes.ts';
import { parseInput } from './validation.ts';

const SUMMARY_MAX = 300;

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);

export const ImportArticleSchema = z.object({
  title: text(300).pipe(z.string().min(1, 'không được để trống')),
  summary: text(1000).default(''),
  bodyHtml: z.string().max(2_000_000, 'nội dung quá dài'),
  writer: text(200).default(''),
  photographer: text(200).default(''),
  categorySlug: z.string().trim().min(1, 'không được để trống'),
  publishedAt: z.coerce.date({ message: 'ngày đăng không hợp lệ' }),
  featuredMediaId: z.number().int().positive().nullable().default(null),
  isFeatured: z.boolean().default(false),
  isDemo: z.boolean().default(false),
  sourceKey: z.string().trim().min(1).max(300).nullable().default(null),
  /** Why this revision exists, shown in the revision list. */
  revisionNote: z.string().max(200).default('Xuất bản trực tiếp'),
});
export type ImportArticleInput = z.input<typeof ImportArticleSchema>;

/** The outcome of an import: which article, its slug, and whether it was new. */
export interface ImportResult {
  id: number;
  slug: string;
  created: boolean;
}

/** Builds a summary from the body when none is given: the first sentences, cut at a word. */
export function summarize(plainText: string, max = SUMMARY_MAX): string {
  if (plainText.length <= max) return plainText;
  const cut = plainText.slice(0, max);
  const sentenceEnd = cut.lastIndexOf('. ');
  if (sentenceEnd > max / 2) return cut.slice(0, sentenceEnd + 1);
  return `${cut.slice(0, cut.lastIndexOf(' '))}…`;
}

/** Picks `base`, or `base-2`, `base-3`… whichever no other article of the site uses. */
export async function uniqueSlug(articles: ArticleRepository, base: string, exceptId?: number): Promise<string> {
  const root = base || 'bai-viet';
  const taken = new Set(await articles.slugsLike(root, exceptId));
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) {
    if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
  }
}

/**
 * Imports an article straight onto a site, with no actor and no review (the
 * text-page import and the demo): sanitises the body, derives the slug from
 * the Vietnamese title and the folded search text, and, when a source key is
 * given, updates the article that key already made instead of adding another.
 * It is public at once, or scheduled for a future date. Runs in one
 * transaction: nothing is half-written. Newsroom work goes through review instead.
 */
export async function importArticle(db: Kysely<Database>, siteId: number, input: ImportArticleInput): Promise<ImportResult> {
  const data = parseInput(ImportArticleSchema, input);
  const bodyHtml = sanitizeBodyHtml(data.bodyHtml);
  const plain = htmlToPlainText(bodyHtml);
  if (!plain && !bodyHtml.includes('<img')) {
    throw validationError([{ field: 'bodyHtml', message: 'nội dung bài viết trống' }]);
  }
  return inTransaction(db, async (trx) => {
    const category = await new CategoryRepository(trx, siteId).findBySlug(data.categorySlug);
    if (!category) {
      throw validationError([{ field: 'categorySlug', message: `không có chuyên mục "${data.categorySlug}"` }]);
    }
    const articles = new ArticleRepository(trx, siteId);
    const existing = data.sourceKey ? await articles.findBySourceKey(data.sourceKey) : undefined;
    const summary = data.summary || summarize(plain);
    const now = nowIso();
    const fields = {
      category_id: category.id,
      title: data.title,
      summary,
      body_html: bodyHtml,
      writer: data.writer,
      photographer: data.photographer,
      // A future date waits for the publishing job, like any scheduled article.
      status: data.publishedAt > new Date() ? ('scheduled' as const) : ('published' as const),
      published_at: data.publishedAt.toISOString(),
      featured_media_id: data.featuredMediaId,
      is_featured: data.isFeatured ? 1 : 0,
      is_demo: data.isDemo ? 1 : 0,
      search_text: foldVietnamese(`${data.title} ${summary} ${plain}`),
      updated_at: now,
    };
    let result: ImportResult;
    if (existing) {
      // The slug stays: a published URL must keep working after a re-import.
      await articles.update(existing.id, fields);
      result = { id: existing.id, slug: existing.slug, created: false };
    } else {
      const slug = await uniqueSlug(articles, slugify(data.title));
      result = { id: await articles.insert({ ...fields, slug, source_key: data.sourceKey, created_at: now }), slug, created: true };
    }
    // Every save is a revision, imports included.
    const revisions = new RevisionRepository(trx, siteId);
    const latest = await revisions.latest(result.id);
    await revisions.insert({
      article_id: result.id,
      number: (latest?.number ?? 0) + 1,
      title: fields.title,
      slug: result.slug,
      summary: fields.summary,
      body_html: fields.body_html,
      writer: fields.writer,
      photographer: fields.photographer,
      category_id: fields.category_id,
      featured_media_id: fields.featured_media_id,
      author_id: null,
      note: data.revisionNote,
      created_at: now,
    });
    await articleChanged(trx, siteId, result.id);
    return result;
  });
}
