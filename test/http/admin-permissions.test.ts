import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role, SiteRow } from '../../src/db/schema.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { parseArticleForm, saveArticle } from '../../src/services/articles/article-editor.ts';
import { transitionArticle } from '../support/review.ts';
import { type Agent, postLogin, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

type Who = Role | 'platform';
const WHO: Who[] = ['contributor', 'editor', 'approver', 'site_admin', 'platform'];
/** Those who hold article.view_all: everyone but the contributor. */
const SEES_ALL: Who[] = ['editor', 'approver', 'site_admin', 'platform'];

/** An admin action, done over HTTP on an article that the setup prepares fresh for each try. */
interface Action {
  name: string;
  allowed: Who[];
  prepare?: 'draft' | 'submitted';
  /** What another site's admin gets, when not 404: a form checked against their own site first is refused as invalid. */
  outsider?: number;
  run(a: Agent, articleId: number): Promise<{ statusCode: number }>;
}

const ACTIONS: Action[] = [
  { name: 'xem danh sách bài', allowed: WHO, run: (a) => a.get('/quan-tri/bai-viet') },
  { name: 'viết bài mới', allowed: WHO, run: (a) => a.post('/quan-tri/bai-viet', { title: 'Bài mới', body_html: '<p>x</p>', category_id: '1' }) },
  {
    name: 'sửa bản nháp của người khác',
    allowed: ['editor', 'approver', 'site_admin', 'platform'],
    prepare: 'draft',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}`, { title: 'Sửa', body_html: '<p>y</p>', category_id: '1' }),
  },
  {
    name: 'trả lại bài chờ duyệt',
    allowed: ['editor', 'approver', 'site_admin', 'platform'],
    prepare: 'submitted',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/thao-tac`, { action: 'return', comment: 'Cần sửa' }),
  },
  {
    name: 'duyệt và xuất bản',
    allowed: ['approver', 'site_admin', 'platform'],
    prepare: 'submitted',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/thao-tac`, { action: 'publish' }),
  },
  {
    name: 'xuất bản không qua duyệt',
    allowed: ['approver', 'site_admin', 'platform'],
    prepare: 'draft',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/thao-tac`, { action: 'force_publish', reason: 'Thông báo khẩn cấp về bão' }),
  },
  {
    name: 'chuyển bài vào thùng rác',
    allowed: ['approver', 'site_admin', 'platform'],
    prepare: 'submitted',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/thao-tac`, { action: 'trash' }),
  },
  // Another author's drafts are seen by those with article.view_all only (issue 18, item 5).
  { name: 'xem bản nháp của người khác', allowed: SEES_ALL, prepare: 'draft', run: (a, id) => a.get(`/quan-tri/bai-viet/${id}`) },
  { name: 'xem lịch sử phiên bản', allowed: SEES_ALL, prepare: 'draft', run: (a, id) => a.get(`/quan-tri/bai-viet/${id}/phien-ban`) },
  { name: 'xem trước bản nháp của người khác', allowed: SEES_ALL, prepare: 'draft', run: (a, id) => a.get(`/quan-tri/bai-viet/${id}/xem-truoc`) },
  {
    name: 'tạo liên kết xem trước bản nháp của người khác',
    allowed: SEES_ALL,
    prepare: 'draft',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/chia-se-xem-truoc`, {}),
  },
  {
    name: 'gửi duyệt bản nháp của người khác',
    allowed: ['editor', 'approver', 'site_admin', 'platform'],
    prepare: 'draft',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/thao-tac`, { action: 'submit' }),
  },
  {
    name: 'tự động lưu bản nháp của người khác',
    allowed: ['editor', 'approver', 'site_admin', 'platform'],
    prepare: 'draft',
    outsider: 400,
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/tu-dong-luu`, { title: 'Tự lưu', body_html: '<p>z</p>', category_id: '1' }),
  },
  {
    name: 'khôi phục phiên bản bản nháp của người khác',
    allowed: ['editor', 'approver', 'site_admin', 'platform'],
    prepare: 'draft',
    run: (a, id) => a.post(`/quan-tri/bai-viet/${id}/phien-ban/1/khoi-phuc`, {}),
  },
  { name: 'xem thùng rác', allowed: ['approver', 'site_admin', 'platform'], run: (a) => a.get('/quan-tri/thung-rac') },
  { name: 'quản lý người dùng', allowed: ['site_admin', 'platform'], run: (a) => a.get('/quan-tri/nguoi-dung') },
  { name: 'xem nhật ký', allowed: ['site_admin', 'platform'], run: (a) => a.get('/quan-tri/nhat-ky') },
  { name: 'xuất nhật ký CSV', allowed: ['site_admin', 'platform'], run: (a) => a.get('/quan-tri/nhat-ky.csv') },
  { name: 'đổi cài đặt cổng', allowed: ['site_admin', 'platform'], run: (a) => a.post('/quan-tri/cai-dat', { address: 'Mới' }) },
  { name: 'quản trị hệ thống', allowed: ['platform'], run: (a) => a.get('/quan-tri/he-thong') },
  { name: 'xem trang quản trị Giới thiệu', allowed: ['editor', 'approver', 'site_admin', 'platform'], run: (a) => a.get('/quan-tri/gioi-thieu') },
  {
    name: 'lưu bản nháp trang giới thiệu',
    allowed: ['editor', 'approver', 'site_admin', 'platform'],
    run: (a) => a.post('/quan-tri/gioi-thieu/trang/di-tich', { body_html: '<p>Đình làng</p>' }),
  },
];

const isAllowed = (status: number) => status >= 200 && status < 400;

for (const dialect of DIALECTS) {
  describe(`permission matrix [${dialect}]`, () => {
    let h: TestApp;
    let home: SiteRow;
    let writer: Actor;
    const agents = new Map<Who, Agent>();
    let outsider: Agent;

    async function prepared(state: 'draft' | 'submitted' | undefined): Promise<number> {
      if (!state) return 0;
      const form = parseArticleForm({ title: 'Bài của phóng viên', body_html: '<p>Nội dung</p>', category_id: '1' });
      const { id } = await saveArticle(h.t.db, writer, null, form);
      if (state === 'submitted') await transitionArticle(h.t.db, writer, id, 'submit');
      return id;
    }

    before(async () => {
      h = await openTestApp(dialect);
      home = await buildSite(h.t.db, { hosts: ['nha.test'] });
      const away = await buildSite(h.t.db, { hosts: ['xa-khac.test'] });
      writer = (await buildUser(h.t.db, home, 'contributor')).actor;
      for (const who of WHO) {
        const { user } = who === 'platform' ? await buildUser(h.t.db, home, null, { isPlatformAdmin: true }) : await buildUser(h.t.db, home, who);
        agents.set(who, await signInAs(h.app, 'nha.test', user.email));
      }
      const { user } = await buildUser(h.t.db, away, 'site_admin');
      outsider = await signInAs(h.app, 'xa-khac.test', user.email);
    });
    after(() => h.close());

    for (const action of ACTIONS) {
      for (const who of WHO) {
        const expected = action.allowed.includes(who);
        it(`${who} ${expected ? 'được' : 'không được'} ${action.name} trên cổng của mình`, async () => {
          const id = await prepared(action.prepare);
          const res = await action.run(agents.get(who)!, id);
          assert.equal(isAllowed(res.statusCode), expected, `HTTP ${res.statusCode}`);
          if (!expected) assert.equal(res.statusCode, 403, 'a refusal for lack of permission is 403');
        });
      }
      if (action.prepare) {
        it(`quản trị cổng khác không thể ${action.name} trên cổng này`, async () => {
          const id = await prepared(action.prepare);
          const res = await action.run(outsider, id);
          assert.equal(res.statusCode, action.outsider ?? 404);
        });
      }
    }

    it('an account of one site cannot sign in on another site', async () => {
      const { user } = await buildUser(h.t.db, home, 'site_admin');
      const res = await postLogin(h.app, 'xa-khac.test', user.email, 'mat-khau-du-dai');
      assert.equal(res.statusCode, 401);
    });

    it("a contributor's lists and dashboard show their own articles only, never another author's drafts", async () => {
      const id = await prepared('submitted');
      const title = `Bài của phóng viên khác ${id}`;
      await h.t.db.updateTable('articles').set({ title }).where('id', '=', id).execute();
      const contributor = agents.get('contributor')!;
      for (const url of ['/quan-tri/bai-viet', '/quan-tri/bai-viet?trang-thai=submitted', '/quan-tri']) {
        const page = await contributor.get(url);
        assert.equal(page.statusCode, 200, url);
        assert.ok(!page.body.includes(title), `${url} shows another author's article`);
      }
      for (const url of ['/quan-tri/bai-viet?trang-thai=submitted', '/quan-tri']) {
        assert.ok((await agents.get('editor')!.get(url)).body.includes(title), `an editor sees it on ${url}`);
      }
      const own = await contributor.post('/quan-tri/bai-viet', { title: 'Bài của chính tôi', body_html: '<p>x</p>', category_id: '1' });
      assert.equal(own.statusCode, 303);
      assert.ok((await contributor.get('/quan-tri/bai-viet')).body.includes('Bài của chính tôi'), 'their own article is listed');
    });

    it("an outsider's lists show nothing of this site", async () => {
      await prepared('submitted');
      const page = await outsider.get('/quan-tri/bai-viet');
      assert.doesNotMatch(page.body, /Bài của phóng viên/);
    });
  });
}
