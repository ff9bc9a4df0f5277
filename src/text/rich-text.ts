/**
 * Rich text typed without the editor, or stored before it existed, is plain
 * text: paragraphs separated by blank lines. This is the one converter that
 * turns it into paragraphs, for the server (saving and showing) and for the
 * editor (loading a field); it imports nothing so the editor bundle can take it.
 */

const TAG = /<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>/i;

/** Whether stored or typed rich text has no markup at all. */
export function isPlainText(text: string): boolean {
  return !TAG.test(text);
}

/**
 * Text already safe as HTML text (escaped) as paragraphs: one per
 * blank-line-separated block, line breaks kept as <br>; blocks that
 * `keepBlock` accepts (markup of their own) stay as they are.
 */
export function textParagraphs(safeText: string, keepBlock: (block: string) => boolean = () => false): string {
  return safeText
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) =>
      keepBlock(block)
        ? block
        : `<p>${block
            .split('\n')
            .map((line) => line.trim())
            .join('<br>')}</p>`,
    )
    .join('\n');
}

/** Rich text as HTML: plain text becomes paragraphs (its < and > escaped; entities such as &amp; kept), markup stays as it is. */
export function plainTextAsHtml(text: string): string {
  if (!isPlainText(text)) return text;
  return textParagraphs(text.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}
