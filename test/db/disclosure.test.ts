import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { DisclosureRepository } from '../../src/repositories/disclosure-repository.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { attachDisclosureUpload, parseDisclosureForm, saveDisclosure } from '../../src/services/disclosure/disclosure-editor.ts';
import {
  CONTRIBUTIONS_KEY,
  LAW_ITEMS,
  addDisclosureItem,
  listDisclosureItems,
  moveDisclosureItem,
  renameDisclosureItem,
  setDisclosureItemHidden,
} from '../../src/services/disclosure/disclosure-items.ts';
import { hasCurrentDisclosure, readDisclosureEntry, readDisclosureIndex } from '../../src/services/disclosure/disclosure-reader.ts';
import { disclosureReview } from '../../src/services/disclosure/disclosure-review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { transition } from '../../src/services/review/engine.ts';
import { search } from '../../src/services/search/search-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { buildCampaign, confirmedReceipt, reliefStaff } from '../support/relief-factories.ts';
import { LocalStorage } from '../../src/services/storage/local-storage.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

/** A tiny but real PDF, as a scanner would give it. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

for (const dialect of DIALECTS) {
  describe(`Công khai (public disclosure) [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let otherSite: SiteRow;
    let editor: Actor;
    let approver: Actor;
    let admin: Actor;
    let mediaDir: string;

    const itemId = async (key: string, s = site) => (await listDisclosureItems(t.db, s.id)).find((i) => i.builtin_key === key)!.id;
    const form = async (overrides: Record<string, unknown> = {}) =>
      parseDisclosureForm({
        item_id: String(await itemId('budget')),
        title: 'Công khai dự toán ngân sách xã năm 2026',
        period: 'Năm 2026',
        year: '2026',
        body_html: '<p>Tổng thu ngân sách xã: 12.500.000.000đ.</p><script>alert(1)</script>',
        starts_on: '01/01/2026',
        ends_on: '31/12/2026',
        ...overrides,
      });
    /** An editor writes and submits an entry, and an approver who did not write it publishes it. */
    const published = async (overrides: Record<string, unknown> = {}) => {
      const { id } = await saveDisclosure(t.db, editor, null, await form(overrides));
      await transition(t.db, editor, disclosureReview, id, 'submit');
      await transition(t.db, approver, disclosureReview, id, 'publish');
      return id;
    };

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      otherSite = await buildSite(t.db);
      editor = (await buildUser(t.db, site, 'editor')).actor;
      approver = (await buildUser(t.db, site, 'approver')).actor;
      admin = (await buildUser(t.db, site, 'site_admin')).actor;
      mediaDir = await mkdtemp(path.join(tmpdir(), 'xp-disclosure-'));
    });
    after(async () => {
      await t.close();
      await rm(mediaDir, { recursive: true, force: true });
    });

    it('every new site starts with the law’s items, in order, each its own', async () => {
      for (const s of [site, otherSite]) {
        const items = await listDisclosureItems(t.db, s.id);
        assert.deepEqual(
          items.map((i) => i.builtin_key),
          LAW_ITEMS.map((i) => i.key),
        );
        assert.ok(items.every((i) => i.site_id === s.id && i.hidden === 0));
      }
    });

    it('a site admin adds, renames, reorders and hides items without touching another site', async () => {
      await addDisclosureItem(t.db, admin, { name: 'Công khai kết quả xây dựng nông thôn mới' });
      await assert.rejects(addDisclosureItem(t.db, admin, { name: 'thủ tục hành chính' }), isCode('validation_failed', 'name'));
      await assert.rejects(addDisclosureItem(t.db, admin, { name: '   ' }), isCode('validation_failed', 'name'));
      let items = await listDisclosureItems(t.db, site.id);
      const added = items.at(-1)!;
      assert.equal(added.slug, 'cong-khai-ket-qua-xay-dung-nong-thon-moi');
      assert.equal(added.builtin_key, '');
      await renameDisclosureItem(t.db, admin, items[0]!.id, { name: 'Kế hoạch phát triển KT-XH' });
      await moveDisclosureItem(t.db, admin, added.id, 'up');
      await setDisclosureItemHidden(t.db, admin, await itemId('fees'), true);
      items = await listDisclosureItems(t.db, site.id);
      assert.equal(items[0]!.name, 'Kế hoạch phát triển KT-XH');
      assert.equal(items[0]!.slug, 'ke-hoach-kinh-te-xa-hoi', 'a renamed item keeps its address');
      assert.equal(items.at(-2)!.id, added.id);
      assert.ok(!(await listDisclosureItems(t.db, site.id, true)).some((i) => i.builtin_key === 'fees'));
      assert.equal((await listDisclosureItems(t.db, otherSite.id))[0]!.name, LAW_ITEMS[0]!.name);
      // An editor may write entries but not change the list.
      await assert.rejects(addDisclosureItem(t.db, editor, { name: 'Mục khác' }), isCode('forbidden'));
    });

    it('bad input gets Vietnamese field errors and stores nothing', async () => {
      const before = await new DisclosureRepository(t.db, site.id).count({});
      await assert.rejects(form({ starts_on: '10/03/2026', ends_on: '09/03/2026' }), isCode('validation_failed', 'ends_on'));
      await assert.rejects(form({ starts_on: '31/02/2026' }), isCode('validation_failed', 'starts_on'));
      await assert.rejects(form({ title: '' }), isCode('validation_failed', 'title'));
      await assert.rejects(form({ year: 'hai nghìn' }), isCode('validation_failed', 'year'));
      await assert.rejects(
        saveDisclosure(t.db, editor, null, await form({ item_id: String(await itemId('budget', otherSite)) })),
        isCode('validation_failed', 'item_id'),
      );
      await assert.rejects(saveDisclosure(t.db, editor, null, await form({ item_id: String(await itemId('fees')) })), isCode('validation_failed', 'item_id'));
      assert.equal(await new DisclosureRepository(t.db, site.id).count({}), before);
    });

    it('an upload whose name lies about its bytes is refused and nothing is stored, on disk or in the library', async () => {
      const { id } = await saveDisclosure(t.db, editor, null, await form());
      const library = async () => (await new MediaRepository(t.db, site.id).findByIds([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).length;
      const count = await library();
      for (const [bytes, name] of [
        [PDF, 'bao-cao.docx'],
        [Buffer.from('<html>không phải PDF</html>'), 'bao-cao.pdf'],
      ] as const) {
        await assert.rejects(
          attachDisclosureUpload(t.db, new LocalStorage(mediaDir), editor, id, { bytes, originalName: name, title: '' }),
          isCode('validation_failed', 'file'),
        );
      }
      assert.equal(await library(), count);
      assert.deepEqual(await readdir(mediaDir), []);
      assert.equal((await new DisclosureRepository(t.db, site.id).files(id)).length, 0);
      await attachDisclosureUpload(t.db, new LocalStorage(mediaDir), editor, id, { bytes: PDF, originalName: 'du-toan-2026.pdf', title: 'Biểu dự toán' });
      const files = await new DisclosureRepository(t.db, site.id).files(id);
      assert.deepEqual(
        files.map((f) => [f.title, f.mime_type]),
        [['Biểu dự toán', 'application/pdf']],
      );
    });

    it('goes through the same review as documents: no one approves their own entry, and only published entries are public', async () => {
      const { id } = await saveDisclosure(t.db, editor, null, await form({ title: 'Quyết toán ngân sách năm 2025', year: '2025', period: 'Năm 2025' }));
      const entry = await new DisclosureRepository(t.db, site.id).findById(id);
      assert.equal(entry!.status, 'draft');
      assert.ok(!entry!.body_html.includes('script'), 'the body is sanitized');
      await assert.rejects(readDisclosureEntry(t.db, site.id, id), isCode('not_found'));
      await transition(t.db, editor, disclosureReview, id, 'submit');
      await assert.rejects(transition(t.db, editor, disclosureReview, id, 'publish'), isCode('forbidden'));
      await transition(t.db, approver, disclosureReview, id, 'return', { comment: 'Bổ sung biểu mẫu' });
      await transition(t.db, editor, disclosureReview, id, 'submit');
      await transition(t.db, approver, disclosureReview, id, 'publish');
      const read = await readDisclosureEntry(t.db, site.id, id);
      assert.equal(read.entry.status, 'published');
      assert.ok(read.entry.published_at);
      await assert.rejects(readDisclosureEntry(t.db, otherSite.id, id), isCode('not_found'));
    });

    it('site search finds a published entry folded (without tones) and forgets it when unpublished', async () => {
      const id = await published({ title: 'Công khai bồi thường giải phóng mặt bằng đường Đông Xuân', item_id: String(await itemId('resettlement')) });
      const find = async (s: SiteRow) =>
        (await search(t.db, s, { q: 'boi thuong dong xuan', page: 1, perPage: 20 })).hits.find((h) => h.path.includes(`/${id}-`));
      const hit = await find(site);
      assert.ok(hit);
      assert.equal(hit.kind, 'disclosure');
      assert.match(hit.path, /^\/cong-khai\/boi-thuong-ho-tro-tai-dinh-cu\//);
      assert.equal(await find(otherSite), undefined);
      await transition(t.db, approver, disclosureReview, id, 'unpublish');
      assert.equal(await find(site), undefined);
    });

    it('/cong-khai groups entries by item, filters by year, and tells which are within their disclosure period', async () => {
      const current = await published({ title: 'Dự toán 2026 đang công khai', starts_on: '01/01/2026', ends_on: '31/12/2026' });
      const ended = await published({ title: 'Dự toán 2024 đã hết hạn', year: '2024', period: 'Năm 2024', starts_on: '01/01/2024', ends_on: '31/01/2024' });
      const now = new Date('2026-06-15T03:00:00Z');
      const all = await readDisclosureIndex(t.db, site.id, undefined, now);
      const budget = all.groups.find((g) => g.item.builtin_key === 'budget')!;
      assert.ok(budget.entries.some((e) => e.id === current) && budget.entries.some((e) => e.id === ended));
      assert.ok(all.years.includes(2024) && all.years.includes(2026));
      const of2024 = (await readDisclosureIndex(t.db, site.id, 2024, now)).groups.find((g) => g.item.builtin_key === 'budget')!;
      assert.deepEqual(
        of2024.entries.map((e) => e.id),
        [ended],
      );
      assert.ok(!all.groups.some((g) => g.item.builtin_key === 'fees'), 'hidden items are left out');
      assert.equal(await hasCurrentDisclosure(t.db, site.id, { itemKey: 'budget', year: 2026, now }), true);
      assert.equal(await hasCurrentDisclosure(t.db, site.id, { itemKey: 'budget', year: 2024, now }), false, 'its period ended');
      assert.equal(await hasCurrentDisclosure(t.db, site.id, { itemKey: 'land_use', now }), false);
      assert.equal(await hasCurrentDisclosure(t.db, otherSite.id, { now }), false);
    });

    it('each public relief campaign shows under “đóng góp của Nhân dân” with its totals computed from its records', async () => {
      const staff = await reliefStaff(t.db, site);
      const now = new Date('2026-06-15T03:00:00Z');
      assert.equal(await hasCurrentDisclosure(t.db, site.id, { itemKey: CONTRIBUTIONS_KEY, year: 2026, now }), false);
      const { id } = await buildCampaign(t.db, staff, { title: 'Cứu trợ bão lũ 2026', starts_on: '01/03/2026' });
      await confirmedReceipt(t.db, staff, id, { amount: '200.000' });
      await confirmedReceipt(t.db, staff, id, { amount: '1.000.000' });
      const group = (await readDisclosureIndex(t.db, site.id, 2026, now)).groups.find((g) => g.item.builtin_key === CONTRIBUTIONS_KEY)!;
      const shown = group.campaigns.find((c) => c.campaign.id === id)!;
      assert.equal(shown.summary.received.total, 1_200_000);
      assert.equal(await hasCurrentDisclosure(t.db, site.id, { itemKey: CONTRIBUTIONS_KEY, year: 2026, now }), true);
      const of2020 = (await readDisclosureIndex(t.db, site.id, 2020, now)).groups.find((g) => g.item.builtin_key === CONTRIBUTIONS_KEY)!;
      assert.equal(of2020.campaigns.length, 0);
    });
  });
}
