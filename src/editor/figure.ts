/**
 * The "figure" node: an uploaded image with its alt text and optional caption,
 * kept as one block the editor treats as a single unit (atom).
 *
 * HTML in and out is exactly what the portal stores and shows:
 *   <figure><img src="URL" alt="ALT" width="W" height="H"><figcaption>CAPTION</figcaption></figure>
 * (no figcaption when the caption is empty; no width/height when unknown).
 * A bare <img src> in older content is read as a figure without caption, so
 * opening and saving an article never drops its pictures.
 */
import { Node } from '@tiptap/core';

/** The attributes a figure node carries. */
export interface FigureAttrs {
  src: string;
  alt: string;
  caption: string;
  width: number | null;
  height: number | null;
}

/** The <img> of a parsed <figure> (or the element itself when it is a bare <img>). */
function imageOf(el: HTMLElement): HTMLImageElement | null {
  if (el.tagName === 'IMG') return el as HTMLImageElement;
  return el.querySelector('img');
}

/** Reads a positive integer attribute, or null. */
function dimension(el: HTMLElement, name: 'width' | 'height'): number | null {
  const img = imageOf(el);
  const raw = img?.getAttribute(name);
  if (!raw) return null;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Collapses runs of whitespace, as a caption is shown on one line anyway. */
function plainText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The TipTap node for <figure><img><figcaption></figure>. */
export const Figure = Node.create({
  name: 'figure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  isolating: true,

  addAttributes() {
    // Each attribute is read from the inner <img>/<figcaption> and written by
    // renderHTML below, never as an attribute of <figure> itself.
    return {
      src: {
        default: '',
        parseHTML: (el: HTMLElement) => imageOf(el)?.getAttribute('src') ?? '',
        renderHTML: () => ({}),
      },
      alt: {
        default: '',
        parseHTML: (el: HTMLElement) => imageOf(el)?.getAttribute('alt') ?? '',
        renderHTML: () => ({}),
      },
      caption: {
        default: '',
        parseHTML: (el: HTMLElement) => (el.tagName === 'IMG' ? '' : plainText(el.querySelector('figcaption')?.textContent)),
        renderHTML: () => ({}),
      },
      width: {
        default: null,
        parseHTML: (el: HTMLElement) => dimension(el, 'width'),
        renderHTML: () => ({}),
      },
      height: {
        default: null,
        parseHTML: (el: HTMLElement) => dimension(el, 'height'),
        renderHTML: () => ({}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'figure', getAttrs: (el) => ((el as HTMLElement).querySelector('img[src]') ? null : false) }, { tag: 'img[src]' }];
  },

  renderHTML({ node }) {
    const { src, alt, caption, width, height } = node.attrs as FigureAttrs;
    const imgAttrs: Record<string, string> = { src: String(src ?? ''), alt: String(alt ?? '') };
    if (width) imgAttrs.width = String(width);
    if (height) imgAttrs.height = String(height);
    const img = ['img', imgAttrs] as const;
    return caption ? ['figure', img, ['figcaption', String(caption)]] : ['figure', img];
  },
});
