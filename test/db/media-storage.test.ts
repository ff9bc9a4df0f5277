import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { exportSite, importSite } from '../../src/services/export/site-export.ts';
import { storeUpload, variantsOf } from '../../src/services/media-service.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { openAttachment, privateKeyOf } from '../../src/services/questions/attachments.ts';
import { submitQuestion } from '../../src/services/questions/question-service.ts';
import { uploadStatement } from '../../src/services/relief/statement-import.ts';
import { runImport } from '../../src/services/relief/statement-run.ts';
import { copyOut } from '../../src/services/storage/folder-copy.ts';
import { type Transaction, vietcombankCsv } from '../support/bank-statements.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { buildCampaign, reliefStaff } from '../support/relief-factories.ts';
import { STORAGES, type TestStorage, openTestStorage } from '../support/storages.ts';

const isCode = (code: string) => (error: unknown) => error instanceof AppError && error.code === code;

async function keysOf(storage: TestStorage['storage'], prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of storage.list(prefix)) keys.push(key);
  return keys.sort();
}

for (const kind of STORAGES) {
  describe(`media storage [${kind}]`, () => {
    let s: TestStorage;
    before(async () => {
      s = await openTestStorage(kind);
    });
    after(() => s.close());

    it('keeps, reads, streams, lists, copies and deletes files under their keys', async () => {
      const bytes = Buffer.from('Nội dung tệp thử');
      await s.storage.put('7/a1.pdf', bytes, 'application/pdf');
      await s.storage.put('private/questions/7/b2.pdf', Buffer.from('riêng'));
      assert.deepEqual(await s.storage.read('7/a1.pdf'), bytes);
      const opened = await s.storage.open('7/a1.pdf');
      assert.equal(opened?.size, bytes.length);
      assert.equal(await s.storage.read('7/khong-co.pdf'), null);
      assert.equal(await s.storage.open('7/khong-co.pdf'), null);
      assert.equal(await s.storage.exists('7/khong-co.pdf'), false);
      assert.equal(await s.storage.copy('7/a1.pdf', '8/a1.pdf'), true);
      assert.equal(await s.storage.copy('7/khong-co.pdf', '8/khong-co.pdf'), false);
      assert.deepEqual(await keysOf(s.storage), ['7/a1.pdf', '8/a1.pdf', 'private/questions/7/b2.pdf']);
      assert.deepEqual(await keysOf(s.storage, '7/'), ['7/a1.pdf']);
      assert.equal(await s.storage.withLocalFile('8/a1.pdf', async (file) => fs.readFileSync(file, 'utf8')), 'Nội dung tệp thử');
      // A file stored from disk (statements, restores) comes back byte for byte, not wrapped in an upload's framing.
      const large = Buffer.alloc(300_000, 'ă');
      const file = path.join(os.tmpdir(), `xaphuong-putfile-${process.pid}`);
      fs.writeFileSync(file, large);
      await s.storage.putFile('8/lon.bin', file);
      fs.rmSync(file);
      assert.deepEqual(await s.storage.read('8/lon.bin'), large);
      await s.storage.deleteBelow('8/');
      await s.storage.delete('7/a1.pdf');
      await s.storage.delete('7/a1.pdf');
      assert.deepEqual(await keysOf(s.storage), ['private/questions/7/b2.pdf']);
    });

    it('refuses keys that would leave the storage', async () => {
      for (const key of ['../etc/passwd', '7/../../x', '/tuyet-doi', '7//x', '']) {
        await assert.rejects(s.storage.put(key, Buffer.from('x')), isCode('media_not_found'), key);
      }
    });

    it('says nothing is wrong while it can be written, and what failed once it cannot', async () => {
      assert.equal(await s.storage.problem(), null);
      if (kind === 's3') await s.stopServer();
      else (fs.renameSync(s.dir, `${s.dir}.tam`), fs.writeFileSync(s.dir, 'không phải thư mục'));
      try {
        assert.ok(await s.storage.problem());
        await assert.rejects(s.storage.put('7/c.pdf', Buffer.from('x')), kind === 's3' ? isCode('storage_unavailable') : () => true);
      } finally {
        if (kind === 's3') await s.startServer();
        else (fs.rmSync(s.dir), fs.renameSync(`${s.dir}.tam`, s.dir));
      }
      assert.equal(await s.storage.problem(), null);
      assert.ok(!(await keysOf(s.storage)).some((key) => key.startsWith('.')), 'probes are removed');
    });
  });

  for (const dialect of DIALECTS) {
    describe(`media in the ${kind} storage [${dialect}]`, () => {
      let s: TestStorage;
      let t: TestDatabase;
      let site: SiteRow;
      let editor: Actor;
      let photo: Buffer;
      before(async () => {
        s = await openTestStorage(kind);
        t = await openTestDatabase(dialect);
        site = await buildSite(t.db, { hosts: [`kho-${kind}.test`] });
        editor = (await buildUser(t.db, site, 'editor')).actor;
        photo = await sharp({ create: { width: 1800, height: 1000, channels: 3, background: '#1b5e20' } })
          .jpeg()
          .toBuffer();
      });
      after(async () => {
        await t.close();
        await s.close();
      });

      it('an upload resolves only once the original and every WebP variant are in the storage', async () => {
        const media = await storeUpload(t.db, s.storage, site.id, { bytes: photo, originalName: 'cau.jpg', alt: 'Cây cầu mới' });
        assert.deepEqual(await s.storage.read(`${site.id}/${media.storage_key}`), photo);
        const variants = variantsOf(media);
        assert.deepEqual(
          variants.map((v) => v.width),
          [480, 960, 1600],
        );
        for (const variant of variants) {
          const meta = await sharp((await s.storage.read(`${site.id}/${variant.key}`))!).metadata();
          assert.deepEqual([meta.format, meta.width], ['webp', variant.width]);
        }
      });

      it('an upload the storage cannot take is refused and leaves neither a row nor a file', async () => {
        const before = await t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute();
        const keys = await keysOf(s.storage);
        const siteDir = path.join(s.dir, String(site.id));
        if (kind === 's3') await s.stopServer();
        else (fs.renameSync(siteDir, `${siteDir}.tam`), fs.writeFileSync(siteDir, 'không phải thư mục'));
        try {
          await assert.rejects(storeUpload(t.db, s.storage, site.id, { bytes: photo, originalName: 'loi.jpg', alt: 'Ảnh lỗi' }));
        } finally {
          if (kind === 's3') await s.startServer();
          else (fs.rmSync(siteDir), fs.renameSync(`${siteDir}.tam`, siteDir));
        }
        assert.deepEqual(await t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute(), before);
        assert.deepEqual(await keysOf(s.storage), keys);
      });

      it("a resident's files are kept under the site's private key and open for staff only", async () => {
        const pdf = { bytes: Buffer.from('%PDF-1.7\nđơn'), name: 'don.pdf' };
        const form = {
          name: 'Nguyễn Văn An',
          address: '12 Lê Lợi',
          phone: '0912 345 678',
          email: '',
          title: 'Đèn hỏng',
          content: 'Đèn hẻm 5 hỏng.',
          consent: '1',
        };
        await submitQuestion(t.db, site.id, form, { ip: `10.9.0.${DIALECTS.indexOf(dialect)}`, files: [pdf], media: s.storage });
        const row = await t.db.selectFrom('questions').selectAll().where('site_id', '=', site.id).executeTakeFirstOrThrow();
        const download = await openAttachment(t.db, editor, s.storage, row.id, 0);
        assert.equal(download.key, privateKeyOf(site.id, JSON.parse(row.attachments)[0].key));
        assert.deepEqual(await s.storage.read(download.key), pdf.bytes);
      });

      it('a bank statement waits in the storage while previewed and is gone once imported', async () => {
        const staff = await reliefStaff(t.db, site);
        const { id } = await buildCampaign(t.db, staff);
        const rows: Transaction[] = [{ day: '05/09/2024', ref: 'FT1', credit: 200_000, donor: 'NGUYEN VAN AN', note: 'UNG HO' }];
        const by = { actor: staff.editor };
        const source = Readable.from([Buffer.from(vietcombankCsv(rows))]);
        const job = await uploadStatement(t.db, by, s.storage, { campaignId: id, accountId: null, fileName: 'vcb.csv', source });
        assert.ok(await s.storage.exists(`private/imports/${site.id}/${job.stored_name}`));
        const done = await runImport(t.db, by, s.storage, job.id);
        assert.equal(done.status, 'done');
        assert.equal(await s.storage.exists(`private/imports/${site.id}/${job.stored_name}`), false);
      });

      it("a site's export carries its files out of the storage, and its import puts them into another", async () => {
        const work = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-export-storage-'));
        const target = await s.sibling();
        const other = await openTestDatabase(dialect);
        try {
          await exportSite(t, s.storage, `kho-${kind}.test`, path.join(work, 'ban-xuat'));
          const exported = fs.readdirSync(path.join(work, 'ban-xuat', 'media')).sort();
          assert.deepEqual(exported, (await keysOf(s.storage, `${site.id}/`)).map((k) => k.split('/')[1]).sort());
          const { siteId } = await importSite(other, target.storage, path.join(work, 'ban-xuat'));
          assert.deepEqual((await keysOf(target.storage)).map((k) => k.split('/')[1]).sort(), exported);
          assert.ok((await keysOf(target.storage)).every((k) => k.startsWith(`${siteId}/`)));
          const copied = path.join(work, 'sao-chep');
          assert.equal(await copyOut(target.storage, '', copied), exported.length);
        } finally {
          await other.close();
          await target.close();
          fs.rmSync(work, { recursive: true, force: true });
        }
      });
    });
  }
}
