/**
 * Rich-text editor for the admin article form (TipTap v3, bundled by
 * scripts/build-editor.mjs into public/assets/editor.js + editor.css).
 *
 * CONTRACT WITH THE SERVER
 * 1. Assets: the page includes
 *      <link rel="stylesheet" href="/assets/editor.<hash>.css">
 *      <script src="/assets/editor.<hash>.js" defer></script>
 *    Works under `script-src 'self'; style-src 'self'; img-src 'self' data:`:
 *    no eval/new Function, no <style> elements (TipTap's injectCSS is off), no
 *    style="" attributes set from markup (ProseMirror's CSSOM writes, which CSP
 *    allows, are the only inline styles). No request leaves the page's origin
 *    other than to the URLs given below.
 * 2. Enhances every <textarea data-rich-editor name=…>: the textarea is
 *    hidden but stays in the form and is what gets submitted; the editor is
 *    mounted right before it. On every change the textarea receives
 *    editor.getHTML() (and an "input" event). Plain text in the textarea (no
 *    tags) opens as paragraphs (src/text/rich-text.ts). Without JS the textarea
 *    takes plain paragraphs or HTML. The server must sanitise whatever arrives.
 *    A `required` on the textarea becomes aria-required on the editor (the
 *    server must validate emptiness); its aria-describedby / aria-invalid carry over.
 * 3. Toolbar (role="toolbar", one tab stop, arrow keys/Home/End, Alt+F10 from
 *    the text, Esc back): Đoạn văn, Tiêu đề 2, Tiêu đề 3, In đậm, In nghiêng,
 *    Danh sách, Danh sách số, Trích dẫn, Liên kết (dialog; http(s), mailto:,
 *    tel: or relative only), Bảng (3×3 with header row; row/column tools inside
 *    a table), Ảnh, Hoàn tác, Làm lại. Toggles carry aria-pressed.
 * 4. Images: the textarea carries data-upload-url and data-csrf-token. The
 *    dialog requires alt text (refuses without it, no request sent), takes an
 *    optional caption, and POSTs multipart/form-data {file, alt, caption} with
 *    headers `x-csrf-token: <token>`, `accept: application/json`.
 *      200 → {"media":{"id":12,"url":"/media/abc.webp","alt":"…","caption":"…","width":1200,"height":675}}
 *      4xx → {"error":{"code":"…","message":"…","fields":[{"field":"file","message":"…"}]}}
 *    Inserted (and round-tripped) markup is exactly
 *      <figure><img src="URL" alt="ALT" width="W" height="H"><figcaption>CAPTION</figcaption></figure>
 *    without <figcaption> when the caption is empty. A selected figure (Ảnh
 *    button or double-click) gets its alt/caption edited, or its picture replaced.
 * 5. Autosave: if the enclosing <form> has data-autosave-url, every 15 s and on
 *    the form event "xaphuong:autosave-now", when any field changed since the
 *    last save and no save is in flight, POST the form's text fields
 *    application/x-www-form-urlencoded (textarea synced first) with headers
 *    `x-csrf-token: <value of input[name=_csrf]>`, `accept: application/json`.
 *      200 → {"saved_at":"26/11/2026 10:32","version":"…"} → "Đã tự động lưu lúc 26/11/2026 10:32",
 *      the version goes into input[name=version] (409 edit_conflict when someone else saved since)
 *      else → "Chưa tự động lưu được: <error.message>"
 *    shown in the form's [data-autosave-status] (give it aria-live="polite").
 *    Autosave stops once the form is really submitted.
 * 6. The editable area: role="textbox", aria-multiline="true",
 *    aria-label from the textarea's data-editor-label, else "Nội dung bài viết", visible focus, min-height 16rem; the
 *    toolbar wraps (icons only below 40rem) so it fits a 360 px phone.
 */
import { startAutosave } from './autosave.ts';
import { type MountedEditor, mountEditor } from './mount.ts';

/** Mounts every rich editor on the page and starts autosave on their forms. */
export function boot(): MountedEditor[] {
  const mounted: MountedEditor[] = [];
  for (const textarea of Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich-editor]'))) {
    if (textarea.dataset.richEditorMounted) continue;
    try {
      mounted.push(mountEditor(textarea));
    } catch (error) {
      // The plain textarea still works: leave it visible.
      textarea.hidden = false;
      console.error('Không khởi động được trình soạn thảo', error);
    }
  }
  for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-autosave-url]'))) {
    const editors = mounted.filter((m) => m.textarea.form === form);
    startAutosave(form, () => {
      for (const m of editors) m.sync();
    });
  }
  return mounted;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => boot());
else boot();
