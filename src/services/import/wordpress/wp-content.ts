import { textParagraphs } from '../../../text/rich-text.ts';
import { escapeHtml } from '../../../views/html.ts';

/**
 * WordPress post content as stored: Gutenberg's block comments around real
 * HTML, or the classic editor's text whose paragraphs are blank lines
 * (WordPress adds <p> only when it shows a post), with shortcodes such as
 * [caption]. This turns either into HTML our sanitiser takes.
 */

const BLOCK = /^\s*<(p|div|h[1-6]|ul|ol|li|table|thead|tbody|tr|td|th|blockquote|figure|figcaption|pre|hr|dl|section|article|iframe|img|address)\b/i;

/** Classic content's blank-line paragraphs as <p>, single line breaks as <br> (wpautop, in short). */
export function paragraphsOf(content: string): string {
  return textParagraphs(content, (chunk) => BLOCK.test(chunk));
}

/** An attribute of a shortcode's opening tag: caption="…" or caption='…'. */
function shortcodeAttr(attrs: string, name: string): string {
  return (
    new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i')
      .exec(attrs)
      ?.slice(1)
      .find((v) => v !== undefined) ?? ''
  );
}

/** [caption]<img …> Words[/caption] as a figure with its caption. */
export function expandCaptions(content: string): string {
  return content.replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/gi, (_whole, attrs: string, inner: string) => {
    // The image (maybe inside a link) comes first; the caption is the text after it, or the old caption="" attribute.
    const split = /^(\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?)([\s\S]*)$/i.exec(inner);
    const image = split?.[1] ?? inner;
    const caption = (split?.[2] ?? '').trim() || escapeHtml(shortcodeAttr(attrs, 'caption'));
    return `<figure>${image.trim()}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;
  });
}

/** WordPress's own shortcodes; plugins' mostly carry an underscore (vc_row, et_pb_text) or attributes. */
const KNOWN_SHORTCODES = new Set(['gallery', 'audio', 'video', 'playlist', 'embed', 'wp_caption', 'caption']);

/** Shortcodes other than [caption]: [embed]url[/embed] becomes its address; the rest are dropped and named. */
export function dropShortcodes(content: string): { html: string; dropped: string[] } {
  const dropped = new Set<string>();
  const embeds = content.replace(
    /\[embed[^\]]*\]([\s\S]*?)\[\/embed\]/gi,
    (_w, url: string) => `<p><a href="${escapeHtml(url.trim())}">${escapeHtml(url.trim())}</a></p>`,
  );
  const html = embeds.replace(/\[(\/?)([a-z][\w-]*)([^\]]*)\]/gi, (whole, close: string, name: string, attrs: string) => {
    // Text in brackets that is no shortcode ("[1]", "[Tin ảnh]", "[xem thêm]") stays.
    const looksLikeShortcode = KNOWN_SHORTCODES.has(name.toLowerCase()) || name.includes('_') || close === '/' || /=/.test(attrs);
    if (!looksLikeShortcode || !/^[a-z][\w-]*$/.test(name)) return whole;
    dropped.add(name.toLowerCase());
    return '';
  });
  return { html, dropped: [...dropped] };
}

/** A post's content as HTML: captions as figures, paragraphs for classic content, other shortcodes dropped. */
export function wordpressBody(content: string): { html: string; droppedShortcodes: string[] } {
  const captioned = expandCaptions(content);
  const isBlocks = captioned.includes('<!-- wp:');
  const withoutComments = captioned.replace(/<!--[\s\S]*?-->/g, '');
  const { html, dropped } = dropShortcodes(withoutComments);
  return { html: isBlocks ? html : paragraphsOf(html), droppedShortcodes: dropped };
}
