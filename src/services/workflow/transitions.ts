import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { ArticleStatus, ArticleUpdate, Database } from '../../db/schema.ts';
import { AppError, type FieldError, validationError } from '../../errors.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { RevisionRepository } from '../../repositories/revision-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { formatDateTime } from '../../text/format.ts';
import { recordAudit } from '../audit-service.ts';
import { articleChanged } from '../article-changes.ts';
import type { Actor } from '../permissions.ts';
import { loadArticle } from './article-editor.ts';
import { STATUS_NAMES, TRANSITIONS, type WorkflowAction, canDo, isOwnWork } from './rules.ts';

/** Days an article stays in the trash before the purge job deletes it. */
export const TRASH_DAYS = 30;
/** How long a shared preview link works. */
export const PREVIEW_DAYS = 7;

/** What some actions need besides the article: a comment to return it, a reason to force it through. */
export interface TransitionInput {
  comment?: string | undefined;
  reason?: string | undefined;
  now?: Date;
}

/** What must hold before anything goes public: a body, and alt text on every image. */
function publishProblems(article: { title: string; body_html: string }): FieldError[] {
  const problems: FieldError[] = [];
  if (!htmlToPlainText(article.body_html) && !article.body_html.includes('<img')) problems.push({ field: 'body_html', message: 'nội dung bài viết trống' });
  const images = article.body_html.match(/<img\b[^>]*>/g) ?? [];
  if (images.some((img) => !/\salt="[^"]*\S[^"]*"/.test(img))) {
    problems.push({ field: 'body_html', message: 'mọi ảnh trong bài cần có mô tả thay thế (alt) trước khi xuất bản' });
  }
  return problems;
}

/**
 * Moves an article along the workflow: submit, return (with a comment),
 * publish or schedule (never one's own work), force-publish (with a reason,
 * flagged), unpublish, archive, trash and restore. One transaction, with its
 * audit entry. Returns the new status.
 */
export async function transitionArticle(
  db: Kysely<Database>,
  actor: Actor,
  id: number,
  action: WorkflowAction,
  input: TransitionInput = {},
): Promise<ArticleStatus> {
  const now = input.now ?? new Date();
  return inTransaction(db, async (trx) => {
    const article = await loadArticle(trx, actor, id);
    if (!canDo(actor, article, action)) {
      const statusAllows = TRANSITIONS[action].from.includes(article.status) && (action === 'restore') === Boolean(article.deleted_at);
      if (statusAllows) throw new AppError('forbidden', 'Vai trò của bạn không được thực hiện thao tác này với bài viết.');
      throw new AppError(
        'invalid_transition',
        `Không thể thực hiện thao tác này với bài ở trạng thái "${STATUS_NAMES[article.status]}"${article.deleted_at ? ' (trong thùng rác)' : ''}.`,
      );
    }
    const at = now.toISOString();
    const changes: ArticleUpdate = { updated_at: at };
    let status = article.status;
    let summary = article.title;
    let flagged = false;

    if (action === 'publish' || action === 'force_publish') {
      const problems = publishProblems(article);
      if (problems.length) throw validationError(problems);
      const lastEditor = (await new RevisionRepository(trx, actor.siteId).latest(id))?.author_id ?? null;
      if (action === 'publish' && isOwnWork(actor, article.author_id, lastEditor)) {
        throw new AppError(
          'forbidden',
          'Bạn không thể tự duyệt bài do mình viết hoặc sửa sau cùng. Hãy nhờ lãnh đạo khác duyệt, hoặc dùng "Xuất bản không qua duyệt" và ghi rõ lý do.',
        );
      }
      const reason = input.reason?.trim() ?? '';
      if (action === 'force_publish' && reason.length < 10) {
        throw validationError([{ field: 'reason', message: 'hãy ghi lý do xuất bản không qua duyệt (ít nhất 10 ký tự)' }]);
      }
      const planned = article.published_at ? new Date(article.published_at) : null;
      const scheduled = planned !== null && planned > now;
      status = scheduled ? 'scheduled' : 'published';
      Object.assign(changes, {
        status,
        // A planned or earlier publication time is kept (backdated imports, republishing); otherwise now.
        published_at: article.published_at ?? at,
        published_by: actor.userId,
        force_published: action === 'force_publish' ? 1 : article.force_published,
        force_reason: action === 'force_publish' ? reason : article.force_reason,
      });
      if (action === 'force_publish') {
        flagged = true;
        summary = `${article.title} — lý do: ${reason}`;
      } else if (scheduled) {
        summary = `${article.title} — lúc ${formatDateTime(planned!)}`;
      }
    } else if (action === 'return') {
      const comment = input.comment?.trim() ?? '';
      if (comment.length < 3) throw validationError([{ field: 'comment', message: 'hãy ghi nhận xét khi trả lại bài' }]);
      status = 'returned';
      Object.assign(changes, { status, return_comment: comment });
      summary = `${article.title} — nhận xét: ${comment}`;
    } else if (action === 'submit') {
      status = 'submitted';
      Object.assign(changes, { status, submitted_at: at, submitted_by: actor.userId });
    } else if (action === 'unpublish' || action === 'archive') {
      status = action === 'unpublish' ? 'unpublished' : 'archived';
      changes.status = status;
    } else if (action === 'trash') {
      Object.assign(changes, { deleted_at: at, deleted_by: actor.userId });
    } else if (action === 'restore') {
      Object.assign(changes, { deleted_at: null, deleted_by: null });
    }

    await new ArticleRepository(trx, actor.siteId).update(id, changes);
    await articleChanged(trx, actor.siteId, id, now);
    const auditAction = {
      submit: 'article.submitted',
      return: 'article.returned',
      publish: status === 'scheduled' ? 'article.scheduled' : 'article.published',
      force_publish: 'article.force_published',
      unpublish: 'article.unpublished',
      archive: 'article.archived',
      trash: 'article.deleted',
      restore: 'article.restored',
    }[action];
    await recordAudit(trx, actor, { action: auditAction, targetType: 'article', targetId: id, summary, flagged });
    return status;
  });
}

/** Creates a preview link for an unpublished article that works for PREVIEW_DAYS days. */
export async function sharePreview(db: Kysely<Database>, actor: Actor, id: number, now = new Date()): Promise<{ token: string; expiresAt: string }> {
  return inTransaction(db, async (trx) => {
    const article = await loadArticle(trx, actor, id);
    const token = randomBytes(18).toString('base64url');
    const expiresAt = new Date(now.getTime() + PREVIEW_DAYS * 86_400_000).toISOString();
    await new ArticleRepository(trx, actor.siteId).update(id, { preview_token: token, preview_expires_at: expiresAt });
    await recordAudit(trx, actor, { action: 'article.preview_shared', targetType: 'article', targetId: id, summary: article.title });
    return { token, expiresAt };
  });
}

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
