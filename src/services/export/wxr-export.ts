import fs from 'node:fs';
import type { DatabaseHandle } from '../../db/database.ts';
import type { SiteRow } from '../../db/schema.ts';
import { SchemaRepository } from '../../repositories/schema-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { escapeHtml } from '../../views/html.ts';
import { paths } from '../../paths.ts';

type Row = Record<string, unknown>;

const cdata = (text: unknown) => `<![CDATA[${String(text ?? '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
/** WordPress's post states for ours. */
const STATUS: Record<string, string> = {
  published: 'publish',
  scheduled: 'future',
  draft: 'draft',
  submitted: 'pending',
  returned: 'pending',
  unpublished: 'private',
  archived: 'private',
};
/** Attachments are items too; their ids must not meet the articles'. */
const ATTACHMENT_ID_BASE = 1_000_000_000;

/** "2020-01-13 10:00:00" in UTC, or in Vietnam time, as WordPress writes dates. */
function wpDate(iso: string | null | undefined, local: boolean): string {
  if (!iso) return '0000-00-00 00:00:00';
  // Vietnam has been UTC+07:00 without daylight saving since 1975.
  const date = new Date(new Date(iso).getTime() + (local ? 7 * 3_600_000 : 0));
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Writes a chunk, waiting when the file's buffer is full: the export never holds more than a batch. */
async function writeTo(stream: fs.WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
}

/**
 * Writes a site's articles as a WordPress export (WXR 1.2), so that a site
 * can leave for WordPress: categories, posts with their dates and states,
 * bodies with absolute addresses, and the media library as attachments
 * (with alt text and featured images). Articles are read in batches.
 */
export async function exportWxr(handle: DatabaseHandle, site: SiteRow, file: string, origin?: string): Promise<{ articles: number; attachments: number }> {
  const [host] = await new SiteRepository(handle.db).hostsOf(site.id);
  const base = origin ?? `https://${host}`;
  const absolute = (html: string) => html.replace(/(src|href)="\/(?!\/)/g, `$1="${base}/`);
  const schema = new SchemaRepository(handle.db, handle.dialect);
  const stream = fs.createWriteStream(file);
  const categories = new Map<number, Row>();
  for (const c of await schema.rowsWhere('categories', 'site_id', [site.id])) categories.set(Number(c.id), c);
  await writeTo(
    stream,
    `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>${escapeHtml(site.name)}</title>
  <link>${base}</link>
  <description></description>
  <language>vi</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>${base}</wp:base_site_url>
  <wp:base_blog_url>${base}</wp:base_blog_url>
${[...categories.values()].map((c) => `  <wp:category><wp:term_id>${c.id}</wp:term_id><wp:category_nicename>${cdata(c.slug)}</wp:category_nicename><wp:category_parent>${cdata('')}</wp:category_parent><wp:cat_name>${cdata(c.name)}</wp:cat_name></wp:category>`).join('\n')}
`,
  );
  let attachments = 0;
  for (let after = 0; ;) {
    const batch = await schema.siteRowsAfter('media', site.id, after, 200);
    if (!batch.length) break;
    after = Number(batch.at(-1)!.id);
    for (const m of batch) {
      if (m.deleted_at) continue;
      attachments++;
      await writeTo(
        stream,
        `  <item><title>${cdata(m.title || m.original_name)}</title><link>${base}${paths.media(String(m.storage_key))}</link><pubDate>${new Date(String(m.created_at)).toUTCString()}</pubDate><dc:creator>${cdata('xaphuong')}</dc:creator><guid isPermaLink="false">${base}${paths.media(String(m.storage_key))}</guid><description></description><content:encoded>${cdata('')}</content:encoded><excerpt:encoded>${cdata(m.caption)}</excerpt:encoded><wp:post_id>${ATTACHMENT_ID_BASE + Number(m.id)}</wp:post_id><wp:post_date>${cdata(wpDate(String(m.created_at), true))}</wp:post_date><wp:post_date_gmt>${cdata(wpDate(String(m.created_at), false))}</wp:post_date_gmt><wp:post_name>${cdata(String(m.storage_key).replace(/\.[^.]+$/, ''))}</wp:post_name><wp:status>${cdata('inherit')}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>${cdata('attachment')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky><wp:attachment_url>${cdata(`${base}${paths.media(String(m.storage_key))}`)}</wp:attachment_url>${m.alt ? `<wp:postmeta><wp:meta_key>${cdata('_wp_attachment_image_alt')}</wp:meta_key><wp:meta_value>${cdata(m.alt)}</wp:meta_value></wp:postmeta>` : ''}</item>\n`,
      );
    }
  }
  let articles = 0;
  for (let after = 0; ;) {
    const batch = await schema.siteRowsAfter('articles', site.id, after, 200);
    if (!batch.length) break;
    after = Number(batch.at(-1)!.id);
    for (const a of batch) {
      if (a.deleted_at) continue;
      articles++;
      const category = categories.get(Number(a.category_id));
      const published = (a.published_at ?? a.created_at) as string;
      await writeTo(
        stream,
        `  <item><title>${cdata(a.title)}</title><link>${base}${paths.article(String(a.slug))}</link><pubDate>${new Date(published).toUTCString()}</pubDate><dc:creator>${cdata(a.writer || 'xaphuong')}</dc:creator><guid isPermaLink="false">${base}/?p=${a.id}</guid><description></description><content:encoded>${cdata(absolute(String(a.body_html)))}</content:encoded><excerpt:encoded>${cdata(a.summary)}</excerpt:encoded><wp:post_id>${a.id}</wp:post_id><wp:post_date>${cdata(wpDate(published, true))}</wp:post_date><wp:post_date_gmt>${cdata(a.published_at ? wpDate(published, false) : '0000-00-00 00:00:00')}</wp:post_date_gmt><wp:post_modified_gmt>${cdata(wpDate(String(a.updated_at), false))}</wp:post_modified_gmt><wp:comment_status>${cdata('closed')}</wp:comment_status><wp:ping_status>${cdata('closed')}</wp:ping_status><wp:post_name>${cdata(a.slug)}</wp:post_name><wp:status>${cdata(STATUS[String(a.status)] ?? 'draft')}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>${cdata('post')}</wp:post_type><wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>${a.is_featured ? 1 : 0}</wp:is_sticky>${category ? `<category domain="category" nicename="${escapeHtml(String(category.slug))}">${cdata(category.name)}</category>` : ''}${a.featured_media_id ? `<wp:postmeta><wp:meta_key>${cdata('_thumbnail_id')}</wp:meta_key><wp:meta_value>${cdata(ATTACHMENT_ID_BASE + Number(a.featured_media_id))}</wp:meta_value></wp:postmeta>` : ''}${a.photographer ? `<wp:postmeta><wp:meta_key>${cdata('photographer')}</wp:meta_key><wp:meta_value>${cdata(a.photographer)}</wp:meta_value></wp:postmeta>` : ''}</item>\n`,
      );
    }
  }
  await writeTo(stream, '</channel>\n</rss>\n');
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return { articles, attachments };
}
