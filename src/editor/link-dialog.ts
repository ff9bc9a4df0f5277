/**
 * "Liên kết": add, change or remove a link through a small modal dialog.
 * Only http(s), mailto:, tel: and relative addresses are accepted.
 */
import type { Editor } from '@tiptap/core';
import { createDialog, createField } from './dialog.ts';
import { h } from './dom.ts';
import { isAllowedHref, normalizeHref } from './url.ts';

export const LINK_HELP = 'Chỉ nhận địa chỉ bắt đầu bằng http://, https://, mailto:, tel: hoặc đường dẫn trong cổng (ví dụ /tin-tuc/…).';

/** Builds the link dialog for one editor and returns a function that opens it. */
export function createLinkDialog(editor: Editor): () => void {
  const d = createDialog('Liên kết', 'Áp dụng');
  const url = createField(
    'Địa chỉ liên kết (URL)',
    {
      type: 'text',
      inputmode: 'url',
      autocomplete: 'url',
      spellcheck: 'false',
      'aria-required': 'true',
      name: 'href',
    },
    'Ví dụ: https://chinhphu.vn, mailto:ubnd@example.vn, tel:02431234567 hoặc /tin-tuc/…',
  );
  const text = createField('Chữ hiển thị', { type: 'text', name: 'text' }, 'Để trống thì hiện chính địa chỉ.');
  const remove = h('button', { type: 'button', class: 'xp-ed-btn xp-ed-btn--danger' }, 'Gỡ liên kết');
  d.body.append(url.wrapper, text.wrapper);
  d.actions.append(remove);

  let editing = false;

  remove.addEventListener('click', () => {
    editor.chain().focus().extendMarkRange('link').unsetLink().run();
    d.dialog.close();
  });

  d.form.addEventListener('submit', (event) => {
    event.preventDefault();
    const href = normalizeHref(url.input.value);
    if (!href) {
      url.setError('Hãy nhập địa chỉ liên kết.');
      url.input.focus();
      return;
    }
    if (!isAllowedHref(href)) {
      url.setError(`Địa chỉ không hợp lệ. ${LINK_HELP}`);
      url.input.focus();
      return;
    }
    const chain = editor.chain().focus();
    if (editing || !editor.state.selection.empty) {
      chain.extendMarkRange('link').setLink({ href }).run();
    } else {
      const label = text.input.value.trim() || href;
      chain
        .insertContent({ type: 'text', text: label, marks: [{ type: 'link', attrs: { href } }] })
        .unsetMark('link')
        .run();
    }
    d.dialog.close();
  });

  d.dialog.addEventListener('close', () => {
    if (!editor.isDestroyed) editor.commands.focus();
  });

  return () => {
    editing = editor.isActive('link');
    const current = editing ? String(editor.getAttributes('link').href ?? '') : '';
    url.input.value = current;
    text.input.value = '';
    url.setError('');
    d.setAlert('');
    // The visible text is only asked for when there is no selected text to turn into a link.
    text.wrapper.hidden = editing || !editor.state.selection.empty;
    remove.hidden = !editing;
    d.heading.textContent = editing ? 'Sửa liên kết' : 'Thêm liên kết';
    d.dialog.showModal();
    url.input.focus();
    url.input.select();
  };
}
