import { parseHTML } from 'linkedom';
import { paths } from '../../paths.ts';
import type { MediaRow } from '../../db/schema.ts';
import type { ImportReport } from './import-report.ts';
import type { MediaImporter } from './media-import.ts';

/** Links to files a portal attaches (the media library keeps PDF, DOCX, XLSX, ODT; the others get a warning). */
const DOCUMENT_LINK = /\.(pdf|docx?|xlsx?|odt|ods|pptx?|rar|zip)(?:$|[?#])/i;
const IMAGE_LINK = /\.(jpe?g|png|gif|webp)(?:$|[?#])/i;

/** Where a body's links and images point from, and what to do with them. */
export interface BodyMediaOptions {
  /** The page's own address, for resolving relative links. */
  baseUrl: string;
  /** Host names of the old site: links to them become relative, so old-link redirects answer them. */
  oldHosts: string[];
  media: MediaImporter;
  report: ImportReport;
  /** The article's title, for alt text and warnings. */
  title: string;
  /** Reads a closing credits line ("Tin: A, Ảnh: B."); the line found is taken out of the body. */
  parseCredits?: (line: string) => { writer: string; photographer: string } | null;
}

/** A body with its media adopted, its first image, and the credits taken from its last lines. */
export interface AdoptedBody {
  html: string;
  firstImage: MediaRow | null;
  credits: { writer: string; photographer: string } | null;
}

function absolute(href: string, base: string): string | null {
  try {
    return new URL(href, base).toString();
  } catch {
    return null;
  }
}

/**
 * Brings a body's images and attached files into the media library and
 * points the body at them; links to the old site become relative paths and
 * embedded videos become links. Returns the body and the first image.
 */
export async function adoptBodyMedia(bodyHtml: string, options: BodyMediaOptions): Promise<AdoptedBody> {
  const { document } = parseHTML(`<!doctype html><html><body>${bodyHtml}</body></html>`);
  let firstImage: MediaRow | null = null;
  for (const img of [...document.querySelectorAll('img')]) {
    const src = absolute(img.getAttribute('src') ?? '', options.baseUrl);
    const row = src
      ? await options.media.byUrl(src, { alt: img.getAttribute('alt') ?? '', title: img.getAttribute('title') ?? '', context: options.title })
      : null;
    if (!row || row.kind !== 'image') {
      options.report.warn(`Bài “${options.title}”: bỏ ảnh ${src ?? '(không có địa chỉ)'} vì không lấy được tệp`);
      img.remove();
      continue;
    }
    firstImage ??= row;
    for (const attr of [...img.attributes].map((a) => a.name)) if (attr !== 'alt') img.removeAttribute(attr);
    img.setAttribute('src', paths.media(row.storage_key));
    if (!img.getAttribute('alt')) img.setAttribute('alt', row.alt);
    // WordPress links an image to its own file: the link adds nothing once the image is ours.
    const parent = img.parentElement;
    if (parent?.tagName === 'A' && IMAGE_LINK.test(parent.getAttribute('href') ?? '') && parent.children.length === 1) parent.replaceWith(img);
  }
  for (const link of [...document.querySelectorAll('a[href]')]) {
    const href = absolute(link.getAttribute('href') ?? '', options.baseUrl);
    if (!href) continue;
    const url = new URL(href);
    if (DOCUMENT_LINK.test(url.pathname)) {
      const row = await options.media.byUrl(href, { title: (link.textContent ?? '').trim() });
      if (row) link.setAttribute('href', paths.media(row.storage_key));
      continue;
    }
    if (options.oldHosts.includes(url.hostname.toLowerCase())) link.setAttribute('href', `${url.pathname}${url.search}${url.hash}` || '/');
  }
  for (const frame of [...document.querySelectorAll('iframe, embed, object')]) {
    const src = absolute(frame.getAttribute('src') ?? frame.getAttribute('data') ?? '', options.baseUrl);
    const p = document.createElement('p');
    if (src && /^https?:/.test(src)) {
      const a = document.createElement('a');
      a.setAttribute('href', src);
      a.textContent = 'Xem video, nội dung nhúng';
      p.appendChild(a);
    }
    frame.replaceWith(p);
  }
  const credits = options.parseCredits ? takeCredits(document, options.parseCredits) : null;
  return { html: document.body.innerHTML, firstImage, credits };
}

/** Takes a closing credits line ("Tin: A, Ảnh: B.") out of a body's last paragraphs, the way import-text does for text pages. */
export function takeCredits(root: ParentNode, parse: (line: string) => { writer: string; photographer: string } | null) {
  const blocks = [...root.querySelectorAll('p')].slice(-2).reverse();
  for (const block of blocks) {
    const credits = parse((block.textContent ?? '').replace(/\s+/g, ' ').trim());
    if (!credits) continue;
    block.remove();
    return credits;
  }
  return null;
}
