import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { type Agent, multipart, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildArticle, buildSite, buildUser } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`uploads over HTTP [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let a: Agent;
    let photo: Buffer;
    const upload = (body: ReturnType<typeof multipart>, headers: Record<string, string> = {}, url = '/quan-tri/media') =>
      h.app.inject({ method: 'POST', url, headers: { host: a.host, cookie: a.cookie, 'content-type': body.contentType, ...headers }, payload: body.payload });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: ['tai-len.test'] });
      const { user } = await buildUser(h.t.db, site, 'contributor');
      a = await signInAs(h.app, 'tai-len.test', user.email);
      photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0b3d75' } })
        .jpeg()
        .toBuffer();
    });
    after(() => h.close());

    it('the editor uploads an image with alt text and caption and gets its URL and size back', async () => {
      const res = await upload(multipart({ alt: 'Lễ ra quân', caption: 'Đoàn viên ra quân' }, { name: 'ra-quan.jpg', type: 'image/jpeg', bytes: photo }), {
        accept: 'application/json',
        'x-csrf-token': a.csrf,
      });
      assert.equal(res.statusCode, 200, res.body);
      const { media } = res.json();
      assert.match(media.url, /^\/media\/[a-f0-9]{24}\.jpg$/);
      assert.deepEqual([media.alt, media.caption, media.width, media.height], ['Lễ ra quân', 'Đoàn viên ra quân', 1200, 800]);
      assert.equal((await a.get(media.url)).statusCode, 200);
    });

    it("an upload without the session's CSRF token is refused", async () => {
      const res = await upload(multipart({ alt: 'x' }, { name: 'a.jpg', type: 'image/jpeg', bytes: photo }), { accept: 'application/json' });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'csrf_failed');
    });

    it('a file that is too large gets a clear error and nothing is stored', async () => {
      const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(21 * 1024 * 1024, 32)]);
      const res = await upload(multipart({ title: 'Báo cáo' }, { name: 'bao-cao.pdf', type: 'application/pdf', bytes: big }), {
        accept: 'application/json',
        'x-csrf-token': a.csrf,
      });
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error.code, 'payload_too_large');
      assert.match(res.json().error.message, /Tệp lớn quá 20 MB/);
      const rows = await h.t.db.selectFrom('media').select('original_name').where('site_id', '=', site.id).execute();
      assert.ok(rows.every((r) => r.original_name !== 'bao-cao.pdf'));
    });

    it('the library form without JavaScript shows the error next to the field and keeps what was typed', async () => {
      const res = await upload(
        multipart({ alt: '', caption: 'Chú thích vẫn còn' }, { name: 'anh.jpg', type: 'image/jpeg', bytes: photo }),
        {},
        `/quan-tri/media?_csrf=${encodeURIComponent(a.csrf)}`,
      );
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /ảnh cần có mô tả \(cho người khiếm thị\)/);
      assert.match(res.body, /value="Chú thích vẫn còn"/);
      const svg = await upload(
        multipart(
          { alt: 'Logo' },
          { name: 'logo.png', type: 'image/png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') },
        ),
        {},
        `/quan-tri/media?_csrf=${encodeURIComponent(a.csrf)}`,
      );
      assert.equal(svg.statusCode, 400);
      assert.match(svg.body, /không nhận ảnh SVG|loại tệp không được chấp nhận/);
    });

    it('attachments download under their original name', async () => {
      const res = await upload(
        multipart({ title: 'Kế hoạch năm 2026' }, { name: 'Kế hoạch 2026.pdf', type: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF') }),
        { accept: 'application/json', 'x-csrf-token': a.csrf },
      );
      const file = await a.get(res.json().media.url);
      assert.equal(file.headers['content-type'], 'application/pdf');
      assert.equal(file.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('Kế hoạch 2026.pdf')}`);
    });

    it("an article linking to an attachment shows the file's type and size to readers", async () => {
      const res = await upload(
        multipart(
          { title: 'Biểu mẫu' },
          { name: 'bieu-mau.pdf', type: 'application/pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(3000, 32)]) },
        ),
        { accept: 'application/json', 'x-csrf-token': a.csrf },
      );
      const { slug } = await buildArticle(h.t.db, site, {
        title: 'Tải biểu mẫu',
        bodyHtml: `<p>Tải <a href="${res.json().media.url}">biểu mẫu đăng ký</a> tại đây.</p>`,
      });
      const page = await h.app.inject({ url: `/bai-viet/${slug}`, headers: { host: a.host } });
      assert.match(page.body, /biểu mẫu đăng ký<\/a> <span class="file-meta">\(PDF, 3 KB\)<\/span>/);
    });
  });
}
