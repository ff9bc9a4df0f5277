/**
 * "Ảnh": uploads an image with its required alt text and optional caption and
 * inserts it as a figure; on a selected figure, edits its alt and caption
 * (and may replace the picture).
 */
import type { Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { createDialog, createField } from './dialog.ts';
import { h } from './dom.ts';
import type { FigureAttrs } from './figure.ts';
import { IMAGE_TYPES, uploadImage } from './upload.ts';

/** Where to upload to, from the textarea's data-upload-url / data-csrf-token. */
export interface UploadTarget {
  url: string;
  csrfToken: string;
}

/** The figure under a node selection, with its position, or null. */
export function selectedFigure(editor: Editor): { pos: number; attrs: FigureAttrs } | null {
  const { selection } = editor.state;
  if (selection instanceof NodeSelection && selection.node.type.name === 'figure') {
    return { pos: selection.from, attrs: selection.node.attrs as FigureAttrs };
  }
  return null;
}

/** Builds the image dialog for one editor and returns a function that opens it. */
export function createImageDialog(editor: Editor, target: UploadTarget | null): () => void {
  const d = createDialog('Chèn ảnh', 'Tải lên');
  const file = createField('Tệp ảnh', { type: 'file', name: 'file', accept: IMAGE_TYPES.join(',') }, 'Ảnh JPEG, PNG, WebP hoặc GIF.');
  const alt = createField(
    'Mô tả ảnh',
    { type: 'text', name: 'alt', 'aria-required': 'true' },
    'Bắt buộc. Tả ngắn gọn nội dung ảnh cho người khiếm thị dùng trình đọc màn hình.',
  );
  const caption = createField('Chú thích', { type: 'text', name: 'caption' }, 'Không bắt buộc. Hiện dưới ảnh.');
  const preview = h('img', { class: 'xp-ed-dialog-preview', alt: '', hidden: true });
  d.body.append(preview, file.wrapper, alt.wrapper, caption.wrapper);

  let editing: { pos: number; attrs: FigureAttrs } | null = null;
  let busy = false;

  const clearErrors = () => {
    for (const f of [file, alt, caption]) f.setError('');
    d.setAlert('');
  };

  d.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors();
    const chosen = file.input.files?.[0] ?? null;
    const altText = alt.input.value.trim();
    const captionText = caption.input.value.trim();
    let invalid: HTMLInputElement | null = null;
    if (!editing && !chosen) {
      file.setError('Hãy chọn một tệp ảnh.');
      invalid = file.input;
    } else if (chosen && !IMAGE_TYPES.includes(chosen.type)) {
      file.setError('Chỉ nhận ảnh JPEG, PNG, WebP hoặc GIF.');
      invalid = file.input;
    }
    if (!altText) {
      alt.setError('Hãy nhập mô tả ảnh: không có mô tả thì không tải ảnh lên được.');
      invalid ??= alt.input;
    }
    if (invalid) {
      invalid.focus();
      return;
    }

    let attrs: FigureAttrs;
    if (chosen) {
      if (!target) {
        d.setAlert('Trang này chưa cho phép tải ảnh lên.');
        return;
      }
      busy = true;
      d.submit.disabled = true;
      d.status.textContent = 'Đang tải ảnh lên…';
      const result = await uploadImage(target.url, target.csrfToken, chosen, altText, captionText);
      busy = false;
      d.submit.disabled = false;
      d.status.textContent = '';
      if (!result.ok) {
        d.setAlert(result.message);
        const byName = { file, alt, caption } as const;
        for (const f of result.fields) byName[f.field as keyof typeof byName]?.setError(f.message);
        return;
      }
      const m = result.media;
      attrs = { src: m.url, alt: m.alt || altText, caption: m.caption, width: m.width, height: m.height };
    } else {
      attrs = { ...(editing as { attrs: FigureAttrs }).attrs, alt: altText, caption: captionText };
    }

    if (editing) {
      const pos = editing.pos;
      editor
        .chain()
        .focus()
        .command(({ tr }) => {
          tr.setNodeMarkup(pos, undefined, attrs);
          return true;
        })
        .setNodeSelection(pos)
        .run();
    } else {
      editor.chain().focus().insertContent({ type: 'figure', attrs }).run();
    }
    d.dialog.close();
  });

  d.dialog.addEventListener('close', () => {
    if (!editor.isDestroyed) editor.commands.focus();
  });

  return () => {
    editing = selectedFigure(editor);
    clearErrors();
    d.status.textContent = '';
    file.input.value = '';
    alt.input.value = editing?.attrs.alt ?? '';
    caption.input.value = editing?.attrs.caption ?? '';
    d.heading.textContent = editing ? 'Sửa ảnh' : 'Chèn ảnh';
    d.submit.textContent = editing ? 'Lưu' : 'Tải lên';
    const fileLabel = file.wrapper.querySelector('label');
    if (fileLabel) fileLabel.textContent = editing ? 'Thay bằng ảnh khác (không bắt buộc)' : 'Tệp ảnh';
    preview.hidden = !editing;
    if (editing) preview.src = editing.attrs.src;
    else preview.removeAttribute('src');
    d.dialog.showModal();
    (editing ? alt.input : file.input).focus();
  };
}
