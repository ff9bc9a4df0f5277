import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ItemReviewRepository } from '../../src/repositories/item-review-repository.ts';
import { PortalRepository } from '../../src/repositories/portal-repository.ts';
import { provinceChecklist, provinceChecklistCsv, siteChecklist } from '../../src/services/conformance/checklist.ts';
import { CONFORMANCE_CHECKS } from '../../src/services/conformance/registry.ts';
import { seedDemo } from '../../src/services/demo/seed-demo.ts';
import { readOrganisation, saveOrganisationPage } from '../../src/services/organisation/organisation-service.ts';
import { PAGE_KINDS } from '../../src/services/organisation/page-kinds.ts';
import { submitQuestion } from '../../src/services/questions/question-service.ts';
import { DIALECTS, type TestDatabase, openRecordingSqlite, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { reviewOrganisationPage } from '../support/review.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

/** The checks a site meets by having done nothing wrong: no question overdue, no downtime announced late. */
const TIMELINESS = ['hoi-dap', 'tam-dung', 'lay-y-kien'];

const statusOf = async (t: TestDatabase, site: Parameters<typeof siteChecklist>[1], key: string, now?: Date) =>
  (await siteChecklist(t.db, site, now)).items.find((i) => i.key === key)!;

const question = {
  name: 'Nguyễn Văn An',
  address: '12 Lê Lợi',
  phone: '0912 345 678',
  email: '',
  title: 'Đèn đường hỏng',
  content: 'Đèn hẻm 5 hỏng.',
  consent: '1',
};

for (const dialect of DIALECTS) {
  describe(`conformance checklist [${dialect}]`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await openTestDatabase(dialect);
    });
    after(() => t.close());

    it('a new site starts with every written requirement missing, each with a reason and a screen to fix it', async () => {
      const site = await buildSite(t.db, { address: '', phone: '', email: '', responsiblePerson: '' });
      const row = await siteChecklist(t.db, site);
      assert.deepEqual(
        row.items.map((i) => i.key),
        CONFORMANCE_CHECKS.map((c) => c.key),
      );
      for (const item of row.items) {
        assert.equal(item.status, TIMELINESS.includes(item.key) ? 'ok' : 'missing', item.key);
        assert.match(item.fixUrl, /^\/quan-tri\//);
        assert.ok(item.detail.length > 0);
      }
      assert.equal(row.counts.missing, CONFORMANCE_CHECKS.length - TIMELINESS.length);
    });

    it('a new site has every Giới thiệu page as a draft outline that the public does not see', async () => {
      const site = await buildSite(t.db);
      const reviews = new ItemReviewRepository(t.db, site.id);
      for (const kind of PAGE_KINDS) {
        const review = await reviews.find('organisation_page', kind.slug);
        assert.equal(review?.status, 'draft', kind.slug);
        assert.equal(review?.published_revision, null);
      }
      assert.equal((await readOrganisation(t.db, site.id)).pages.size, 0, 'nothing public before an approver publishes');
    });

    it('the demo site meets every requirement', async () => {
      const empty = await openTestDatabase(dialect);
      const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
      try {
        const site = await seedDemo(empty.db, new LocalStorage(mediaDir));
        assert.ok(site);
        const row = await siteChecklist(empty.db, site);
        assert.deepEqual(
          row.items.filter((i) => i.status !== 'ok').map((i) => `${i.key}: ${i.detail}`),
          [],
        );
        assert.equal(row.counts.ok, CONFORMANCE_CHECKS.length);
      } finally {
        await empty.close();
        fs.rmSync(mediaDir, { recursive: true, force: true });
      }
    });

    it('a page written but not yet published stays missing; publishing it counts', async () => {
      const site = await buildSite(t.db);
      const editor = (await buildUser(t.db, site, 'editor')).actor;
      const approver = (await buildUser(t.db, site, 'approver')).actor;
      for (const kind of PAGE_KINDS.filter((k) => k.extra === 'none' || k.extra === 'image')) {
        await saveOrganisationPage(t.db, editor, kind.slug, { body_html: `<h2>Đề mục</h2><p>Nội dung ${kind.title}</p>` });
      }
      assert.equal((await statusOf(t, site, 'gioi-thieu')).status, 'missing');
      for (const kind of PAGE_KINDS.filter((k) => k.extra === 'none' || k.extra === 'image')) {
        await reviewOrganisationPage(t.db, editor, kind.slug, 'submit');
        await reviewOrganisationPage(t.db, approver, kind.slug, 'publish');
      }
      const item = await statusOf(t, site, 'gioi-thieu');
      assert.equal(item.status, 'missing', 'the leaders and focal pages have nobody yet');
      assert.match(item.detail, /Lãnh đạo/);
      assert.doesNotMatch(item.detail, /Di tích/);
      assert.equal(item.fixUrl, '/quan-tri/gioi-thieu/trang/lanh-dao');
    });

    it('a question past its 15 working days unanswered makes the site late', async () => {
      const site = await buildSite(t.db);
      const asked = new Date('2026-03-02T03:00:00Z');
      await submitQuestion(t.db, site.id, question, { ip: '203.0.113.9', now: asked });
      assert.equal((await statusOf(t, site, 'hoi-dap', new Date('2026-03-10T03:00:00Z'))).status, 'ok', 'not yet due');
      const overdue = await statusOf(t, site, 'hoi-dap', new Date('2026-04-20T03:00:00Z'));
      assert.equal(overdue.status, 'late');
      assert.equal(overdue.fixUrl, '/quan-tri/hoi-dap?qua_han=1');
    });

    it('a downtime announced fewer than 7 working days ahead makes the site late', async () => {
      const site = await buildSite(t.db);
      const stamp = '2026-11-30T02:00:00.000Z';
      // The form refuses such a notice; one written before the rule existed, or by hand, is what this check catches.
      await new PortalRepository(t.db, site.id).insertNotice({
        starts_at: '2026-12-02T15:00:00.000Z',
        ends_at: '2026-12-02T20:00:00.000Z',
        message: 'Bảo trì',
        created_at: stamp,
        updated_at: stamp,
      });
      assert.equal((await statusOf(t, site, 'tam-dung', new Date('2026-12-07T02:00:00Z'))).status, 'late');
    });

    it('the province table has one row a site of that province, and its CSV starts with a BOM', async () => {
      const other = await buildSite(t.db, { province: 'An Giang', name: 'Xã Khác Tỉnh' });
      const table = await provinceChecklist(t.db, 'An Giang');
      assert.deepEqual(
        table.rows.map((r) => r.site.id),
        [other.id],
      );
      assert.ok(table.provinces.includes('Đồng Tháp') && table.provinces.includes('An Giang'));
      const csv = provinceChecklistCsv(table);
      assert.ok(csv.startsWith('\uFEFFCổng,Tỉnh,'));
      const lines = csv.trim().split('\r\n');
      assert.equal(lines.length, 2);
      assert.match(lines[1]!, /^Xã Khác Tỉnh,An Giang,Đạt,Thiếu,/);
    });
  });
}

describe('conformance checklist queries', () => {
  it('the province table costs the same number of queries for two sites as for six', async () => {
    const { handle, queries } = await openRecordingSqlite();
    try {
      const countFor = async (province: string, sites: number) => {
        for (let i = 0; i < sites; i++) await buildSite(handle.db, { province });
        queries.length = 0;
        const table = await provinceChecklist(handle.db, province);
        assert.equal(table.rows.length, sites);
        return queries.length;
      };
      assert.equal(await countFor('Tỉnh Hai', 2), await countFor('Tỉnh Sáu', 6));
    } finally {
      await handle.close();
    }
  });
});
