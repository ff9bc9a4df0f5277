import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { ArticleRow, Database } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { type AdminArticleRow, ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { RevisionRepository } from '../../repositories/revision-repository.ts';
import { htmlToPlainText, sanitizeBodyHtml } from '../../text/sanitize.ts';
import { foldVietnamese, slugify, toNfc } from '../../text/vietnamese.ts';
import { summarize, uniqueSlug } from '../article-service.ts';
import { recordAudit } from '../audit-service.ts';
import { type Actor, can } from '../permissions.ts';
import { articleChanged } from '../article-changes.ts';
import { parseInput } from '../validation.ts';
import { LIVE_STATUSES, canEdit } from './rules.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);

/** A datetime-local value ("2026-11-26T08:30"), read as Vietnam time. */
const vietnamDateTime = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => {
    if (!value) return null;
    const date = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? new Date(`${value}:00+07:00`) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'thời điểm không hợp lệ' });
      return z.NEVER;
    }
    return date;
  });

/** The article form, as the newsroom submits it. Field names match the HTML form. */
export const ArticleFormSchema = z.object({
  title: text(300).pipe(z.string().min(1, 'không được để trống')),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(120, 'tối đa 120 ký tự')
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/, 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang')
    .default(''),
  summary: text(1000).default(''),
  body_html: z.string().max(2_000_000, 'nội dung quá dài').default(''),
  writer: text(200).default(''),
  photographer: text(200).default(''),
  category_id: z.coerce.number({ message: 'hãy chọn chuyên mục' }).int().positive('hãy chọn chuyên mục'),
  featured_media_id: z
    .union([z.literal(''), z.coerce.number().int().positive()])
    .default('')
    .transform((v) => (v === '' ? null : v)),
  publish_at: vietnamDateTime,
});
export type ArticleForm = z.output<typeof ArticleFormSchema>;

/** Parses a submitted article form; field errors name the form fields. */
export function parseArticleForm(body: unknown): ArticleForm {
  return parseInput(ArticleFormSchema, body);
}

/** Loads an article of the actor's site, or fails with article_not_found. */
export async function loadArticle(db: Kysely<Database>, actor: Actor, id: number): Promise<AdminArticleRow> {
  const article = await new ArticleAdminRepository(db, actor.siteId).findById(id);
  if (!article) throw new AppError('article_not_found');
  return article;
}

async function checkReferences(db: Kysely<Database>, actor: Actor, form: ArticleForm): Promise<void> {
  const problems = [];
  const categories = await new CategoryRepository(db, actor.siteId).list();
  if (!categories.some((c) => c.id === form.category_id)) problems.push({ field: 'category_id', message: 'chuyên mục không tồn tại' });
  if (form.featured_media_id !== null) {
    const [media] = await new MediaRepository(db, actor.siteId).findByIds([form.featured_media_id]);
    if (!media || media.kind !== 'image') problems.push({ field: 'featured_media_id', message: 'ảnh đại diện không tồn tại' });
  }
  if (problems.length) throw validationError(problems);
}

async function chooseSlug(db: Kysely<Database>, actor: Actor, form: ArticleForm, existing?: ArticleRow): Promise<string> {
  const admin = new ArticleAdminRepository(db, actor.siteId);
  if (form.slug) {
    if (await admin.slugTaken(form.slug, existing?.id)) {
      throw validationError([{ field: 'slug', message: 'đã có bài viết khác dùng đường dẫn này' }]);
    }
    return form.slug;
  }
  return existing?.slug ?? uniqueSlug(new ArticleRepository(db, actor.siteId), slugify(form.title));
}

/** The content columns a form sets, derived fields included. */
function contentOf(form: ArticleForm) {
  const bodyHtml = sanitizeBodyHtml(form.body_html);
  const plain = htmlToPlainText(bodyHtml);
  const summary = form.summary || summarize(plain);
  return {
    title: form.title,
    summary,
    body_html: bodyHtml,
    writer: form.writer,
    photographer: form.photographer,
    category_id: form.category_id,
    featured_media_id: form.featured_media_id,
    search_text: foldVietnamese(`${form.title} ${summary} ${plain}`),
  };
}

export interface SaveResult {
  id: number;
  revision: number;
}

/**
 * Saves an article from the newsroom form: a new draft when `id` is null,
 * otherwise an edit. Every save is a revision. An autosave of live content
 * is kept as a revision only, so readers never see half-finished edits.
 */
export async function saveArticle(
  db: Kysely<Database>,
  actor: Actor,
  id: number | null,
  form: ArticleForm,
  options: { autosave?: boolean } = {},
): Promise<SaveResult> {
  return inTransaction(db, async (trx) => {
    await checkReferences(trx, actor, form);
    const articles = new ArticleRepository(trx, actor.siteId);
    const revisions = new RevisionRepository(trx, actor.siteId);
    const content = contentOf(form);
    const now = nowIso();
    let articleId: number;
    let slug: string;
    if (id === null) {
      if (!can(actor, 'article.create')) throw new AppError('forbidden');
      slug = await chooseSlug(trx, actor, form);
      articleId = await articles.insert({
        ...content,
        slug,
        status: 'draft',
        is_featured: 0,
        is_demo: 0,
        published_at: form.publish_at?.toISOString() ?? null,
        author_id: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await recordAudit(trx, actor, { action: 'article.created', targetType: 'article', targetId: articleId, summary: form.title });
    } else {
      const existing = await loadArticle(trx, actor, id);
      if (!canEdit(actor, existing)) throw new AppError('forbidden', 'Bạn không thể sửa bài viết này ở trạng thái hiện tại.');
      slug = await chooseSlug(trx, actor, form, existing);
      articleId = existing.id;
      const keepLive = options.autosave && LIVE_STATUSES.includes(existing.status);
      if (!keepLive) {
        const publishedAt = form.publish_at?.toISOString() ?? (LIVE_STATUSES.includes(existing.status) ? existing.published_at : null);
        await articles.update(articleId, { ...content, slug, published_at: publishedAt, updated_at: now });
        await articleChanged(trx, actor.siteId, articleId);
      }
      if (!options.autosave) await recordAudit(trx, actor, { action: 'article.updated', targetType: 'article', targetId: articleId, summary: form.title });
    }
    const { search_text: _folded, ...revisionContent } = content;
    const revision = {
      ...revisionContent,
      slug,
      article_id: articleId,
      author_id: actor.userId,
      is_autosave: options.autosave ? 1 : 0,
      created_at: now,
    };
    const latest = await revisions.latest(articleId);
    // Autosaves by the same person replace each other instead of piling up.
    if (options.autosave && latest?.is_autosave && latest.author_id === actor.userId) {
      await revisions.overwrite(latest.id, revision);
      return { id: articleId, revision: latest.number };
    }
    const number = (latest?.number ?? 0) + 1;
    await revisions.insert({ ...revision, number, note: id === null ? 'Tạo bài viết' : '' });
    return { id: articleId, revision: number };
  });
}

/** Restores an earlier revision's content; the restore is itself a new revision. */
export async function restoreRevision(db: Kysely<Database>, actor: Actor, id: number, number: number): Promise<SaveResult> {
  return inTransaction(db, async (trx) => {
    const article = await loadArticle(trx, actor, id);
    if (!canEdit(actor, article)) throw new AppError('forbidden', 'Bạn không thể sửa bài viết này ở trạng thái hiện tại.');
    const revisions = new RevisionRepository(trx, actor.siteId);
    const old = await revisions.find(id, number);
    if (!old) throw new AppError('not_found', 'Không tìm thấy phiên bản.');
    const latest = await revisions.latest(id);
    const now = nowIso();
    const content = {
      title: old.title,
      summary: old.summary,
      body_html: old.body_html,
      writer: old.writer,
      photographer: old.photographer,
      category_id: old.category_id,
      featured_media_id: old.featured_media_id,
    };
    const searchText = foldVietnamese(`${old.title} ${old.summary} ${htmlToPlainText(old.body_html)}`);
    await new ArticleRepository(trx, actor.siteId).update(id, { ...content, search_text: searchText, updated_at: now });
    const next = (latest?.number ?? 0) + 1;
    await revisions.insert({
      ...content,
      slug: article.slug,
      article_id: id,
      number: next,
      author_id: actor.userId,
      note: `Khôi phục từ phiên bản ${number}`,
      created_at: now,
    });
    await articleChanged(trx, actor.siteId, id);
    await recordAudit(trx, actor, {
      action: 'article.revision_restored',
      targetType: 'article',
      targetId: id,
      summary: `${article.title}: phiên bản ${number} → ${next}`,
    });
    return { id, revision: next };
  });
}
