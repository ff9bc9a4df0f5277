import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { DocumentRepository } from '../../src/repositories/document-repository.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { parseDocumentForm, saveDocument } from '../../src/services/documents/document-editor.ts';
import { publishDocument, submitDocument } from '../support/review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

let keyCounter = 0;

async function buildPdf(h: TestApp, site: SiteRow, name: string): Promise<number> {
  keyCounter += 1;
  return new MediaRepository(h.t.db, site.id).insert({
    kind: 'file',
    storage_key: `${String(keyCounter).padStart(24, 'a')}.pdf`,
    original_name: name,
    mime_type: 'application/pdf',
    byte_size: 1_258_291,
    width: null,
    height: null,
    alt: '',
    caption: '',
    uploaded_by: null,
    deleted_at: null,
    created_at: new Date().toISOString(),
  });
}

const baseForm = {
  doc_type: 'quyet-dinh',
  number_symbol: '12/QĐ-UBND',
  issuing_body: 'Ủy ban nhân dân xã',
  signer: 'Lê Thị Bình',
  issued_on: '05/03/2024',
  effective_on: '05/03/2024',
  summary: 'Về việc thành lập Tổ công tác chuyển đổi số cộng đồng',
  field: 'Chuyển đổi số',
};

for (const dialect of DIALECTS) {
  describe(`Văn bản pages [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    let other: SiteRow;
    let leader: Actor;
    let contributor: Actor;
    let leaderEmail: string;
    let secondLeaderEmail: string;
    let contributorEmail: string;
    let pdf: number;
    let decision: number;
    let plan: number;
    let foreign: number;
    const host = 'van-ban.test';
    const otherHost = 'khac.test';

    /** A writer saves and submits a document; an approver who did not write it publishes it. */
    const publish = async (approver: Actor, fileId: number, overrides: Record<string, string>, writer = contributor) => {
      const { id } = await saveDocument(h.t.db, writer, null, parseDocumentForm({ ...baseForm, media_ids: [String(fileId)], ...overrides }));
      await submitDocument(h.t.db, writer, id);
      await publishDocument(h.t.db, approver, id);
      return id;
    };
    const idFrom = (location: unknown) => Number(/\/quan-tri\/van-ban\/(\d+)/.exec(String(location))![1]);
    const statusOf = async (id: number) => (await new DocumentRepository(h.t.db, site.id).findById(id))!.status;

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
      other = await buildSite(h.t.db, { hosts: [otherHost] });
      const l = await buildUser(h.t.db, site, 'approver');
      leader = l.actor;
      leaderEmail = l.user.email;
      const c = await buildUser(h.t.db, site, 'contributor');
      contributor = c.actor;
      contributorEmail = c.user.email;
      secondLeaderEmail = (await buildUser(h.t.db, site, 'approver')).user.email;
      pdf = await buildPdf(h, site, 'quyet-dinh-12.pdf');
      decision = await publish(leader, pdf, {});
      plan = await publish(leader, pdf, {
        doc_type: 'ke-hoach',
        number_symbol: '30/KH-UBND',
        issued_on: '10/06/2024',
        effective_on: '10/06/2024',
        signer: 'Trần Văn Đông',
        field: 'Y tế',
        summary: 'Kế hoạch tiêm chủng mở rộng',
      });
      const otherLeader = (await buildUser(h.t.db, other, 'approver')).actor;
      const otherWriter = (await buildUser(h.t.db, other, 'contributor')).actor;
      foreign = await publish(otherLeader, await buildPdf(h, other, 'khac.pdf'), { number_symbol: '99/QĐ-UBND', summary: 'Văn bản của xã khác' }, otherWriter);
    });
    after(() => h.close());

    const get = (url: string, on = host) => h.app.inject({ url, headers: { host: on } });

    it('the list shows published documents and filters by every field', async () => {
      const all = await get('/van-ban');
      assert.equal(all.statusCode, 200);
      assert.match(all.body, /12\/QĐ-UBND/);
      assert.match(all.body, /30\/KH-UBND/);
      assert.doesNotMatch(all.body, /xã khác/);
      const cases: Array<[string, number]> = [
        ['loai=ke-hoach', plan],
        [`nguoi_ky=${encodeURIComponent('Trần Văn Đông')}`, plan],
        [`linh_vuc=${encodeURIComponent('Chuyển đổi số')}`, decision],
        [`so=${encodeURIComponent('12 qd ubnd')}`, decision],
        [`q=${encodeURIComponent('tiem chung')}`, plan],
        ['tu=01/06/2024&den=30/06/2024', plan],
      ];
      for (const [query, id] of cases) {
        const res = await get(`/van-ban?${query}`);
        assert.equal(res.statusCode, 200, query);
        const links = [...res.body.matchAll(/href="\/van-ban\/(\d+)-/g)].map((m) => Number(m[1]));
        assert.deepEqual(links, [id], query);
      }
      const sorted = await get('/van-ban?sap_xep=ngay-ban-hanh&thu_tu=tang');
      const order = [...sorted.body.matchAll(/href="\/van-ban\/(\d+)-/g)].map((m) => Number(m[1]));
      assert.deepEqual(order, [decision, plan]);
    });

    it('a mistyped date is shown beside its field, not an error page', async () => {
      const res = await get('/van-ban?tu=31/02/2024');
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /id="tu-loi"/);
      assert.match(res.body, /value="31\/02\/2024"/);
    });

    it('pagination links keep the filters', async () => {
      const pdf2 = await buildPdf(h, site, 'ds.pdf');
      for (let i = 1; i <= 21; i++) await publish(leader, pdf2, { number_symbol: `${100 + i}/TB-UBND`, doc_type: 'thong-bao', summary: `Thông báo số ${i}` });
      const res = await get('/van-ban?loai=thong-bao&sap_xep=so');
      assert.equal([...res.body.matchAll(/<tr>/g)].length - 1, 20);
      assert.match(res.body, /href="\/van-ban\?loai=thong-bao&amp;sap_xep=so&amp;trang=2"/);
      const second = await get('/van-ban?loai=thong-bao&sap_xep=so&trang=2');
      assert.equal([...second.body.matchAll(/href="\/van-ban\/\d+-/g)].length, 1);
    });

    it('the detail page shows every field, dates dd/mm/yyyy, and its files with type and size', async () => {
      const list = await get('/van-ban?loai=quyet-dinh');
      const path = /href="(\/van-ban\/\d+-[a-z0-9-]+)"/.exec(list.body)![1]!;
      assert.equal(path, `/van-ban/${decision}-quyet-dinh-12-qd-ubnd`);
      const res = await get(path);
      assert.equal(res.statusCode, 200);
      for (const text of [
        '<dt>Số, ký hiệu</dt><dd>12/QĐ-UBND</dd>',
        '<dt>Người ký</dt><dd>Lê Thị Bình</dd>',
        '05/03/2024',
        'Chuyển đổi số',
        'quyet-dinh-12.pdf',
        '(PDF, 1,2 MB)',
      ]) {
        assert.ok(res.body.includes(text), text);
      }
      assert.match(res.body, /href="\/media\/[a-z0-9]+\.pdf"/);
      const short = await get(`/van-ban/${decision}`);
      assert.equal(short.statusCode, 301);
      assert.equal(short.headers.location, path);
    });

    it('another site\u2019s document is a 404, and so is a draft', async () => {
      assert.equal((await get(`/van-ban/${foreign}-quyet-dinh-99-qd-ubnd`)).statusCode, 404);
      assert.equal((await get(`/van-ban/${foreign}-quyet-dinh-99-qd-ubnd`, otherHost)).statusCode, 200);
      const { id } = await saveDocument(h.t.db, leader, null, parseDocumentForm({ ...baseForm, number_symbol: '77/QĐ-UBND' }));
      assert.equal((await get(`/van-ban/${id}`)).statusCode, 404);
    });

    it('admin create with errors keeps the input and shows each error beside its field; nothing is stored', async () => {
      const admin = await signInAs(h.app, host, leaderEmail);
      const before = await new DocumentRepository(h.t.db, site.id).count();
      const res = await admin.post('/quan-tri/van-ban', {
        ...baseForm,
        number_symbol: 'QĐ 12',
        summary: 'Về việc giữ nguyên nội dung đã gõ',
        issued_on: '32/01/2024',
        media_ids: String(pdf),
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="number_symbol-loi"/);
      assert.match(res.body, /id="issued_on-loi"/);
      assert.match(res.body, /value="QĐ 12"/);
      assert.match(res.body, /Về việc giữ nguyên nội dung đã gõ/);
      assert.match(res.body, new RegExp(`value="${pdf}" checked`));
      const duplicate = await admin.post('/quan-tri/van-ban', { ...baseForm, number_symbol: '12/qđ-ubnd' });
      assert.equal(duplicate.statusCode, 400);
      assert.match(duplicate.body, /id="number_symbol-loi"/);
      assert.equal(await new DocumentRepository(h.t.db, site.id).count(), before);
    });

    it('a writer creates with a file and submits; an approver publishes and unpublishes, every step audited', async () => {
      const writer = await signInAs(h.app, host, contributorEmail);
      const admin = await signInAs(h.app, host, leaderEmail);
      const created = await writer.post('/quan-tri/van-ban', { ...baseForm, number_symbol: '45/QĐ-UBND', media_ids: String(pdf) });
      assert.equal(created.statusCode, 303);
      const id = idFrom(created.headers.location);
      const edit = await writer.get(`/quan-tri/van-ban/${id}`);
      assert.match(edit.body, new RegExp(`value="${pdf}" checked`));
      assert.equal((await writer.post(`/quan-tri/van-ban/${id}/gui-duyet`, {})).statusCode, 303);
      assert.equal((await get(`/van-ban/${id}`)).statusCode, 404);
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/cong-bo`, {})).statusCode, 303);
      assert.equal((await get(`/van-ban/${id}`)).statusCode, 301);
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/go`, {})).statusCode, 303);
      assert.equal((await get(`/van-ban/${id}`)).statusCode, 404);
      const trail = await new AuditRepository(h.t.db).forTarget(site.id, 'document', id);
      assert.deepEqual(
        trail.map((e) => e.action),
        ['document.created', 'document.submitted', 'document.published', 'document.unpublished'],
      );
      const list = await admin.get('/quan-tri/van-ban');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /45\/QĐ-UBND/);
    });

    it('a contributor can write a document but cannot publish it', async () => {
      const writer = await signInAs(h.app, host, contributorEmail);
      const created = await writer.post('/quan-tri/van-ban', { ...baseForm, number_symbol: '46/QĐ-UBND', media_ids: String(pdf) });
      assert.equal(created.statusCode, 303);
      const id = Number(/\/quan-tri\/van-ban\/(\d+)/.exec(String(created.headers.location))![1]);
      const form = await writer.get(`/quan-tri/van-ban/${id}`);
      assert.doesNotMatch(form.body, /cong-bo/);
      const refused = await writer.post(`/quan-tri/van-ban/${id}/cong-bo`, {});
      assert.equal(refused.statusCode, 403);
      assert.equal(await statusOf(id), 'draft');
      assert.equal((await writer.post(`/quan-tri/van-ban/${id}/gui-duyet`, {})).statusCode, 303);
      for (const action of ['cong-bo', 'tra-lai', 'go']) {
        assert.equal((await writer.post(`/quan-tri/van-ban/${id}/${action}`, { comment: 'Người viết tự trả lại' })).statusCode, 403, action);
      }
      assert.equal(await statusOf(id), 'submitted');
    });

    it('submit, return and publish need the form’s CSRF token', async () => {
      const writer = await signInAs(h.app, host, contributorEmail);
      const admin = await signInAs(h.app, host, leaderEmail);
      const id = idFrom((await writer.post('/quan-tri/van-ban', { ...baseForm, number_symbol: '47/QĐ-UBND', media_ids: String(pdf) })).headers.location);
      for (const csrf of [null, 'sai-ma']) {
        assert.equal((await writer.post(`/quan-tri/van-ban/${id}/gui-duyet`, {}, { csrf })).statusCode, 403);
      }
      assert.equal(await statusOf(id), 'draft');
      await writer.post(`/quan-tri/van-ban/${id}/gui-duyet`, {});
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/tra-lai`, { comment: 'Thiếu chữ ký' }, { csrf: null })).statusCode, 403);
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/cong-bo`, {}, { csrf: 'sai-ma' })).statusCode, 403);
      assert.equal(await statusOf(id), 'submitted');
    });

    it('an approver returns with a comment the writer sees; without one the form says so beside the field and nothing changes', async () => {
      const writer = await signInAs(h.app, host, contributorEmail);
      const admin = await signInAs(h.app, host, leaderEmail);
      const id = idFrom((await writer.post('/quan-tri/van-ban', { ...baseForm, number_symbol: '48/QĐ-UBND', media_ids: String(pdf) })).headers.location);
      await writer.post(`/quan-tri/van-ban/${id}/gui-duyet`, {});
      const queue = await admin.get('/quan-tri/van-ban?trang-thai=submitted');
      assert.match(queue.body, new RegExp(`href="/quan-tri/van-ban/${id}">Quyết định 48/QĐ-UBND`));
      assert.match(queue.body, /aria-current="page">Chờ duyệt \(\d+\)/);
      const dashboard = await admin.get('/quan-tri');
      assert.match(dashboard.body, /Văn bản, lịch và trang giới thiệu chờ duyệt/);
      assert.match(dashboard.body, new RegExp(`href="/quan-tri/van-ban/${id}">Quyết định 48/QĐ-UBND`));
      assert.doesNotMatch((await writer.get('/quan-tri')).body, /Văn bản, lịch và trang giới thiệu chờ duyệt/);

      const blank = await admin.post(`/quan-tri/van-ban/${id}/tra-lai`, { comment: '  ' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /id="comment-loi"/);
      assert.match(blank.body, /hãy ghi nhận xét khi trả lại/);
      assert.equal(await statusOf(id), 'submitted');
      const returned = await admin.post(`/quan-tri/van-ban/${id}/tra-lai`, { comment: 'Ngày hiệu lực chưa đúng' });
      assert.equal(returned.statusCode, 303);
      assert.equal(await statusOf(id), 'returned');
      const seen = await writer.get(`/quan-tri/van-ban/${id}`);
      assert.match(seen.body, /Nhận xét khi trả lại:<\/strong> Ngày hiệu lực chưa đúng/);
      assert.match(seen.body, /gui-duyet/);
      // The writer fixes it and sends it again; the other approver publishes.
      assert.equal(
        (await writer.post(`/quan-tri/van-ban/${id}`, { ...baseForm, number_symbol: '48/QĐ-UBND', effective_on: '06/03/2024', media_ids: String(pdf) }))
          .statusCode,
        303,
      );
      await writer.post(`/quan-tri/van-ban/${id}/gui-duyet`, {});
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/cong-bo`, {})).statusCode, 303);
      assert.equal(await statusOf(id), 'published');
      const history = await admin.get(`/quan-tri/van-ban/${id}/phien-ban`);
      assert.equal(history.statusCode, 200);
      assert.match(history.body, /<h3>Ngày có hiệu lực<\/h3><div class="diff-text"><del>05\/03\/2024<\/del><ins>06\/03\/2024<\/ins>/);
    });

    it('an approver cannot publish or return what they wrote; the page says to ask another approver', async () => {
      const admin = await signInAs(h.app, host, leaderEmail);
      const id = idFrom((await admin.post('/quan-tri/van-ban', { ...baseForm, number_symbol: '49/QĐ-UBND', media_ids: String(pdf) })).headers.location);
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/gui-duyet`, {})).statusCode, 303);
      const page = await admin.get(`/quan-tri/van-ban/${id}`);
      assert.doesNotMatch(page.body, /action="\/quan-tri\/van-ban\/\d+\/cong-bo"/);
      assert.match(page.body, /không thể tự duyệt hay trả lại/);
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/cong-bo`, {})).statusCode, 403);
      assert.equal((await admin.post(`/quan-tri/van-ban/${id}/tra-lai`, { comment: 'Tự trả lại' })).statusCode, 403);
      assert.equal(await statusOf(id), 'submitted');
      const other = await signInAs(h.app, host, secondLeaderEmail);
      assert.equal((await other.post(`/quan-tri/van-ban/${id}/cong-bo`, {})).statusCode, 303);
      assert.equal(await statusOf(id), 'published');
    });

    it('public pages are cached, and publishing or unpublishing a document drops them', async () => {
      const cached = (url: string) => Boolean(h.app.pageCache.get(`http://${host}${url}`));
      const detail = `/van-ban/${plan}-ke-hoach-30-kh-ubnd`;
      // Changes made by earlier tests are applied first, so only this test's changes count.
      await h.app.applyPageEvents();
      for (const url of ['/van-ban', detail]) await get(url);
      assert.ok(cached('/van-ban') && cached(detail));
      const { id } = await saveDocument(
        h.t.db,
        contributor,
        null,
        parseDocumentForm({ ...baseForm, number_symbol: '88/QĐ-UBND', summary: 'Về việc công bố danh mục thủ tục hành chính', media_ids: [String(pdf)] }),
      );
      await submitDocument(h.t.db, contributor, id);
      await h.app.applyPageEvents();
      assert.ok(cached('/van-ban'), 'a draft, even one waiting for review, changes no public page');
      await publishDocument(h.t.db, leader, id);
      await h.app.applyPageEvents();
      assert.ok(!cached('/van-ban') && !cached(detail));
      assert.match((await get('/van-ban')).body, /danh mục thủ tục hành chính/);
    });

    it('an admin of another site cannot open this site\u2019s document', async () => {
      const otherAdmin = (await buildUser(h.t.db, other, 'approver')).user.email;
      const admin = await signInAs(h.app, otherHost, otherAdmin);
      assert.equal((await admin.get(`/quan-tri/van-ban/${decision}`)).statusCode, 404);
    });
  });
}
