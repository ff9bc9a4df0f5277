import crypto from 'node:crypto';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { SearchRepository } from '../../src/repositories/search-repository.ts';
import type { Kysely } from 'kysely';
import type { Database, Role, SiteRow } from '../../src/db/schema.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { type CreateUserInput, createUser } from '../../src/services/users/user-service.ts';
import { type ImportArticleInput, importArticle } from '../../src/services/article-service.ts';
import { type CreateSiteInput, createSite } from '../../src/services/site-service.ts';
import { viewCount } from '../../src/repositories/article-repository.ts';

let counter = 0;

/** A site with its default categories; host names are unique per call. */
export async function buildSite(db: Kysely<Database>, overrides: Partial<CreateSiteInput> = {}): Promise<SiteRow> {
  counter += 1;
  return createSite(db, {
    name: `Xã Thử ${counter}`,
    unitType: 'xa',
    province: 'Đồng Tháp',
    hosts: [`xa${counter}.test`],
    address: `Ấp ${counter}, xã Thử`,
    phone: '0277 3000 000',
    email: `xa${counter}@example.vn`,
    responsiblePerson: 'Lê Thị Bình',
    responsibleTitle: 'Chủ tịch UBND xã',
    ...overrides,
  });
}

/** A site as those created before new sites got their Giới thiệu pages as draft outlines: no page, no review state of one. */
export async function withoutOutlines(db: Kysely<Database>, site: SiteRow): Promise<SiteRow> {
  for (const table of ['item_revisions', 'item_reviews'] as const) {
    await db.deleteFrom(table).where('site_id', '=', site.id).where('item_type', '=', 'organisation_page').execute();
  }
  await db.deleteFrom('organisation_pages').where('site_id', '=', site.id).execute();
  return site;
}

/** A published article with sensible defaults; override any field. */
export async function buildArticle(db: Kysely<Database>, site: SiteRow, overrides: Partial<ImportArticleInput> = {}) {
  counter += 1;
  const result = await importArticle(db, site.id, {
    title: `Tin thử số ${counter}`,
    bodyHtml: `<p>Nội dung tin thử số ${counter}.</p>`,
    categorySlug: 'tin-tuc',
    publishedAt: new Date(Date.UTC(2024, 0, 1) + counter * 60_000),
    ...overrides,
  });
  return result;
}

/** A user with a role on a site, and the Actor the admin would build for them there. */
export async function buildUser(db: Kysely<Database>, site: SiteRow, role: Role | null, overrides: Partial<CreateUserInput> = {}) {
  counter += 1;
  const user = await createUser(
    db,
    {
      email: `nguoi${counter}@xa.test`,
      displayName: `Người dùng ${counter}`,
      password: 'mat-khau-du-dai',
      ...(role ? { role, siteId: site.id } : {}),
      ...overrides,
    },
    { system: 'kiểm thử', siteId: site.id },
  );
  const actor: Actor = {
    userId: user.id,
    email: user.email,
    displayName: user.display_name,
    role,
    isPlatformAdmin: user.is_platform_admin === 1,
    siteId: site.id,
    ip: '127.0.0.1',
  };
  return { user, actor };
}

/** An article's counted views, as its public page reads them: 0 before the first. */
export async function viewsOf(db: Kysely<Database>, article: { id: number } | { slug: string }): Promise<number> {
  const q = db.selectFrom('articles').leftJoin('article_views', 'article_views.article_id', 'articles.id').select(viewCount);
  const row = await ('id' in article ? q.where('articles.id', '=', article.id) : q.where('articles.slug', '=', article.slug)).executeTakeFirstOrThrow();
  return row.view_count;
}

/**
 * Takes a site back to before its calendars and Giới thiệu were filled in
 * (the demo ward carries them): for tests that walk a ward through filling them.
 */
export async function withoutCalendarsAndOrganisation(db: Kysely<Database>, site: Pick<SiteRow, 'id'>): Promise<void> {
  for (const table of ['item_revisions', 'item_reviews'] as const) {
    await db
      .deleteFrom(table)
      .where('site_id', '=', site.id)
      .where('item_type', 'in', ['work_week', 'reception', 'organisation_page', 'organisation_people'])
      .execute();
  }
  for (const table of ['calendar_entries', 'reception_slots', 'organisation_pages', 'organisation_people'] as const) {
    await db.deleteFrom(table).where('site_id', '=', site.id).execute();
  }
}

/** A PDF in the site's library (its bytes are not read), for documents to attach. */
export async function buildFileMedia(db: Kysely<Database>, site: SiteRow, name = 'van-ban.pdf'): Promise<number> {
  return new MediaRepository(db, site.id).insert({
    kind: 'file',
    storage_key: `${crypto.randomUUID().replaceAll('-', '').slice(0, 24)}.pdf`,
    original_name: name,
    mime_type: 'application/pdf',
    byte_size: 90_000,
    width: null,
    height: null,
    alt: '',
    caption: '',
    uploaded_by: null,
    deleted_at: null,
    created_at: new Date().toISOString(),
  });
}

/** A one-entry ZIP archive as office files start: enough for the upload check to tell DOCX (word/document.xml) from XLSX. */
export function zipWith(name: string, content: string): Buffer {
  const nameBytes = Buffer.from(name, 'latin1');
  const data = Buffer.from(content, 'latin1');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, data, Buffer.alloc(16)]);
}

/** Where indexNewsItems puts its items, when not the defaults: first ref id 1, from 2024, news at /bai-viet/tin-{i}. */
export interface IndexedItemsPlace {
  firstRef?: number;
  /** The first item's time, in ms. */
  from?: number;
  kind?: (i: number) => string;
  path?: (i: number) => string;
}

/** Indexes `count` news items of a site straight into the search index, `apart` ms newer each, where `place` says (by default from 2024, at /bai-viet/tin-{i}). */
export async function indexNewsItems(
  db: Kysely<Database>,
  siteId: number,
  count: number,
  apart: number,
  text: (i: number) => { title: string; body: string },
  place: IndexedItemsPlace = {},
): Promise<void> {
  const from = place.from ?? Date.UTC(2024, 0, 1);
  await db.transaction().execute(async (trx) => {
    const index = new SearchRepository(trx);
    for (let i = 0; i < count; i++) {
      const item = {
        siteId,
        source: 'article',
        refId: (place.firstRef ?? 1) + i,
        kind: place.kind?.(i) ?? 'news',
        categoryId: null,
        path: place.path?.(i) ?? `/bai-viet/tin-${i}`,
      };
      await index.upsert({ ...item, ...text(i), publishedAt: new Date(from + i * apart).toISOString() }, new Date().toISOString());
    }
  });
}

/** The Actor the newsroom builds for an existing platform admin (a demo's provincial operator), working from a site. */
export async function platformActorOf(db: Kysely<Database>, email: string, siteId: number): Promise<Actor> {
  const admin = await db.selectFrom('users').select(['id', 'email', 'display_name']).where('email', '=', email).executeTakeFirstOrThrow();
  return { userId: admin.id, email: admin.email, displayName: admin.display_name, role: null, isPlatformAdmin: true, siteId, ip: '127.0.0.1' };
}
