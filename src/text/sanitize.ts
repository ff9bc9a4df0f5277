import sanitizeHtml from 'sanitize-html';
import { toNfc } from './vietnamese.ts';

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
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading', 'decoding'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    ol: ['start'],
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
  },
  exclusiveFilter: (frame) => frame.tag === 'p' && !frame.text.trim() && !frame.mediaChildren.length,
};

/** Sanitises rich-text body HTML to the article allow-list and stores it as NFC. */
export function sanitizeBodyHtml(html: string): string {
  return sanitizeHtml(toNfc(html), BODY_POLICY).trim();
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
