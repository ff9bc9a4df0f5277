import type { PendingStatus } from '../../db/schema.ts';
import type { AdminArticleRow } from '../../repositories/article-admin-repository.ts';
import type { ArticleDesk } from '../../services/articles/article-desk.ts';
import type { Dashboard } from '../../services/dashboard.ts';
import type { History } from '../../services/review/history.ts';
import { STATUS_NAMES, capitalise } from '../../services/review/rules.ts';
import { formatDateTimeInput } from '../../text/date-time-input.ts';
import { formatDateTime } from '../../text/format.ts';
import type { FieldError } from '../../errors.ts';
import { paths } from '../../paths.ts';
import type { ArticleFormValues, ArticleFormView } from './article-form.ts';
import type { AdminArticleItem, DashboardView } from './article-list.ts';
import type { RevisionsView } from './revisions.ts';
import { presentOwnItem, presentQuestionQueues } from './queue-presenters.ts';

/** What an edit waiting over a live article adds to its status. */
const PENDING_NAMES: Record<PendingStatus, string> = { draft: 'bản sửa chưa gửi duyệt', submitted: 'bản sửa chờ duyệt', returned: 'bản sửa bị trả lại' };

/** An article's status as the newsroom names it: "Đã xuất bản · bản sửa chờ duyệt" while an edit waits. */
export function articleStatusName(row: Pick<AdminArticleRow, 'status' | 'pending_status'>): string {
  return row.pending_status ? `${STATUS_NAMES[row.status]} · ${PENDING_NAMES[row.pending_status]}` : STATUS_NAMES[row.status];
}

/** An article row as newsroom lists show it. */
export function presentAdminItem(row: AdminArticleRow): AdminArticleItem {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    statusName: articleStatusName(row),
    category: row.category_name,
    author: row.author_name ?? 'Hệ thống',
    updated: formatDateTime(row.updated_at),
    editUrl: `/quan-tri/bai-viet/${row.id}`,
    forceReason: row.force_reason,
    ...(row.deleted_at ? { deletedAt: formatDateTime(row.deleted_at) } : {}),
  };
}

/** The form values of a saved article, at the version the form is opened on. */
export function formValuesOf(row: AdminArticleRow, version = ''): ArticleFormValues {
  return {
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    body_html: row.body_html,
    writer: row.writer,
    photographer: row.photographer,
    category_id: String(row.category_id),
    featured_media_id: row.featured_media_id === null ? '' : String(row.featured_media_id),
    publish_at: formatDateTimeInput(row.published_at),
    version,
  };
}

/** The form values just submitted, so a form keeps its input after an error. */
export function formValuesFromBody(body: Record<string, unknown>): ArticleFormValues {
  const get = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  return {
    title: get('title'),
    slug: get('slug'),
    summary: get('summary'),
    body_html: get('body_html'),
    writer: get('writer'),
    photographer: get('photographer'),
    category_id: get('category_id'),
    featured_media_id: get('featured_media_id'),
    publish_at: get('publish_at'),
    version: get('version'),
  };
}

/** A history's revisions as the history page lists them, and which two it compares. */
export function presentRevisions(
  history: History<{ number: number; author_name: string | null; created_at: string; note: string; is_autosave?: number }>,
): Pick<RevisionsView, 'revisions' | 'older' | 'newer' | 'diff'> {
  return {
    revisions: history.revisions.map((r) => ({
      number: r.number,
      author: r.author_name ?? 'Hệ thống',
      when: formatDateTime(r.created_at),
      note: r.note,
      autosave: r.is_autosave === 1,
    })),
    older: history.older,
    newer: history.newer,
    diff: history.diff,
  };
}

/** The dashboard: the article queues as lists show them, and the modules' items waiting, when this person reviews any. */
export function presentDashboard(dashboard: Dashboard): DashboardView {
  return {
    queue: dashboard.queue.map(presentAdminItem),
    mine: dashboard.mine.map(presentAdminItem),
    forced: dashboard.forced.map(presentAdminItem),
    conformance: dashboard.conformance,
    otherQueue: dashboard.modules?.map(({ kind, item, own }) => ({
      module: capitalise(kind.noun),
      title: item.title,
      url: kind.adminPath(item.item_key),
      submitted: item.submitted_at ? formatDateTime(item.submitted_at) : '',
      own,
    })),
    questions: presentQuestionQueues(dashboard.questions),
    returned: dashboard.returned.map(presentOwnItem),
  };
}

/** The editor of a new or saved article: what the form shows (values given, else as saved, else a blank with the writer's name), and the panel beside it. */
export function presentArticleEditor(
  desk: ArticleDesk,
  page: { id: number | null; values: ArticleFormValues | null; errors: FieldError[]; writer: string; origin: string },
): ArticleFormView {
  const { article } = desk;
  const blank: ArticleFormValues = {
    title: '',
    slug: '',
    summary: '',
    body_html: '',
    writer: page.writer,
    photographer: '',
    category_id: String(desk.categories[0]?.id ?? ''),
    featured_media_id: '',
    publish_at: '',
    version: '',
  };
  // After a conflict the form carries the version now saved: a second "Lưu" then knowingly replaces it.
  const conflict = page.errors.some((e) => e.field === 'version');
  const values = page.values ? { ...page.values, version: conflict ? desk.review.version : page.values.version } : null;
  return {
    id: page.id,
    values: values ?? (article ? formValuesOf(article, desk.review.version) : blank),
    errors: page.errors,
    categories: desk.categories.map((c) => ({ id: c.id, name: c.name })),
    images: desk.images.map((m) => ({ id: m.id, alt: m.alt })),
    status: article?.status ?? null,
    reviewStatus: article ? (desk.pending ?? article.status) : null,
    statusName: article ? articleStatusName({ status: article.status, pending_status: desk.pending }) : 'Bài mới',
    pendingEdit: desk.pending !== null,
    canEdit: desk.review.canEdit,
    actions: desk.review.actions,
    author: article?.author_name ?? 'Hệ thống',
    returnComment: article?.return_comment ?? null,
    forceReason: article?.force_reason ?? null,
    scheduledAt: article?.status === 'scheduled' && article.published_at ? formatDateTimeInput(article.published_at) : null,
    publicUrl: article?.status === 'published' ? paths.article(article.slug) : null,
    previewLink: desk.previewToken ? `${page.origin}/xem-truoc/${desk.previewToken}` : null,
    uploadUrl: '/quan-tri/media',
  };
}
