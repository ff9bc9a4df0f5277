import type { FieldError } from '../../errors.ts';
import type { Pagination } from '../../services/pagination.ts';
import type { ConsultationPhase } from '../../services/consultations/consultation-phase.ts';
import { paths } from '../../paths.ts';
import { pagination } from '../components/pagination.ts';
import { type SafeHtml, html, trustedHtml } from '../html.ts';
import { type PageContext, layout } from '../layout.ts';
import { err, input, invalid, paragraphs } from './questions.ts';

/** A consultation as the public list shows it. */
export interface ConsultationCard {
  url: string;
  title: string;
  phase: ConsultationPhase;
  phaseName: string;
  period: string;
  /** "12 góp ý". */
  comments: string;
  /** "Còn 5 ngày" while open; empty otherwise. */
  left: string;
}

/** One section of the list: open, upcoming, closed or summarised consultations. */
export interface ConsultationSection {
  phase: ConsultationPhase;
  heading: string;
  cards: ConsultationCard[];
}

/** A published comment as the public reads it: never a phone, an e-mail or a file. */
export interface PublicComment {
  author: string;
  date: string;
  content: string;
}

/** What the comment form shows again after an error. */
export interface CommentFormValues {
  name: string;
  phone: string;
  email: string;
  content: string;
  show_name: boolean;
}

/** A consultation's public page. */
export interface ConsultationView {
  card: ConsultationCard;
  bodyHtml: string;
  document: { url: string; label: string } | null;
  file: { url: string; name: string; meta: string } | null;
  comments: PublicComment[];
  pagination: Pagination;
  /** "Đã nhận 12 góp ý, công khai 3." */
  tally: string;
  /** Why the form is not shown (not yet open, closed); null while open. */
  closedNote: string | null;
  form: { action: string; values: CommentFormValues; errors: FieldError[]; token: string; acceptsFiles: boolean; sent: boolean } | null;
  summary: { html: string; file: { url: string; name: string; meta: string } | null; date: string } | null;
}

const LABELS: Record<string, string> = {
  name: 'Họ và tên',
  phone: 'Số điện thoại',
  email: 'Thư điện tử',
  content: 'Nội dung góp ý',
  files: 'Tệp đính kèm',
  website: 'Để trống ô này',
  form_token: 'Biểu mẫu',
};

function crumbs(current?: string): SafeHtml {
  return html`<nav class="breadcrumb" aria-label="Đường dẫn"><ol><li><a href="${paths.home()}">Trang chủ</a></li>${
    current ? html`<li><a href="/lay-y-kien">Lấy ý kiến dự thảo</a></li>` : html`<li aria-current="page">Lấy ý kiến dự thảo</li>`
  }</ol></nav>`;
}

function facts(card: ConsultationCard): SafeHtml {
  return html`<p class="consult-facts"><strong class="consult-phase consult-${card.phase}">${card.phaseName}</strong> · <span>${card.period}</span> · <span>${card.comments}</span>${
    card.left ? html` · <strong class="consult-left">${card.left}</strong>` : ''
  }</p>`;
}

/** /lay-y-kien: open consultations first, then upcoming, closed and summarised ones. */
export function consultationListPage(ctx: PageContext, view: { sections: ConsultationSection[] }): string {
  const shown = view.sections.filter((s) => s.cards.length);
  const body = html`${crumbs()}
<h1 class="page-title">Lấy ý kiến dự thảo</h1>
<p>Cơ quan công khai các dự thảo văn bản, chính sách để người dân góp ý trong thời hạn lấy ý kiến. Sau khi hết hạn, cơ quan công bố báo cáo tổng hợp, tiếp thu, giải trình.</p>
<p><a href="/lay-y-kien/rss.xml">Theo dõi qua RSS</a></p>
${shown.length === 0 ? html`<p class="empty">Hiện chưa có dự thảo nào được lấy ý kiến.</p>` : ''}
${shown.map(
  (s) => html`<section aria-labelledby="nhom-${s.phase}"><h2 id="nhom-${s.phase}">${s.heading}</h2>
<ul class="consult-list">${s.cards.map((c) => html`<li><h3><a href="${c.url}">${c.title}</a></h3>${facts(c)}</li>`)}</ul></section>`,
)}`;
  return layout(
    ctx,
    { title: 'Lấy ý kiến dự thảo', description: `Dự thảo văn bản, chính sách của ${ctx.site.authority} đang và đã lấy ý kiến người dân.` },
    body,
  );
}

function commentForm(form: NonNullable<ConsultationView['form']>): SafeHtml {
  const { values: v, errors } = form;
  return html`<section aria-labelledby="gop-y"><h2 id="gop-y">Gửi góp ý</h2>
${form.sent ? html`<p class="qa-receipt" role="status">Cảm ơn bạn, góp ý đã được gửi tới cơ quan.</p>` : ''}
${
  errors.length
    ? html`<div class="error-summary qa-errors" role="alert" tabindex="-1"><h3>Chưa gửi được, vui lòng sửa:</h3><ul>${errors.map((e) => html`<li><a href="#${e.field === 'form_token' ? 'gui' : e.field}">${LABELS[e.field] ?? e.field}: ${e.message}</a></li>`)}</ul></div>`
    : ''
}
<form class="qa-form" action="${form.action}" method="post"${form.acceptsFiles ? html` enctype="multipart/form-data"` : ''} novalidate>
  <input type="hidden" name="form_token" value="${form.token}">
  <div class="qa-trap" aria-hidden="true">
    <label for="website">Để trống ô này</label>
    <input id="website" name="website" type="text" value="" tabindex="-1" autocomplete="off">
  </div>
  ${err(errors, 'website')}
  <fieldset><legend>Thông tin người góp ý (không công khai)</legend>
  ${input('name', 'Họ và tên', v.name, errors, { required: true, autocomplete: 'name' })}
  ${input('phone', 'Số điện thoại', v.phone, errors, { type: 'tel', autocomplete: 'tel', hint: 'Nhập số điện thoại hoặc thư điện tử, ít nhất một. Cơ quan không công khai các thông tin này.' })}
  ${input('email', 'Thư điện tử', v.email, errors, { type: 'email', autocomplete: 'email' })}
  </fieldset>
  <div class="qa-field">
    <label for="content">Nội dung góp ý <span class="qa-required">(bắt buộc)</span></label>
    ${err(errors, 'content')}
    <textarea id="content" name="content" rows="8" required${invalid(errors, 'content')}>${v.content}</textarea>
  </div>
  ${
    form.acceptsFiles
      ? html`<div class="qa-field">
    <label for="files">Tệp đính kèm</label>
    <p class="qa-hint" id="files-goi-y">Một tệp PDF, JPEG hoặc PNG, tối đa 10 MB; nếu biểu mẫu báo lỗi, hãy chọn lại tệp.</p>
    ${err(errors, 'files')}
    <input id="files" name="files" type="file" accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"${invalid(errors, 'files', 'files-goi-y')}>
  </div>`
      : err(errors, 'files')
  }
  <div class="qa-field qa-check">
    <input id="show_name" name="show_name" type="checkbox" value="1"${v.show_name ? html` checked` : ''}>
    <label for="show_name">Nếu góp ý được công khai, tôi đồng ý hiện họ tên của tôi bên cạnh góp ý (không bao giờ hiện số điện thoại, thư điện tử).</label>
  </div>
  ${err(errors, 'form_token')}
  <button type="submit" id="gui">Gửi góp ý</button>
</form></section>`;
}

function fileLink(file: { url: string; name: string; meta: string }): SafeHtml {
  return html`<a href="${file.url}" download>${file.name}</a> <span class="file-meta">(${file.meta})</span>`;
}

/** A consultation: its text and draft, the published comments, the form while open, and the summary once published. */
export function consultationDetailPage(ctx: PageContext, view: ConsultationView): string {
  const c = view.card;
  const body = html`${crumbs(c.title)}
<article class="article consultation">
  <h1 class="article-title">${c.title}</h1>
  ${facts(c)}
  ${view.summary ? html`<p><a href="#bao-cao">Xem báo cáo tổng hợp, tiếp thu, giải trình</a></p>` : ''}
  ${view.bodyHtml ? html`<div class="article-body">${trustedHtml(view.bodyHtml)}</div>` : ''}
  <h2>Dự thảo</h2>
  <ul class="document-files">
    ${view.document ? html`<li><a href="${view.document.url}">${view.document.label}</a></li>` : ''}
    ${view.file ? html`<li>${fileLink(view.file)}</li>` : ''}
  </ul>
  ${
    view.summary
      ? html`<section aria-labelledby="bao-cao" class="consult-summary"><h2 id="bao-cao">Báo cáo tổng hợp, tiếp thu, giải trình</h2>
  <p class="meta">Công bố ngày ${view.summary.date}</p>
  <div class="article-body">${trustedHtml(view.summary.html)}</div>
  ${view.summary.file ? html`<p>Tệp báo cáo: ${fileLink(view.summary.file)}</p>` : ''}</section>`
      : ''
  }
  ${view.form ? commentForm(view.form) : html`<p class="consult-closed" role="note">${view.closedNote}</p>`}
  <section aria-labelledby="y-kien"><h2 id="y-kien">Góp ý đã công khai</h2>
  <p>${view.tally}</p>
  ${
    view.comments.length
      ? html`<ol class="consult-comments">${view.comments.map((m) => html`<li><p class="meta"><strong>${m.author}</strong> · ${m.date}</p>${paragraphs(m.content)}</li>`)}</ol>`
      : html`<p class="empty">Chưa có góp ý nào được công khai.</p>`
  }
  ${pagination(view.pagination, (page) => `${c.url}${page > 1 ? `?trang=${page}` : ''}#y-kien`)}
  </section>
</article>`;
  const errors = view.form?.errors.length ?? 0;
  return layout(ctx, { title: c.title, description: `${c.phaseName}: ${c.period}.`, canonicalPath: c.url, noindex: errors > 0 }, body);
}
