import path from 'node:path';
import type { Kysely } from 'kysely';
import sharp from 'sharp';
import type { Database, SiteRow, UserRow } from '../../db/schema.ts';
import { vietnamDay } from '../../text/format.ts';
import { escapeHtml } from '../../views/html.ts';
import { paths } from '../../paths.ts';
import { addCategory } from '../category-service.ts';
import { importArticle } from '../article-service.ts';
import { importTextPages } from '../import/import-text.ts';
import { storeImage } from '../media-service.ts';
import { createSite } from '../site-service.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { createUser } from '../users/user-service.ts';
import { seedDemoGovernment } from './demo-government.ts';
import { seedDemoRelief } from './demo-relief.ts';
import { DEMO_EXTRA_CATEGORY, DEMO_PASSWORD, DEMO_POSTS, DEMO_PROVINCE_SITE, DEMO_SITE, DEMO_USERS, type DemoPost } from './demo-content.ts';
import type { MediaStorage } from '../storage/media-storage.ts';

/** The sample ward page shipped with the source, imported into the demo site. */
export const SAMPLE_PAGE = path.resolve(import.meta.dirname, '../../../demo/sample-ward-page.txt');

/** Draws an illustration without text (no fonts needed), as a WebP photo stand-in. */
async function illustration(scene: 'lanterns' | 'meeting'): Promise<Buffer> {
  const shapes =
    scene === 'lanterns'
      ? `<rect width="1200" height="675" fill="#13244a"/><circle cx="980" cy="140" r="80" fill="#f8e7a1"/>
         ${[180, 380, 580, 780].map((x, i) => `<line x1="${x}" y1="0" x2="${x}" y2="${200 + i * 30}" stroke="#caa64a" stroke-width="4"/>
         <ellipse cx="${x}" cy="${260 + i * 30}" rx="70" ry="85" fill="${['#e63946', '#f4a261', '#e9c46a', '#d62828'][i]}"/>
         <rect x="${x - 30}" y="${335 + i * 30}" width="60" height="18" fill="#caa64a"/>`).join('')}
         <rect y="560" width="1200" height="115" fill="#0b1730"/>`
      : `<rect width="1200" height="675" fill="#e8e2d4"/><rect y="0" width="1200" height="260" fill="#a3161b"/>
         <rect x="420" y="60" width="360" height="140" fill="#f6c700" opacity=".9"/>
         <rect x="150" y="300" width="900" height="70" fill="#7a4b2a"/>
         ${Array.from({ length: 24 }, (_, i) => `<circle cx="${130 + (i % 12) * 85}" cy="${470 + Math.floor(i / 12) * 110}" r="32" fill="#2b3a55"/>
         <rect x="${100 + (i % 12) * 85}" y="${505 + Math.floor(i / 12) * 110}" width="60" height="60" rx="10" fill="#3d5a80"/>`).join('')}`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">${shapes}</svg>`;
  return sharp(Buffer.from(svg)).webp({ quality: 70 }).toBuffer();
}

async function publishDemoPost(db: Kysely<Database>, storage: MediaStorage, siteId: number, post: DemoPost): Promise<void> {
  let featuredMediaId: number | null = null;
  let body = post.body;
  if (post.image) {
    const media = await storeImage(db, storage, siteId, {
      bytes: await illustration(post.image.scene),
      originalName: `${post.image.scene}.webp`,
      alt: post.image.alt,
      caption: post.image.caption,
    });
    if (post.image.placement === 'featured') {
      featuredMediaId = media.id;
    } else {
      // A captioned figure inside the body, after the first paragraph, as the editor would place it.
      const figure = `<figure><img src="${paths.media(media.storage_key)}" alt="${escapeHtml(media.alt)}" width="${media.width}" height="${media.height}"><figcaption>${escapeHtml(media.caption)}</figcaption></figure>`;
      body = body.replace('</p>', `</p>\n${figure}`);
    }
  }
  const [day, month, year, hour] = post.date;
  const publishedAt = vietnamDay(day, month, year, hour);
  if (!publishedAt) throw new Error(`Ngày mẫu không hợp lệ: ${post.date.join('/')}`);
  await importArticle(db, siteId, {
    title: post.title,
    summary: post.summary,
    bodyHtml: body,
    categorySlug: post.categorySlug,
    publishedAt,
    featuredMediaId,
    isFeatured: post.featured ?? false,
    isDemo: true,
    sourceKey: `demo:${post.date.join('-')}`,
  });
}

/**
 * Creates the demo site "Phường 1" on a database that has no site yet: the
 * sample ward page imported, and the eight posts its "Thông tin khác" lists.
 * Returns the new site, or null when sites already exist.
 */
export async function seedDemo(db: Kysely<Database>, storage: MediaStorage): Promise<SiteRow | null> {
  if ((await new SiteRepository(db).count()) > 0) return null;
  const site = await createSite(db, DEMO_SITE);
  await addCategory(db, site.id, DEMO_EXTRA_CATEGORY);
  const users: UserRow[] = [];
  for (const user of DEMO_USERS) {
    users.push(await createUser(
      db,
      { email: user.email, displayName: user.displayName, password: DEMO_PASSWORD, ...(user.role ? { role: user.role, siteId: site.id } : {}), isPlatformAdmin: user.platformAdmin ?? false },
      { system: 'dữ liệu mẫu', siteId: site.id },
    ));
  }
  for (const post of DEMO_POSTS) await publishDemoPost(db, storage, site.id, post);
  // The sample is a real report, so it is not marked as demo text.
  await importTextPages(db, [SAMPLE_PAGE], { siteId: site.id, categorySlug: 'tin-tuc' });
  // The sample's year of mobilisation, as records: an editor enters, an approver confirms.
  const byRole = (role: string) => users[DEMO_USERS.findIndex((u) => u.role === role)]!;
  await seedDemoRelief(db, site, byRole('editor'), byRole('approver'));
  await seedDemoGovernment(db, storage, site, byRole('editor'), byRole('approver'));
  return site;
}

/**
 * Creates the demo's province portal (host tinh.localhost) over the demo
 * ward, with one notice of its own: its home gathers the ward's news.
 */
export async function seedDemoProvince(db: Kysely<Database>): Promise<SiteRow> {
  const portal = await createSite(db, DEMO_PROVINCE_SITE);
  await importArticle(db, portal.id, {
    title: 'Tỉnh Đồng Tháp ra mắt cổng thông tin tổng hợp các xã, phường',
    summary: 'Tin tức, thông báo, danh bạ và tìm kiếm của mọi xã, phường trong tỉnh ở một nơi.',
    bodyHtml: '<p>Cổng tỉnh tổng hợp tin tức và thông báo mới nhất của các xã, phường, danh bạ liên hệ và lãnh đạo, cùng một ô tìm kiếm trên mọi cổng của tỉnh.</p>',
    categorySlug: 'thong-bao',
    publishedAt: new Date(),
    isDemo: true,
    sourceKey: 'demo:tinh',
  });
  return portal;
}
