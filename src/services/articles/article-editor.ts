import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { ArticleRow, Database } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { type AdminArticleRow, ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { CategoryRepository } from '../../repositories/category-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { RevisionRepository, type RevisionWithAuthor } from '../../repositories/revision-repository.ts';
import { dateTimeField } from '../../text/date-time-input.ts';
import { htmlToPlainText, sanitizeBodyHtml } from '../../text/sanitize.ts';
import { slugify, toNfc } from '../../text/vietnamese.ts';
import { summarize, uniqueSlug } from '../article-service.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { articleChanged } from '../article-changes.ts';
import { saveWithRevision } from '../review/saves.ts';
import { diffRevisions } from '../review/diff.ts';
import { type ComparedNumbers, type History, comparedPair } from '../review/history.ts';
import { canEdit, canReschedule, canView, reopens } from '../review/rules.ts';
import { parseInput } from '../validation.ts';
import { type RevisionContent, articleReview, contentOfRevision, withPendingEdit } from './article-review.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);

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
  publish_at: dateTimeField(),
  /** The version the form was opened on (rules.ts: editConflict); absent from forms that predate it. */
  version: z.string().trim().max(100).optional(),
});
export type ArticleForm = z.output<typeof ArticleFormSchema>;

/** Parses a submitted article form; field errors name the form fields. */
export function parseArticleForm(body: unknown): ArticleForm {
  return parseInput(ArticleFormSchema, body);
}

/** Loads an article of the actor's site that they may see: article_not_found, or forbidden when it is another author's and they may see only their own. */
export async function loadArticle(db: Kysely<Database>, actor: Actor, id: number): Promise<AdminArticleRow> {
  const article = await new ArticleAdminRepository(db, actor.siteId).findById(id);
  if (!article) throw new AppError('article_not_found');
  if (!canView(actor, articleReview, { authorId: article.author_id })) throw new AppError('forbidden', 'Bạn chỉ xem được bài của mình.');
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
function contentOf(form: ArticleForm, slug: string): RevisionContent & { search_text: string } {
  const bodyHtml = sanitizeBodyHtml(form.body_html);
  return contentOfRevision({
    title: form.title,
    slug,
    summary: form.summary || summarize(htmlToPlainText(bodyHtml)),
    body_html: bodyHtml,
    writer: form.writer,
    photographer: form.photographer,
    category_id: form.category_id,
    featured_media_id: form.featured_media_id,
  });
}

/** The content a revision keeps: everything but the folded search text. */
const revisionOf = ({ search_text: _folded, ...content }: RevisionContent & { search_text: string }): RevisionContent => content;

const sameContent = (a: RevisionContent, b: RevisionContent) => (Object.keys(a) as Array<keyof RevisionContent>).every((k) => a[k] === b[k]);

export interface SaveResult {
  id: number;
  /** The revision the save made, or null when it changed nothing that revisions keep. */
  revision: number | null;
  /** The article's version after the save, for the form to carry on (an autosave's page keeps editing). */
  version: string;
}

/**
 * Changes a live article from the form: its content waits for review as a
 * pending revision (nothing when it is what already stands), and its publish
 * time, which is no content, changes at once, only by those who may publish.
 */
async function editLive(trx: Kysely<Database>, actor: Actor, article: AdminArticleRow, form: ArticleForm, content: RevisionContent, autosave: boolean) {
  const publishedAt = form.publish_at?.toISOString() ?? article.published_at;
  if (!autosave && publishedAt !== article.published_at) {
    if (!canReschedule(actor, articleReview)) {
      throw validationError([{ field: 'publish_at', message: 'chỉ người có quyền duyệt mới đổi được thời điểm xuất bản của bài đang trên cổng' }]);
    }
    await new ArticleRepository(trx, actor.siteId).update(article.id, { published_at: publishedAt, updated_at: nowIso() });
    await articleChanged(trx, actor.siteId, article.id);
  }
  return !sameContent(content, revisionOf(contentOfRevision(await withPendingEdit(trx, actor.siteId, article))));
}

/**
 * Saves an article from the newsroom form: a new draft when `id` is null,
 * otherwise an edit. Every save is a revision. An edit of live content waits
 * for review as a revision, and readers keep the approved version; an
 * autosave only ever keeps a revision of what is being typed.
 */
export async function saveArticle(
  db: Kysely<Database>,
  actor: Actor,
  id: number | null,
  form: ArticleForm,
  options: { autosave?: boolean } = {},
): Promise<SaveResult> {
  const autosave = options.autosave ?? false;
  return inTransaction(db, async (trx) => {
    await checkReferences(trx, actor, form);
    const existing = id === null ? undefined : await loadArticle(trx, actor, id);
    const articles = new ArticleRepository(trx, actor.siteId);
    const { result, revisions } = await saveWithRevision(
      trx,
      actor,
      articleReview,
      existing ? [existing.id] : [],
      async (before) => {
        const content = contentOf(form, await chooseSlug(trx, actor, form, existing));
        const now = nowIso();
        const saved = [{ key: '', title: form.title, snapshot: revisionOf(content), autosave }];
        if (!existing) {
          const publishedAt = form.publish_at?.toISOString() ?? null;
          const created = await articles.insert({
            ...content,
            status: 'draft',
            is_featured: 0,
            is_demo: 0,
            published_at: publishedAt,
            author_id: actor.userId,
            created_at: now,
            updated_at: now,
          });
          await recordAudit(trx, actor, { action: 'article.created', targetType: 'article', targetId: created, summary: form.title });
          return { result: created, saved: saved.map((s) => ({ ...s, key: String(created) })) };
        }
        const key = String(existing.id);
        let changed = true;
        if (before.get(key)!.live) changed = await editLive(trx, actor, existing, form, revisionOf(content), autosave);
        else {
          // A save that changes nothing a revision keeps (only the time, or nothing) makes no revision.
          changed = reopens(articleReview, before.get(key)) || !sameContent(revisionOf(content), revisionOf(contentOfRevision(existing)));
          await articles.update(existing.id, { ...content, published_at: form.publish_at?.toISOString() ?? null, updated_at: now });
          await articleChanged(trx, actor.siteId, existing.id);
        }
        // A workflow button pressed on an unchanged form saves nothing worth a line in the log.
        const retimed = (form.publish_at?.toISOString() ?? null) !== existing.published_at && !(before.get(key)!.live && !form.publish_at);
        if (!autosave && (changed || retimed)) {
          await recordAudit(trx, actor, { action: 'article.updated', targetType: 'article', targetId: existing.id, summary: form.title });
        }
        return { result: existing.id, saved: changed ? saved.map((s) => ({ ...s, key })) : [] };
      },
      { expectedVersion: form.version },
    );
    const version = (await articleReview.store.load(trx, actor.siteId, String(result)))?.version ?? '';
    return { id: result, revision: revisions[0] ?? null, version };
  });
}

/** Restores an earlier revision's content; the restore is itself a new revision (waiting for review, over live content). */
export async function restoreRevision(db: Kysely<Database>, actor: Actor, id: number, number: number): Promise<SaveResult> {
  return inTransaction(db, async (trx) => {
    const article = await loadArticle(trx, actor, id);
    const old = await new RevisionRepository(trx, actor.siteId).find(id, number);
    if (!old) throw new AppError('not_found', 'Không tìm thấy phiên bản.');
    const content = contentOfRevision({ ...old, slug: article.slug });
    const { revisions } = await saveWithRevision(trx, actor, articleReview, [id], async (before) => {
      if (!before.get(String(id))!.live) {
        await new ArticleRepository(trx, actor.siteId).update(id, { ...content, updated_at: nowIso() });
        await articleChanged(trx, actor.siteId, id);
      }
      return { result: id, saved: [{ key: String(id), title: old.title, snapshot: revisionOf(content), note: `Khôi phục từ phiên bản ${number}` }] };
    });
    const next = revisions[0]!;
    await recordAudit(trx, actor, {
      action: 'article.revision_restored',
      targetType: 'article',
      targetId: id,
      summary: `${article.title}: phiên bản ${number} → ${next}`,
    });
    return { id, revision: next, version: (await articleReview.store.load(trx, actor.siteId, String(id)))?.version ?? '' };
  });
}

/** An article's revision history, a word diff of two revisions, and whether the actor may restore one. */
export async function articleHistory(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  asked: ComparedNumbers,
): Promise<History<RevisionWithAuthor> & { article: AdminArticleRow; canRestore: boolean }> {
  const article = await loadArticle(db, actor, id);
  const revisions = await new RevisionRepository(db, actor.siteId).list(id);
  const { older, newer, pair } = comparedPair(revisions, asked);
  const item = await articleReview.store.load(db, actor.siteId, String(id));
  return { article, revisions, older, newer, diff: pair ? diffRevisions(...pair) : null, canRestore: canEdit(actor, articleReview, item) };
}
