import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { storeUpload, variantsOf } from '../../src/services/media-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, zipWith } from '../support/factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

/** A real PNG of the given size. */
function png(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#a3161b' } })
    .png()
    .toBuffer();
}

/** A decompression bomb: a tiny PNG whose header claims a huge size (400 megapixels here). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(await png(8, 8));
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(zlib.crc32(bytes.subarray(12, 29)) >>> 0, 29);
  return bytes;
}

/** A minimal real ZIP whose first entry has the given name and content (stored, not compressed). */
const fieldsOf = (error: unknown) => {
  assert.ok(error instanceof AppError && error.code === 'validation_failed', String(error));
  return error.fields.map((f) => f.field);
};

for (const dialect of DIALECTS) {
  describe(`media uploads [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let mediaDir: string;
    const files = () => (fs.existsSync(path.join(mediaDir, String(site.id))) ? fs.readdirSync(path.join(mediaDir, String(site.id))).length : 0);

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
    });
    after(async () => {
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('an image keeps its original and gets WebP variants at 480, 960 and 1600 px', async () => {
      const bytes = await png(2000, 1000);
      const media = await storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes, originalName: 'hoi-nghi.jpg', alt: 'Quang cảnh hội nghị' });
      assert.equal(media.mime_type, 'image/png');
      assert.match(media.storage_key, /^[a-f0-9]{24}\.png$/);
      assert.deepEqual(fs.readFileSync(path.join(mediaDir, String(site.id), media.storage_key)), bytes);
      const variants = variantsOf(media);
      assert.deepEqual(
        variants.map((v) => v.width),
        [480, 960, 1600],
      );
      for (const v of variants) {
        const meta = await sharp(path.join(mediaDir, String(site.id), v.key)).metadata();
        assert.equal(meta.format, 'webp');
        assert.equal(meta.width, v.width);
      }
    });

    it('the type comes from the bytes, not the name: a PDF named .jpg is a PDF, a text file named .png is refused', async () => {
      const pdf = await storeUpload(t.db, new LocalStorage(mediaDir), site.id, {
        bytes: Buffer.from('%PDF-1.7\n1 0 obj\n'),
        originalName: 'anh.jpg',
        title: 'Quyết định 12/QĐ-UBND',
      });
      assert.equal(pdf.mime_type, 'application/pdf');
      assert.equal(pdf.kind, 'file');
      assert.equal(pdf.title, 'Quyết định 12/QĐ-UBND');
      await assert.rejects(
        storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: Buffer.from('không phải ảnh'), originalName: 'anh.png', alt: 'x' }),
        (e) => fieldsOf(e).includes('file'),
      );
    });

    it('Word, Excel and ODT files are recognised inside their ZIP', async () => {
      const docx = await storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: zipWith('word/document.xml', '<w/>'), originalName: 'ke-hoach.docx' });
      const xlsx = await storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: zipWith('xl/workbook.xml', '<x/>'), originalName: 'so-lieu.xlsx' });
      const odt = await storeUpload(t.db, new LocalStorage(mediaDir), site.id, {
        bytes: zipWith('mimetype', 'application/vnd.oasis.opendocument.text'),
        originalName: 'bao-cao.odt',
      });
      assert.deepEqual(
        [docx, xlsx, odt].map((m) => m.storage_key.split('.')[1]),
        ['docx', 'xlsx', 'odt'],
      );
      assert.equal(docx.title, 'ke-hoach');
      await assert.rejects(
        storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: zipWith('payload.exe', 'MZ'), originalName: 'tai-lieu.docx' }),
        (e) => fieldsOf(e).includes('file'),
      );
    });

    it('SVG, decompression bombs and images without alt text are refused, and nothing is left behind', async () => {
      const before = files();
      const rowsBefore = (await new MediaRepository(t.db, site.id).list({ limit: 1000 })).length;
      const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
      await assert.rejects(storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: svg, originalName: 'logo.svg', alt: 'Logo' }), (e) =>
        fieldsOf(e).includes('file'),
      );
      const bomb = await pngClaiming(20_000, 20_000);
      await assert.rejects(storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: bomb, originalName: 'bom.png', alt: 'x' }), (e) =>
        fieldsOf(e).includes('file'),
      );
      await assert.rejects(storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: await png(100, 100), originalName: 'a.png', alt: '  ' }), (e) =>
        fieldsOf(e).includes('alt'),
      );
      await assert.rejects(storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: Buffer.alloc(0), originalName: 'rong.pdf' }), (e) =>
        fieldsOf(e).includes('file'),
      );
      assert.equal(files(), before);
      assert.equal((await new MediaRepository(t.db, site.id).list({ limit: 1000 })).length, rowsBefore);
    });

    it('the library searches alt text and titles, within the site only', async () => {
      const other = await buildSite(t.db);
      await storeUpload(t.db, new LocalStorage(mediaDir), other.id, { bytes: await png(50, 50), originalName: 'x.png', alt: 'Trao quà Trung thu' });
      await storeUpload(t.db, new LocalStorage(mediaDir), site.id, { bytes: await png(50, 50), originalName: 'y.png', alt: 'Trao quà Tết' });
      const found = await new MediaRepository(t.db, site.id).list({ search: 'Trao quà', limit: 10 });
      assert.deepEqual(
        found.map((m) => m.alt),
        ['Trao quà Tết'],
      );
    });
  });
}
