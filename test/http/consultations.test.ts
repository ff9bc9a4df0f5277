import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { ConsultationRepository } from '../../src/repositories/consultation-repository.ts';
import { COMMENT_FORM, setCommentPublished } from '../../src/services/consultations/consultation-comments.ts';
import { consultationPaths } from '../../src/services/consultations/consultation-phase.ts';
import { issueFormToken } from '../../src/services/questions/form-guard.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { formBody, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { buildConsultation, buildLibraryPdf } from '../support/consultations.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const HOST = 'lay-y-kien.test';
const PRIVATE = { name: 'Phạm Thị Riêng Tư', phone: '0909 111 222', email: 'rieng.tu@example.vn' };

/** A multipart body with one file, as a browser sends it. */
function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----xaphuong-lay-y-kien';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

for (const dialect of DIALECTS) {
  describe(`lấy ý kiến dự thảo over HTTP [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let writer: Actor;
    let leader: Actor;
    let leaderEmail: string;
    let pdf: number;
    let ip = 0;
    const count = (id: number) => new ConsultationRepository(h.t.db, site.id).countComments(id);
    const path = async (id: number) => consultationPaths.detail((await new ConsultationRepository(h.t.db, site.id).findById(id))!);
    const fields = async (overrides: Record<string, string> = {}) => ({
      form_token: await issueFormToken(h.t.db, site.id, Date.now() - 10_000, COMMENT_FORM),
      website: '',
      ...PRIVATE,
      content: 'Đề nghị giữ nguyên giờ họp chợ buổi sáng.',
      show_name: '1',
      ...overrides,
    });
    const post = async (id: number, form: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url: `${await path(id)}/gop-y`,
        remoteAddress: `203.0.113.${++ip}`,
        headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(form),
      });
    const get = (url: string) => h.app.inject({ url, headers: { host: HOST } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [HOST] });
      writer = (await buildUser(h.t.db, site, 'contributor')).actor;
      const lead = await buildUser(h.t.db, site, 'approver');
      leader = lead.actor;
      leaderEmail = lead.actor.email;
      pdf = await buildLibraryPdf(h.t.db, site);
    });
    after(() => h.close());

    it('a comment is accepted while open, and the page says how many days are left', async () => {
      const id = await buildConsultation(h.t.db, writer, leader, { opens: -1, closes: 4, mediaId: pdf });
      const page = await get(await path(id));
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Còn 5 ngày/);
      assert.match(page.body, /name="form_token"/);
      const res = await post(id, await fields());
      assert.equal(res.statusCode, 303);
      assert.equal(await count(id), 1);
      const list = await get('/lay-y-kien');
      assert.match(list.body, /1 góp ý/);
      assert.ok((await get('/sitemap.xml')).body.includes(`${await path(id)}</loc>`));
    });

    it('before opening and after closing the form is refused in Vietnamese and nothing is stored', async () => {
      for (const [opens, closes] of [
        [2, 6],
        [-6, -1],
      ] as const) {
        const id = await buildConsultation(h.t.db, writer, leader, { opens, closes, mediaId: pdf });
        const page = await get(await path(id));
        assert.doesNotMatch(page.body, /name="form_token"/);
        const res = await post(id, await fields());
        assert.equal(res.statusCode, 409);
        assert.match(res.body, opens > 0 ? /chưa mở lấy ý kiến/ : /hết thời gian lấy ý kiến/);
        assert.equal(await count(id), 0);
      }
    });

    it('a missing name or contact is refused and the form keeps what was typed', async () => {
      const id = await buildConsultation(h.t.db, writer, leader, { opens: 0, closes: 3, mediaId: pdf });
      const res = await post(id, await fields({ name: '', phone: '', email: '', content: 'Ý kiến còn giữ lại sau lỗi' }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Ý kiến còn giữ lại sau lỗi/);
      assert.match(res.body, /id="name"[^>]*aria-invalid="true"/);
      assert.match(res.body, /id="phone"[^>]*aria-invalid="true"/);
      assert.equal(await count(id), 0);
    });

    it('a file that is not a PDF or image by its bytes is refused, whatever its name', async () => {
      const id = await buildConsultation(h.t.db, writer, leader, { opens: 0, closes: 3, mediaId: pdf });
      const body = multipart(await fields(), { name: 'gop-y.pdf', bytes: Buffer.from('MZ\x90\x00 this is an executable') });
      const res = await h.app.inject({
        method: 'POST',
        url: `${await path(id)}/gop-y`,
        remoteAddress: `203.0.113.${++ip}`,
        headers: { host: HOST, 'content-type': body.contentType },
        payload: body.payload,
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="files"[^>]*aria-invalid="true"/);
      assert.equal(await count(id), 0);
      const good = multipart(await fields(), { name: 'y-kien.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') });
      const ok = await h.app.inject({
        method: 'POST',
        url: `${await path(id)}/gop-y`,
        remoteAddress: `203.0.113.${++ip}`,
        headers: { host: HOST, 'content-type': good.contentType },
        payload: good.payload,
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(await count(id), 1);
    });

    it('a published comment shows its text and agreed name; the phone and e-mail never appear in public HTML', async () => {
      const id = await buildConsultation(h.t.db, writer, leader, { opens: 0, closes: 3, mediaId: pdf });
      await post(id, await fields({ content: 'Góp ý được công khai' }));
      await post(id, await fields({ name: 'Người Giấu Tên', show_name: '', content: 'Góp ý không hiện tên' }));
      const rows = await new ConsultationRepository(h.t.db, site.id).comments(id, { publishedOnly: false, limit: 10, offset: 0 });
      for (const row of rows) await setCommentPublished(h.t.db, leader, id, row.id, true);
      const pages = [await get(await path(id)), await get('/lay-y-kien'), await get('/lay-y-kien/rss.xml')];
      assert.match(pages[0]!.body, /Góp ý được công khai/);
      assert.match(pages[0]!.body, /Phạm Thị Riêng Tư/);
      assert.doesNotMatch(pages[0]!.body, /Người Giấu Tên/);
      for (const page of pages) {
        assert.doesNotMatch(page.body, /0909 111 222|rieng\.tu@example\.vn/);
      }
    });

    it('the summary is published only after closing, then shows on the page', async () => {
      const lead = await signInAs(h.app, HOST, leaderEmail);
      const open = await buildConsultation(h.t.db, writer, leader, { opens: -3, closes: 1, mediaId: pdf });
      const early = await lead.post(`/quan-tri/lay-y-kien/${open}/bao-cao`, { summary_html: '<p>Quá sớm</p>', summary_media_id: '' });
      assert.equal(early.statusCode, 409);
      assert.equal((await lead.post(`/quan-tri/lay-y-kien/${open}/bao-cao/cong-bo`, { publish: '1' })).statusCode, 409);
      const closed = await buildConsultation(h.t.db, writer, leader, { opens: -8, closes: -1, mediaId: pdf });
      assert.equal(
        (await lead.post(`/quan-tri/lay-y-kien/${closed}/bao-cao`, { summary_html: '<p>Tiếp thu toàn bộ ý kiến về giờ họp chợ.</p>', summary_media_id: '' }))
          .statusCode,
        303,
      );
      assert.doesNotMatch((await get(await path(closed))).body, /Tiếp thu toàn bộ/);
      assert.equal((await lead.post(`/quan-tri/lay-y-kien/${closed}/bao-cao/cong-bo`, { publish: '1' })).statusCode, 303);
      const page = await get(await path(closed));
      assert.match(page.body, /Báo cáo tổng hợp, tiếp thu, giải trình/);
      assert.match(page.body, /Tiếp thu toàn bộ ý kiến về giờ họp chợ/);
      assert.match((await get('/lay-y-kien')).body, /Đã có báo cáo tổng hợp/);
    });

    it('staff see every comment with its contact in the newsroom, paged', async () => {
      const lead = await signInAs(h.app, HOST, leaderEmail);
      const id = await buildConsultation(h.t.db, writer, leader, { opens: 0, closes: 3, mediaId: pdf });
      await post(id, await fields());
      const res = await lead.get(`/quan-tri/lay-y-kien/${id}/gop-y`);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /0909 111 222/);
      assert.match((await lead.get('/quan-tri/lay-y-kien')).body, /Dự thảo Quy chế quản lý chợ xã/);
      assert.equal((await lead.get(`/quan-tri/lay-y-kien/${id}`)).statusCode, 200);
    });
  });
}
