import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { type Agent, multipart, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { STORAGES, type TestStorage, openTestStorage } from '../support/storages.ts';

for (const kind of STORAGES) {
  for (const dialect of DIALECTS) {
    describe(`media over HTTP from the ${kind} storage [${dialect}]`, () => {
      let s: TestStorage;
      let h: TestApp;
      let site: SiteRow;
      let a: Agent;
      let photo: Buffer;
      before(async () => {
        s = await openTestStorage(kind);
        h = await openTestApp(dialect, s.storage);
        site = await buildSite(h.t.db, { hosts: ['kho-tep.test'] });
        const { user } = await buildUser(h.t.db, site, 'contributor');
        a = await signInAs(h.app, 'kho-tep.test', user.email);
        photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0b3d75' } })
          .jpeg()
          .toBuffer();
      });
      after(async () => {
        await h.close();
        await s.close();
      });

      const upload = () => {
        const body = multipart({ alt: 'Lễ ra quân' }, { name: 'ra-quan.jpg', type: 'image/jpeg', bytes: photo });
        return h.app.inject({
          method: 'POST',
          url: '/quan-tri/media',
          headers: { host: a.host, cookie: a.cookie, 'content-type': body.contentType, accept: 'application/json', 'x-csrf-token': a.csrf },
          payload: body.payload,
        });
      };

      it('an image uploaded in the newsroom is in the storage when the answer comes, and /media serves the same bytes and its variants', async () => {
        const res = await upload();
        assert.equal(res.statusCode, 200, res.body);
        const { media } = res.json();
        const key = media.url.replace('/media/', '');
        assert.deepEqual(await s.storage.read(`${site.id}/${key}`), photo, 'stored before the answer');
        const served = await a.get(media.url);
        assert.equal(served.statusCode, 200);
        assert.equal(served.headers['content-type'], 'image/jpeg');
        assert.equal(served.headers['cache-control'], 'public, max-age=31536000, immutable');
        assert.deepEqual(served.rawPayload, photo);
        const row = await h.t.db.selectFrom('media').select('variants').where('storage_key', '=', key).executeTakeFirstOrThrow();
        const variant = JSON.parse(row.variants)[0].key as string;
        const webp = await a.get(`/media/${variant}`);
        assert.equal(webp.headers['content-type'], 'image/webp');
        assert.deepEqual(webp.rawPayload, await s.storage.read(`${site.id}/${variant}`));
      });

      it('a file listed in the library but missing from the storage answers 404, not a broken page', async () => {
        const res = await upload();
        const key = res.json().media.url.replace('/media/', '');
        await s.storage.delete(`${site.id}/${key}`);
        const missing = await a.get(`/media/${key}`);
        assert.equal(missing.statusCode, 404);
      });

      it('an upload while the storage is unreachable is answered 503 storage_unavailable and adds nothing to the library', async () => {
        const before = await h.t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute();
        const siteDir = `${s.dir}/${site.id}`;
        if (kind === 's3') await s.stopServer();
        else (fs.renameSync(siteDir, `${siteDir}.tam`), fs.writeFileSync(siteDir, 'không phải thư mục'));
        try {
          const res = await upload();
          assert.equal(res.statusCode, 503, res.body);
          assert.equal(res.json().error.code, 'storage_unavailable');
        } finally {
          if (kind === 's3') await s.startServer();
          else (fs.rmSync(siteDir), fs.renameSync(`${siteDir}.tam`, siteDir));
        }
        assert.deepEqual(await h.t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute(), before);
      });

      it('/readyz answers 200 with both parts reachable, 503 naming the storage while it is gone, and 200 once it is back', async () => {
        const ready = await h.app.inject({ url: '/readyz' });
        assert.equal(ready.statusCode, 200);
        assert.deepEqual([ready.json().database, ready.json().storage], ['ok', 'ok']);
        if (kind === 's3') await s.stopServer();
        else (fs.renameSync(s.dir, `${s.dir}.tam`), fs.writeFileSync(s.dir, 'không phải thư mục'));
        try {
          const down = await h.app.inject({ url: '/readyz' });
          assert.equal(down.statusCode, 503);
          assert.deepEqual([down.json().database, down.json().storage, down.json().error.code], ['ok', 'error', 'storage_unavailable']);
          assert.ok(down.headers['retry-after']);
        } finally {
          if (kind === 's3') await s.startServer();
          else (fs.rmSync(s.dir), fs.renameSync(`${s.dir}.tam`, s.dir));
        }
        assert.equal((await h.app.inject({ url: '/readyz' })).statusCode, 200);
      });
    });
  }
}

for (const dialect of DIALECTS) {
  it(`/readyz on ${dialect} answers 503 database_unavailable when the database does not answer`, async () => {
    const t = await openTestDatabase(dialect);
    const s = await openTestStorage('local');
    const app = await buildApp({ db: t.db, config: { mediaDir: s.dir, trustProxy: false, logLevel: 'silent' }, media: s.storage });
    try {
      await t.db.destroy();
      const res = await app.inject({ url: '/readyz' });
      assert.equal(res.statusCode, 503);
      assert.deepEqual([res.json().database, res.json().storage, res.json().error.code], ['error', 'ok', 'database_unavailable']);
    } finally {
      await app.close();
      await t.close().catch(() => undefined);
      await s.close();
    }
  });
}
