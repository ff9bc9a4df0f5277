import type { Kysely } from 'kysely';
import type { ArticleRow, ArticleUpdate, Database, PendingStatus, RevisionRow } from '../../db/schema.ts';
import type { FieldError } from '../../errors.ts';
import { type AdminArticleRow, ArticleAdminRepository } from '../../repositories/article-admin-repository.ts';
import { ArticleRepository } from '../../repositories/article-repository.ts';
import { RevisionRepository } from '../../repositories/revision-repository.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { articleChanged } from '../article-changes.ts';
import type { ReviewKind, ReviewStore } from '../review/kind.ts';
import type { ReviewSubject } from '../review/rules.ts';

/** The content columns an article's revision keeps, and an edit changes. */
export type RevisionContent = Pick<RevisionRow, 'title' | 'slug' | 'summary' | 'body_html' | 'writer' | 'photographer' | 'category_id' | 'featured_media_id'>;

/** Statuses whose content the public sees (or will at a set time). */
export const LIVE_STATUSES: ArticleRow['status'][] = ['published', 'scheduled'];

/** The content of a revision, and the folded search text the articles row keeps with it. */
export function contentOfRevision(revision: RevisionContent): RevisionContent & { search_text: string } {
  const { title, slug, summary, body_html, writer, photographer, category_id, featured_media_id } = revision;
  const search_text = foldVietnamese(`${title} ${summary} ${htmlToPlainText(body_html)}`);
  return { title, slug, summary, body_html, writer, photographer, category_id, featured_media_id, search_text };
}

/** The edit waiting for review over a live article, or undefined when none waits. */
export async function pendingEdit(
  db: Kysely<Database>,
  siteId: number,
  article: Pick<ArticleRow, 'id' | 'pending_revision'>,
): Promise<RevisionRow | undefined> {
  if (article.pending_revision === null) return undefined;
  return new RevisionRepository(db, siteId).find(article.id, article.pending_revision);
}

/** An article as its latest content stands: the edit waiting for review laid over the live row, if one waits. */
export async function withPendingEdit<A extends ArticleRow>(db: Kysely<Database>, siteId: number, article: A): Promise<A> {
  const pending = await pendingEdit(db, siteId, article);
  return pending ? { ...article, ...contentOfRevision(pending) } : article;
}

/** What must hold before anything goes public: a body, and alt text on every image. */
function publishProblems(article: { body_html: string }): FieldError[] {
  const problems: FieldError[] = [];
  if (!htmlToPlainText(article.body_html) && !article.body_html.includes('<img')) problems.push({ field: 'body_html', message: 'nội dung bài viết trống' });
  const images = article.body_html.match(/<img\b[^>]*>/g) ?? [];
  if (images.some((img) => !/\salt="[^"]*\S[^"]*"/.test(img))) {
    problems.push({ field: 'body_html', message: 'mọi ảnh trong bài cần có mô tả ảnh trước khi xuất bản' });
  }
  return problems;
}

const idOf = (key: string) => (/^\d{1,10}$/.test(key) ? Number(key) : null);

/** An article of the site, in any status, trashed or not. */
async function findRow(db: Kysely<Database>, siteId: number, key: string): Promise<AdminArticleRow | undefined> {
  const id = idOf(key);
  return id === null ? undefined : new ArticleAdminRepository(db, siteId).findById(id);
}

/** An article's version: its latest revision, which every save makes or (an autosave) rewrites. */
const versionOf = (revision: RevisionRow | undefined) => (revision ? `${revision.number}.${Date.parse(revision.created_at)}` : '0');

/** What a person writes: a revision changing only these makes its saver the content's last editor (the time, category and picture are not). */
const AUTHORED: Array<keyof RevisionContent> = ['title', 'summary', 'body_html', 'writer', 'photographer'];

/** Whether a revision's content changes what a person writes, compared with the one before it. */
export const changesWriting = (content: RevisionContent, before: RevisionContent | undefined) => !before || AUTHORED.some((k) => content[k] !== before[k]);

/** An article as the rules see it: an edit waiting over live content is what the workflow acts on. */
async function subjectOf(db: Kysely<Database>, siteId: number, article: AdminArticleRow): Promise<ReviewSubject> {
  const revisions = new RevisionRepository(db, siteId);
  const lastEditor = (await revisions.latestContentAuthor(article.id))?.author_id ?? null;
  return {
    version: versionOf(await revisions.latest(article.id)),
    status: article.pending_status ?? article.status,
    live: LIVE_STATUSES.includes(article.status),
    deleted: article.deleted_at !== null,
    authorId: article.author_id,
    lastEditorId: lastEditor,
    title: article.title,
    returnComment: article.return_comment ?? '',
    publishAt: article.published_at,
  };
}

/** Articles keep their review state in their own row, their revisions in article_revisions, and an edit of live content as a pending revision. */
const articleStore: ReviewStore = {
  async load(db, siteId, key) {
    const article = await findRow(db, siteId, key);
    return article && subjectOf(db, siteId, article);
  },

  async apply(db, actor, key, change) {
    const article = (await findRow(db, actor.siteId, key))!;
    const pending = article.pending_status !== null;
    const { at, status } = change;
    const changes: ArticleUpdate = { updated_at: at };
    switch (change.action) {
      case 'submit':
        Object.assign(changes, pending ? { pending_status: status } : { status }, { submitted_at: at, submitted_by: actor.userId });
        break;
      case 'return':
        Object.assign(changes, pending ? { pending_status: status } : { status }, { return_comment: change.comment });
        break;
      case 'publish':
      case 'force_publish': {
        const edit = await pendingEdit(db, actor.siteId, article);
        const forced = change.action === 'force_publish';
        Object.assign(changes, edit ? contentOfRevision(edit) : {}, {
          status,
          pending_revision: null,
          pending_status: null,
          published_at: change.publishAt,
          published_by: actor.userId,
          force_published: forced ? 1 : article.force_published,
          force_reason: forced ? change.reason : article.force_reason,
        });
        break;
      }
      case 'unpublish':
      case 'archive': {
        // Once nothing is public, an edit that waited is simply the article's content.
        const edit = await pendingEdit(db, actor.siteId, article);
        Object.assign(changes, edit ? contentOfRevision(edit) : {}, { status, pending_revision: null, pending_status: null });
        break;
      }
      case 'trash':
        Object.assign(changes, { deleted_at: at, deleted_by: actor.userId });
        break;
      case 'restore':
        Object.assign(changes, { deleted_at: null, deleted_by: null });
        break;
    }
    await new ArticleRepository(db, actor.siteId).update(article.id, changes);
    return undefined;
  },

  async saved(db, actor, key, save) {
    const id = Number(key);
    const revisions = new RevisionRepository(db, actor.siteId);
    const content = save.snapshot as RevisionContent;
    const revision = { ...content, article_id: id, author_id: actor.userId, is_autosave: save.autosave ? 1 : 0, created_at: new Date().toISOString() };
    const latest = await revisions.latest(id);
    // Autosaves by the same person replace each other instead of piling up.
    if (save.autosave && latest?.is_autosave && latest.author_id === actor.userId) {
      const previous = latest.number > 1 ? await revisions.find(id, latest.number - 1) : undefined;
      await revisions.overwrite(latest.id, { ...revision, content_changed: changesWriting(content, previous) ? 1 : 0 });
      return latest.number;
    }
    const number = (latest?.number ?? 0) + 1;
    const contentChanged = changesWriting(content, latest) ? 1 : 0;
    await revisions.insert({ ...revision, number, content_changed: contentChanged, note: save.note ?? (save.before ? '' : 'Tạo bài viết') });
    if (save.autosave || !save.before) return number;
    const articles = new ArticleRepository(db, actor.siteId);
    // An edit of live content waits as this revision; one of withdrawn content starts a new draft.
    if (save.before.live)
      await articles.update(id, { pending_revision: number, pending_status: save.reopen ? 'draft' : (save.before.status as PendingStatus) });
    else if (save.reopen) await articles.update(id, { status: 'draft' });
    return number;
  },
};

/**
 * Articles in the review engine: a reporter writes and submits, an editor
 * returns, an approver who neither wrote nor last changed it publishes (now or
 * at its set time); force-publishing one's own needs a reason and is flagged.
 * An edit of a live article waits as a new revision for another approver
 * while the approved version stays public.
 */
export const articleReview: ReviewKind = {
  type: 'article',
  noun: 'bài',
  targetType: 'article',
  notFound: 'article_not_found',
  actions: ['submit', 'publish', 'return', 'force_publish', 'unpublish', 'archive', 'trash', 'restore'],
  permissions: {
    edit: 'article.edit_any',
    publish: 'article.publish',
    create: 'article.create',
    editOwn: 'article.edit_own',
    viewAll: 'article.view_all',
    actions: {
      submit: 'article.submit',
      return: 'article.return',
      force_publish: 'article.force_publish',
      unpublish: 'article.unpublish',
      archive: 'article.archive',
      trash: 'article.delete',
      restore: 'article.delete',
    },
  },
  publishedEdits: 'draft',
  waitingEdits: 'reviewers',
  audit: {
    submit: 'article.submitted',
    return: 'article.returned',
    publish: 'article.published',
    scheduled: 'article.scheduled',
    force_publish: 'article.force_published',
    unpublish: 'article.unpublished',
    archive: 'article.archived',
    trash: 'article.deleted',
    restore: 'article.restored',
  },
  adminPath: (key) => `/quan-tri/bai-viet/${key}`,
  store: articleStore,
  async publishProblems(db, siteId, key) {
    const article = await findRow(db, siteId, key);
    return article ? publishProblems(await withPendingEdit(db, siteId, article)) : [];
  },
  async changed(db, siteId, key) {
    await articleChanged(db, siteId, Number(key));
  },
};
