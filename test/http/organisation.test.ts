import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { earliestNoticeStart } from '../../src/services/organisation/downtime.ts';
import { DAILY_RATING_LIMIT } from '../../src/services/organisation/ratings.ts';
import { type Agent, formBody, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { PortalRepository } from '../../src/repositories/portal-repository.ts';

const HOST = 'gioithieu.test';

/** An instant as a datetime-local field in Vietnam time shows it. */
const localField = (date: Date) => new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

for (const dialect of DIALECTS) {
  describe(`Giới thiệu, English pages and ratings over HTTP [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let admin: Agent;
    let editor: Agent;
    let approver: Agent;
    const get = (url: string) => h.app.inject({ url, headers: { host: HOST } });
    const rate = (form: Record<string, string>, ip = '203.0.113.20') =>
      h.app.inject({
        method: 'POST',
        url: '/danh-gia',
        remoteAddress: ip,
        headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(form),
      });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, {
        hosts: [HOST],
        name: 'Phường 9',
        unitType: 'phuong',
        address: '12 Hùng Vương',
        phone: '0277 3861 000',
        email: 'phuong9@example.vn',
      });
      const adminUser = await buildUser(h.t.db, site, 'site_admin');
      const editorUser = await buildUser(h.t.db, site, 'editor');
      admin = await signInAs(h.app, HOST, adminUser.user.email);
      editor = await signInAs(h.app, HOST, editorUser.user.email);
      approver = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
      // Start following page events from here, as a running process would.
      await h.app.applyPageEvents();
    });
    after(() => h.close());

    it('the index says it is being updated until a page has content', async () => {
      const res = await get('/gioi-thieu');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /đang được cập nhật/);
      assert.equal((await get('/gioi-thieu/khong-co-trang-nay')).statusCode, 404);
    });

    it('the site admin saves a page as a draft; once an approver publishes it, the cached public page shows it at once', async () => {
      assert.equal((await get('/gioi-thieu/chuc-nang-nhiem-vu')).statusCode, 200);
      const form = await admin.get('/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu');
      assert.equal(form.statusCode, 200);
      const saved = await admin.post('/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu', {
        body_html: '<p>Tham mưu cho UBND phường</p><script>x()</script>',
        title_en: '',
        body_en_html: '<p>Advises the People’s Committee</p>',
        media_id: '',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal(saved.headers.location, '/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu?ok=luu');
      await h.app.applyPageEvents();
      assert.doesNotMatch((await get('/gioi-thieu/chuc-nang-nhiem-vu')).body, /Tham mưu cho UBND phường/, 'a draft is not public');
      assert.equal((await admin.post('/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu/gui-duyet', {})).statusCode, 303);
      assert.equal((await admin.post('/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu/cong-bo', {})).statusCode, 403, 'nobody publishes their own work');
      assert.equal((await approver.post('/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu/cong-bo', {})).statusCode, 303);
      await h.app.applyPageEvents();
      const page = await get('/gioi-thieu/chuc-nang-nhiem-vu');
      assert.match(page.body, /Tham mưu cho UBND phường/);
      assert.doesNotMatch(page.body, /<script>x\(\)/);
      const index = await get('/gioi-thieu');
      assert.match(index.body, /href="\/gioi-thieu\/chuc-nang-nhiem-vu"/);
      assert.doesNotMatch(index.body, /href="\/gioi-thieu\/di-tich"/, 'pages without content are not linked');
    });

    it('a bad form keeps what was typed and shows the field error', async () => {
      const res = await admin.post('/quan-tri/gioi-thieu/nguoi/moi', { role: 'leader', name: '', job_title: 'Chủ tịch', email: 'sai-email' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="name-loi"/);
      assert.match(res.body, /id="email-loi"/);
      assert.match(res.body, /value="Chủ tịch"/);
    });

    it('leaders are listed with tel: and mailto: links, and in English on /en/leaders', async () => {
      assert.equal(
        (
          await admin.post('/quan-tri/gioi-thieu/nguoi/moi', {
            role: 'leader',
            name: 'Nguyễn Văn An',
            job_title: 'Chủ tịch UBND phường',
            job_title_en: 'Chairman',
            phone: '0277 3861 234',
            email: 'an@phuong9.vn',
            sort_order: '1',
          })
        ).statusCode,
        303,
      );
      assert.equal(
        (
          await admin.post('/quan-tri/gioi-thieu/nguoi/moi', {
            role: 'focal',
            name: 'Lê Văn Cường',
            job_title: 'Công chức Văn phòng',
            email: 'cuong@phuong9.vn',
          })
        ).statusCode,
        303,
      );
      await h.app.applyPageEvents();
      assert.doesNotMatch((await get('/gioi-thieu/lanh-dao')).body, /Nguyễn Văn An/, 'the new list waits for approval');
      assert.equal((await admin.post('/quan-tri/gioi-thieu/nhan-su/gui-duyet', {})).statusCode, 303);
      assert.equal((await approver.post('/quan-tri/gioi-thieu/nhan-su/cong-bo', {})).statusCode, 303);
      const history = await admin.get('/quan-tri/gioi-thieu/nhan-su/phien-ban');
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /<h3>Cán bộ đầu mối<\/h3><div class="diff-text"><ins>[^<]*Lê Văn Cường/, 'the second save added the focal official');
      await h.app.applyPageEvents();
      const vi = await get('/gioi-thieu/lanh-dao');
      assert.match(vi.body, /href="tel:02773861234"/);
      assert.match(vi.body, /href="mailto:an@phuong9.vn"/);
      assert.match(vi.body, /Chủ tịch UBND phường/);
      const en = await get('/en/leaders');
      assert.equal(en.statusCode, 200);
      assert.match(en.body, /<html lang="en">/);
      assert.match(en.body, /Chairman/);
      assert.match(en.body, /href="\/gioi-thieu\/lanh-dao"[^>]*>Tiếng Việt/);
    });

    it('the English pages are lang="en" and link back to Vietnamese; the contact page uses the site contacts', async () => {
      const home = await get('/en');
      assert.match(home.body, /<html lang="en">/);
      assert.match(home.body, /<header class="site-header" lang="en">/);
      assert.match(home.body, /Advises the People’s Committee/);
      assert.match(home.body, /href="\/gioi-thieu"[^>]*>Tiếng Việt/);
      const contact = await get('/en/contact');
      assert.match(contact.body, /<html lang="en">/);
      assert.match(contact.body, /12 Hùng Vương/);
      assert.match(contact.body, /href="tel:02773861000"/);
      assert.match(contact.body, /mailto:phuong9@example.vn/);
      assert.match(contact.body, /Lê Văn Cường/);
      assert.match((await get('/gioi-thieu')).body, /<html lang="vi">/);
    });

    it('editors reach the Giới thiệu admin and may save drafts; contributors may not; only approvers publish', async () => {
      const contributor = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'contributor')).user.email);
      assert.equal((await contributor.get('/quan-tri/gioi-thieu')).statusCode, 403);
      assert.equal((await contributor.post('/quan-tri/gioi-thieu/trang/di-tich', { body_html: '<p>x</p>' })).statusCode, 403);
      assert.equal((await editor.get('/quan-tri/gioi-thieu')).statusCode, 200);
      assert.equal((await admin.get('/quan-tri/gioi-thieu')).statusCode, 200);
      assert.equal((await editor.post('/quan-tri/gioi-thieu/trang/ban-do-hanh-chinh/cong-bo', {})).statusCode, 403);
      assert.equal((await editor.post('/quan-tri/gioi-thieu/nhan-su/tra-lai', { comment: 'Không được' })).statusCode, 403);
    });

    it('an editor submits a page; the approver sees it queued, returns it with a comment, then publishes the fix; the public waits', async () => {
      const noCsrf = await editor.post('/quan-tri/gioi-thieu/trang/di-tich', { body_html: '<p>Đình Tân Phú</p>' }, { csrf: null });
      assert.equal(noCsrf.statusCode, 403, 'a post without the CSRF token is refused');
      assert.equal(
        (
          await editor.post('/quan-tri/gioi-thieu/trang/di-tich', {
            body_html: '<p>Đình Tân Phú</p>',
            title_en: 'Relics',
            body_en_html: '<p>Tan Phu communal house</p>',
          })
        ).statusCode,
        303,
      );
      const draft = await editor.get('/quan-tri/gioi-thieu/trang/di-tich');
      assert.match(draft.body, /Trạng thái:<\/strong> <span class="status status-draft">/);
      assert.match(draft.body, /action="\/quan-tri\/gioi-thieu\/trang\/di-tich\/gui-duyet"/);
      assert.equal((await editor.post('/quan-tri/gioi-thieu/trang/di-tich/gui-duyet', {}, { csrf: null })).statusCode, 403);
      assert.equal((await editor.post('/quan-tri/gioi-thieu/trang/di-tich/gui-duyet', {})).statusCode, 303);
      const waiting = await editor.get('/quan-tri/gioi-thieu/trang/di-tich');
      assert.match(waiting.body, /Trang đang chờ duyệt nên chưa sửa được/);
      assert.equal((await editor.post('/quan-tri/gioi-thieu/trang/di-tich', { body_html: '<p>Sửa khi chờ</p>' })).statusCode, 403);

      const dashboard = await approver.get('/quan-tri');
      assert.match(dashboard.body, /<a href="\/quan-tri\/gioi-thieu\/trang\/di-tich">Trang giới thiệu: Di tích<\/a>/);
      const overview = await approver.get('/quan-tri/gioi-thieu');
      assert.match(overview.body, /<td>Di tích<\/td><td>Đã có<\/td><td>Đã có<\/td><td>Chờ duyệt<\/td>/);

      const noComment = await approver.post('/quan-tri/gioi-thieu/trang/di-tich/tra-lai', { comment: ' ' });
      assert.equal(noComment.statusCode, 400);
      assert.match(noComment.body, /id="comment-loi"[^>]*>hãy ghi nhận xét khi trả lại \(ít nhất 3 ký tự\)/);
      assert.match((await editor.get('/quan-tri/gioi-thieu/trang/di-tich')).body, /status-submitted/, 'nothing changed');
      assert.equal((await approver.post('/quan-tri/gioi-thieu/trang/di-tich/tra-lai', { comment: 'Thêm chùa Kim Huê' })).statusCode, 303);
      assert.match((await editor.get('/quan-tri/gioi-thieu/trang/di-tich')).body, /Nhận xét khi trả lại:<\/strong> Thêm chùa Kim Huê/);

      assert.equal(
        (
          await editor.post('/quan-tri/gioi-thieu/trang/di-tich', {
            body_html: '<p>Đình Tân Phú, chùa Kim Huê</p>',
            title_en: 'Relics',
            body_en_html: '<p>Tan Phu communal house</p>',
          })
        ).statusCode,
        303,
      );
      assert.equal((await editor.post('/quan-tri/gioi-thieu/trang/di-tich/gui-duyet', {})).statusCode, 303);
      await h.app.applyPageEvents();
      assert.equal((await get('/gioi-thieu/di-tich')).statusCode, 200);
      assert.doesNotMatch((await get('/gioi-thieu/di-tich')).body, /Đình Tân Phú/, 'not public before approval');
      assert.equal((await approver.post('/quan-tri/gioi-thieu/trang/di-tich/cong-bo', {}, { csrf: null })).statusCode, 403);
      assert.equal((await approver.post('/quan-tri/gioi-thieu/trang/di-tich/cong-bo', {})).statusCode, 303);
      await h.app.applyPageEvents();
      assert.match((await get('/gioi-thieu/di-tich')).body, /Đình Tân Phú, chùa Kim Huê/);
      assert.match((await get('/en')).body, /Tan Phu communal house/);

      // A new edit is a draft again: the public keeps the published version.
      assert.equal((await editor.post('/quan-tri/gioi-thieu/trang/di-tich', { body_html: '<p>Bản sửa mới</p>' })).statusCode, 303);
      await h.app.applyPageEvents();
      assert.match((await get('/gioi-thieu/di-tich')).body, /Đình Tân Phú, chùa Kim Huê/);
      assert.match((await editor.get('/quan-tri/gioi-thieu/trang/di-tich')).body, /Cổng vẫn hiện bản đã công bố trước đây/);
      const history = await editor.get('/quan-tri/gioi-thieu/trang/di-tich/phien-ban');
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /<ins>&lt;p&gt;Bản<\/ins> <del>Tân<\/del><ins>sửa<\/ins>/, 'a word diff of the two newest revisions');
    });

    it('every public page carries the same rating form, with no per-visitor token', async () => {
      const a = await get('/gioi-thieu');
      const b = await get('/gioi-thieu');
      const formOf = (body: string) => /<form method="post" action="\/danh-gia"[\s\S]*?<\/form>/.exec(body)?.[0];
      assert.ok(formOf(a.body));
      assert.equal(formOf(a.body), formOf(b.body));
      assert.match(formOf(a.body)!, /name="path" value="\/gioi-thieu"/);
      assert.doesNotMatch(formOf(a.body)!, /_csrf/);
      assert.match((await get('/')).body, /action="\/danh-gia"/);
    });

    it('a rating is thanked; a missing answer is explained; the honeypot and the daily limit hold', async () => {
      const ok = await rate({ path: '/gioi-thieu', rating: '5', comment: 'Rõ ràng', website: '' });
      assert.equal(ok.statusCode, 303);
      assert.equal(ok.headers.location, '/danh-gia/cam-on?trang=%2Fgioi-thieu');
      assert.equal(ok.headers['set-cookie'], undefined, 'no cookie is set');
      const thanks = await get(String(ok.headers.location));
      assert.equal(thanks.statusCode, 200);
      assert.match(thanks.body, /Cảm ơn bạn đã đánh giá/);
      const missing = await rate({ path: '/gioi-thieu', rating: '', comment: 'Quên chọn' });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Mức độ hài lòng: hãy chọn một mức độ hài lòng/);
      assert.equal((await rate({ path: '/gioi-thieu', rating: '1', website: 'http://spam' })).statusCode, 303);
      for (let i = 1; i < DAILY_RATING_LIMIT; i++) assert.equal((await rate({ path: '/en', rating: '3' })).statusCode, 303);
      const limited = await rate({ path: '/en', rating: '3' });
      assert.equal(limited.statusCode, 429);
      assert.equal((await rate({ path: '/en', rating: '2' }, '198.51.100.3')).statusCode, 303);
    });

    it('staff with feedback.view see the summary numbers and a bar chart', async () => {
      const res = await editor.get('/quan-tri/danh-gia');
      assert.equal(res.statusCode, 200);
      const total = DAILY_RATING_LIMIT + 1;
      assert.match(res.body, new RegExp(`<strong>${total}</strong> lượt đánh giá`));
      const average = (5 + 3 * (DAILY_RATING_LIMIT - 1) + 2) / total;
      assert.match(res.body, new RegExp(`trung bình <strong>${String(Math.round(average * 100) / 100).replace('.', ',')}</strong>/5`));
      assert.match(res.body, /Rất hài lòng<\/span><span class="bar-track"><span class="bar-fill bar-w25"><\/span><\/span><span class="bar-value">1 \(17%\)/);
      assert.match(res.body, /Rõ ràng/);
      assert.doesNotMatch(res.body, /Quên chọn/, 'a refused rating is not stored');
      const contributor = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'contributor')).user.email);
      assert.equal((await contributor.get('/quan-tri/danh-gia')).statusCode, 403);
    });

    it('every change is in the audit log', async () => {
      const rows = await h.t.db.selectFrom('audit_log').select('action').where('site_id', '=', site.id).execute();
      const actions = rows.map((r) => r.action);
      assert.ok(actions.includes('organisation.page_updated'));
      for (const action of [
        'organisation.page_submitted',
        'organisation.page_returned',
        'organisation.page_published',
        'organisation.people_submitted',
        'organisation.people_published',
      ])
        assert.ok(actions.includes(action), action);
      assert.equal(actions.filter((a) => a === 'organisation.person_created').length, 2);
    });

    it('a downtime less than 7 working days away is refused in Vietnamese, keeping the form', async () => {
      const soon = new Date(Date.now() + 2 * 24 * 3_600_000);
      const res = await admin.post('/quan-tri/thong-bao-bao-tri', {
        starts_at: localField(soon),
        ends_at: localField(new Date(soon.getTime() + 3_600_000)),
        message: 'Bảo trì máy chủ',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="starts_at-loi">phải cách hôm nay ít nhất 7 ngày làm việc \(không tính thứ Bảy, Chủ nhật\)/);
      assert.match(res.body, />Bảo trì máy chủ<\/textarea>/);
      assert.doesNotMatch((await get('/gioi-thieu')).body, /downtime-banner/);
    });

    it('a scheduled downtime shows a banner on public pages at once, and leaves when withdrawn', async () => {
      const start = new Date(earliestNoticeStart(new Date()).getTime() + 24 * 3_600_000 + 22 * 3_600_000);
      const res = await admin.post('/quan-tri/thong-bao-bao-tri', {
        starts_at: localField(start),
        ends_at: localField(new Date(start.getTime() + 4 * 3_600_000)),
        message: 'Nâng cấp hệ thống máy chủ của tỉnh.',
      });
      assert.equal(res.statusCode, 303);
      await h.app.applyPageEvents();
      // Pages of other modules show it once pageContext() carries request.downtimeNotices (see the module's report).
      for (const url of ['/gioi-thieu', '/en', '/danh-gia/cam-on']) {
        const page = await get(url);
        assert.match(page.body, /<div class="downtime-banner">[\s\S]*Thông báo tạm dừng hệ thống:[\s\S]*Nâng cấp hệ thống máy chủ của tỉnh\./, url);
      }
      assert.equal((await editor.get('/quan-tri/thong-bao-bao-tri')).statusCode, 403, 'editors cannot schedule downtime');
      const list = await admin.get('/quan-tri/thong-bao-bao-tri');
      const id = /action="\/quan-tri\/thong-bao-bao-tri\/(\d+)\/xoa"/.exec(list.body)?.[1];
      assert.ok(id);
      assert.equal((await admin.post(`/quan-tri/thong-bao-bao-tri/${id}/xoa`, {})).statusCode, 303);
      await h.app.applyPageEvents();
      assert.doesNotMatch((await get('/gioi-thieu')).body, /downtime-banner/);
    });

    it('the home page shows the configured related links, or the national portal when none', async () => {
      assert.match((await get('/')).body, /<li><a href="https:\/\/dichvucong.gov.vn" rel="noopener">Cổng Dịch vụ công quốc gia<\/a><\/li>/);
      const bad = await admin.post('/quan-tri/lien-ket', { title_0: 'Mã độc', url_0: 'javascript:alert(1)' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /phải là địa chỉ web bắt đầu bằng http:\/\/ hoặc https:\/\//);
      const ok = await admin.post('/quan-tri/lien-ket', { title_0: 'UBND tỉnh Đồng Tháp', url_0: 'https://dongthap.gov.vn', title_1: '', url_1: '' });
      assert.equal(ok.statusCode, 303);
      await h.app.applyPageEvents();
      const home = (await get('/')).body;
      assert.match(home, /<a href="https:\/\/dongthap.gov.vn" rel="noopener">UBND tỉnh Đồng Tháp<\/a>/);
      assert.doesNotMatch(home, /dichvucong.gov.vn" rel="noopener">Cổng Dịch vụ công quốc gia<\/a><\/li>/);
      assert.equal((await editor.get('/quan-tri/lien-ket')).statusCode, 403);
    });

    it("page views are counted by the footer's request, without cookies; figures at /api/v1/visitors and /thong-ke-truy-cap", async () => {
      const host = 'truycap.test';
      await buildSite(h.t.db, { hosts: [host] });
      const view = (url: string, ip: string) => h.app.inject({ url, remoteAddress: ip, headers: { host } });
      // A page shown in a browser: the page (perhaps from a cache) and the footer's request, which counts it.
      const show = async (url: string, ip: string) => {
        const page = await view(url, ip);
        assert.equal(page.headers['set-cookie'], undefined);
        assert.ok(page.body.includes('data-visitors="/thong-ke-truy-cap.json"'));
        assert.equal((await view('/thong-ke-truy-cap.json', ip)).headers['set-cookie'], undefined);
      };
      await show('/gioi-thieu', '203.0.113.50');
      await show('/gioi-thieu', '203.0.113.50');
      await show('/en', '203.0.113.51');
      await view('/quan-tri/dang-nhap', '203.0.113.52');
      const api = await view('/api/v1/visitors', '203.0.113.50');
      assert.equal(api.headers['cache-control'], 'no-store');
      assert.deepEqual(api.json(), { online: 2, today: 3, total: 3 });
      const page = await view('/thong-ke-truy-cap', '203.0.113.50');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<dt>Đang truy cập<\/dt><dd>2<\/dd>/);
      assert.match(page.body, /<dt>Hôm nay<\/dt><dd>3<\/dd>/);
      assert.match((await view('/gioi-thieu', '203.0.113.50')).body, /href="\/thong-ke-truy-cap"/);
    });

    it('a notice written by another process reaches cached pages at the next refresh, and leaves when it ends', async () => {
      await get('/en/leaders');
      assert.doesNotMatch((await get('/en/leaders')).body, /downtime-banner/);
      const repo = new PortalRepository(h.t.db, site.id);
      const now = new Date().toISOString();
      const id = await repo.insertNotice({
        starts_at: now,
        ends_at: new Date(Date.now() + 3_600_000).toISOString(),
        message: 'Đang bảo trì.',
        created_at: now,
        updated_at: now,
      });
      await h.app.downtimeBanners.refreshAll();
      assert.match((await get('/en/leaders')).body, /downtime-banner[\s\S]*Đang bảo trì\./);
      await repo.deleteNotice(id);
      await h.app.downtimeBanners.refreshAll();
      assert.doesNotMatch((await get('/en/leaders')).body, /downtime-banner/);
    });
  });
}
