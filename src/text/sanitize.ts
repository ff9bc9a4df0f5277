import sanitizeHtml from 'sanitize-html';
import { plainTextAsHtml } from './rich-text.ts';
import { toNfc } from './vietnamese.ts';

/** What a figure placeholder may name (`<span data-figure="c12:tong-thu">`): the module that computes it checks the rest. */
export const FIGURE_PLACEHOLDER = /^[a-z0-9][a-z0-9:-]{0,99}$/;
/** The name a figure placeholder has inside the sanitiser, where spans are not allowed. */
const FIGURE_TAG = 'xp-figure';
const isFigure = (spec: string | undefined) => FIGURE_PLACEHOLDER.test(spec ?? '');

/**
 * The one allow-list for article bodies. Whatever an editor, an importer or
 * an API client sends, only this markup reaches a page: no scripts, no
 * inline styles, no event handlers, links limited to safe schemes.
 */
const BODY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h2',
    'h3',
    'h4',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'ul',
    'ol',
    'li',
    'blockquote',
    'a',
    'figure',
    'figcaption',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'hr',
    FIGURE_TAG,
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
    [FIGURE_TAG]: ['data-figure'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    // Links leaving the portal must not hand the opener to the other site.
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
    b: 'strong',
    i: 'em',
    // A span survives only as a figure placeholder (computed when shown): renamed here, and back after; any other span is unwrapped.
    span: (tagName, attribs): sanitizeHtml.Tag =>
      isFigure(attribs['data-figure']) ? { tagName: FIGURE_TAG, attribs: { 'data-figure': attribs['data-figure']! } } : { tagName, attribs: {} },
  },
  exclusiveFilter: (frame) =>
    (frame.tag === 'p' && !frame.text.trim() && !frame.mediaChildren.length) || (frame.tag === FIGURE_TAG && !isFigure(frame.attribs['data-figure'])),
};

/** Sanitises rich-text body HTML to the article allow-list and stores it as NFC. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(toNfc(html), BODY_POLICY).replaceAll(`<${FIGURE_TAG} `, '<span ').replaceAll(`</${FIGURE_TAG}>`, '</span>').trim();
}

/** Whether sanitised body HTML holds a relief-figure placeholder (figures are one site's: content for several sites may not have them). */
export function hasReliefFigures(sanitizedHtml: string): boolean {
  return sanitizedHtml.includes('<span data-figure=');
}

/** Rich text as typed (editor markup, or plain paragraphs without it) or as stored (also plain text from before the editor), sanitised: what is saved and what is shown. */
export function richTextHtml(text: string): string {
  return sanitizeBodyHtml(plainTextAsHtml(text));
}

/** Strips every tag, leaving plain NFC text (for summaries and previews). */
export function htmlToPlainText(html: string): string {
  // Block ends become spaces so that paragraphs do not run into each other.
  const spaced = html.replace(/<\/(p|h\d|li|figcaption|td|th|blockquote)>|<br\s*\/?>/gi, ' $&');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether a body says anything beyond its headings: an outline of empty headings is not yet written. */
export function hasTextBeyondHeadings(html: string): boolean {
  const text = sanitizeHtml(html, {
    allowedTags: [],
    allowedAttributes: {},
    nonTextTags: ['style', 'script', 'textarea', 'option', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  });
  return text.replace(/&nbsp;|\s/g, '') !== '';
}
