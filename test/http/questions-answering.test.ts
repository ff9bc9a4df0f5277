/** Staff answer a resident's question: private attachments, the lookup by code, the answer's review, due dates and holidays. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import type { TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { HOST, PERSONAL, multipart, useQuestionsSuite } from '../support/questions.ts';

for (const dialect of DIALECTS) {
  describe(`hỏi đáp: answering over HTTP [${dialect}]`, () => {
    const suite = useQuestionsSuite(dialect);
    const { fields, post, get, publishAnswer } = suite;
    let h: TestApp;
    let site: SiteRow;
    before(() => {
      ({ h, site } = suite);
    });

    it("an attachment is private: only this site's staff who answer questions download it, never through a public URL", async () => {
      const pdf = Buffer.from('%PDF-1.4\n% giấy tờ riêng của người dân\n%%EOF\n');
      const body = multipart(await fields({ title: 'Hỏi kèm giấy tờ riêng' }), [{ name: 'so-do.pdf', bytes: pdf }]);
      const sent = await h.app.inject({
        method: 'POST',
        url: '/hoi-dap/gui',
        remoteAddress: '203.0.113.240',
        headers: { host: HOST, 'content-type': body.contentType },
        payload: body.payload,
      });
      assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
      const code = decodeURIComponent(/ma=([^&]+)/.exec(String(sent.headers.location))![1]!);
      const row = (await new QuestionRepository(h.t.db, site.id).findByCode(code))!;
      const [file] = JSON.parse(row.attachments) as Array<{ key: string }>;
      assert.ok(file);
      const url = `/quan-tri/hoi-dap/${row.id}/tep/1`;

      // Not in the media library, so not under /media either.
      assert.equal((await get(`/media/${file.key}`)).statusCode, 404);
      const media = await h.t.db.selectFrom('media').select('id').where('site_id', '=', site.id).execute();
      assert.equal(media.length, 0, "a resident's file is not put in the media library");

      const anonymous = await get(url);
      assert.equal(anonymous.statusCode, 302);
      assert.match(String(anonymous.headers.location), /^\/quan-tri\/dang-nhap/);
      assert.ok(!anonymous.rawPayload.includes(pdf));

      const reporter = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'contributor')).user.email);
      assert.equal((await reporter.get(url)).statusCode, 403, 'a contributor does not answer questions');

      const otherHost = 'xa-khac.test';
      const other = await buildSite(h.t.db, { hosts: [otherHost] });
      const stranger = await signInAs(h.app, otherHost, (await buildUser(h.t.db, other, 'site_admin')).user.email);
      assert.equal((await stranger.get(url)).statusCode, 404, 'the same URL on the other site finds no such question');
      const crossCookie = await h.app.inject({ url, headers: { host: HOST, cookie: stranger.cookie } });
      assert.notEqual(crossCookie.statusCode, 200, "another site's session does not open this site");
      assert.ok(!crossCookie.rawPayload.includes(pdf));

      const ed = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'editor')).user.email);
      const download = await ed.get(url);
      assert.equal(download.statusCode, 200);
      assert.ok(download.rawPayload.equals(pdf), 'staff get the exact bytes');
      assert.equal(download.headers['content-type'], 'application/pdf');
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.equal(download.headers['content-disposition'], "attachment; filename*=UTF-8''so-do.pdf");
      assert.match(String(download.headers['cache-control']), /no-store/);
      assert.equal((await ed.get(`/quan-tri/hoi-dap/${row.id}/tep/2`)).statusCode, 404);
      const detail = await ed.get(`/quan-tri/hoi-dap/${row.id}`);
      assert.ok(detail.body.includes(`href="${url}"`), 'the staff page links the download');
      assert.ok(!detail.body.includes(file.key), 'the stored name is never shown');

      // Published, the Q&A pages never link the file.
      const leader = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
      await publishAnswer(ed, leader, row.id, 'Đã nhận giấy tờ, cán bộ địa chính sẽ liên hệ.');
      await h.app.applyPageEvents();
      for (const page of [await get('/hoi-dap'), await get(`/hoi-dap/cau-hoi/${row.id}`), await get(`/hoi-dap/tra-cuu?ma=${code}`)]) {
        assert.equal(page.statusCode, 200);
        assert.ok(page.body.includes('Hỏi kèm giấy tờ riêng'));
        assert.ok(!page.body.includes(file.key) && !page.body.includes('so-do.pdf') && !page.body.includes('/tep/'), 'public pages never link attachments');
      }
    });

    it('the lookup by code shows status, dates and answer, never the personal details; staff answer and publish', async () => {
      const sent = await post(await fields({ title: 'Hỏi về đèn đường hẻm 7' }));
      const code = /ma=([^&]+)/.exec(String(sent.headers.location))![1]!;
      let page = await get(`/hoi-dap/tra-cuu?ma=${code}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Đã tiếp nhận'));
      for (const value of Object.values(PERSONAL)) assert.ok(!page.body.includes(value), `lookup must not show ${value}`);

      const missing = await get('/hoi-dap/tra-cuu?ma=HD-2026-XXXXXXXX');
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /id="ma-loi"/);

      const id = (await new QuestionRepository(h.t.db, site.id).findByCode(decodeURIComponent(code)))!.id;
      const editor = await buildUser(h.t.db, site, 'editor');
      const leader = await buildUser(h.t.db, site, 'approver');
      const ed: Agent = await signInAs(h.app, HOST, editor.user.email);
      const detail = await ed.get(`/quan-tri/hoi-dap/${id}`);
      assert.equal(detail.statusCode, 200);
      assert.ok(detail.body.includes(PERSONAL.phone), 'staff see the personal details');
      assert.equal((await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: '', action: 'gui-duyet' })).statusCode, 400);
      assert.equal((await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: 'Đèn đã được thay ngày 20/11.', action: 'gui-duyet' })).statusCode, 303);
      assert.equal((await ed.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' })).statusCode, 403, 'an editor may not approve');
      assert.equal((await ed.post(`/quan-tri/hoi-dap/${id}/cong-khai`, { publish: '1' })).statusCode, 403, 'an editor may not publish');
      page = await get(`/hoi-dap/tra-cuu?ma=${code}`);
      assert.ok(page.body.includes('Đang xử lý') && !page.body.includes('Đèn đã được thay'), 'a submitted answer is not shown yet');

      await get('/hoi-dap');
      const listBefore = await get('/hoi-dap');
      assert.equal(listBefore.statusCode, 200);
      assert.ok(!listBefore.body.includes('Hỏi về đèn đường hẻm 7'));

      const lead: Agent = await signInAs(h.app, HOST, leader.user.email);
      assert.equal((await lead.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' })).statusCode, 303);

      page = await get(`/hoi-dap/tra-cuu?ma=${code}`);
      assert.ok(page.body.includes('Đã trả lời'));
      assert.ok(page.body.includes('Đèn đã được thay ngày 20/11.'));
      for (const value of Object.values(PERSONAL)) assert.ok(!page.body.includes(value), `answered lookup must not show ${value}`);

      // Every process drops stale pages within 250 ms by polling page_events; apply them now.
      await h.app.applyPageEvents();
      const listAfter = await get('/hoi-dap');
      assert.ok(listAfter.body.includes('Hỏi về đèn đường hẻm 7'), 'publishing dropped the cached list');
      const list = await get('/hoi-dap?q=den+duong');
      assert.ok(list.body.includes('Hỏi về đèn đường hẻm 7'), 'search is folded: "den duong" finds "đèn đường"');
      assert.ok(!(await get('/hoi-dap?q=khong+co+tu+nay')).body.includes('Hỏi về đèn đường hẻm 7'));
      const pub = await get(`/hoi-dap/cau-hoi/${id}`);
      assert.equal(pub.statusCode, 200);
      assert.ok(pub.body.includes('Đèn đã được thay ngày 20/11.'));
      for (const value of Object.values(PERSONAL)) assert.ok(!pub.body.includes(value), `public page must not show ${value}`);
    });

    it('answer review over HTTP: CSRF required, no self-approval, a return needs a comment, then the resident sees the approved answer', async () => {
      const sent = await post(await fields({ title: 'Hỏi về lịch thu gom rác' }));
      const code = decodeURIComponent(/ma=([^&]+)/.exec(String(sent.headers.location))![1]!);
      const id = (await new QuestionRepository(h.t.db, site.id).findByCode(code))!.id;
      const ed = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'editor')).user.email);
      const lead = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
      const rowOf = () => new QuestionRepository(h.t.db, site.id).findById(id);

      const noCsrf = await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: 'Không có mã CSRF.', action: 'gui-duyet' }, { csrf: null });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal((await rowOf())?.draft_answer, '', 'a post without the CSRF token changes nothing');

      const empty = await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: '  ', action: 'luu' });
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /id="answer-loi"[^>]*>hãy nhập nội dung trả lời/);
      assert.equal((await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: 'Rác thu gom thứ Ba.', action: 'luu' })).statusCode, 303);
      assert.equal(
        (await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: 'Rác được thu gom vào tối thứ Ba và thứ Sáu.', action: 'gui-duyet' })).statusCode,
        303,
      );
      let tracking = await get(`/hoi-dap/tra-cuu?ma=${code}`);
      assert.ok(tracking.body.includes('Đang xử lý') && !tracking.body.includes('thứ Ba'));
      const waiting = await lead.get('/quan-tri/hoi-dap?trang_thai=review');
      assert.ok(waiting.body.includes('Hỏi về lịch thu gom rác') && waiting.body.includes('Chờ duyệt'), 'the "Chờ duyệt" filter lists it');

      const locked = await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: 'Sửa khi đang chờ duyệt.', action: 'luu' });
      assert.equal(locked.statusCode, 409);
      assert.ok(locked.body.includes('Sửa khi đang chờ duyệt.'), 'the refused text is kept in the form');

      const detail = await lead.get(`/quan-tri/hoi-dap/${id}`);
      assert.ok(detail.body.includes('Câu trả lời chờ duyệt') && detail.body.includes('thứ Sáu'));
      assert.match(detail.body, /action="\/quan-tri\/hoi-dap\/\d+\/duyet"/);

      const before = await rowOf();
      const noComment = await lead.post(`/quan-tri/hoi-dap/${id}/tra-lai`, { comment: '' });
      assert.equal(noComment.statusCode, 400);
      assert.match(noComment.body, /id="comment-loi"[^>]*>hãy ghi nhận xét khi trả lại câu trả lời/);
      assert.deepEqual(await rowOf(), before, 'a return without a comment changes nothing');
      assert.equal((await lead.post(`/quan-tri/hoi-dap/${id}/tra-lai`, { comment: 'Ghi rõ giờ thu gom.' })).statusCode, 303);
      const returned = await ed.get(`/quan-tri/hoi-dap/${id}`);
      assert.ok(returned.body.includes('Lãnh đạo đã trả lại câu trả lời') && returned.body.includes('Ghi rõ giờ thu gom.'));
      assert.ok(returned.body.includes('Rác được thu gom vào tối thứ Ba và thứ Sáu.'), 'the editor continues from the draft');

      // The leader rewrites and submits it: now the leader's own work.
      assert.equal(
        (await lead.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: 'Rác được thu gom lúc 19 giờ tối thứ Ba và thứ Sáu.', action: 'gui-duyet' })).statusCode,
        303,
      );
      assert.ok((await lead.get(`/quan-tri/hoi-dap/${id}`)).body.includes('không tự duyệt được'));
      const self = await lead.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' });
      assert.equal(self.statusCode, 403);
      assert.ok(self.body.includes('không thể tự duyệt'));
      assert.equal((await rowOf())?.status, 'processing');

      const other = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
      assert.equal((await other.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' }, { csrf: null })).statusCode, 403);
      assert.equal((await other.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' })).statusCode, 303);
      tracking = await get(`/hoi-dap/tra-cuu?ma=${code}`);
      assert.ok(tracking.body.includes('Đã trả lời') && tracking.body.includes('19 giờ tối thứ Ba'));
      await h.app.applyPageEvents();
      assert.ok((await get('/hoi-dap')).body.includes('Hỏi về lịch thu gom rác'), 'approved with "công khai": on the public list');

      const audit = await h.t.db
        .selectFrom('audit_log')
        .select('action')
        .where('target_type', '=', 'question')
        .where('target_id', '=', id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        audit.map((a) => a.action),
        [
          'question.submitted',
          'question.answer_saved',
          'question.answer_submitted',
          'question.answer_returned',
          'question.answer_submitted',
          'question.answer_approved',
          'question.published',
        ],
      );
    });

    it('the due date shown skips Tết 2026 (received 13/02 → due 13/03)', async () => {
      const { submitQuestion } = await import('../../src/services/questions/question-service.ts');
      const { code } = await submitQuestion(h.t.db, site.id, await fields(), { ip: '192.0.2.200', now: new Date('2026-02-13T03:00:00Z') });
      const page = await get(`/hoi-dap/tra-cuu?ma=${code}`);
      assert.match(page.body, /Ngày tiếp nhận:<\/dt> <dd>13\/02\/2026/);
      assert.match(page.body, /Hạn trả lời:<\/dt> <dd>13\/03\/2026/);
    });

    it('the staff list marks overdue questions "Quá hạn" and puts them first; a contributor may not see it', async () => {
      const { submitQuestion } = await import('../../src/services/questions/question-service.ts');
      await submitQuestion(h.t.db, site.id, await fields({ title: 'Câu hỏi năm ngoái' }), { ip: '192.0.2.201', now: new Date('2025-03-03T03:00:00Z') });
      const editor = await buildUser(h.t.db, site, 'editor');
      const ed = await signInAs(h.app, HOST, editor.user.email);
      const list = await ed.get('/quan-tri/hoi-dap');
      assert.equal(list.statusCode, 200);
      const firstRow = /<tbody>\s*<tr([^>]*)>([\s\S]*?)<\/tr>/.exec(list.body);
      assert.match(firstRow?.[1] ?? '', /qa-overdue/);
      assert.ok(firstRow?.[2]?.includes('Câu hỏi năm ngoái') && firstRow[2]?.includes('Quá hạn'));
      const overdueOnly = await ed.get('/quan-tri/hoi-dap?qua_han=1');
      assert.ok(!overdueOnly.body.includes('Hỏi về đèn đường hẻm 7'));
      const reporter = await buildUser(h.t.db, site, 'contributor');
      const rep = await signInAs(h.app, HOST, reporter.user.email);
      assert.equal((await rep.get('/quan-tri/hoi-dap')).statusCode, 403);
    });

    it('staff add a holiday by dd/mm/yyyy; a bad date gets a field error', async () => {
      const leader = await buildUser(h.t.db, site, 'approver');
      const lead = await signInAs(h.app, HOST, leader.user.email);
      const page = await lead.get('/quan-tri/hoi-dap/ngay-nghi');
      assert.ok(page.body.includes('14/02/2026') && page.body.includes('Tết Nguyên đán'));
      const bad = await lead.post('/quan-tri/hoi-dap/ngay-nghi', { day: '32/13/2026', name: 'Sai' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /id="day-loi"/);
      assert.equal((await lead.post('/quan-tri/hoi-dap/ngay-nghi', { day: '03/09/2026', name: 'Nghỉ bù Quốc khánh' })).statusCode, 303);
      assert.ok((await lead.get('/quan-tri/hoi-dap/ngay-nghi')).body.includes('Nghỉ bù Quốc khánh'));
    });
  });
}
