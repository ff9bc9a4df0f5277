import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { CalendarRepository } from '../../src/repositories/calendar-repository.ts';
import { currentWeek, weekDays, weekKey } from '../../src/services/calendars/weeks.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const isAllowed = (status: number) => status >= 200 && status < 400;

for (const dialect of DIALECTS) {
  describe(`calendar pages [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let host: string;
    let editor: Agent;
    let leader: Agent;
    let secondLeader: Agent;
    let contributor: Agent;
    /** The editor submits a week and an approver who did not edit it publishes it, through the admin forms. */
    const publishWeek = async (week: string) => {
      assert.equal((await editor.post(`/quan-tri/lich-cong-tac/tuan/${week}/gui-duyet`, {})).statusCode, 303);
      const published = await leader.post(`/quan-tri/lich-cong-tac/tuan/${week}/cong-bo`, {});
      assert.equal(published.statusCode, 303);
      assert.equal(published.headers.location, `/quan-tri/lich-cong-tac?tuan=${week}&ok=xuat-ban`);
      await h.app.applyPageEvents();
    };
    const publishReception = async () => {
      assert.equal((await editor.post('/quan-tri/lich-tiep-cong-dan/gui-duyet', {})).statusCode, 303);
      assert.equal((await leader.post('/quan-tri/lich-tiep-cong-dan/cong-bo', {})).statusCode, 303);
      await h.app.applyPageEvents();
    };
    const get = (url: string) => h.app.inject({ url, headers: { host } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db);
      host = `xa${site.id}-lich.test`;
      await h.t.db.insertInto('site_hosts').values({ site_id: site.id, host, is_primary: 0 }).execute();
      const e = await buildUser(h.t.db, site, 'editor');
      const c = await buildUser(h.t.db, site, 'contributor');
      editor = await signInAs(h.app, host, e.user.email);
      contributor = await signInAs(h.app, host, c.user.email);
      leader = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'approver')).user.email);
      secondLeader = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'approver')).user.email);
    });
    after(() => h.close());

    it('staff add an entry with CSRF; once an approver publishes the week it shows on the week page in its day and half, audited', async () => {
      const res = await editor.post('/quan-tri/lich-cong-tac', {
        tuan: '2026-W48',
        day: '24/11/2026',
        start_time: '14:00',
        session: '',
        task: 'Họp xét duyệt hồ sơ hộ nghèo',
        presider: 'Phó Chủ tịch UBND xã',
        participants: 'Cán bộ Lao động – Thương binh và Xã hội',
        location: 'Hội trường UBND xã',
      });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/quan-tri/lich-cong-tac?tuan=2026-W48&ok=luu');
      const list = await editor.get('/quan-tri/lich-cong-tac?tuan=2026-W48&ok=luu');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Họp xét duyệt hồ sơ hộ nghèo/);
      assert.match(list.body, /Đã lưu\./);
      assert.match(list.body, /<span class="status status-draft">Bản nháp<\/span>/);
      await h.app.applyPageEvents();
      assert.doesNotMatch((await get('/lich-cong-tac/2026-W48')).body, /Họp xét duyệt hồ sơ hộ nghèo/, 'a draft is not public');
      await publishWeek('2026-W48');

      const page = await get('/lich-cong-tac/2026-W48');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 class="page-title">Lịch công tác tuần 48 \(từ 23\/11\/2026 đến 29\/11\/2026\)<\/h1>/);
      const tuesday = page.body.slice(page.body.indexOf('id="ngay-2026-11-24"'), page.body.indexOf('id="ngay-2026-11-25"'));
      assert.match(tuesday, /Thứ Ba, 24\/11\/2026/);
      assert.match(tuesday, /<h3>Sáng<\/h3>\s*<p class="cal-empty">Không có lịch buổi sáng\.<\/p>/);
      assert.match(tuesday, /<h3>Chiều<\/h3>\s*<ul class="cal-entries">/);
      assert.match(tuesday, /<time datetime="2026-11-24T14:00">14:00<\/time>/);
      assert.match(tuesday, /<dt>Chủ trì:<\/dt> <dd>Phó Chủ tịch UBND xã<\/dd>/);
      assert.match(tuesday, /<dt>Thành phần:<\/dt> <dd>Cán bộ Lao động – Thương binh và Xã hội<\/dd>/);
      assert.match(tuesday, /<dt>Địa điểm:<\/dt> <dd>Hội trường UBND xã<\/dd>/);
      for (const name of ['Thứ Hai, 23/11/2026', 'Thứ Bảy, 28/11/2026', 'Chủ nhật, 29/11/2026']) assert.ok(page.body.includes(name), name);
      const audit = await new AuditRepository(h.t.db).list(site.id, { action: 'calendar.entry_created' }, 10);
      assert.equal(audit.length, 1);
    });

    it('links the previous and next weeks, across the year end too, and the reception schedule', async () => {
      const page = (await get('/lich-cong-tac/2026-W48')).body;
      assert.match(page, /<a href="\/lich-cong-tac\/2026-W47" rel="prev">← Tuần 47<\/a>/);
      assert.match(page, /<a href="\/lich-cong-tac\/2026-W49" rel="next">Tuần 49 →<\/a>/);
      assert.match(page, /<a href="\/lich-tiep-cong-dan">/);
      const last = await get('/lich-cong-tac/2026-W53');
      assert.equal(last.statusCode, 200);
      assert.match(last.body, /Lịch công tác tuần 53 \(từ 28\/12\/2026 đến 03\/01\/2027\)/);
      assert.match(last.body, /<a href="\/lich-cong-tac\/2027-W01" rel="next">Tuần 1\/2027 →<\/a>/);
    });

    it('/lich-cong-tac shows this week in Vietnam time, fresh on every request', async () => {
      const now = currentWeek(new Date());
      const days = weekDays(now);
      const res = await get('/lich-cong-tac');
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes(`Lịch công tác tuần ${now.week} (từ ${days[0]!.split('-').reverse().join('/')}`), 'heading of the current week');
      assert.match(res.body, new RegExp(`<link rel="canonical" href="http://${host.replace(/\./g, '\\.')}/lich-cong-tac/${weekKey(now)}">`));
      assert.match(res.body, /<a href="\/lich-cong-tac" aria-current="page">Tuần này<\/a>/);
      assert.equal(h.app.pageCache.get(`http://${host}/lich-cong-tac`), undefined);
    });

    it('a malformed week is a 400 and a week that does not exist a 404, both explained in Vietnamese', async () => {
      const bad = await get('/lich-cong-tac/tuan-48');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /tuần phải viết dạng năm-Wsố tuần, ví dụ 2026-W48/);
      const json = await h.app.inject({ url: '/lich-cong-tac/2026-48', headers: { host, accept: 'application/json' } });
      assert.equal(json.statusCode, 400);
      assert.equal(json.json().error.code, 'validation_failed');
      for (const missing of ['2025-W53', '2026-W54', '2026-W00']) {
        const res = await get(`/lich-cong-tac/${missing}`);
        assert.equal(res.statusCode, 404, missing);
        assert.ok(res.body.includes(`Không có tuần ${missing} trong lịch`), missing);
      }
    });

    it('week pages are cached under the calendar tag; a draft keeps them, publishing the week drops them', async () => {
      const url = '/lich-cong-tac/2026-W49';
      await get(url);
      assert.ok(h.app.pageCache.get(`http://${host}${url}`), 'cached after the first visit');
      const res = await editor.post('/quan-tri/lich-cong-tac', { day: '01/12/2026', start_time: '08:00', task: 'Giao ban tháng 12' });
      assert.equal(res.statusCode, 303);
      await h.app.applyPageEvents();
      assert.ok(h.app.pageCache.get(`http://${host}${url}`), 'a draft changes no public page');
      await publishWeek('2026-W49');
      assert.equal(h.app.pageCache.get(`http://${host}${url}`), undefined);
      assert.match((await get(url)).body, /Giao ban tháng 12/);
    });

    it('a form with errors comes back with every field error and the input kept, and stores nothing', async () => {
      const repo = new CalendarRepository(h.t.db, site.id);
      const before = (await repo.entriesBetween('2000-01-01', '2100-01-01')).length;
      const res = await editor.post('/quan-tri/lich-cong-tac', {
        tuan: '2026-W48',
        day: '31/11/2026',
        start_time: '8 giờ sáng',
        task: '',
        presider: 'Chủ tịch UBND xã',
        location: 'Nhà văn hóa ấp 3',
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /class="error-summary"/);
      assert.match(res.body, /<p class="field-error" id="day-loi">ngày phải viết dd\/mm\/yyyy và có thật<\/p>/);
      assert.match(res.body, /<p class="field-error" id="start_time-loi">giờ phải viết HH:mm, ví dụ 07:30<\/p>/);
      assert.match(res.body, /<p class="field-error" id="task-loi">không được để trống<\/p>/);
      assert.match(res.body, /value="31\/11\/2026"/);
      assert.match(res.body, /value="8 giờ sáng"/);
      assert.match(res.body, /value="Nhà văn hóa ấp 3"/);
      assert.match(res.body, /Lịch công tác tuần 48/);
      assert.equal((await repo.entriesBetween('2000-01-01', '2100-01-01')).length, before);
    });

    it('staff edit and delete an entry; posts without the CSRF token are refused', async () => {
      const [entry] = await new CalendarRepository(h.t.db, site.id).entriesBetween('2026-11-24', '2026-11-24');
      assert.ok(entry);
      const form = await editor.get(`/quan-tri/lich-cong-tac/${entry.id}`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="24\/11\/2026"/);
      const noCsrf = await editor.post(`/quan-tri/lich-cong-tac/${entry.id}`, { day: '24/11/2026', start_time: '09:00', task: 'Đổi' }, { csrf: null });
      assert.equal(noCsrf.statusCode, 403);
      const invalid = await editor.post(`/quan-tri/lich-cong-tac/${entry.id}`, { day: '24/11/2026', start_time: '09:00', task: '' });
      assert.equal(invalid.statusCode, 400);
      assert.match(invalid.body, /id="task-loi"/);
      const saved = await editor.post(`/quan-tri/lich-cong-tac/${entry.id}`, { day: '24/11/2026', start_time: '09:00', task: 'Họp xét duyệt hồ sơ (đổi giờ)' });
      assert.equal(saved.statusCode, 303);
      const changed = await new CalendarRepository(h.t.db, site.id).findEntry(entry.id);
      assert.equal(changed?.session, 'sang');
      assert.equal(changed?.task, 'Họp xét duyệt hồ sơ (đổi giờ)');
      const deleted = await editor.post(`/quan-tri/lich-cong-tac/${entry.id}/xoa`, {});
      assert.equal(deleted.statusCode, 303);
      assert.equal(await new CalendarRepository(h.t.db, site.id).findEntry(entry.id), undefined);
      assert.equal((await editor.get(`/quan-tri/lich-cong-tac/${entry.id}`)).statusCode, 404);
      const actions = (await new AuditRepository(h.t.db).list(site.id, {}, 100))
        .filter((a) => a.target_id === entry.id && a.target_type === 'calendar_entry')
        .map((a) => a.action)
        .sort();
      assert.deepEqual(actions, ['calendar.entry_created', 'calendar.entry_deleted', 'calendar.entry_updated']);
    });

    it('staff copy last week into the next week in one click', async () => {
      const res = await editor.post('/quan-tri/lich-cong-tac/sao-chep-tuan-truoc', { tuan: '2026-W50' });
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/quan-tri/lich-cong-tac?tuan=2026-W50&ok=luu');
      assert.match((await editor.get('/quan-tri/lich-cong-tac?tuan=2026-W50')).body, /Giao ban tháng 12/);
      assert.equal((await editor.post('/quan-tri/lich-cong-tac/sao-chep-tuan-truoc', { tuan: '2026-W99' })).statusCode, 400);
      assert.equal((await contributor.post('/quan-tri/lich-cong-tac/sao-chep-tuan-truoc', { tuan: '2026-W50' })).statusCode, 403);
    });

    it('the admin week picker takes a week or a day, and explains a bad one', async () => {
      assert.match((await editor.get('/quan-tri/lich-cong-tac?tuan=2026-W10')).body, /Lịch công tác tuần 10 \(từ 02\/03\/2026/);
      assert.match((await editor.get('/quan-tri/lich-cong-tac?tuan=01/01/2027')).body, /Lịch công tác tuần 53/);
      const bad = await editor.get('/quan-tri/lich-cong-tac?tuan=2025-W53');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="tuan-loi"/);
    });

    it('the reception schedule is kept by staff and shown to everyone', async () => {
      const empty = await get('/lich-tiep-cong-dan');
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /Chưa có lịch tiếp công dân\./);
      const invalid = await editor.post('/quan-tri/lich-tiep-cong-dan', { official_name: '', position: 'Chủ tịch UBND xã', days: '', sort_order: 'một' });
      assert.equal(invalid.statusCode, 400);
      for (const field of ['official_name', 'days', 'sort_order']) assert.match(invalid.body, new RegExp(`id="${field}-loi"`), field);
      assert.match(invalid.body, /value="Chủ tịch UBND xã"/);
      const created = await editor.post('/quan-tri/lich-tiep-cong-dan', {
        official_name: 'Lê Thị Bình',
        position: 'Chủ tịch UBND xã',
        days: 'Thứ Năm hằng tuần',
        hours: 'Sáng 07:30–11:00',
        place: 'Phòng tiếp công dân, UBND xã',
      });
      assert.equal(created.statusCode, 303);
      await h.app.applyPageEvents();
      assert.match((await get('/lich-tiep-cong-dan')).body, /Chưa có lịch tiếp công dân\./, 'a draft is not public');
      await publishReception();
      const page = await get('/lich-tiep-cong-dan');
      assert.match(page.body, /<h2>Lê Thị Bình<\/h2>/);
      assert.match(page.body, /<dt>Ngày tiếp:<\/dt> <dd>Thứ Năm hằng tuần<\/dd>/);
      assert.match(page.body, /<a href="\/lich-cong-tac">/);
      const [slot] = await new CalendarRepository(h.t.db, site.id).receptionSlots();
      const edited = await editor.post(`/quan-tri/lich-tiep-cong-dan/${slot!.id}`, {
        official_name: 'Lê Thị Bình',
        position: 'Chủ tịch UBND xã',
        days: 'Thứ Năm và Thứ Sáu hằng tuần',
      });
      assert.equal(edited.statusCode, 303);
      await h.app.applyPageEvents();
      assert.match((await get('/lich-tiep-cong-dan')).body, /<dd>Thứ Năm hằng tuần<\/dd>/, 'the published version stays until the edit is approved');
      await publishReception();
      assert.match((await get('/lich-tiep-cong-dan')).body, /Thứ Năm và Thứ Sáu hằng tuần/);
      const history = await editor.get('/quan-tri/lich-tiep-cong-dan/phien-ban');
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /<ins>và<\/ins>/);
      assert.equal((await editor.post(`/quan-tri/lich-tiep-cong-dan/${slot!.id}/xoa`, {})).statusCode, 303);
      assert.equal((await new CalendarRepository(h.t.db, site.id).receptionSlots()).length, 0);
    });

    it('an approver returns a week with a comment the editor sees; without one the page says so beside the field and nothing changes', async () => {
      await editor.post('/quan-tri/lich-cong-tac', { day: '07/12/2026', start_time: '08:00', task: 'Họp Ban chỉ đạo tháng 12' });
      assert.equal((await editor.post('/quan-tri/lich-cong-tac/tuan/2026-W50/gui-duyet', {})).statusCode, 303);
      const dashboard = await leader.get('/quan-tri');
      assert.match(dashboard.body, /href="\/quan-tri\/lich-cong-tac\?tuan=2026-W50">Lịch công tác tuần 50\/2026/);
      const blank = await leader.post('/quan-tri/lich-cong-tac/tuan/2026-W50/tra-lai', { comment: '' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /id="comment-loi"/);
      assert.match(blank.body, /<span class="status status-submitted">Chờ duyệt<\/span>/);
      const returned = await leader.post('/quan-tri/lich-cong-tac/tuan/2026-W50/tra-lai', { comment: 'Ghi rõ thành phần dự họp' });
      assert.equal(returned.statusCode, 303);
      const seen = await editor.get('/quan-tri/lich-cong-tac?tuan=2026-W50');
      assert.match(seen.body, /Nhận xét khi trả lại:<\/strong> Ghi rõ thành phần dự họp/);
      assert.match(seen.body, /action="\/quan-tri\/lich-cong-tac\/tuan\/2026-W50\/gui-duyet"/);
    });

    it('publishing and returning need calendar.publish, the CSRF token, and someone who did not edit the week last', async () => {
      await editor.post('/quan-tri/lich-cong-tac', { day: '14/12/2026', start_time: '08:00', task: 'Tổng kết năm' });
      await editor.post('/quan-tri/lich-cong-tac/tuan/2026-W51/gui-duyet', {});
      assert.equal((await editor.post('/quan-tri/lich-cong-tac/tuan/2026-W51/cong-bo', {})).statusCode, 403);
      assert.equal((await editor.post('/quan-tri/lich-tiep-cong-dan/cong-bo', {})).statusCode, 403);
      assert.equal((await contributor.post('/quan-tri/lich-cong-tac/tuan/2026-W51/gui-duyet', {})).statusCode, 403);
      assert.equal((await leader.post('/quan-tri/lich-cong-tac/tuan/2026-W51/cong-bo', {}, { csrf: null })).statusCode, 403);
      // The approver changes the waiting week, so another approver has to publish it.
      assert.equal((await leader.post('/quan-tri/lich-cong-tac', { day: '15/12/2026', start_time: '08:00', task: 'Tiếp đoàn công tác tỉnh' })).statusCode, 303);
      const page = await leader.get('/quan-tri/lich-cong-tac?tuan=2026-W51');
      assert.match(page.body, /không thể tự duyệt hay trả lại/);
      assert.equal((await leader.post('/quan-tri/lich-cong-tac/tuan/2026-W51/cong-bo', {})).statusCode, 403);
      assert.doesNotMatch((await get('/lich-cong-tac/2026-W51')).body, /Tổng kết năm/);
      assert.equal((await secondLeader.post('/quan-tri/lich-cong-tac/tuan/2026-W51/cong-bo', {})).statusCode, 303);
      await h.app.applyPageEvents();
      const body = (await get('/lich-cong-tac/2026-W51')).body;
      assert.match(body, /Tổng kết năm/);
      assert.match(body, /Tiếp đoàn công tác tỉnh/);
      const history = await leader.get('/quan-tri/lich-cong-tac/tuan/2026-W51/phien-ban');
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /<h3>Thứ Ba<\/h3>/);
    });

    it('only staff with calendar.edit reach the admin pages', async () => {
      for (const url of ['/quan-tri/lich-cong-tac', '/quan-tri/lich-tiep-cong-dan']) {
        assert.ok(isAllowed((await editor.get(url)).statusCode), url);
        assert.equal((await contributor.get(url)).statusCode, 403, url);
        const anonymous = await get(url);
        assert.equal(anonymous.statusCode, 302, url);
      }
      assert.equal((await contributor.post('/quan-tri/lich-cong-tac', { day: '24/11/2026', start_time: '08:00', task: 'Không được' })).statusCode, 403);
      assert.equal((await contributor.post('/quan-tri/lich-tiep-cong-dan', { official_name: 'A', days: 'B' })).statusCode, 403);
    });

    it("another site's entries cannot be edited or deleted from this site", async () => {
      const other = await buildSite(h.t.db);
      const otherId = await new CalendarRepository(h.t.db, other.id).insertEntry({
        day: '2026-11-24',
        session: 'sang',
        start_time: '08:00',
        task: 'Của xã khác',
        presider: '',
        participants: '',
        location: '',
        created_by: null,
        updated_by: null,
        created_at: '2026-11-01T00:00:00.000Z',
        updated_at: '2026-11-01T00:00:00.000Z',
      });
      assert.equal((await editor.get(`/quan-tri/lich-cong-tac/${otherId}`)).statusCode, 404);
      assert.equal((await editor.post(`/quan-tri/lich-cong-tac/${otherId}/xoa`, {})).statusCode, 404);
      assert.equal((await new CalendarRepository(h.t.db, other.id).findEntry(otherId))?.task, 'Của xã khác');
    });
  });
}
