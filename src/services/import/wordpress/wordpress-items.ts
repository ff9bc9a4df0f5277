import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import { UserRepository } from '../../../repositories/user-repository.ts';
import { LegacyTextError, repairVietnamese } from '../../../text/legacy-encoding.ts';
import { htmlToPlainText } from '../../../text/sanitize.ts';
import { paths } from '../../../paths.ts';
import { recordOldLinks } from '../../redirects/redirect-service.ts';
import { adoptBodyMedia } from '../body-media.ts';
import type { ImportReport } from '../import-report.ts';
import { ensureCategory, saveImportedArticle } from '../imported-article.ts';
import type { MediaImporter } from '../media-import.ts';
import { parseCredits } from '../text-page.ts';
import type { WxrAuthor, WxrItem, WxrTerm } from './wxr-reader.ts';
import { wordpressBody } from './wp-content.ts';

/** An attachment as the checking pass saw it, so a post can take its featured image before the attachment's own item. */
export interface AttachmentInfo {
  url: string;
  alt: string;
  title: string;
  caption: string;
}

/** What importing one WordPress site's items needs, kept across its items. */
export interface WordpressContext {
  db: Kysely<Database>;
  siteId: number;
  /** The old site's host, in source keys: two sites' post 12 are different posts. */
  sourceHost: string;
  oldHosts: string[];
  baseUrl: string;
  media: MediaImporter;
  report: ImportReport;
  attachments: Map<number, AttachmentInfo>;
  authors: Map<string, { userId: number | null; name: string }>;
  categories: Map<string, string>;
}

const STATUSES: Record<string, 'published' | 'draft' | 'submitted' | 'unpublished'> = {
  publish: 'published',
  future: 'published',
  draft: 'draft',
  pending: 'submitted',
  private: 'unpublished',
};

/** A WordPress author: a user of this site with the same e-mail, or a name for the credits. */
export async function mapAuthor(ctx: WordpressContext, author: WxrAuthor): Promise<void> {
  const user = author.email ? await new UserRepository(ctx.db).findByEmail(author.email.toLowerCase()) : undefined;
  const member = user && (await new UserRepository(ctx.db).roleOn(user.id, ctx.siteId)) ? user : undefined;
  ctx.authors.set(author.login, { userId: member?.id ?? null, name: member?.display_name ?? author.displayName });
}

/** A category becomes one of the site's (matched by slug or name); a tag's archive becomes a search. Both keep their old address. */
export async function mapTerm(ctx: WordpressContext, term: WxrTerm): Promise<void> {
  if (term.taxonomy === 'category') {
    const uncategorized = term.slug === 'uncategorized' || term.slug === 'chua-phan-loai';
    const slug = uncategorized ? 'tin-tuc' : await ensureCategory(ctx.db, ctx.siteId, { slug: term.slug, name: term.name });
    ctx.categories.set(term.slug, slug);
    ctx.report.redirects += await recordOldLinks(ctx.db, ctx.siteId, 'wordpress', [{ oldUrl: `/category/${term.slug}`, targetPath: paths.category(slug) }]);
  } else {
    ctx.report.redirects += await recordOldLinks(ctx.db, ctx.siteId, 'wordpress', [
      { oldUrl: `/tag/${term.slug}`, targetPath: `/tim-kiem?q=${encodeURIComponent(term.name)}` },
    ]);
  }
}

/** An attachment item: its file into the media library, its old addresses to the file. */
export async function importAttachment(ctx: WordpressContext, item: WxrItem): Promise<void> {
  if (!item.attachmentUrl) return ctx.report.skip(`Tệp #${item.postId}`, 'không có địa chỉ tệp');
  const row = await ctx.media.byUrl(item.attachmentUrl, {
    alt: item.meta._wp_attachment_image_alt ?? '',
    caption: htmlToPlainText(item.excerpt),
    title: item.title,
  });
  if (!row) return;
  const target = paths.media(row.storage_key);
  ctx.report.redirects += await recordOldLinks(ctx.db, ctx.siteId, 'wordpress', [
    { oldUrl: item.attachmentUrl, targetPath: target, itemType: 'media', itemId: row.id },
    ...(item.link ? [{ oldUrl: item.link, targetPath: target, itemType: 'media', itemId: row.id }] : []),
    { oldUrl: `/?attachment_id=${item.postId}`, targetPath: target, itemType: 'media', itemId: row.id },
  ]);
}

/** When a post was published: its GMT date, else its local date (Vietnam time), else now. */
function publishedAt(item: WxrItem): Date {
  const valid = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() > 1970;
  const gmt = new Date(`${item.postDateGmt.replace(' ', 'T')}Z`);
  if (valid(gmt)) return gmt;
  const local = new Date(`${item.postDate.replace(' ', 'T')}+07:00`);
  return valid(local) ? local : new Date();
}

/** Repairs text garbled from TCVN3/VNI, counting it; throws LegacyTextError for text that cannot be read. */
function readable(ctx: WordpressContext, text: string): string {
  const repaired = repairVietnamese(text);
  if (repaired.encoding) ctx.report.convertedFromLegacy++;
  return repaired.text;
}

/** A post or page: body, images, credits, category, state and old addresses, saved as one article. */
export async function importPost(ctx: WordpressContext, item: WxrItem): Promise<void> {
  const label = `${item.postType === 'page' ? 'Trang' : 'Bài'} #${item.postId} “${item.title.slice(0, 80)}”`;
  ctx.report.comments += item.comments;
  const status = STATUSES[item.status];
  if (!status) return ctx.report.skip(label, `trạng thái "${item.status}" không nhập (thùng rác, bản nháp tự động)`);
  const sourceKey = `wp:${ctx.sourceHost}:${item.postId}`;
  const version = item.modifiedGmt || item.postDateGmt;
  const known = await ctx.media.known(sourceKey);
  if (known && version && known.source_version === version) {
    ctx.report.unchanged++;
    return;
  }
  try {
    const title = readable(ctx, item.title.trim() || htmlToPlainText(item.content).slice(0, 120));
    const { html, droppedShortcodes } = wordpressBody(readable(ctx, item.content));
    if (droppedShortcodes.length) ctx.report.warn(`${label}: bỏ mã rút gọn [${droppedShortcodes.join('], [')}]`);
    const { html: body, credits } = await adoptBodyMedia(html, {
      baseUrl: item.link || ctx.baseUrl,
      oldHosts: ctx.oldHosts,
      media: ctx.media,
      report: ctx.report,
      title,
      parseCredits,
    });
    const thumbnail = ctx.attachments.get(Number(item.meta._thumbnail_id));
    const featured = thumbnail ? await ctx.media.byUrl(thumbnail.url, { ...thumbnail, context: title }) : null;
    const author = ctx.authors.get(item.creator);
    const wpCategory = item.terms.find((t) => t.domain === 'category');
    const categorySlug =
      item.postType === 'page'
        ? await ensureCategory(ctx.db, ctx.siteId, { slug: 'trang-thong-tin', name: 'Trang thông tin', kind: 'other' })
        : ((wpCategory && ctx.categories.get(wpCategory.nicename)) ?? 'tin-tuc');
    const result = await saveImportedArticle(ctx.db, ctx.siteId, {
      article: {
        title,
        bodyHtml: body,
        summary: htmlToPlainText(readable(ctx, item.excerpt)).slice(0, 1000),
        writer: credits?.writer || author?.name || item.creator,
        photographer: credits?.photographer ?? '',
        categorySlug,
        publishedAt: publishedAt(item),
        featuredMediaId: featured?.kind === 'image' ? featured.id : null,
        isFeatured: item.isSticky,
        sourceKey,
        revisionNote: 'Nhập từ WordPress',
      },
      status,
      authorId: author?.userId ?? null,
      sourceVersion: version,
      oldUrls: [item.link, item.postType === 'page' ? `/?page_id=${item.postId}` : `/?p=${item.postId}`, item.guid].filter(Boolean).map((url) => ({ url })),
      redirectSource: 'wordpress',
    });
    if (result.created) ctx.report.imported++;
    else ctx.report.updated++;
    ctx.report.redirects += result.redirects;
  } catch (error) {
    if (error instanceof LegacyTextError) return ctx.report.skip(label, error.message);
    if (error instanceof AppError && error.code === 'validation_failed')
      return ctx.report.skip(label, error.fields.map((f) => f.message).join('; ') || error.message);
    throw error;
  }
}
