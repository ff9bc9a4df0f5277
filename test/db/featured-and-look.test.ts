import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { PageEventRepository } from '../../src/repositories/page-event-repository.ts';
import { readHome } from '../../src/services/article-reader.ts';
import type { AuditWho } from '../../src/services/audit-service.ts';
import { storeImage } from '../../src/services/media-service.ts';
import { pageTags } from '../../src/services/pages/page-changes.ts';
import { removeSiteImage, setAccent, uploadSiteImage } from '../../src/services/site-shape/appearance.ts';
import { expireFeatured, markFeatured, unmarkFeatured } from '../../src/services/site-shape/featured.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildArticle, buildSite } from '../support/factories.ts';
import { codeOf, fieldsOf, storedShape } from '../support/site-shape.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#17693a' } })
    .png()
    .toBuffer();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(1)</script></svg>');

/**
 * "Tin nổi bật" with an end, the site's look (accent, logo, banner), and
 * the lead image an article's cards and share preview take from its body,
 * on both databases.
 */
for (const dialect of DIALECTS) {
  describe(`featured articles, the site's look and lead images [${dialect}]`, () => {
    let t: TestDatabase;
    let ward: SiteRow;
    let who: AuditWho;
    let mediaDir: string;
    const site = async () => t.db.selectFrom('sites').selectAll().where('id', '=', ward.id).executeTakeFirstOrThrow();
    const leadTitle = async (now = new Date()) => (await readHome(t.db, ward, now)).featured.map((a) => a.title);

    before(async () => {
      t = await openTestDatabase(dialect);
      ward = await buildSite(t.db);
      who = { userId: null, email: 'lanhdao@xa.test', siteId: ward.id, ip: '127.0.0.1' };
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-look-'));
    });
    after(async () => {
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('with nothing marked the newest news leads; a mark leads until the end of its day, then the job ends it once', async () => {
      const old = await buildArticle(t.db, ward, { title: 'Tin cũ hai năm', publishedAt: new Date('2024-09-16T01:00:00Z') });
      await buildArticle(t.db, ward, { title: 'Tin mới nhất', publishedAt: new Date('2026-09-18T01:00:00Z') });
      const now = new Date('2026-09-20T03:00:00Z');
      assert.deepEqual(await leadTitle(now), ['Tin mới nhất']);

      await markFeatured(t.db, ward.id, { article_id: String(old.id), until: '21/09/2026' }, who, now);
      assert.deepEqual(await leadTitle(now), ['Tin cũ hai năm']);
      assert.deepEqual((await new PageEventRepository(t.db).since(0)).at(-1)!.tags.split(' '), [pageTags.home(ward.id)]);
      // 23:59 on the last day in Vietnam it still leads; at midnight it no longer does, job or not.
      assert.deepEqual(await leadTitle(new Date('2026-09-21T16:59:00Z')), ['Tin cũ hai năm']);
      assert.deepEqual(await leadTitle(new Date('2026-09-21T17:00:00Z')), ['Tin mới nhất']);

      const end = new Date('2026-09-21T17:00:30Z');
      assert.equal(await expireFeatured(t.db, end), 1);
      assert.equal(await expireFeatured(t.db, end), 0, 'a second run finds nothing to end');
      const row = await t.db.selectFrom('articles').select(['is_featured', 'featured_until']).where('id', '=', old.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { is_featured: 0, featured_until: null });
      const audit = await t.db.selectFrom('audit_log').selectAll().where('target_id', '=', old.id).where('action', '=', 'article.unfeatured').execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor, 'hết hạn tin nổi bật');
    });

    it('a mark without an end stays until unmarked, and three marks lead, the newest first', async () => {
      const ids = [];
      for (const [i, title] of ['Nổi bật một', 'Nổi bật hai', 'Nổi bật ba', 'Nổi bật bốn'].entries()) {
        const a = await buildArticle(t.db, ward, { title, publishedAt: new Date(Date.UTC(2026, 7, 1 + i)) });
        await markFeatured(t.db, ward.id, { article_id: String(a.id) }, who);
        ids.push(a.id);
      }
      assert.deepEqual(await leadTitle(), ['Nổi bật bốn', 'Nổi bật ba', 'Nổi bật hai']);
      await unmarkFeatured(t.db, ward.id, ids[3]!, who);
      assert.deepEqual(await leadTitle(), ['Nổi bật ba', 'Nổi bật hai', 'Nổi bật một']);
      for (const id of ids) await unmarkFeatured(t.db, ward.id, id, who);
    });

    it('only a published article of the site may be marked; a refused mark stores nothing', async () => {
      const draft = await buildArticle(t.db, ward, { title: 'Sắp đăng', publishedAt: new Date(Date.now() + 86_400_000) });
      const other = await buildSite(t.db);
      const foreign = await buildArticle(t.db, other, { title: 'Tin xã khác' });
      const before = await storedShape(t.db, ward.id);
      for (const [input, field] of [
        [{ article_id: String(draft.id) }, 'article_id'],
        [{ article_id: String(foreign.id) }, 'article_id'],
        [{ article_id: 'abc' }, 'article_id'],
        [{ article_id: String(draft.id), until: '01/01/2020' }, 'until'],
      ] as const) {
        await assert.rejects(
          markFeatured(t.db, ward.id, input, who),
          (e) => codeOf(e) === 'validation_failed' && fieldsOf(e).includes(field),
          JSON.stringify(input),
        );
      }
      assert.deepEqual(await storedShape(t.db, ward.id), before);
    });

    it('the accent is one of the palette, audited; any other value is refused and nothing changes', async () => {
      await setAccent(t.db, await site(), 'xanh-la', who);
      assert.equal((await site()).accent, 'xanh-la');
      const before = await storedShape(t.db, ward.id);
      for (const value of ['#ff0000', 'do-tuoi', '']) await assert.rejects(setAccent(t.db, await site(), value, who), (e) => fieldsOf(e).includes('accent'));
      assert.deepEqual(await storedShape(t.db, ward.id), before);
    });

    it('a logo or banner is checked by its bytes and its size before anything is stored', async () => {
      const before = await storedShape(t.db, ward.id);
      const refusals: Array<[Buffer, 'logo' | 'banner', string]> = [
        [PDF, 'logo', 'không phải ảnh'],
        [SVG, 'logo', 'SVG'],
        [Buffer.alloc(0), 'logo', 'chưa chọn'],
        [await png(40, 40), 'logo', 'quá nhỏ'],
        [await png(1200, 600), 'banner', 'chưa đủ dẹt'],
        [await png(800, 100), 'banner', 'hẹp quá'],
      ];
      for (const [bytes, which, words] of refusals) {
        await assert.rejects(
          uploadSiteImage(t.db, new LocalStorage(mediaDir), await site(), which, { bytes, originalName: 'bieu-trung.png' }, who),
          (e: { message: string }) => codeOf(e) === 'validation_failed' && fieldsOf(e).includes(which) && e.message.includes(words),
          words,
        );
      }
      assert.deepEqual(await storedShape(t.db, ward.id), before);
      assert.deepEqual(fs.readdirSync(mediaDir), [], 'no file was written');

      await uploadSiteImage(t.db, new LocalStorage(mediaDir), await site(), 'logo', { bytes: await png(200, 200), originalName: 'bieu-trung.png' }, who);
      await uploadSiteImage(t.db, new LocalStorage(mediaDir), await site(), 'banner', { bytes: await png(1500, 250), originalName: 'bang-ron.png' }, who);
      const withImages = await site();
      const media = await t.db.selectFrom('media').selectAll().where('site_id', '=', ward.id).orderBy('id').execute();
      assert.deepEqual(
        [withImages.logo_media_id, withImages.banner_media_id],
        media.slice(-2).map((m) => m.id),
      );
      assert.match(media.at(-2)!.alt, /^Biểu trưng Ủy ban nhân dân xã/);
      await removeSiteImage(t.db, withImages, 'logo', who);
      assert.equal((await site()).logo_media_id, null);
      const actions = (await t.db.selectFrom('audit_log').select('action').where('site_id', '=', ward.id).orderBy('id').execute()).map((a) => a.action);
      assert.deepEqual(actions.slice(-5), [
        'media.uploaded',
        'appearance.image_changed',
        'media.uploaded',
        'appearance.image_changed',
        'appearance.image_removed',
      ]);
    });

    it("an article's lead image is its featured image, else its body's first own image, and follows its edits", async () => {
      const image = await storeImage(t.db, new LocalStorage(mediaDir), ward.id, { bytes: await png(960, 540), originalName: 'anh.png', alt: 'Lễ ra quân' });
      const body = `<p>Mở đầu.</p><figure><img src="/media/${image.storage_key}" alt="Lễ ra quân"></figure>`;
      const fromBody = await buildArticle(t.db, ward, { title: 'Tin có ảnh trong bài', bodyHtml: body });
      const plain = await buildArticle(t.db, ward, {
        title: 'Tin không ảnh',
        bodyHtml: '<p>Chữ.</p><p><img src="https://example.com/a.jpg" alt="Ảnh ngoài"></p>',
      });
      const lead = async (id: number) =>
        (await t.db.selectFrom('articles').select('lead_media_id').where('id', '=', id).executeTakeFirstOrThrow()).lead_media_id;
      assert.equal(await lead(fromBody.id), image.id);
      assert.equal(await lead(plain.id), null);
      const other = await storeImage(t.db, new LocalStorage(mediaDir), ward.id, { bytes: await png(960, 540), originalName: 'khac.png', alt: 'Ảnh đại diện' });
      await buildArticle(t.db, ward, { title: 'Tin không ảnh', bodyHtml: '<p>Chữ.</p>', featuredMediaId: other.id, sourceKey: 'nguon-1' });
      await buildArticle(t.db, ward, { title: 'Tin không ảnh', bodyHtml: body, sourceKey: 'nguon-1' });
      const edited = await t.db.selectFrom('articles').select(['id', 'lead_media_id']).where('source_key', '=', 'nguon-1').executeTakeFirstOrThrow();
      assert.equal(edited.lead_media_id, image.id, 'the featured image removed, the body image leads');
    });
  });
}
