import type { AdminArticleRow } from '../../repositories/article-admin-repository.ts';
import type { MyWork } from '../../services/my-work.ts';
import { formatDateTime } from '../../text/format.ts';
import { presentAdminItem } from './presenters.ts';
import { presentOwnItem } from './queue-presenters.ts';
import type { MyArticleView, MyWorkView } from './work-queues.ts';

/** One's own article, with the time that matters where it stands. */
function presentMyArticle(row: AdminArticleRow, when: string | null): MyArticleView {
  const { title, editUrl, status, statusName, category } = presentAdminItem(row);
  return { title, editUrl, status, statusName, category, when: when ? formatDateTime(when) : '', comment: row.return_comment ?? '' };
}

/** "Bài của tôi" as the page lists it. */
export function presentMyWork(work: MyWork): MyWorkView {
  return {
    returned: work.returned.map((a) => presentMyArticle(a, a.updated_at)),
    drafts: work.drafts.map((a) => presentMyArticle(a, a.updated_at)),
    submitted: work.submitted.map((a) => presentMyArticle(a, a.submitted_at ?? a.updated_at)),
    scheduled: work.scheduled.map((a) => presentMyArticle(a, a.published_at)),
    published: work.published.map((a) => presentMyArticle(a, a.published_at)),
    items: work.items.map(presentOwnItem),
  };
}
