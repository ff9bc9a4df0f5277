import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, Migrator, sql } from 'kysely';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { MIGRATIONS } from '../../src/db/migrations/index.ts';
import { DIALECTS, type TestDatabase, openEmptyDatabase } from '../support/databases.ts';

const KEY = 'abcdefabcdefabcdefabcdef.webp';
const NOW = '2025-01-01T00:00:00.000Z';

/** A site as it stood before menus and lead images: two categories, an image, and articles with and without it. */
async function seedOldSite(db: Kysely<unknown>): Promise<void> {
  await sql`insert into sites (name, unit_type, province, created_at, updated_at) values ('Xã Cũ', 'xa', 'Đồng Tháp', ${NOW}, ${NOW})`.execute(db);
  for (const [position, slug] of ['tin-tuc', 'thong-bao'].entries()) {
    await sql`insert into categories (site_id, slug, name, kind, position, created_at) values (1, ${slug}, ${slug}, 'news', ${1 - position}, ${NOW})`.execute(
      db,
    );
  }
  await sql`insert into media (site_id, kind, storage_key, original_name, mime_type, byte_size, alt, caption, created_at)
    values (1, 'image', ${KEY}, 'anh.webp', 'image/webp', 10, 'Ảnh', '', ${NOW})`.execute(db);
  const article = (slug: string, body: string, featured: number | null) =>
    sql`insert into articles (site_id, category_id, title, slug, summary, body_html, writer, photographer, status, published_at, featured_media_id, is_featured, is_demo, search_text, created_at, updated_at)
      values (1, 1, ${slug}, ${slug}, '', ${body}, '', '', 'published', ${NOW}, ${featured}, 0, 0, '', ${NOW}, ${NOW})`.execute(db);
  await article('anh-trong-bai', `<p>Chữ</p><img src="/media/${KEY}" alt="Ảnh">`, null);
  await article('anh-dai-dien', '<p>Chữ</p>', 1);
  await article('khong-anh', '<p>Chữ</p>', null);
}

/** 0062 and 0064 fill in what existing sites and articles had before: their menu, their lead images. */
for (const dialect of DIALECTS) {
  describe(`menus and lead images of existing data [${dialect}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openEmptyDatabase(dialect);
      const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => MIGRATIONS } });
      const { error } = await migrator.migrateTo('0022_add_site_category_listing_index');
      assert.ifError(error);
      await seedOldSite(t.db as Kysely<unknown>);
      await migrateToLatest(t.db);
    });
    after(() => t.close());

    it('an existing site gets the menu it showed: its categories in their order, then the four module pages', async () => {
      const items = await t.db.selectFrom('menu_items').selectAll().where('site_id', '=', 1).orderBy('position').execute();
      assert.deepEqual(
        items.map((i) => [i.position, i.kind, i.category_id, i.target]),
        [
          [0, 'category', 2, ''],
          [1, 'category', 1, ''],
          [2, 'page', null, '/gioi-thieu'],
          [3, 'page', null, '/van-ban'],
          [4, 'page', null, '/lich-cong-tac'],
          [5, 'page', null, '/hoi-dap'],
        ],
      );
    });

    it('an existing article leads with its featured image, else its body’s first image of the site', async () => {
      const rows = await t.db.selectFrom('articles').select(['slug', 'lead_media_id']).orderBy('id').execute();
      assert.deepEqual(
        rows.map((r) => [r.slug, r.lead_media_id]),
        [
          ['anh-trong-bai', 1],
          ['anh-dai-dien', 1],
          ['khong-anh', null],
        ],
      );
    });
  });
}
