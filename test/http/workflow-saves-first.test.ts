import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { formatDateTimeInput } from '../../src/text/date-time-input.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildFileMedia, buildSite, buildUser } from '../support/factories.ts';

/**
 * Issue 21, items 1 and 2, over HTTP: the workflow buttons post the content
 * form, which is saved first; a save over someone else's is refused with the
 * typed text kept; the approver's time is taken, in dd/mm/yyyy HH:mm.
 */
for (const dialect of DIALECTS) {
  describe(`workflow buttons save first; conflicts and times [${dialect}]`, () => {
    const host = 'khong-mat-bai.test';
    let h: TestApp;
    let site: SiteRow;
    let reporter: Agent;
    let approver: Agent;
    let otherApprover: Agent;
    let editor: Agent;
    let category: string;
    let pdf: number;

    const versionIn = (body: string) => /name="version" value="([^"]*)"/.exec(body)?.[1] ?? assert.fail('the form carries no version');
    const article = (id: number) => h.t.db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const fields = (title: string, extra: Record<string, string> = {}) => ({ title, body_html: '<p>Nội dung ban đầu.</p>', category_id: category, ...extra });
    /** A reporter's new draft, and the version its form was opened on. */
    async function draft(title: string): Promise<{ id: number; version: string }> {
      const created = await reporter.post('/quan-tri/bai-viet', fields(title));
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const id = Number(/bai-viet\/(\d+)/.exec(String(created.headers.location))![1]);
      return { id, version: versionIn((await reporter.get(`/quan-tri/bai-viet/${id}`)).body) };
    }
    const act = (agent: Agent, id: number, form: Record<string, string>) => agent.post(`/quan-tri/bai-viet/${id}/thao-tac`, form);
    /** The editor script's autosave: urlencoded, the token in a header, JSON back. */
    const autosave = (agent: Agent, id: number, form: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url: `/quan-tri/bai-viet/${id}/tu-dong-luu`,
        headers: { host, cookie: agent.cookie, 'x-csrf-token': agent.csrf, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      });
    /** A reporter's draft, submitted through the form, and the approver's version of it. */
    async function submitted(title: string): Promise<{ id: number; version: string }> {
      const { id, version } = await draft(title);
      assert.equal((await act(reporter, id, { ...fields(title), version, action: 'submit' })).statusCode, 303);
      return { id, version: versionIn((await approver.get(`/quan-tri/bai-viet/${id}`)).body) };
    }
    const inTwoDays = () => formatDateTimeInput(new Date(Math.ceil((Date.now() + 2 * 86_400_000) / 60_000) * 60_000));

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
      const sign = async (role: 'contributor' | 'approver' | 'editor') => signInAs(h.app, host, (await buildUser(h.t.db, site, role)).user.email);
      reporter = await sign('contributor');
      approver = await sign('approver');
      otherApprover = await sign('approver');
      editor = await sign('editor');
      const row = await h.t.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-tuc').executeTakeFirstOrThrow();
      category = String(row.id);
      pdf = await buildFileMedia(h.t.db, site);
    });
    after(() => h.close());

    it('"Gửi duyệt" pressed right after changing the title and body, without "Lưu", sends the new text for review', async () => {
      const { id, version } = await draft('Tiêu đề lúc đầu');
      const sent = await act(reporter, id, { ...fields('Tiêu đề đã sửa trước khi gửi', { body_html: '<p>Nội dung đã sửa.</p>' }), version, action: 'submit' });
      assert.equal(sent.statusCode, 303);
      assert.match(String(sent.headers.location), /\?ok=gui-duyet$/);
      const row = await article(id);
      assert.equal(row.status, 'submitted');
      assert.equal(row.title, 'Tiêu đề đã sửa trước khi gửi');
      const reviewerSees = (await approver.get(`/quan-tri/bai-viet/${id}`)).body;
      assert.match(reviewerSees, /value="Tiêu đề đã sửa trước khi gửi"/);
      assert.match(reviewerSees, /Nội dung đã sửa\./);
    });

    it('a workflow button whose form is wrong shows the form again with what was typed and the error, and the article stays where it was', async () => {
      const { id, version } = await draft('Bài sẽ gửi thiếu tiêu đề');
      const refused = await act(reporter, id, { ...fields('', { body_html: '<p>Đoạn văn vừa gõ xong.</p>' }), version, action: 'submit' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="title-loi"/);
      assert.match(refused.body, /Đoạn văn vừa gõ xong\./, 'what was typed is kept');
      const row = await article(id);
      assert.equal(row.status, 'draft');
      assert.equal(row.title, 'Bài sẽ gửi thiếu tiêu đề');
    });

    it('an approver who types a time ahead and approves schedules the article for that time, shown as dd/mm/yyyy HH:mm', async () => {
      const { id, version } = await submitted('Lịch tiếp công dân tuần sau');
      const when = inTwoDays();
      const approved = await act(approver, id, { ...fields('Lịch tiếp công dân tuần sau', { publish_at: when }), version, action: 'publish' });
      assert.equal(approved.statusCode, 303, approved.body.slice(0, 500));
      assert.match(String(approved.headers.location), /\?ok=hen-gio$/);
      const row = await article(id);
      assert.equal(row.status, 'scheduled');
      assert.equal(formatDateTimeInput(row.published_at), when);
      const page = (await approver.get(`/quan-tri/bai-viet/${id}`)).body;
      assert.ok(page.includes(`<strong>Hẹn giờ xuất bản:</strong> ${when}`));
      assert.ok(page.includes(`value="${when}"`));
    });

    it('an approver who leaves the time empty publishes at once', async () => {
      const { id, version } = await submitted('Thông báo nghỉ lễ');
      const approved = await act(approver, id, { ...fields('Thông báo nghỉ lễ'), version, action: 'publish' });
      assert.equal(approved.statusCode, 303);
      assert.match(String(approved.headers.location), /\?ok=xuat-ban$/);
      assert.equal((await article(id)).status, 'published');
    });

    it('an approver who saves only a new time may still approve: the time is not authorship', async () => {
      const { id, version } = await submitted('Kế hoạch ra quân mùa hè xanh');
      const when = inTwoDays();
      assert.equal(
        (await approver.post(`/quan-tri/bai-viet/${id}`, { ...fields('Kế hoạch ra quân mùa hè xanh', { publish_at: when }), version })).statusCode,
        303,
      );
      const page = (await approver.get(`/quan-tri/bai-viet/${id}`)).body;
      const approved = await act(approver, id, {
        ...fields('Kế hoạch ra quân mùa hè xanh', { publish_at: when }),
        version: versionIn(page),
        action: 'publish',
      });
      assert.equal(approved.statusCode, 303, approved.body.slice(0, 500));
      assert.equal((await article(id)).status, 'scheduled');
    });

    it('a time that does not exist is refused with a Vietnamese error beside the field, and the typed value stays', async () => {
      const { id, version } = await submitted('Bài có giờ sai');
      const refused = await act(approver, id, { ...fields('Bài có giờ sai', { publish_at: '31/02/2027 08:00' }), version, action: 'publish' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="publish_at-loi"/);
      assert.match(refused.body, /dd\/mm\/yyyy HH:mm/);
      assert.match(refused.body, /value="31\/02\/2027 08:00"/);
      assert.equal((await article(id)).status, 'submitted');
    });

    it('two people save the same article: the second is refused with a conflict and keeps their text; saving again is knowingly theirs', async () => {
      const { id, version } = await submitted('Bài hai người cùng mở');
      const first = await approver.post(`/quan-tri/bai-viet/${id}`, { ...fields('Bản của lãnh đạo thứ nhất'), version });
      assert.equal(first.statusCode, 303);
      const second = await otherApprover.post(`/quan-tri/bai-viet/${id}`, {
        ...fields('Bản của lãnh đạo thứ hai', { body_html: '<p>Đoạn viết lại công phu.</p>' }),
        version,
      });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /id="version-loi"/);
      assert.match(second.body, /value="Bản của lãnh đạo thứ hai"/);
      assert.match(second.body, /Đoạn viết lại công phu\./);
      assert.equal((await article(id)).title, 'Bản của lãnh đạo thứ nhất', 'the first save is not overwritten');
      // A workflow button on the stale page is refused the same way, and nothing moves.
      const stale = await act(otherApprover, id, { ...fields('Bản của lãnh đạo thứ hai'), version, action: 'return', comment: 'Cần sửa lại' });
      assert.equal(stale.statusCode, 409);
      assert.equal((await article(id)).status, 'submitted');
      const again = await otherApprover.post(`/quan-tri/bai-viet/${id}`, { ...fields('Bản của lãnh đạo thứ hai'), version: versionIn(second.body) });
      assert.equal(again.statusCode, 303);
      assert.equal((await article(id)).title, 'Bản của lãnh đạo thứ hai');
    });

    it('an autosave over someone else’s save is refused with edit_conflict, and one’s own autosave hands back the next version', async () => {
      const { id, version } = await draft('Bài tự lưu');
      const own = await autosave(reporter, id, { ...fields('Bài tự lưu (đang gõ)'), version });
      assert.equal(own.statusCode, 200);
      const next = (own.json() as { version: string }).version;
      assert.notEqual(next, version);
      assert.equal((await editor.post(`/quan-tri/bai-viet/${id}`, { ...fields('Biên tập viên sửa'), version: next })).statusCode, 303);
      const stale = await autosave(reporter, id, { ...fields('Bài tự lưu (gõ tiếp)'), version: next });
      assert.equal(stale.statusCode, 409);
      assert.equal((stale.json() as { error: { code: string } }).error.code, 'edit_conflict');
      assert.equal((await article(id)).title, 'Biên tập viên sửa');
    });

    it('"Gửi duyệt" on the document form saves what was typed first', async () => {
      const form = {
        doc_type: 'ke-hoach',
        number_symbol: '15/KH-UBND',
        issuing_body: 'Ủy ban nhân dân phường',
        signer: 'Lê Thị Bình',
        issued_on: '05/03/2024',
        effective_on: '05/03/2024',
        summary: 'Kế hoạch ban đầu',
        media_ids: String(pdf),
      };
      const created = await reporter.post('/quan-tri/van-ban', form);
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const id = Number(/van-ban\/(\d+)/.exec(String(created.headers.location))![1]);
      const version = versionIn((await reporter.get(`/quan-tri/van-ban/${id}`)).body);
      const sent = await reporter.post(`/quan-tri/van-ban/${id}/gui-duyet`, { ...form, summary: 'Kế hoạch đã sửa trước khi gửi', version });
      assert.equal(sent.statusCode, 303);
      const row = await h.t.db.selectFrom('documents').select(['summary', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { summary: 'Kế hoạch đã sửa trước khi gửi', status: 'submitted' });
    });

    it('"Gửi duyệt" on a Giới thiệu page saves the text typed with it; a refusal keeps that text', async () => {
      const page = '/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu';
      const sent = await editor.post(`${page}/gui-duyet`, {
        body_html: '<p>Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương.</p>',
        title_en: '',
        body_en_html: '',
      });
      assert.equal(sent.statusCode, 303);
      const reviewStatus = async () =>
        (
          await h.t.db
            .selectFrom('item_reviews')
            .select(['status'])
            .where('site_id', '=', site.id)
            .where('item_type', '=', 'organisation_page')
            .where('item_key', '=', 'chuc-nang-nhiem-vu')
            .executeTakeFirst()
        )?.status;
      assert.equal(await reviewStatus(), 'submitted');
      assert.match((await approver.get(page)).body, /cơ quan hành chính nhà nước ở địa phương/);
      const refused = await approver.post(`${page}/tra-lai`, {
        body_html: '<p>Đoạn lãnh đạo gõ khi trả lại.</p>',
        title_en: '',
        body_en_html: '',
        comment: '',
      });
      // Changing the text made it the approver's own work, which they may not return: refused, and the text is still on screen.
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Đoạn lãnh đạo gõ khi trả lại\./);
      assert.doesNotMatch((await editor.get(page)).body, /Đoạn lãnh đạo gõ khi trả lại/);
      // The approver presses "Duyệt và xuất bản" with the form as it came: saving nothing new, it is not their work, and it goes out.
      const approved = await approver.post(`${page}/cong-bo`, {
        body_html: '<p>Ủy ban nhân dân phường là cơ quan hành chính nhà nước ở địa phương.</p>',
        title_en: '',
        body_en_html: '',
      });
      assert.equal(approved.statusCode, 303, approved.body.slice(0, 300));
      assert.equal(await reviewStatus(), 'published');
    });

    it('the article and downtime forms take dates as dd/mm/yyyy HH:mm text, never a native date-time field', async () => {
      const { id } = await draft('Bài xem ô thời gian');
      const admin = await signInAs(h.app, host, (await buildUser(h.t.db, site, 'site_admin')).user.email);
      for (const page of [(await reporter.get(`/quan-tri/bai-viet/${id}`)).body, (await admin.get('/quan-tri/thong-bao-bao-tri')).body]) {
        assert.doesNotMatch(page, /type="datetime-local"|type="date"/);
        assert.match(page, /type="text" class="date-time"[^>]* placeholder="dd\/mm\/yyyy HH:mm" pattern="/);
      }
      const refused = await admin.post('/quan-tri/thong-bao-bao-tri', { starts_at: '12/31/2026 10:00 PM', ends_at: '01/01/2027 02:00', message: 'Bảo trì' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /id="starts_at-loi"/);
      assert.match(refused.body, /value="12\/31\/2026 10:00 PM"/);
    });
  });
}
