import type { FieldError } from '../../errors.ts';
import { ACTION_NAMES } from '../../services/review/rules.ts';
import { html } from '../html.ts';
import { answerHtml, paragraphs } from '../pages/questions.ts';
import { richTextField } from './rich-text-field.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary, fieldError, invalidAttrs, tableRegion, textField } from './layout.ts';

/** A question in the staff list. */
export interface StaffQuestionRow {
  id: number;
  code: string;
  title: string;
  status: string;
  received: string;
  due: string;
  overdue: boolean;
  assignee: string;
  published: boolean;
}

const FILTERS: Array<[string, string]> = [
  ['', 'Tất cả'],
  ['received', 'Đã tiếp nhận'],
  ['processing', 'Đang xử lý'],
  ['review', 'Chờ duyệt'],
  ['answered', 'Đã trả lời'],
];

/** The staff list: filters, overdue questions first and marked "Quá hạn". */
export function questionListAdminPage(ctx: AdminContext, view: { rows: StaffQuestionRow[]; status: string; overdue: boolean }): string {
  const table = html`<table class="data-table"><caption class="visually-hidden">Câu hỏi của người dân</caption>
<thead><tr><th scope="col">Mã</th><th scope="col">Tiêu đề</th><th scope="col">Trạng thái</th><th scope="col">Tiếp nhận</th><th scope="col">Hạn trả lời</th><th scope="col">Người xử lý</th></tr></thead>
<tbody>${view.rows.map(
    (r) => html`<tr${r.overdue ? html` class="qa-overdue"` : ''}>
  <td>${r.code}</td>
  <td><a href="/quan-tri/hoi-dap/${r.id}">${r.title}</a>${r.published ? html` <span class="qa-tag">Đã công khai</span>` : ''}</td>
  <td>${r.status}${r.overdue ? html` <strong class="qa-late">Quá hạn</strong>` : ''}</td>
  <td>${r.received}</td><td>${r.due}</td><td>${r.assignee}</td>
</tr>`,
  )}</tbody></table>`;
  const body = html`<h1>Hỏi đáp – phản ánh, kiến nghị</h1>
<p><a href="/quan-tri/hoi-dap/ngay-nghi">Ngày nghỉ lễ dùng để tính hạn trả lời</a></p>
<form class="qa-filters" action="/quan-tri/hoi-dap" method="get">
  <label for="trang-thai">Trạng thái</label>
  <select id="trang-thai" name="trang_thai">${FILTERS.map(([value, label]) => html`<option value="${value}"${view.status === value ? html` selected` : ''}>${label}</option>`)}</select>
  <input id="qua-han" name="qua_han" type="checkbox" value="1"${view.overdue ? html` checked` : ''}> <label for="qua-han">Chỉ câu hỏi quá hạn</label>
  <button type="submit">Lọc</button>
</form>
${view.rows.length ? tableRegion('Danh sách câu hỏi', table) : html`<p>Không có câu hỏi nào.</p>`}`;
  return adminLayout(ctx, 'Hỏi đáp', body);
}

/** One question as staff see it, personal details included. */
export interface StaffQuestionDetail extends StaffQuestionRow {
  name: string;
  address: string;
  phone: string;
  email: string;
  content: string;
  /** The answer the resident sees (approved), or '' before one was published. */
  answer: string;
  answered: string | null;
  consent: boolean;
  assignedTo: number | null;
  files: Array<{ url: string; name: string }>;
  /** Where the answer under preparation stands. */
  review: 'none' | 'submitted' | 'returned';
  /** The draft waiting for review (shown read-only while submitted). */
  draft: string;
  draftAuthor: string | null;
  reviewComment: string;
  /** Whether the viewer started or last changed the draft, and so may not approve it. */
  ownWork: boolean;
}

/** What the forms on the detail page hold after a refused post. */
export interface QuestionDetailValues {
  answer: string;
  comment: string;
  publicly: boolean;
}

const LABELS = { answer: 'Trả lời', assignee: 'Người xử lý', publish: 'Công khai', publicly: 'Công khai', comment: 'Nhận xét', action: 'Duyệt' };

function answerSection(ctx: AdminContext, q: StaffQuestionDetail, errors: FieldError[], values: QuestionDetailValues) {
  const returned =
    q.review === 'returned'
      ? html`<div class="qa-returned" role="note"><p><strong>Lãnh đạo đã trả lại câu trả lời:</strong></p>${paragraphs(q.reviewComment)}</div>`
      : '';
  if (q.review === 'submitted') {
    return html`<section aria-labelledby="tra-loi"><h2 id="tra-loi">Câu trả lời chờ duyệt</h2>
<p>Người soạn: ${q.draftAuthor ?? '—'}. Người dân chỉ thấy câu trả lời sau khi lãnh đạo duyệt.</p>
<div class="qa-draft">${answerHtml(q.draft)}</div>
${
  values.answer !== q.draft
    ? html`<div class="field"><label for="answer">Nội dung bạn vừa nhập (chưa lưu; chép lại để dùng khi câu trả lời được trả lại)</label><textarea id="answer" rows="6" readonly>${values.answer}</textarea></div>`
    : ''
}
${ctx.can('question.publish') ? reviewForms(ctx, q, errors, values) : ''}
</section>`;
  }
  if (!ctx.can('question.answer')) return '';
  return html`<section aria-labelledby="tra-loi"><h2 id="tra-loi">${q.status === 'Đã trả lời' ? 'Sửa câu trả lời' : 'Soạn câu trả lời'}</h2>
${returned}
<p>Lưu nháp để viết tiếp sau; bấm “Gửi duyệt” khi xong. Một lãnh đạo khác người soạn sẽ duyệt trước khi người dân nhận được.</p>
<form action="/quan-tri/hoi-dap/${q.id}/tra-loi" method="post">${csrfField(ctx)}
  ${richTextField(ctx, { name: 'answer', label: 'Nội dung trả lời', value: values.answer, errors, rows: 10 })}
  <button type="submit" name="action" value="luu">Lưu nháp</button>
  <button type="submit" name="action" value="gui-duyet">${ACTION_NAMES.submit}</button>
</form></section>`;
}

function reviewForms(ctx: AdminContext, q: StaffQuestionDetail, errors: FieldError[], values: QuestionDetailValues) {
  const approve = q.ownWork
    ? html`<p id="action">Bạn soạn hoặc sửa câu trả lời này nên không tự duyệt được; cần một lãnh đạo khác duyệt.</p>`
    : html`<form id="action" action="/quan-tri/hoi-dap/${q.id}/duyet" method="post">${csrfField(ctx)}
  ${fieldError(errors, 'publicly')}
  ${
    q.consent
      ? html`<div class="field checkbox"><input id="publicly" name="publicly" type="checkbox" value="1"${values.publicly ? html` checked` : ''}${invalidAttrs(errors, 'publicly')}> <label for="publicly">Công khai hỏi đáp trên trang Hỏi đáp (không kèm thông tin người gửi)</label></div>`
      : html`<p>Người gửi không đồng ý công khai: câu trả lời chỉ gửi cho người hỏi.</p>`
  }
  <button type="submit">${ACTION_NAMES.publish}</button>
</form>`;
  return html`<h3>Duyệt</h3>
${approve}
<h3>Trả lại</h3>
<form action="/quan-tri/hoi-dap/${q.id}/tra-lai" method="post">${csrfField(ctx)}
  <div class="field"><label for="comment">Nhận xét khi trả lại <span class="required">(bắt buộc)</span></label>${fieldError(errors, 'comment')}
  <textarea id="comment" name="comment" rows="3"${invalidAttrs(errors, 'comment')}>${values.comment}</textarea></div>
  <button type="submit">${ACTION_NAMES.return}</button>
</form>`;
}

/** The detail page: who asked (staff only), the question, assignment, the answer and its review, publication. */
export function questionDetailAdminPage(
  ctx: AdminContext,
  view: { q: StaffQuestionDetail; assignees: Array<{ id: number; name: string }>; errors: FieldError[]; values: QuestionDetailValues },
): string {
  const { q, errors } = view;
  const body = html`<p><a href="/quan-tri/hoi-dap">‹ Danh sách câu hỏi</a></p>
<h1>${q.title}</h1>
${errorSummary(errors, LABELS)}
<dl class="qa-facts">
  <div><dt>Mã:</dt> <dd>${q.code}</dd></div>
  <div><dt>Trạng thái:</dt> <dd>${q.status}${q.overdue ? html` <strong class="qa-late">Quá hạn</strong>` : ''}</dd></div>
  <div><dt>Tiếp nhận:</dt> <dd>${q.received}</dd></div>
  <div><dt>Hạn trả lời:</dt> <dd>${q.due}</dd></div>
</dl>
<section aria-labelledby="nguoi-gui"><h2 id="nguoi-gui">Người gửi (không công khai)</h2>
<dl class="qa-facts">
  <div><dt>Họ tên:</dt> <dd>${q.name}</dd></div>
  <div><dt>Địa chỉ:</dt> <dd>${q.address}</dd></div>
  <div><dt>Điện thoại:</dt> <dd>${q.phone || '—'}</dd></div>
  <div><dt>Thư điện tử:</dt> <dd>${q.email || '—'}</dd></div>
  <div><dt>Đồng ý công khai:</dt> <dd>${q.consent ? 'Có' : 'Không'}</dd></div>
</dl></section>
<section aria-labelledby="cau-hoi"><h2 id="cau-hoi">Nội dung</h2>
${paragraphs(q.content)}
${q.files.length ? html`<h3>Tệp đính kèm (chỉ cán bộ xem)</h3><ul>${q.files.map((f) => html`<li><a href="${f.url}" download>${f.name}</a></li>`)}</ul>` : ''}
</section>
${
  ctx.can('question.answer')
    ? html`<section aria-labelledby="phan-cong"><h2 id="phan-cong">Phân công</h2>
<form action="/quan-tri/hoi-dap/${q.id}/phan-cong" method="post">${csrfField(ctx)}
  <div class="field"><label for="assignee">Người xử lý</label>${fieldError(errors, 'assignee')}
  <select id="assignee" name="assignee"${invalidAttrs(errors, 'assignee')}><option value="">Chưa phân công</option>${view.assignees.map((a) => html`<option value="${a.id}"${a.id === q.assignedTo ? html` selected` : ''}>${a.name}</option>`)}</select></div>
  <button type="submit">Phân công</button>
</form></section>`
    : ''
}
${q.answered ? html`<section aria-labelledby="da-tra-loi"><h2 id="da-tra-loi">Câu trả lời đã gửi (${q.answered})</h2>${answerHtml(q.answer)}</section>` : ''}
${answerSection(ctx, q, errors, view.values)}
${
  ctx.can('question.publish') && q.answered
    ? html`<section aria-labelledby="cong-khai"><h2 id="cong-khai">Công khai</h2>
${fieldError(errors, 'publish')}
${
  q.published
    ? html`<p>Câu hỏi đang hiện trên trang Hỏi đáp của cổng (không kèm thông tin người gửi).</p>
<form action="/quan-tri/hoi-dap/${q.id}/cong-khai" method="post">${csrfField(ctx)}<input type="hidden" name="publish" value="0"><button type="submit">Thôi công khai</button></form>`
    : q.consent
      ? html`<p>Chỉ tiêu đề, câu hỏi và câu trả lời đã duyệt được công khai; không kèm họ tên, địa chỉ, điện thoại, thư điện tử.</p>
<form action="/quan-tri/hoi-dap/${q.id}/cong-khai" method="post">${csrfField(ctx)}<input type="hidden" name="publish" value="1"><button type="submit">Công khai hỏi đáp</button></form>`
      : html`<p>Người gửi không đồng ý công khai nên không thể công khai câu hỏi này.</p>`
}
</section>`
    : ''
}`;
  return adminLayout(ctx, q.title, body, { editor: ctx.can('question.answer') && q.review !== 'submitted' });
}

/** The holidays due dates skip: a list with remove buttons and an add form. */
export function holidaysAdminPage(
  ctx: AdminContext,
  view: { holidays: Array<{ id: number; day: string; name: string }>; errors: FieldError[]; values: { day: string; name: string } },
): string {
  const table = html`<table class="data-table"><caption class="visually-hidden">Ngày nghỉ</caption><thead><tr><th scope="col">Ngày</th><th scope="col">Tên</th><th scope="col">Thao tác</th></tr></thead>
<tbody>${view.holidays.map(
    (h) =>
      html`<tr><td>${h.day}</td><td>${h.name}</td><td><form action="/quan-tri/hoi-dap/ngay-nghi/${h.id}/xoa" method="post" class="inline-form">${csrfField(ctx)}<button type="submit" aria-label="Xóa ngày nghỉ ${h.day}">Xóa</button></form></td></tr>`,
  )}</tbody></table>`;
  const body = html`<p><a href="/quan-tri/hoi-dap">‹ Hỏi đáp</a></p>
<h1>Ngày nghỉ lễ</h1>
<p>Hạn trả lời là 15 ngày làm việc sau ngày tiếp nhận, bỏ qua thứ Bảy, Chủ nhật và các ngày dưới đây. Sửa lại khi Chính phủ công bố lịch nghỉ khác.</p>
${errorSummary(view.errors, { day: 'Ngày', name: 'Tên ngày nghỉ' })}
<form action="/quan-tri/hoi-dap/ngay-nghi" method="post">${csrfField(ctx)}
  ${textField('day', 'Ngày (dd/mm/yyyy)', view.values.day, view.errors, { required: true })}
  ${textField('name', 'Tên ngày nghỉ', view.values.name, view.errors, { required: true })}
  <button type="submit">Thêm ngày nghỉ</button>
</form>
${tableRegion('Danh sách ngày nghỉ', table)}`;
  return adminLayout(ctx, 'Ngày nghỉ lễ', body);
}
