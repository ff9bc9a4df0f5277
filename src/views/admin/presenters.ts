import type { AdminArticleRow } from '../../repositories/article-admin-repository.ts';
import { formatDateTime } from '../../text/format.ts';
import { STATUS_NAMES } from '../../services/workflow/rules.ts';
import type { ArticleFormValues } from './article-form.ts';
import type { AdminArticleItem } from './article-list.ts';

/** An article row as newsroom lists show it. */
export function presentAdminItem(row: AdminArticleRow): AdminArticleItem {
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    statusName: STATUS_NAMES[row.status],
    category: row.category_name,
    author: row.author_name ?? 'Hệ thống',
    updated: formatDateTime(row.updated_at),
    editUrl: `/quan-tri/bai-viet/${row.id}`,
    forceReason: row.force_reason,
    ...(row.deleted_at ? { deletedAt: formatDateTime(row.deleted_at) } : {}),
  };
}

/** An instant as a datetime-local value in Vietnam time ("2026-11-26T08:30"). */
export function toVietnamLocalInput(iso: string | null): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16);
}

/** The form values of a saved article. */
export function formValuesOf(row: AdminArticleRow): ArticleFormValues {
  return {
    title: row.title,
    slug: row.slug,
    summary: row.summary,
    body_html: row.body_html,
    writer: row.writer,
    photographer: row.photographer,
    category_id: String(row.category_id),
    featured_media_id: row.featured_media_id === null ? '' : String(row.featured_media_id),
    publish_at: toVietnamLocalInput(row.published_at),
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
  };
}
