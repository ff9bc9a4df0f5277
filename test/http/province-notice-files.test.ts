/**
 * Files attached to a province notice: the platform admin attaches them
 * through the real multipart form, every chosen commune's host lists and
 * serves them, a bad file is refused with the form kept and nothing stored,
 * and withdrawing the notice stops serving them; on the folder and on an S3
 * bucket alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { filesOfRows } from '../../src/services/backup/backup-service.ts';
import { type Agent, multipart, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser, zipWith } from '../support/factories.ts';
import { STORAGES, type TestStorage, openTestStorage } from '../support/storages.ts';

const BASE = '/quan-tri/he-thong/thong-bao-tinh';
const FORM = {
  kind: 'document',
  issuer: 'UBND tỉnh Đồng Tháp',
  title: 'Kế hoạch chuyển đổi số năm 2027',
  summary: '',
  body_html: '<p>Kế hoạch và mẫu báo cáo kèm theo.</p>',
  scope: 'chosen',
};
/** A PDF of 1,5 MB, so its size reads in Vietnamese figures. */
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_572_864 - 9, 0x20)]);
const DOCX = zipWith('word/document.xml', '<w:document/>');

for (const [dialect, kind] of DIALECTS.flatMap((d) => STORAGES.map((k) => [d, k] as const))) {
  describe(`province notice files [${dialect}, ${kind}]`, () => {
    let s: TestStorage;
    let h: TestApp;
    let a: SiteRow;
    let b: SiteRow;
    let operator: Agent;
    let communeAdmin: Agent;
    const get = (host: string, url: string) => h.app.inject({ url, headers: { host } });
    /** The keys below province-notices/ in the storage, without that folder. */
    const stored = async () => {
      const keys: string[] = [];
      for await (const { key } of s.storage.list('province-notices/')) keys.push(key.slice('province-notices/'.length));
      return keys.sort();
    };
    const send = (url: string, fields: Record<string, string | string[]>, files: Array<{ name: string; type: string; bytes: Buffer }>) => {
      const body = multipart(
        fields,
        files.map((f) => ({ ...f, field: 'files' })),
      );
      // As the form's address carries it: a multipart body is read after the guard.
      return h.app.inject({
        method: 'POST',
        url: `${url}${url.includes('?') ? '&' : '?'}_csrf=${encodeURIComponent(operator.csrf)}`,
        headers: { host: operator.host, cookie: operator.cookie, 'content-type': body.contentType },
        payload: body.payload,
      });
    };
    const notice = () => h.t.db.selectFrom('province_notices').select(['id', 'slug']).where('title', '=', FORM.title).executeTakeFirstOrThrow();
    const fileLinks = (body: string, slug: string) => [...body.matchAll(new RegExp(`href="(/thong-bao-tinh/${slug}/tep/[^"]+)" download>([^<]+)</a>`, 'g'))];

    before(async () => {
      s = await openTestStorage(kind);
      h = await openTestApp(dialect, s.storage);
      a = await buildSite(h.t.db, { name: 'Phường 1', hosts: ['phuong1.test'] });
      b = await buildSite(h.t.db, { name: 'Xã Tân Phú', hosts: ['tanphu.test'] });
      await buildSite(h.t.db, { name: 'Phường 2', hosts: ['phuong2.test'] });
      operator = await signInAs(h.app, 'phuong1.test', (await buildUser(h.t.db, a, null, { isPlatformAdmin: true })).user.email);
      communeAdmin = await signInAs(h.app, 'tanphu.test', (await buildUser(h.t.db, b, 'site_admin')).user.email);
    });
    after(async () => {
      await h.close();
      await s.close();
    });

    it('a file that is not what its name says is refused in Vietnamese, the form keeps what was typed, and nothing is stored', async () => {
      const lying = await send(`${BASE}?tinh=${encodeURIComponent('Đồng Tháp')}`, { ...FORM, sites: [String(a.id), String(b.id)] }, [
        { name: 'ke-hoach.pdf', type: 'application/pdf', bytes: PDF },
        { name: 'mau-bao-cao.pdf', type: 'application/pdf', bytes: DOCX },
      ]);
      assert.equal(lying.statusCode, 400);
      assert.match(lying.body, /id="files-loi">tệp “mau-bao-cao.pdf”: đuôi tên tệp phải đúng/);
      assert.match(lying.body, new RegExp(`value="${FORM.title}"`));
      assert.match(lying.body, new RegExp(`id="site-${b.id}" name="sites" value="${b.id}" checked`));
      const script = await send(`${BASE}?tinh=${encodeURIComponent('Đồng Tháp')}`, { ...FORM, sites: [String(a.id)] }, [
        { name: 'anh.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
      ]);
      assert.equal(script.statusCode, 400);
      assert.match(script.body, /id="files-loi"/);
      assert.equal(await h.t.db.selectFrom('province_notices').select('id').executeTakeFirst(), undefined);
      assert.deepEqual(await stored(), [], 'the PDF checked before the refused file is not left in the storage');
    });

    it('more files, or more bytes, than one save takes are refused with the form kept, and nothing is stored', async () => {
      const url = `${BASE}?tinh=${encodeURIComponent('Đồng Tháp')}`;
      const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 0x20)]);
      const heavy = await send(url, { ...FORM, sites: [String(a.id)] }, [
        { name: 'a.pdf', type: 'application/pdf', bytes: big },
        { name: 'b.pdf', type: 'application/pdf', bytes: big },
      ]);
      assert.equal(heavy.statusCode, 413);
      assert.match(heavy.body, /id="files-loi">các tệp của một lần lưu cộng lại tối đa 20 MB/);
      assert.match(heavy.body, new RegExp(`value="${FORM.title}"`));
      const many = await send(
        url,
        { ...FORM, sites: [String(a.id)] },
        ['1', '2', '3', '4', '5', '6'].map((n) => ({ name: `${n}.pdf`, type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n') })),
      );
      assert.equal(many.statusCode, 400);
      assert.match(many.body, /id="files-loi">chỉ gửi được tối đa 5 tệp/);
      assert.equal(await h.t.db.selectFrom('province_notices').select('id').executeTakeFirst(), undefined);
      assert.deepEqual(await stored(), []);
    });

    it('the platform admin attaches a PDF, a DOCX and an image; each chosen commune lists them with their sizes and serves them on its own host', async () => {
      const image = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } })
        .png()
        .toBuffer();
      const res = await send(`${BASE}?tinh=${encodeURIComponent('Đồng Tháp')}`, { ...FORM, sites: [String(a.id), String(b.id)] }, [
        { name: 'ke-hoach.pdf', type: 'application/pdf', bytes: PDF },
        { name: 'mẫu báo cáo.docx', type: 'application/octet-stream', bytes: DOCX },
        { name: 'so-do.png', type: 'image/png', bytes: image },
      ]);
      assert.equal(res.statusCode, 303);
      await h.app.applyPageEvents();
      const { slug } = await notice();
      assert.equal((await stored()).length, 3);
      for (const host of ['phuong1.test', 'tanphu.test']) {
        const page = await get(host, `/thong-bao-tinh/${slug}`);
        assert.match(page.body, /<h2>Tệp đính kèm<\/h2>/);
        assert.match(page.body, /ke-hoach\.pdf<\/a> <span class="file-meta">\(PDF, 1,5 MB\)<\/span>/);
        assert.match(page.body, /mẫu báo cáo\.docx<\/a> <span class="file-meta">\(Word, 1 KB\)<\/span>/);
        assert.match(page.body, /so-do\.png<\/a> <span class="file-meta">\(Ảnh PNG, 1 KB\)<\/span>/);
        const links = fileLinks(page.body, slug);
        assert.equal(links.length, 3);
        const pdf = await get(host, links[0]![1]!);
        assert.equal(pdf.statusCode, 200);
        assert.equal(pdf.headers['content-type'], 'application/pdf');
        assert.match(String(pdf.headers['content-disposition']), /^attachment; filename\*=UTF-8''ke-hoach\.pdf$/);
        assert.ok(pdf.rawPayload.equals(PDF));
        const docx = await get(host, links[1]![1]!);
        assert.match(String(docx.headers['content-disposition']), new RegExp(encodeURIComponent('mẫu báo cáo.docx')));
      }
      const links = fileLinks((await get('phuong1.test', `/thong-bao-tinh/${slug}`)).body, slug);
      assert.equal((await get('phuong2.test', links[0]![1]!)).statusCode, 404, 'a commune not chosen serves none of them');
      const newsroom = await communeAdmin.get(`/quan-tri/thong-bao-cua-tinh/${(await notice()).id}`);
      assert.match(newsroom.body, /ke-hoach\.pdf<\/a> <span class="file-meta">\(PDF, 1,5 MB\)/);
      const backup = await filesOfRows(h.t.db);
      for (const file of await stored()) assert.ok(backup.includes(`province-notices/${file}`), 'a backup checks it holds every file');
    });

    it('an edit takes one file off (its bytes go) and adds another; a bad file in an edit changes nothing', async () => {
      const { id, slug } = await notice();
      const files = await h.t.db.selectFrom('province_notice_files').selectAll().where('notice_id', '=', id).orderBy('id').execute();
      const sites = [String(a.id), String(b.id)];
      const bad = await send(`${BASE}/${id}`, { ...FORM, sites, remove_files: String(files[0]!.id) }, [
        { name: 'ghi-chu.txt', type: 'text/plain', bytes: Buffer.from('chỉ là chữ') },
      ]);
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="files-loi">tệp “ghi-chu.txt”: loại tệp không được chấp nhận/);
      assert.match(bad.body, new RegExp(`id="remove-file-${files[0]!.id}" name="remove_files" value="${files[0]!.id}" checked`));
      assert.equal((await h.t.db.selectFrom('province_notice_files').select('id').where('notice_id', '=', id).execute()).length, 3);
      const edit = await send(`${BASE}/${id}`, { ...FORM, sites, remove_files: String(files[0]!.id) }, [
        { name: 'phu-luc.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\nphụ lục\n') },
      ]);
      assert.equal(edit.statusCode, 303);
      await h.app.applyPageEvents();
      const page = await get('tanphu.test', `/thong-bao-tinh/${slug}`);
      assert.deepEqual(
        fileLinks(page.body, slug).map((l) => l[2]),
        ['mẫu báo cáo.docx', 'so-do.png', 'phu-luc.pdf'],
      );
      assert.equal((await get('tanphu.test', `/thong-bao-tinh/${slug}/tep/${files[0]!.file_key}`)).statusCode, 404);
      assert.ok(!(await stored()).includes(files[0]!.file_key), 'the removed file’s bytes are gone from the storage');
      assert.equal((await stored()).length, 3);
      const audit = await h.t.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'province_notice.updated')
        .where('site_id', '=', b.id)
        .execute();
      assert.match(audit.at(-1)!.summary, /thêm 1 tệp, gỡ 1 tệp/);
    });

    it('withdrawing the notice stops serving its files on every host; publishing it again serves them again', async () => {
      const { id, slug } = await notice();
      const links = fileLinks((await get('phuong1.test', `/thong-bao-tinh/${slug}`)).body, slug).map((l) => l[1]!);
      const withdraw = await operator.post(`${BASE}/${id}/go`, {});
      assert.equal(withdraw.statusCode, 303);
      for (const host of ['phuong1.test', 'tanphu.test']) for (const link of links) assert.equal((await get(host, link)).statusCode, 404);
      assert.equal((await operator.post(`${BASE}/${id}/dang-lai`, {})).statusCode, 303);
      assert.equal((await get('tanphu.test', links[0]!)).statusCode, 200);
    });
  });
}
