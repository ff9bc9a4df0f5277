import type { FieldError } from '../../errors.ts';
import type { Pagination } from '../../services/pagination.ts';
import { pagination } from '../components/pagination.ts';
import { richTextHtml } from '../../text/sanitize.ts';
import { textParagraphs } from '../../text/rich-text.ts';
import { type SafeHtml, escapeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';

/** Addresses of the public Q&A pages. */
export const qaPaths = {
  list: (q = '', page = 1) => {
    const params = new URLSearchParams();
    if (q) params.set('q', q);
    if (page > 1) params.set('trang', String(page));
    const query = params.toString();
    return `/hoi-dap${query ? `?${query}` : ''}`;
  },
  detail: (id: number) => `/hoi-dap/cau-hoi/${id}`,
  form: () => '/hoi-dap/gui',
  lookup: (code = '') => `/hoi-dap/tra-cuu${code ? `?ma=${encodeURIComponent(code)}` : ''}`,
};

/** Status names as residents read them. */
export const STATUS_NAMES = { received: 'Đã tiếp nhận', processing: 'Đang xử lý', answered: 'Đã trả lời' } as const;

/** Plain text shown as paragraphs, one per blank-line-separated block, line breaks kept. */
export function paragraphs(text: string): SafeHtml {
  return trustedHtml(textParagraphs(escapeHtml(text)));
}

/** An answer as stored (editor markup, or plain text from before the editor) as sanitised HTML. */
export function answerHtml(answer: string): SafeHtml {
  return trustedHtml(richTextHtml(answer));
}

function crumbs(current: string, withList = true): SafeHtml {
  return html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="/">Trang chủ</a></li>${withList ? html`<li><a href="${qaPaths.list()}">Hỏi đáp</a></li>` : ''}<li aria-current="page">${current}</li></ol></nav>`;
}

/** A field's error on a public form, linked to its input by id. */
export function err(errors: FieldError[], name: string): SafeHtml {
  const e = errors.find((x) => x.field === name);
  return e ? html`<p class="field-error" id="${name}-loi">${e.message}</p>` : html``;
}

/** aria attributes of a public form's input: invalid, and described by its hint and error. */
export function invalid(errors: FieldError[], name: string, hint?: string): SafeHtml {
  const bad = errors.some((x) => x.field === name);
  const described = [hint, bad ? `${name}-loi` : ''].filter(Boolean).join(' ');
  return html`${bad ? html` aria-invalid="true"` : ''}${described ? html` aria-describedby="${described}"` : ''}`;
}

/** What the form shows again after an error. */
export interface QuestionFormValues {
  name: string;
  address: string;
  phone: string;
  email: string;
  title: string;
  content: string;
  consent: boolean;
}

const LABELS: Record<string, string> = {
  name: 'Họ và tên',
  address: 'Địa chỉ',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  title: 'Tiêu đề',
  content: 'Nội dung',
  files: 'Tệp đính kèm',
  website: 'Để trống ô này',
  form_token: 'Biểu mẫu',
};

/** A labelled input of a public form, with its hint and error. */
export function input(
  name: string,
  label: string,
  value: string,
  errors: FieldError[],
  options: { type?: string; required?: boolean; autocomplete?: string; hint?: string } = {},
): SafeHtml {
  return html`<div class="qa-field">
  <label for="${name}">${label}${options.required ? html` <span class="qa-required">(bắt buộc)</span>` : ''}</label>
  ${options.hint ? html`<p class="qa-hint" id="${name}-goi-y">${options.hint}</p>` : ''}
  ${err(errors, name)}
  <input id="${name}" name="${name}" type="${options.type ?? 'text'}" value="${value}"${options.required ? html` required` : ''}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : ''}${invalid(errors, name, options.hint ? `${name}-goi-y` : undefined)}>
</div>`;
}

/** The public form: who is asking, how to reach them, the question, files, consent; with the spam guards. */
export function questionFormPage(ctx: PageContext, view: { values: QuestionFormValues; errors: FieldError[]; token: string; acceptsFiles: boolean }): string {
  const { values: v, errors } = view;
  const body = html`${crumbs('Gửi câu hỏi')}
<h1 class="page-title">Gửi câu hỏi, phản ánh, kiến nghị</h1>
<p>Cơ quan trả lời trong <strong>15 ngày làm việc</strong> kể từ ngày tiếp nhận. Sau khi gửi, bạn nhận được <strong>mã tra cứu</strong> để theo dõi kết quả.</p>
${
  errors.length
    ? html`<div class="error-summary qa-errors" role="alert" tabindex="-1"><h2>Chưa gửi được, vui lòng sửa:</h2><ul>${errors.map((e) => html`<li><a href="#${e.field === 'form_token' ? 'gui' : e.field}">${LABELS[e.field] ?? e.field}: ${e.message}</a></li>`)}</ul></div>`
    : ''
}
<form class="qa-form" action="${qaPaths.form()}" method="post"${view.acceptsFiles ? html` enctype="multipart/form-data"` : ''} novalidate>
  <input type="hidden" name="form_token" value="${view.token}">
  <div class="qa-trap" aria-hidden="true">
    <label for="website">Để trống ô này</label>
    <input id="website" name="website" type="text" value="" tabindex="-1" autocomplete="off">
  </div>
  ${err(errors, 'website')}
  <fieldset><legend>Thông tin người gửi (không công khai)</legend>
  ${input('name', 'Họ và tên', v.name, errors, { required: true, autocomplete: 'name' })}
  ${input('address', 'Địa chỉ', v.address, errors, { required: true, autocomplete: 'street-address' })}
  ${input('phone', 'Số điện thoại', v.phone, errors, { type: 'tel', autocomplete: 'tel', hint: 'Nhập số điện thoại hoặc thư điện tử, ít nhất một.' })}
  ${input('email', 'Thư điện tử', v.email, errors, { type: 'email', autocomplete: 'email' })}
  </fieldset>
  <fieldset><legend>Nội dung</legend>
  ${input('title', 'Tiêu đề', v.title, errors, { required: true })}
  <div class="qa-field">
    <label for="content">Nội dung <span class="qa-required">(bắt buộc)</span></label>
    ${err(errors, 'content')}
    <textarea id="content" name="content" rows="8" required${invalid(errors, 'content')}>${v.content}</textarea>
  </div>
  ${
    view.acceptsFiles
      ? html`<div class="qa-field">
    <label for="files">Tệp đính kèm</label>
    <p class="qa-hint" id="files-goi-y">Tối đa 2 tệp PDF, JPEG hoặc PNG; nếu biểu mẫu báo lỗi, hãy chọn lại tệp.</p>
    ${err(errors, 'files')}
    <input id="files" name="files" type="file" multiple accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"${invalid(errors, 'files', 'files-goi-y')}>
  </div>`
      : err(errors, 'files')
  }
  <div class="qa-field qa-check">
    <input id="consent" name="consent" type="checkbox" value="1"${v.consent ? html` checked` : ''}>
    <label for="consent">Tôi đồng ý để cơ quan công khai câu hỏi và câu trả lời (không kèm họ tên, địa chỉ, số điện thoại, thư điện tử).</label>
  </div>
  </fieldset>
  ${err(errors, 'form_token')}
  <button type="submit" id="gui">Gửi câu hỏi</button>
</form>
<p><a href="${qaPaths.lookup()}">Tra cứu kết quả bằng mã</a> · <a href="${qaPaths.list()}">Xem các câu hỏi đã trả lời</a></p>`;
  return layout(ctx, { title: 'Gửi câu hỏi, phản ánh, kiến nghị', noindex: errors.length > 0 }, body);
}

/** After sending: the tracking code and the due day. */
export function questionSentPage(ctx: PageContext, view: { code: string; received: string; due: string }): string {
  const body = html`${crumbs('Đã gửi')}
<h1 class="page-title">Đã gửi câu hỏi</h1>
<div class="qa-receipt" role="status">
  <p>Mã tra cứu của bạn:</p>
  <p class="qa-code">${view.code}</p>
  <p>Ngày tiếp nhận: <strong>${view.received}</strong>. Hạn trả lời: <strong>${view.due}</strong> (15 ngày làm việc).</p>
  <p>Hãy ghi lại mã này để tra cứu kết quả.</p>
</div>
<p><a href="${qaPaths.lookup(view.code)}">Tra cứu câu hỏi ${view.code}</a></p>`;
  return layout(ctx, { title: 'Đã gửi câu hỏi', noindex: true }, body);
}

/** Status of one question, as its code shows it. */
export interface QuestionStatusCard {
  code: string;
  title: string;
  status: string;
  received: string;
  due: string;
  answer: string | null;
  answered: string | null;
}

/** The lookup form and, when a code was given, what it found. */
export function questionLookupPage(ctx: PageContext, view: { code: string; found: QuestionStatusCard | null; error: string | null }): string {
  const f = view.found;
  const body = html`${crumbs('Tra cứu')}
<h1 class="page-title">Tra cứu câu hỏi bằng mã</h1>
<form class="qa-lookup" action="${qaPaths.lookup()}" method="get">
  <label for="ma">Mã tra cứu (ví dụ: HD-2026-7K3Q9PXM)</label>
  ${view.error ? html`<p class="field-error" id="ma-loi">${view.error}</p>` : ''}
  <input id="ma" name="ma" type="text" value="${view.code}" autocomplete="off" maxlength="40"${view.error ? html` aria-invalid="true" aria-describedby="ma-loi"` : ''}>
  <button type="submit">Tra cứu</button>
</form>
${
  f
    ? html`<section class="qa-status" aria-labelledby="ket-qua">
  <h2 id="ket-qua">${f.title}</h2>
  <dl class="qa-facts">
    <div><dt>Mã:</dt> <dd>${f.code}</dd></div>
    <div><dt>Trạng thái:</dt> <dd><strong>${f.status}</strong></dd></div>
    <div><dt>Ngày tiếp nhận:</dt> <dd>${f.received}</dd></div>
    <div><dt>Hạn trả lời:</dt> <dd>${f.due}</dd></div>
    ${f.answered ? html`<div><dt>Ngày trả lời:</dt> <dd>${f.answered}</dd></div>` : ''}
  </dl>
  ${f.answer !== null ? html`<h3>Trả lời</h3><div class="qa-answer">${answerHtml(f.answer)}</div>` : ''}
</section>`
    : ''
}`;
  return layout(ctx, { title: 'Tra cứu câu hỏi', noindex: true }, body);
}

/** A published Q&A in the list. */
export interface QaCard {
  url: string;
  title: string;
  date: string;
  excerpt: string;
}

/** Published Q&As, searchable, ten a page. */
export function questionListPage(ctx: PageContext, view: { q: string; items: QaCard[]; pagination: Pagination }): string {
  const body = html`${crumbs('Hỏi đáp', false)}
<h1 class="page-title">Hỏi đáp</h1>
<p><a href="${qaPaths.form()}">Gửi câu hỏi, phản ánh, kiến nghị</a> · <a href="${qaPaths.lookup()}">Tra cứu kết quả bằng mã</a></p>
<form class="search-form qa-search" action="/hoi-dap" method="get" role="search">
  <label for="qa-q">Tìm trong hỏi đáp</label>
  <input id="qa-q" name="q" type="search" value="${view.q}" maxlength="200">
  <button type="submit">Tìm</button>
</form>
<p class="result-count">${view.pagination.total} câu hỏi đã trả lời${view.q ? html` khớp “${view.q}”` : ''}</p>
${
  view.items.length
    ? html`<ul class="qa-list">${view.items.map((i) => html`<li><h2><a href="${i.url}">${i.title}</a></h2><p class="date">${i.date}</p><p>${i.excerpt}</p></li>`)}</ul>`
    : html`<p class="empty">Chưa có câu hỏi nào${view.q ? ' khớp với từ khóa' : ''}.</p>`
}
${pagination(view.pagination, (page) => qaPaths.list(view.q, page))}`;
  const title = view.pagination.page > 1 ? `Hỏi đáp – trang ${view.pagination.page}` : 'Hỏi đáp';
  return layout(ctx, { title, description: `Câu hỏi của người dân và trả lời của ${ctx.site.authority}.`, noindex: view.q !== '' }, body);
}

/** One published Q&A: title, question, answer; never who asked. */
export function questionDetailPage(ctx: PageContext, view: { title: string; content: string; answer: string; received: string; answered: string }): string {
  const body = html`${crumbs(view.title)}
<article class="qa-detail">
<h1 class="page-title">${view.title}</h1>
<p class="qa-dates">Ngày gửi: ${view.received} · Ngày trả lời: ${view.answered}</p>
<h2>Câu hỏi</h2>
<div class="qa-question">${paragraphs(view.content)}</div>
<h2>Trả lời</h2>
<div class="qa-answer">${answerHtml(view.answer)}</div>
</article>
<p><a href="${qaPaths.list()}">‹ Các câu hỏi khác</a></p>`;
  return layout(ctx, { title: view.title, description: view.content.slice(0, 160) }, body);
}
