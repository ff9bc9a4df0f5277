/**
 * Turns one textarea[data-rich-editor] into a TipTap editor with a toolbar.
 * The textarea stays in the form (hidden) and always holds the editor's HTML
 * once anything was edited; before that it keeps the server's markup untouched.
 */
import { Editor } from '@tiptap/core';
import { plainTextAsHtml } from '../text/rich-text.ts';
import { h, uid } from './dom.ts';
import { editorExtensions } from './extensions.ts';
import { createImageDialog } from './image-dialog.ts';
import { createLinkDialog } from './link-dialog.ts';
import { createFigureDialog } from './relief-figure.ts';
import { type Toolbar, createToolbar } from './toolbar.ts';

/** A mounted editor and the function that copies its HTML into the textarea. */
export interface MountedEditor {
  editor: Editor;
  textarea: HTMLTextAreaElement;
  /** Writes editor.getHTML() into the textarea if the content was changed. */
  sync(): void;
}

/** Attributes of the textarea that describe the content and carry over to the editable area. */
function carriedAria(textarea: HTMLTextAreaElement): Record<string, string> {
  const attrs: Record<string, string> = {};
  const describedBy = textarea.getAttribute('aria-describedby');
  if (describedBy) attrs['aria-describedby'] = describedBy;
  if (textarea.getAttribute('aria-invalid') === 'true') attrs['aria-invalid'] = 'true';
  if (textarea.required || textarea.getAttribute('aria-required') === 'true') attrs['aria-required'] = 'true';
  return attrs;
}

/** Mounts the editor right before `textarea`, hides the textarea and wires everything up. */
export function mountEditor(textarea: HTMLTextAreaElement): MountedEditor {
  const contentId = uid('xp-ed-content');
  const root = h('div', { class: 'xp-editor' });
  const surface = h('div', { class: 'xp-ed-surface' });
  let changed = false;
  let toolbar: Toolbar | null = null;
  let openImageDialog = () => {};
  // Relief figures belong to one site: a field marked data-relief-figures="off" offers none.
  const reliefFigures = textarea.dataset.reliefFigures !== 'off';

  const editor: Editor = new Editor({
    element: surface,
    // Plain text (typed without the editor, or stored before it) opens as its paragraphs.
    content: plainTextAsHtml(textarea.value),
    injectCSS: false, // editor.css carries these rules; a <style> element would break style-src 'self'
    extensions: editorExtensions({ reliefFigures }),
    editorProps: {
      attributes: {
        id: contentId,
        class: 'xp-ed-content',
        role: 'textbox',
        'aria-multiline': 'true',
        // Several editors may share a page: each is named after its field ("Tiểu sử").
        'aria-label': textarea.dataset.editorLabel || 'Nội dung bài viết',
        spellcheck: 'true',
        ...carriedAria(textarea),
      },
      handleDoubleClickOn(_view, _pos, node, nodePos) {
        if (node.type.name !== 'figure') return false;
        editor.commands.setNodeSelection(nodePos);
        openImageDialog();
        return true;
      },
      handleKeyDown(_view, event) {
        // Alt+F10 jumps to the toolbar, as in other web editors.
        if (event.altKey && event.key === 'F10') {
          toolbar?.focus();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => {
      changed = true;
      textarea.value = editor.getHTML();
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    },
    onTransaction: () => toolbar?.update(),
    onFocus: () => root.classList.add('xp-editor--focused'),
    onBlur: () => root.classList.remove('xp-editor--focused'),
  });

  const uploadUrl = textarea.dataset.uploadUrl;
  const target = uploadUrl ? { url: uploadUrl, csrfToken: textarea.dataset.csrfToken ?? '' } : null;
  openImageDialog = createImageDialog(editor, target);
  const openLinkDialog = createLinkDialog(editor);
  toolbar = createToolbar(editor, { openLinkDialog, openImageDialog, ...(reliefFigures ? { openFigureDialog: createFigureDialog(editor) } : {}) }, contentId);

  root.append(toolbar.element, surface);
  textarea.before(root);
  textarea.hidden = true;
  // A hidden required field would block submitting with a browser error nobody can see.
  textarea.required = false;
  textarea.dataset.richEditorMounted = 'true';

  // The textarea's <label> now points at an invisible element: make it focus the editor.
  if (textarea.id) {
    for (const label of Array.from(document.querySelectorAll<HTMLLabelElement>(`label[for="${CSS.escape(textarea.id)}"]`))) {
      label.addEventListener('click', (event) => {
        event.preventDefault();
        editor.commands.focus();
      });
    }
  }
  textarea.form?.addEventListener('submit', () => {
    if (changed) textarea.value = editor.getHTML();
  });

  return {
    editor,
    textarea,
    sync() {
      if (changed) textarea.value = editor.getHTML();
    },
  };
}
