import type { FieldError } from '../../errors.ts';
import { type SafeHtml, html } from '../html.ts';
import { type AdminContext, fieldError } from './layout.ts';

/**
 * A rich-text field: a textarea that the newsroom's editor (src/editor)
 * replaces with TipTap, as in the article form. Without JavaScript it stays a
 * textarea that takes plain paragraphs; the server turns those into markup
 * and sanitises either. The page must load the editor (adminLayout's `editor`).
 */
export function richTextField(
  ctx: AdminContext,
  field: { name: string; label: string; value: string; errors: FieldError[]; rows?: number; hint?: string; reliefFigures?: boolean },
): SafeHtml {
  const { name, errors } = field;
  const invalid = errors.some((e) => e.field === name);
  const describedBy = [field.hint ? `${name}-goi-y` : '', invalid ? `${name}-loi` : ''].filter(Boolean).join(' ');
  return html`<div class="field">
  <label for="${name}">${field.label}</label>
  ${field.hint ? html`<p class="hint" id="${name}-goi-y">${field.hint}</p>` : ''}
  <noscript><p class="hint">Viết chữ thường; để một dòng trống giữa hai đoạn văn.</p></noscript>
  ${fieldError(errors, name)}
  <textarea id="${name}" name="${name}" rows="${field.rows ?? 10}" data-rich-editor data-editor-label="${field.label}"${field.reliefFigures === false ? html` data-relief-figures="off"` : ''}${ctx.can('media.upload') ? html` data-upload-url="/quan-tri/media" data-csrf-token="${ctx.csrf}"` : ''}${invalid ? html` aria-invalid="true"` : ''}${describedBy ? html` aria-describedby="${describedBy}"` : ''}>${field.value}</textarea>
</div>`;
}
