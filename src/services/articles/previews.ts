import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../db/database.ts';
import type { Database, SiteRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { type ArticleContent, readPreview } from '../article-reader.ts';
import { recordAudit } from '../audit-service.ts';
import type { Actor } from '../permissions.ts';
import { loadArticle } from './article-editor.ts';
import { withPendingEdit } from './article-review.ts';

/** How long a shared preview link works. */
export const PREVIEW_DAYS = 7;

/** Creates a preview link, working for PREVIEW_DAYS days, for an article the actor may see. Audited. */
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

/** An article as it will look, its latest content (an edit waiting for review included), for staff who may see it. */
export async function previewForStaff(db: Kysely<Database>, actor: Actor, site: SiteRow, id: number): Promise<ArticleContent> {
  return readPreview(db, site, await withPendingEdit(db, site.id, await loadArticle(db, actor, id)));
}

/** An article as it will look, by a shared preview link that has not expired. */
export async function sharedPreview(db: Kysely<Database>, site: SiteRow, token: string, now = new Date()): Promise<ArticleContent> {
  const article = await new ArticleAdminRepository(db, site.id).findByPreviewToken(token, now.toISOString());
  if (!article) throw new AppError('not_found', 'Liên kết xem trước không tồn tại hoặc đã hết hạn.');
  return readPreview(db, site, await withPendingEdit(db, site.id, article));
}
