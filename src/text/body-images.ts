/**
 * How a sanitised article body points at the site's own media: `src` of an
 * image, `href` of an attachment link, both `/media/<24 hex>.<ext>`.
 */
const MEDIA_LINK = /(src|href)="\/media\/([a-f0-9]{24}\.[a-z]+)"/g;

/** Storage keys of every media file the body shows or links to, each once, in order. */
export function bodyMediaKeys(bodyHtml: string): string[] {
  return [...new Set([...bodyHtml.matchAll(MEDIA_LINK)].map((m) => m[2] as string))];
}

/** Storage key of the first of the site's images in the body (a linked attachment is not an image); null when none. */
export function firstBodyImageKey(bodyHtml: string): string | null {
  for (const match of bodyHtml.matchAll(MEDIA_LINK)) if (match[1] === 'src') return match[2] as string;
  return null;
}
