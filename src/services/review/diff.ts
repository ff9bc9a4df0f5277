import { diffArrays } from 'diff';
import type { RevisionRow } from '../../db/schema.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';

/** A run of text that both revisions share, or that one of them added or removed. */
export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** The changes of one field between two revisions. */
export interface FieldDiff {
  field: string;
  label: string;
  changed: boolean;
  parts: DiffPart[];
}

const FIELDS: Array<{ field: keyof RevisionRow; label: string; plain?: boolean }> = [
  { field: 'title', label: 'Tiêu đề' },
  { field: 'slug', label: 'Đường dẫn' },
  { field: 'summary', label: 'Tóm tắt' },
  { field: 'body_html', label: 'Nội dung', plain: true },
  { field: 'writer', label: 'Người viết' },
  { field: 'photographer', label: 'Người chụp ảnh' },
];

/** Splits body HTML into readable text, one line per block, so the diff follows paragraphs. */
function readable(html: string): string {
  return html
    .split(/(?=<(?:p|h[2-4]|li|figure|blockquote|tr)\b)/i)
    .map((block) => {
      const images = [...block.matchAll(/<img\b[^>]*\balt="([^"]*)"/gi)].map((m) => `[Ảnh: ${m[1]}]`).join(' ');
      return [htmlToPlainText(block), images].filter(Boolean).join(' ');
    })
    .filter((line) => line.length > 0)
    .join('\n');
}

/** Words with their spacing: "1.151.800đ." stays one word, as a reader sees it. */
function tokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t.length > 0);
}

/** A word-level diff of two versions of some text fields, in the order and with the labels given. */
export function diffTexts(fields: Array<{ field: string; label: string }>, older: Record<string, string>, newer: Record<string, string>): FieldDiff[] {
  return fields.map(({ field, label }) => {
    const a = older[field] ?? '';
    const b = newer[field] ?? '';
    const parts: DiffPart[] = diffArrays(tokens(a), tokens(b)).map((change) => ({
      kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
      text: change.value.join(''),
    }));
    return { field, label, changed: a !== b, parts };
  });
}

/** A word-level diff of two revisions, field by field, as readers of the page would see the text. */
export function diffRevisions(older: RevisionRow, newer: RevisionRow): FieldDiff[] {
  const asText = (revision: RevisionRow) =>
    Object.fromEntries(FIELDS.map(({ field, plain }) => [field, plain ? readable(String(revision[field])) : String(revision[field] ?? '')]));
  return diffTexts(
    FIELDS.map(({ field, label }) => ({ field, label })),
    asText(older),
    asText(newer),
  );
}
