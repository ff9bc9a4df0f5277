import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { SchemaRepository } from '../../src/repositories/schema-repository.ts';
import { LEFT_OUT, exportPlan } from '../../src/services/export/export-plan.ts';
import { exportSite, importSite } from '../../src/services/export/site-export.ts';
import { storeUpload } from '../../src/services/media-service.ts';
import { recordOldLinks } from '../../src/services/redirects/redirect-service.ts';
import { search } from '../../src/services/search/search-service.ts';
import { type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';
import { jpeg } from '../support/wxr.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

describe('export-site and import-site', () => {
  let sqlite: TestDatabase;
  let postgres: TestDatabase;
  let dir: string;

  before(async () => {
    sqlite = await openTestDatabase('sqlite');
    postgres = await openTestDatabase('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-export-'));
    fs.mkdirSync(path.join(dir, 'media-a'));
    fs.mkdirSync(path.join(dir, 'media-b'));
  });
  after(async () => {
    await sqlite.close();
    await postgres.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every table with a site_id column is exported, or left out by name with a reason', async () => {
    for (const t of [sqlite, postgres]) {
      const schema = new SchemaRepository(t.db, t.dialect);
      const planned = new Set((await exportPlan(schema)).map((p) => p.name));
      for (const table of await schema.tables()) {
        if (table.name === 'sites' || !table.columns.includes('site_id')) continue;
        assert.ok(planned.has(table.name) || LEFT_OUT[table.name], `${t.dialect}: table ${table.name} is neither exported nor left out on purpose`);
      }
      for (const name of ['article_views', 'document_files']) assert.ok(planned.has(name), `${name} follows its parent`);
    }
  });

  it('a site exported from SQLite imports into PostgreSQL, and back, with every count equal', async () => {
    const site = await buildSite(sqlite.db, { hosts: ['xuat.test'] });
    const { user } = await buildUser(sqlite.db, site, 'editor', { email: 'bientap@xuat.test' });
    const image = await storeUpload(sqlite.db, new LocalStorage(path.join(dir, 'media-a')), site.id, {
      bytes: await jpeg(700),
      originalName: 'anh.jpg',
      alt: 'Ảnh hội nghị',
    });
    const { id: articleId } = await buildArticle(sqlite.db, site, {
      title: 'Hội nghị tổng kết công tác dân vận',
      featuredMediaId: image.id,
      bodyHtml: `<p>Nội dung.</p><figure><img src="/media/${image.storage_key}" alt="Ảnh hội nghị"></figure>`,
    });
    await buildArticle(sqlite.db, site, { title: 'Thông báo lịch tiếp công dân', categorySlug: 'thong-bao' });
    await recordOldLinks(sqlite.db, site.id, 'wordpress', [
      { oldUrl: '/?p=5', targetPath: '/bai-viet/hoi-nghi-tong-ket-cong-tac-dan-van', itemType: 'article', itemId: articleId },
    ]);
    await sqlite.db.insertInto('article_views').values({ article_id: articleId, views: 42 }).execute();

    const archive = path.join(dir, 'xuat.tar.gz');
    const manifest = await exportSite(sqlite, new LocalStorage(path.join(dir, 'media-a')), 'xuat.test', archive);
    assert.equal(manifest.counts.articles, 2);
    assert.equal(manifest.counts.article_views, 1);
    assert.equal(manifest.users, 1);

    const { siteId, counts } = await importSite(postgres, new LocalStorage(path.join(dir, 'media-b')), archive);
    assert.deepEqual(counts, manifest.counts);
    const imported = await postgres.db.selectFrom('articles').selectAll().where('site_id', '=', siteId).orderBy('id').execute();
    assert.equal(imported.length, 2);
    const media = await postgres.db.selectFrom('media').selectAll().where('site_id', '=', siteId).executeTakeFirstOrThrow();
    assert.equal(imported[0]!.featured_media_id, media.id, 'references follow the new ids');
    assert.ok(fs.existsSync(path.join(dir, 'media-b', String(siteId), image.storage_key)));
    const views = await postgres.db.selectFrom('article_views').select('views').where('article_id', '=', imported[0]!.id).executeTakeFirstOrThrow();
    assert.equal(views.views, 42);
    const redirect = await postgres.db.selectFrom('redirects').selectAll().where('site_id', '=', siteId).executeTakeFirstOrThrow();
    assert.equal(redirect.item_id, imported[0]!.id);
    const account = await postgres.db.selectFrom('users').selectAll().where('email', '=', user.email).executeTakeFirstOrThrow();
    assert.equal(account.must_change_password, 1, 'no password hash was exported');
    const site2 = await postgres.db.selectFrom('sites').selectAll().where('id', '=', siteId).executeTakeFirstOrThrow();
    const found = await search(postgres.db, site2, { q: 'hoi nghi tong ket', page: 1, perPage: 10 });
    assert.equal(found.total, 1, 'the search index is rebuilt');

    // And back to a second SQLite site under another host, from a folder this time.
    const folder = path.join(dir, 'lai');
    const again = await exportSite(postgres, new LocalStorage(path.join(dir, 'media-b')), 'xuat.test', folder);
    await assert.rejects(
      importSite(sqlite, new LocalStorage(path.join(dir, 'media-a')), folder, { hosts: ['xuat-lai.test'] }),
      (e) => e instanceof AppError && e.code === 'validation_failed',
      'the same media cannot come in twice',
    );
    const fresh = await openTestDatabase('sqlite');
    const back = await importSite(fresh, new LocalStorage(path.join(dir, 'media-a')), folder);
    await fresh.close();
    assert.deepEqual(back.counts, again.counts);
    assert.deepEqual(again.counts, manifest.counts);
  });

  it('a broken export is refused in Vietnamese and nothing is imported', async () => {
    const cut = path.join(dir, 'cut.tar.gz');
    fs.writeFileSync(cut, fs.readFileSync(path.join(dir, 'xuat.tar.gz')).subarray(0, 200));
    const before = await postgres.db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      importSite(postgres, new LocalStorage(path.join(dir, 'media-b')), cut, { hosts: ['cut.test'] }),
      (e) => e instanceof AppError && e.code === 'import_failed',
    );
    const folder = path.join(dir, 'lai');
    const lines = fs
      .readFileSync(path.join(folder, 'data', 'articles.jsonl'), 'utf8')
      .trim()
      .split('\n');
    fs.writeFileSync(path.join(folder, 'data', 'articles.jsonl'), `${lines[0]}\n`);
    const fresh = await openTestDatabase('postgres');
    await assert.rejects(
      importSite(fresh, new LocalStorage(path.join(dir, 'media-b')), folder),
      (e) => e instanceof AppError && e.code === 'import_failed' && /articles/.test(e.message),
    );
    const sites = await fresh.db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(sites.n), 0, 'nothing of the broken export is kept');
    await fresh.close();
    const afterCount = await postgres.db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });
});
