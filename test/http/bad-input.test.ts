import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { SiteRow } from '../../src/db/schema.ts';
import { issueFormToken } from '../../src/services/questions/form-guard.ts';
import { type Agent, formBody, postLogin, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

/** A multipart/form-data body with any number of files, in the library form's order (the file, then the fields), as a browser builds it. */
function multipart(fields: Record<string, string>, files: Array<{ name: string; type: string; bytes: Buffer }>) {
  const boundary = '----xaphuong-dau-vao';
  const parts: Buffer[] = [];
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.bytes,
    );
    parts.push(Buffer.from('\r\n'));
  }
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Security review, item 6: bad input gets a clear answer, never a 500, and changes nothing. */
for (const dialect of DIALECTS) {
  describe(`bad input [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let editor: Agent;
    let photo: Buffer;
    const host = 'dau-vao.test';
    const get = (url: string) => h.app.inject({ url, headers: { host } });
    const mediaCount = async () => (await h.t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute()).length;
    /** Uploads as the editor does (asking for JSON), or as the library form does (an HTML page back). */
    const upload = (body: ReturnType<typeof multipart>, from: 'editor' | 'form' = 'editor') =>
      h.app.inject({
        method: 'POST',
        url: '/quan-tri/media',
        headers: {
          host,
          cookie: editor.cookie,
          'content-type': body.contentType,
          'x-csrf-token': editor.csrf,
          ...(from === 'editor' ? { accept: 'application/json' } : {}),
        },
        payload: body.payload,
      });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
      editor = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'editor')).user.email);
      photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0b3d75' } })
        .png()
        .toBuffer();
    });
    after(() => h.close());

    it('a NUL byte in a query, a path or the sign-in e-mail never gives a 500', async () => {
      const urls = [
        '/hoi-dap?q=a%00b',
        '/van-ban?q=a%00b',
        '/van-ban?so=12%00&co_quan=%00',
        '/hoi-dap/tra-cuu?ma=HD%00',
        '/tim-kiem?q=nh%C3%A0%00van',
        '/api/v1/search?q=a%00b',
        '/api/v1/articles?category=tin%00',
        '/van-ban/abc%00',
        '/chuyen-muc/tin-tuc%00',
        '/bai-viet/x%00y',
      ];
      for (const url of urls) {
        const res = await get(url);
        assert.ok(res.statusCode < 500, `${url}: ${res.statusCode}`);
      }
      assert.equal((await postLogin(h.app, host, 'a\u0000b@xa.test', 'mat-khau-du-dai')).statusCode, 401);
      assert.equal((await get('/hoi-dap?q=a%00b')).statusCode, 200);
    });

    it('a question with control characters in its fields is stored without them', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/hoi-dap/gui',
        remoteAddress: '203.0.113.80',
        headers: { host, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({
          form_token: await issueFormToken(h.t.db, site.id, Date.now() - 10_000),
          website: '',
          name: 'Nguyễn\u0000 Văn A',
          address: 'Ấp\u0007 2',
          phone: '0987 654 321',
          email: '',
          title: 'Hỏi\u0000 về hộ tịch',
          content: 'Dòng một\r\nDòng\u0000 hai',
          consent: '1',
        }),
      });
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      const row = await h.t.db.selectFrom('questions').selectAll().where('site_id', '=', site.id).executeTakeFirstOrThrow();
      assert.deepEqual([row.name, row.address, row.title, row.content], ['Nguyễn Văn A', 'Ấp 2', 'Hỏi về hộ tịch', 'Dòng một\r\nDòng hai']);
    });

    it('saving a file’s details with no field at all is a clear 400 that changes nothing', async () => {
      const stored = await upload(multipart({ alt: 'Toàn cảnh hội trường', caption: 'Chú thích cũ' }, [{ name: 'anh.png', type: 'image/png', bytes: photo }]));
      assert.equal(stored.statusCode, 200, stored.body);
      const id = stored.json().media.id as number;
      const res = await h.app.inject({
        method: 'POST',
        url: `/quan-tri/media/${id}`,
        headers: { host, cookie: editor.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: editor.csrf }),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, new RegExp(`<details open><summary>Sửa thông tin</summary>[^]*id="alt-${id}-loi"`), 'the error sits beside the file’s own fields');
      const row = await h.t.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.alt, row.caption], ['Toàn cảnh hội trường', 'Chú thích cũ']);
    });

    it('two files in one upload are refused as such, not as too large, and nothing is stored', async () => {
      const before = await mediaCount();
      const twice = multipart({ alt: 'Hai ảnh' }, [
        { name: 'mot.png', type: 'image/png', bytes: photo },
        { name: 'hai.png', type: 'image/png', bytes: photo },
      ]);
      const res = await upload(twice);
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().error.code, 'validation_failed');
      assert.deepEqual(
        res.json().error.fields.map((f: { field: string }) => f.field),
        ['file'],
      );
      const page = await upload(twice, 'form');
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /id="file-loi"/, 'the library form shows the error beside the file field');
      assert.match(page.body, /id="alt" name="alt" type="text" value="Hai ảnh"/, 'and keeps what was typed');
      assert.equal(await mediaCount(), before);
    });

    it('a file too large for the library form is refused beside the file field, keeping what was typed, and nothing is stored', async () => {
      const before = await mediaCount();
      const big = multipart({ title: 'Báo cáo năm' }, [{ name: 'bao-cao.pdf', type: 'application/pdf', bytes: Buffer.alloc(21 * 1024 * 1024, 32) }]);
      const page = await upload(big, 'form');
      assert.equal(page.statusCode, 400);
      assert.match(page.body, /id="file-loi"/);
      assert.match(page.body, /id="title" name="title" type="text" value="Báo cáo năm"/);
      assert.equal(await mediaCount(), before);
    });

    it('changing your own password ends your other sessions and keeps this one', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const here = await signInAs(h.app, host, user.email);
      const elsewhere = await signInAs(h.app, host, user.email);
      const changed = await here.post('/quan-tri/tai-khoan/mat-khau', { current_password: 'mat-khau-du-dai', new_password: 'mat-khau-moi-cua-toi' });
      assert.equal(changed.statusCode, 303);
      assert.equal((await here.get('/quan-tri')).statusCode, 200);
      assert.equal((await elsewhere.get('/quan-tri')).statusCode, 302);
    });
  });
}
