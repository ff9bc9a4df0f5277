import type { FieldError } from '../../../errors.ts';
import { html } from '../../html.ts';
import { type AdminContext, adminLayout, csrfField, errorSummary } from '../layout.ts';
import { settingsTabs } from './common.ts';

/** A block of the home page as the editor lists it. */
export interface BlockItem {
  key: string;
  name: string;
  hint: string;
  column: string;
  shown: boolean;
}

/**
 * /quan-tri/cai-dat/trang-chu: every block, shown ones first in their
 * order. One form: the checkboxes say which show, and "Lên"/"Xuống" save
 * them and move a block a place at once.
 */
export function homeBlocksPage(ctx: AdminContext, view: { blocks: BlockItem[]; errors: FieldError[] }): string {
  const body = html`<h1>Trang chủ</h1>
${settingsTabs(ctx)}
<p>Chọn các khối trang chủ hiện và thứ tự của chúng. Tin nổi bật và Tin tức mới nằm ở cột chính; các khối khác ở cột bên (trên điện thoại, cột bên nằm dưới cột chính). Tin nào nổi bật thì chọn ở trang <a href="/quan-tri/tin-noi-bat">Tin nổi bật</a>.</p>
${errorSummary(view.errors, { blocks: 'Khối trang chủ' })}
<form method="post" action="/quan-tri/cai-dat/trang-chu">${csrfField(ctx)}
<ol class="shape-list">
  ${view.blocks.map(
    (block, i) => html`<li class="shape-item">
    <input type="hidden" name="order" value="${block.key}">
    <div class="shape-item-text">
      <div class="field checkbox"><input id="khoi-${block.key}" name="shown" type="checkbox" value="${block.key}"${block.shown ? html` checked` : ''} aria-describedby="khoi-${block.key}-goi-y"><label for="khoi-${block.key}">${block.name}</label></div>
      <p class="hint" id="khoi-${block.key}-goi-y">${block.column}. ${block.hint}</p>
    </div>
    <div class="shape-item-actions">
      <button type="submit" name="move" value="${block.key}:up" class="secondary small"${i === 0 ? html` disabled` : ''}>Lên<span class="visually-hidden"> “${block.name}”</span></button>
      <button type="submit" name="move" value="${block.key}:down" class="secondary small"${i === view.blocks.length - 1 ? html` disabled` : ''}>Xuống<span class="visually-hidden"> “${block.name}”</span></button>
    </div>
  </li>`,
  )}
</ol>
<p class="form-actions"><button type="submit" class="primary">Lưu trang chủ</button> <a href="/">Xem trang chủ</a></p>
</form>`;
  return adminLayout(ctx, 'Trang chủ', body);
}
