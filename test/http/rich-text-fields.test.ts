import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { OrganisationRepository } from '../../src/repositories/organisation-repository.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { type Agent, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser, withoutOutlines } from '../support/factories.ts';

const HOST = 'soan-thao.test';
const NOW = '2026-11-20T03:00:00.000Z';

/** What a page shows inside one element of a class, for asserting on its markup. */
function inside(body: string, className: string): string {
  const start = body.indexOf(`class="${className}"`);
  assert.ok(start >= 0, `the page has a .${className}`);
  return body.slice(start, start + 2_000);
}

for (const dialect of DIALECTS) {
  describe(`rich text in Giới thiệu pages, biographies and Q&A answers [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let admin: Agent;
    let approver: Agent;
    const get = (url: string) => h.app.inject({ url, headers: { host: HOST } });

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [HOST] });
      admin = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'site_admin')).user.email);
      approver = await signInAs(h.app, HOST, (await buildUser(h.t.db, site, 'approver')).user.email);
      await h.app.applyPageEvents();
    });
    after(() => h.close());

    it('plain text stored before the editor shows as separate paragraphs, its line breaks kept, on the Vietnamese and English pages', async () => {
      // Text from before the editor is also from before new sites got draft outlines under review.
      await withoutOutlines(h.t.db, site);
      const repo = new OrganisationRepository(h.t.db, site.id);
      await repo.savePage('lich-su-van-hoa', {
        body_html: 'Phường được thành lập năm 1976.\nTrụ sở ở số 12.\n\nNăm 2025 sáp nhập ba xã &amp; thị trấn.',
        title_en: '',
        body_en_html: 'Founded in 1976.\n\nMerged in 2025.',
        media_id: null,
        updated_at: NOW,
      });
      await repo.insertPerson({
        role: 'leader',
        name: 'Trần Văn Bình',
        bio_html: 'Sinh năm 1975.\n\nĐảng viên từ năm 1998.',
        photo_media_id: null,
        created_at: NOW,
        updated_at: NOW,
      });
      const page = await get('/gioi-thieu/lich-su-van-hoa');
      assert.equal(page.statusCode, 200);
      assert.match(
        inside(page.body, 'article-body'),
        /<p>Phường được thành lập năm 1976\.<br \/>Trụ sở ở số 12\.<\/p>\s*<p>Năm 2025 sáp nhập ba xã &amp; thị trấn\.<\/p>/,
      );
      const leaders = await get('/gioi-thieu/lanh-dao');
      assert.match(leaders.body, /<p>Sinh năm 1975\.<\/p>\s*<p>Đảng viên từ năm 1998\.<\/p>/);
      assert.match((await get('/en')).body, /<p>Founded in 1976\.<\/p>\s*<p>Merged in 2025\.<\/p>/);
    });

    it('the forms offer the editor, not raw HTML: each rich field is marked for it, the editor script loads, no HTML hint', async () => {
      for (const url of ['/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu', '/quan-tri/gioi-thieu/nguoi/moi']) {
        const form = await admin.get(url);
        assert.equal(form.statusCode, 200);
        assert.doesNotMatch(form.body, /thẻ HTML/);
        assert.match(form.body, /<script src="\/assets\/editor\.[^"]+\.js" defer><\/script>/);
        const fields = [...form.body.matchAll(/<textarea id="(\w+)" name="\w+" rows="\d+" data-rich-editor data-editor-label="[^"]+"/g)].map((m) => m[1]);
        assert.deepEqual(fields, url.endsWith('moi') ? ['bio_html', 'bio_en_html'] : ['body_html', 'body_en_html']);
      }
    });

    it('a biography typed as plain paragraphs without the editor is saved as paragraphs; script and onclick are stripped from HTML', async () => {
      const saved = await admin.post('/quan-tri/gioi-thieu/nguoi/moi', {
        role: 'leader',
        name: 'Lê Thị Cúc',
        job_title: 'Chủ tịch UBND phường',
        bio_html: 'Quê ở Cao Lãnh.\r\n\r\nCử nhân Luật năm 2000.\r\nThạc sĩ năm 2010.',
        bio_en_html: '<p onclick="steal()">Born in <strong>Cao Lãnh</strong>.</p><script>steal()</script><img src=x onerror="steal()">',
        sort_order: '2',
      });
      assert.equal(saved.statusCode, 303);
      const row = (await new OrganisationRepository(h.t.db, site.id).listPeople('leader')).find((p) => p.name === 'Lê Thị Cúc')!;
      assert.equal(row.bio_html, '<p>Quê ở Cao Lãnh.</p>\n<p>Cử nhân Luật năm 2000.<br />Thạc sĩ năm 2010.</p>');
      assert.equal(row.bio_en_html, '<p>Born in <strong>Cao Lãnh</strong>.</p><img src="x" />');
      const page = await admin.post('/quan-tri/gioi-thieu/trang/chuc-nang-nhiem-vu', {
        body_html:
          '<h2>Nhiệm vụ</h2><ol><li>Tham mưu</li></ol><p><a href="javascript:steal()">xem</a> <a href="/van-ban">văn bản</a></p><iframe src="//x"></iframe>',
        title_en: '',
        body_en_html: '',
        media_id: '',
      });
      assert.equal(page.statusCode, 303);
      const stored = (await new OrganisationRepository(h.t.db, site.id).findPage('chuc-nang-nhiem-vu'))!.body_html;
      assert.equal(stored, '<h2>Nhiệm vụ</h2><ol><li>Tham mưu</li></ol><p><a>xem</a> <a href="/van-ban">văn bản</a></p>');
    });

    it('an answer with a link to the document it cites and numbered steps reaches the resident; script and onclick never do', async () => {
      const questions = new QuestionRepository(h.t.db, site.id);
      const id = await questions.insert({
        site_id: site.id,
        code: 'HD-2026-SOANTHAO',
        name: 'Nguyễn Văn Dân',
        address: '1 Lê Lợi',
        phone: '',
        email: '',
        title: 'Thủ tục đăng ký khai sinh',
        content: 'Xin hỏi thủ tục.',
        consent_publish: 1,
        status: 'received',
        received_at: NOW,
        due_on: '2026-12-11',
        assigned_to: null,
        answered_at: null,
        answered_by: null,
        draft_by: null,
        draft_edited_by: null,
        answer_approved_by: null,
        created_at: NOW,
        updated_at: NOW,
      } as Parameters<QuestionRepository['insert']>[0]);
      const answer =
        '<p>Theo <a href="/van-ban/quyet-dinh-12" onclick="steal()">Quyết định 12/2026/QĐ-UBND</a>, các bước:</p><ol><li><strong>Nộp</strong> tờ khai</li><li>Nhận kết quả</li></ol><script>steal()</script>';
      assert.equal((await admin.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer, action: 'gui-duyet' })).statusCode, 303);
      const draft = (await questions.findById(id))!.draft_answer;
      assert.equal(
        draft,
        '<p>Theo <a href="/van-ban/quyet-dinh-12">Quyết định 12/2026/QĐ-UBND</a>, các bước:</p><ol><li><strong>Nộp</strong> tờ khai</li><li>Nhận kết quả</li></ol>',
      );
      assert.equal((await approver.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' })).statusCode, 303);
      await h.app.applyPageEvents();
      for (const url of [`/hoi-dap/cau-hoi/${id}`, '/hoi-dap/tra-cuu?ma=HD-2026-SOANTHAO']) {
        const shown = inside((await get(url)).body, 'qa-answer');
        assert.match(shown, /<a href="\/van-ban\/quyet-dinh-12">Quyết định 12\/2026\/QĐ-UBND<\/a>/);
        assert.match(shown, /<ol><li><strong>Nộp<\/strong> tờ khai<\/li><li>Nhận kết quả<\/li><\/ol>/);
        assert.doesNotMatch(shown, /steal/);
      }
      assert.match((await get('/hoi-dap?q=quyet+dinh')).body, /Thủ tục đăng ký khai sinh/, 'the answer is searched as words, not markup');
      assert.doesNotMatch((await get('/hoi-dap?q=strong')).body, /Thủ tục đăng ký khai sinh/, 'tags are not searched');
    });

    it('an empty editor (only empty paragraphs) is refused as an empty answer, and the draft stays as it was', async () => {
      const questions = new QuestionRepository(h.t.db, site.id);
      const id = (await questions.findByCode('HD-2026-SOANTHAO'))!.id;
      const before = await questions.findById(id);
      const res = await admin.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer: '<p></p><p> </p>', action: 'luu' });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="answer-loi"/);
      assert.deepEqual(await questions.findById(id), before);
    });

    it('an answer stored as plain text before the editor shows as paragraphs, its markup-like text escaped', async () => {
      const questions = new QuestionRepository(h.t.db, site.id);
      const id = (await questions.findByCode('HD-2026-SOANTHAO'))!.id;
      await questions.update(id, { answer: 'Bước 1: nộp hồ sơ.\nBước 2: chờ 3 ngày.\n\nPhí < 50.000đ & miễn cho hộ nghèo.' });
      await h.app.applyPageEvents();
      const shown = inside((await get('/hoi-dap/tra-cuu?ma=HD-2026-SOANTHAO')).body, 'qa-answer');
      assert.match(shown, /<p>Bước 1: nộp hồ sơ\.<br \/>Bước 2: chờ 3 ngày\.<\/p>\s*<p>Phí &lt; 50\.000đ &amp; miễn cho hộ nghèo\.<\/p>/);
      const form = await admin.get(`/quan-tri/hoi-dap/${id}`);
      assert.match(form.body, /<textarea id="answer" name="answer" rows="10" data-rich-editor/);
    });
  });
}
