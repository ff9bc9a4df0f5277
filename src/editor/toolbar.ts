/**
 * The formatting toolbar: one role="toolbar" with a single tab stop and
 * arrow-key (roving) focus, aria-pressed on the toggles, and a row of table
 * tools that only shows while the cursor is inside a table.
 */
import type { Editor } from '@tiptap/core';
import { h, icon } from './dom.ts';
import { ICONS } from './icons.ts';

/** One toolbar button. */
export interface Tool {
  label: string;
  /** SVG path from ICONS, or a short text glyph ("H2", "¶"). */
  icon?: string;
  glyph?: string;
  /** Shown in the tooltip and as aria-keyshortcuts. */
  shortcut?: { keys: string; hint: string };
  run(editor: Editor): void;
  /** Present on toggles: whether the format is on at the cursor (drives aria-pressed). */
  active?(editor: Editor): boolean;
  /** Whether the button may be used now (drives aria-disabled). */
  enabled?(editor: Editor): boolean;
}

/** What the toolbar needs from the rest of the editor. */
export interface ToolbarActions {
  openLinkDialog(): void;
  openImageDialog(): void;
  /** Absent where relief figures cannot be placed (a province notice belongs to no single site). */
  openFigureDialog?: () => void;
}

/** The main tool groups, in the order they appear. */
export function mainTools(actions: ToolbarActions): Tool[][] {
  return [
    [
      { label: 'Đoạn văn', glyph: '¶', run: (e) => e.chain().focus().setParagraph().run(), active: (e) => e.isActive('paragraph') },
      { label: 'Tiêu đề 2', glyph: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
      { label: 'Tiêu đề 3', glyph: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
    ],
    [
      {
        label: 'In đậm',
        icon: ICONS.bold,
        shortcut: { keys: 'Control+B', hint: 'Ctrl+B' },
        run: (e) => e.chain().focus().toggleBold().run(),
        active: (e) => e.isActive('bold'),
      },
      {
        label: 'In nghiêng',
        icon: ICONS.italic,
        shortcut: { keys: 'Control+I', hint: 'Ctrl+I' },
        run: (e) => e.chain().focus().toggleItalic().run(),
        active: (e) => e.isActive('italic'),
      },
    ],
    [
      { label: 'Danh sách', icon: ICONS.bulletList, run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
      { label: 'Danh sách số', icon: ICONS.orderedList, run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
      { label: 'Trích dẫn', icon: ICONS.quote, run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
    ],
    [
      { label: 'Liên kết', icon: ICONS.link, run: () => actions.openLinkDialog() },
      {
        label: 'Bảng',
        icon: ICONS.table,
        run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        enabled: (e) => !e.isActive('table'),
      },
      { label: 'Ảnh', icon: ICONS.image, run: () => actions.openImageDialog() },
      ...(actions.openFigureDialog ? [{ label: 'Số liệu vận động – cứu trợ', glyph: '∑', run: actions.openFigureDialog }] : []),
    ],
    [
      {
        label: 'Hoàn tác',
        icon: ICONS.undo,
        shortcut: { keys: 'Control+Z', hint: 'Ctrl+Z' },
        run: (e) => e.chain().focus().undo().run(),
        enabled: (e) => e.can().undo(),
      },
      {
        label: 'Làm lại',
        icon: ICONS.redo,
        shortcut: { keys: 'Control+Shift+Z', hint: 'Ctrl+Shift+Z' },
        run: (e) => e.chain().focus().redo().run(),
        enabled: (e) => e.can().redo(),
      },
    ],
  ];
}

/** The tools shown only inside a table. */
export function tableTools(): Tool[] {
  return [
    { label: 'Thêm hàng', run: (e) => e.chain().focus().addRowAfter().run(), enabled: (e) => e.can().addRowAfter() },
    { label: 'Xóa hàng', run: (e) => e.chain().focus().deleteRow().run(), enabled: (e) => e.can().deleteRow() },
    { label: 'Thêm cột', run: (e) => e.chain().focus().addColumnAfter().run(), enabled: (e) => e.can().addColumnAfter() },
    { label: 'Xóa cột', run: (e) => e.chain().focus().deleteColumn().run(), enabled: (e) => e.can().deleteColumn() },
    { label: 'Xóa bảng', run: (e) => e.chain().focus().deleteTable().run(), enabled: (e) => e.can().deleteTable() },
  ];
}

/** Builds one button; aria-disabled (not disabled) keeps it reachable by arrow keys. */
function toolButton(tool: Tool, editor: Editor): HTMLButtonElement {
  const button = h(
    'button',
    {
      type: 'button',
      class: tool.icon || tool.glyph ? 'xp-ed-tool' : 'xp-ed-tool xp-ed-tool--text',
      'aria-label': tool.label,
      'aria-pressed': tool.active ? 'false' : null,
      'aria-keyshortcuts': tool.shortcut?.keys,
      title: tool.shortcut ? `${tool.label} (${tool.shortcut.hint})` : tool.label,
      tabindex: '-1',
    },
    tool.icon ? icon(tool.icon) : null,
    tool.glyph ? h('span', { class: 'xp-ed-glyph', 'aria-hidden': 'true' }, tool.glyph) : null,
    h('span', { class: tool.icon || tool.glyph ? 'xp-ed-tool-label' : null }, tool.label),
  );
  // Keep the editor's selection when a button is pressed with the mouse.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    tool.run(editor);
  });
  return button;
}

/** The toolbar element and a function that re-reads the editor state into it. */
export interface Toolbar {
  element: HTMLDivElement;
  update(): void;
  /** Moves focus to the toolbar's current button. */
  focus(): void;
}

/** Builds the toolbar for one editor; `controls` is the id of the editable area. */
export function createToolbar(editor: Editor, actions: ToolbarActions, controls: string): Toolbar {
  const entries: Array<{ tool: Tool; button: HTMLButtonElement }> = [];
  const group = (tools: Tool[], extra: Record<string, string | boolean> = {}) => {
    const el = h('div', { class: 'xp-ed-group', ...extra });
    for (const tool of tools) {
      const button = toolButton(tool, editor);
      entries.push({ tool, button });
      el.append(button);
    }
    return el;
  };
  const element = h('div', {
    class: 'xp-ed-toolbar',
    role: 'toolbar',
    'aria-label': 'Định dạng nội dung',
    'aria-controls': controls,
  });
  for (const tools of mainTools(actions)) element.append(group(tools));
  const tableGroup = group(tableTools(), {
    role: 'group',
    'aria-label': 'Công cụ bảng',
    class: 'xp-ed-group xp-ed-group--table',
    hidden: true,
  });
  element.append(tableGroup);

  const visible = () => entries.map((e) => e.button).filter((b) => !b.closest('[hidden]'));
  const current = () => visible().find((b) => b.tabIndex === 0) ?? visible()[0];
  const moveTo = (button: HTMLButtonElement | undefined) => {
    if (!button) return;
    for (const b of entries) b.button.tabIndex = -1;
    button.tabIndex = 0;
    button.focus();
  };

  element.addEventListener('keydown', (event) => {
    const buttons = visible();
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    let next: HTMLButtonElement | undefined;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = buttons[(index + 1) % buttons.length];
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = buttons[(index - 1 + buttons.length) % buttons.length];
    else if (event.key === 'Home') next = buttons[0];
    else if (event.key === 'End') next = buttons[buttons.length - 1];
    else if (event.key === 'Escape') {
      event.preventDefault();
      editor.commands.focus();
      return;
    } else return;
    event.preventDefault();
    moveTo(next);
  });
  // A click also moves the tab stop, so Tab returns to the button last used.
  element.addEventListener('focusin', (event) => {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLButtonElement && target.tabIndex !== 0) {
      for (const b of entries) b.button.tabIndex = -1;
      target.tabIndex = 0;
    }
  });

  const update = () => {
    tableGroup.hidden = !editor.isActive('table');
    for (const { tool, button } of entries) {
      if (tool.active) button.setAttribute('aria-pressed', String(tool.active(editor)));
      const enabled = tool.enabled ? tool.enabled(editor) : true;
      if (enabled) button.removeAttribute('aria-disabled');
      else button.setAttribute('aria-disabled', 'true');
    }
    // The single tab stop must stay on a visible button.
    const stop = current();
    if (stop && stop.tabIndex !== 0) {
      for (const b of entries) b.button.tabIndex = -1;
      stop.tabIndex = 0;
    }
  };
  update();

  return { element, update, focus: () => moveTo(current()) };
}
