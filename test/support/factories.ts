import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../../src/db/schema.ts';
import { type PublishArticleInput, publishArticle } from '../../src/services/article-service.ts';
import { type CreateSiteInput, createSite } from '../../src/services/site-service.ts';

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

/** A published article with sensible defaults; override any field. */
export async function buildArticle(db: Kysely<Database>, site: SiteRow, overrides: Partial<PublishArticleInput> = {}) {
  counter += 1;
  const result = await publishArticle(db, site.id, {
    title: `Tin thử số ${counter}`,
    bodyHtml: `<p>Nội dung tin thử số ${counter}.</p>`,
    categorySlug: 'tin-tuc',
    publishedAt: new Date(Date.UTC(2024, 0, 1) + counter * 60_000),
    ...overrides,
  });
  return result;
}
