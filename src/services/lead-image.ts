import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../db/schema.ts';
import { ArticleRepository } from '../repositories/article-repository.ts';
import { MediaRepository } from '../repositories/media-repository.ts';
import { firstBodyImageKey } from '../text/body-images.ts';

/**
 * An article's lead image: its featured image when one is set, else the
 * first of the site's images in its body. Listings show it on the article's
 * card, and share previews (og:image) use it.
 */
export function leadImageOf(
  article: { featured_media_id: number | null; body_html: string },
  bodyMedia: ReadonlyMap<string, MediaRow>,
): { id: number } | { key: string } | null {
  if (article.featured_media_id !== null) return { id: article.featured_media_id };
  const key = firstBodyImageKey(article.body_html);
  return key && bodyMedia.get(key)?.kind === 'image' ? { key } : null;
}

/** Brings an article's stored lead image (lead_media_id, which listings read) up to date, in the caller's transaction. */
export async function refreshLeadImage(db: Kysely<Database>, siteId: number, articleId: number): Promise<void> {
  const articles = new ArticleRepository(db, siteId);
  const article = await articles.leadImageSource(articleId);
  if (!article) return;
  let lead = article.featured_media_id;
  if (lead === null) {
    const key = firstBodyImageKey(article.body_html);
    const media = key ? await new MediaRepository(db, siteId).findByKey(key) : undefined;
    lead = media?.kind === 'image' ? media.id : null;
  }
  if (lead !== article.lead_media_id) await articles.update(articleId, { lead_media_id: lead });
}
