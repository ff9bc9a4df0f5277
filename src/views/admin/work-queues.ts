import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, adminLayout, tableRegion } from './layout.ts';

/** A resident's question in a dashboard list. */
export interface QueuedQuestionView {
  code: string;
  title: string;
  url: string;
  due: string;
  overdue: boolean;
}

/** The dashboard's Hỏi đáp lists, for those who handle questions. */
export interface QuestionQueuesView {
  overdue: QueuedQuestionView[];
  dueSoon: QueuedQuestionView[];
  received: QueuedQuestionView[];
  /** Null when this person does not approve answers. */
  answers: QueuedQuestionView[] | null;
  returned: QueuedQuestionView[];
}

/** A document, calendar or Giới thiệu page of one's own, with where its review stands. */
export interface OwnItemView {
  module: string;
  title: string;
  url: string;
  status: string;
  statusKey: string;
  comment: string;
  updated: string;
}

/** An article of one's own with the time that matters where it stands, and the editor's comment when it was sent back. */
export interface MyArticleView {
  title: string;
  editUrl: string;
  status: string;
  statusName: string;
  category: string;
  when: string;
  comment: string;
}

/** What "Bài của tôi" lists. */
export interface MyWorkView {
  returned: MyArticleView[];
  drafts: MyArticleView[];
  submitted: MyArticleView[];
  scheduled: MyArticleView[];
  published: MyArticleView[];
  items: OwnItemView[];
}

/** A titled section with a count, and its list or a line saying there is nothing. */
function section(id: string, title: string, count: number, list: SafeHtml, empty: string): SafeHtml {
  return html`<section aria-labelledby="${id}" class="work-section"><h2 id="${id}">${title} (${count})</h2>${count ? list : html`<p class="empty">${empty}</p>`}</section>`;
}

function questionTable(caption: string, rows: QueuedQuestionView[]): SafeHtml {
  return tableRegion(
    caption,
    html`<table class="data-table"><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Mã</th><th scope="col">Tiêu đề</th><th scope="col">Hạn trả lời</th></tr></thead>
<tbody>${rows.map(
      (q) =>
        html`<tr${q.overdue ? html` class="qa-overdue"` : ''}><td>${q.code}</td><td><a href="${q.url}">${q.title}</a></td><td>${q.due}${q.overdue ? html` <strong class="qa-late">Quá hạn</strong>` : ''}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** The dashboard's Hỏi đáp sections: overdue, due soon, newly received, answers to approve or to fix; nothing for those who do not handle questions. */
export function questionSections(view: QuestionQueuesView | undefined): SafeHtml {
  if (!view) return html``;
  const lists: Array<[string, string, QueuedQuestionView[]]> = [
    ['cau-hoi-qua-han', 'Câu hỏi quá hạn trả lời', view.overdue],
    ['cau-hoi-sap-den-han', 'Câu hỏi sắp đến hạn (3 ngày làm việc)', view.dueSoon],
    ['cau-hoi-moi', 'Câu hỏi mới nhận, chưa phân công', view.received],
    ['tra-loi-cho-duyet', 'Câu trả lời chờ duyệt', view.answers ?? []],
    ['tra-loi-bi-tra-lai', 'Câu trả lời của tôi bị trả lại', view.returned],
  ];
  const waiting = lists.filter(([, , rows]) => rows.length > 0);
  // Only the lists with something in them, so a phone shows what waits without scrolling past empty headings.
  if (waiting.length === 0)
    return section('cau-hoi', 'Câu hỏi của người dân cần xử lý', 0, html``, 'Không có câu hỏi nào quá hạn, sắp đến hạn, mới nhận hay chờ duyệt.');
  return html`${waiting.map(([id, title, rows]) => section(id, title, rows.length, questionTable(title, rows), ''))}`;
}

function ownItemTable(caption: string, items: OwnItemView[]): SafeHtml {
  return tableRegion(
    caption,
    html`<table class="data-table"><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Mục</th><th scope="col">Loại</th><th scope="col">Trạng thái</th><th scope="col">Nhận xét của người duyệt</th><th scope="col">Cập nhật</th></tr></thead>
<tbody>${items.map(
      (i) =>
        html`<tr><td><a href="${i.url}">${i.title}</a></td><td>${i.module}</td><td><span class="status status-${i.statusKey}">${i.status}</span></td><td>${i.comment}</td><td>${i.updated}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** The dashboard's list of one's documents, calendars and pages sent back; nothing when there are none. */
export function returnedItemsSection(items: OwnItemView[]): SafeHtml {
  if (items.length === 0) return html``;
  return section('muc-bi-tra-lai', 'Văn bản, lịch và trang của tôi bị trả lại', items.length, ownItemTable('Mục của tôi bị trả lại', items), '');
}

function myArticleTable(caption: string, whenLabel: string, rows: MyArticleView[], withComment: boolean): SafeHtml {
  return tableRegion(
    caption,
    html`<table class="data-table"><caption class="visually-hidden">${caption}</caption>
<thead><tr><th scope="col">Tiêu đề</th><th scope="col">Trạng thái</th><th scope="col">Chuyên mục</th>${withComment ? html`<th scope="col">Nhận xét của người duyệt</th>` : ''}<th scope="col">${whenLabel}</th></tr></thead>
<tbody>${rows.map(
      (a) =>
        html`<tr><td><a href="${a.editUrl}">${a.title}</a></td><td><span class="status status-${a.status}">${a.statusName}</span></td><td>${a.category}</td>${withComment ? html`<td class="review-comment">${a.comment}</td>` : ''}<td>${a.when}</td></tr>`,
    )}</tbody></table>`,
  );
}

/** "Bài của tôi": a contributor's own articles by where they stand, the editor's comment on those sent back, and their other items. */
export function myWorkPage(ctx: AdminContext, view: MyWorkView): string {
  const articles = (id: string, title: string, whenLabel: string, rows: MyArticleView[], empty: string, withComment = false) =>
    section(id, title, rows.length, myArticleTable(title, whenLabel, rows, withComment), empty);
  const body = html`<div class="page-head"><h1>Bài của tôi</h1>${ctx.can('article.create') ? html`<a class="button" href="/quan-tri/bai-viet/moi">Viết bài mới</a>` : ''}</div>
<p class="hint">Bài bạn đã viết trên cổng này, theo trạng thái. Giờ theo giờ Việt Nam.</p>
${articles('bi-tra-lai', 'Bị trả lại, cần sửa', 'Trả lại lúc', view.returned, 'Không có bài nào bị trả lại.', true)}
${articles('ban-nhap', 'Bản nháp', 'Cập nhật', view.drafts, 'Không có bản nháp nào.')}
${articles('cho-duyet', 'Đã gửi, chờ duyệt', 'Gửi duyệt lúc', view.submitted, 'Không có bài nào đang chờ duyệt.')}
${articles('hen-gio', 'Hẹn giờ xuất bản', 'Xuất bản lúc', view.scheduled, 'Không có bài nào hẹn giờ.')}
${articles('da-xuat-ban', 'Đã xuất bản (20 bài gần nhất)', 'Xuất bản lúc', view.published, 'Chưa có bài nào được xuất bản.')}
${view.items.length ? section('muc-cua-toi', 'Văn bản, lịch và trang giới thiệu của tôi', view.items.length, ownItemTable('Văn bản, lịch và trang của tôi', view.items), '') : ''}`;
  return adminLayout(ctx, 'Bài của tôi', body);
}
