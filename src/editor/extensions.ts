/**
 * The editor's schema: StarterKit trimmed to what the portal's sanitiser keeps,
 * tables without inline styles, links limited to safe targets, and figures.
 */
import { type AnyExtension, mergeAttributes } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { Figure } from './figure.ts';
import { ReliefFigure } from './relief-figure.ts';
import { isAllowedHref } from './url.ts';

/**
 * Table that renders plain <table><tbody>…</tbody></table>: the stock one adds
 * style="min-width: …" and a <colgroup>, which `style-src 'self'` would block
 * in the editor and the sanitiser would strip anyway. In the editor it sits in
 * a scrolling wrapper so a wide table does not widen a phone screen.
 */
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    const { style: _style, ...attrs } = mergeAttributes(this.options.HTMLAttributes, HTMLAttributes);
    return ['table', attrs, ['tbody', 0]];
  },
  addNodeView() {
    return () => {
      const dom = document.createElement('div');
      dom.className = 'xp-ed-table';
      const table = dom.appendChild(document.createElement('table'));
      const contentDOM = table.appendChild(document.createElement('tbody'));
      return { dom, contentDOM };
    };
  },
});

/** Drops the cell attributes that would render as inline styles or non-standard markup. */
function withoutStyledAttributes(parent: Record<string, Record<string, unknown>> | undefined) {
  const attrs = { ...(parent ?? {}) };
  for (const name of ['align', 'colwidth']) {
    if (attrs[name]) attrs[name] = { ...attrs[name], renderHTML: () => ({}) };
  }
  return attrs;
}

const PlainTableCell = TableCell.extend({
  addAttributes() {
    return withoutStyledAttributes(this.parent?.() as Record<string, Record<string, unknown>> | undefined);
  },
});

const PlainTableHeader = TableHeader.extend({
  addAttributes() {
    return withoutStyledAttributes(this.parent?.() as Record<string, Record<string, unknown>> | undefined);
  },
});

/** Every extension the article editor uses; without relief figures, a pasted placeholder stays plain text. */
export function editorExtensions(options: { reliefFigures: boolean } = { reliefFigures: true }): AnyExtension[] {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      code: false,
      codeBlock: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url: string) => isAllowedHref(url),
      },
    }),
    PlainTable.configure({ resizable: false, allowTableNodeSelection: false }),
    TableRow,
    PlainTableHeader,
    PlainTableCell,
    Figure,
    ...(options.reliefFigures ? [ReliefFigure] : []),
  ];
}
