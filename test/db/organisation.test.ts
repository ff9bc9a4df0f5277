import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { MediaRepository } from '../../src/repositories/media-repository.ts';
import { OrganisationRepository } from '../../src/repositories/organisation-repository.ts';
import {
  deletePerson,
  pagesWithContent,
  readOrganisationDraft,
  saveOrganisationPage,
  savePerson,
} from '../../src/services/organisation/organisation-service.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';
import { isCode } from '../support/app-errors.ts';

let imageCounter = 0;

/** An image in a site's media library, as POST /quan-tri/media would have stored it. */
export async function buildImage(db: TestDatabase['db'], site: SiteRow, options: { deleted?: boolean } = {}): Promise<number> {
  imageCounter += 1;
  return new MediaRepository(db, site.id).insert({
    kind: 'image',
    storage_key: `org${String(imageCounter).padStart(21, '0')}.jpg`,
    original_name: `so-do-${imageCounter}.jpg`,
    mime_type: 'image/jpeg',
    byte_size: 120_000,
    width: 800,
    height: 600,
    alt: `Sơ đồ số ${imageCounter}`,
    caption: '',
    uploaded_by: null,
    deleted_at: options.deleted ? new Date().toISOString() : null,
    created_at: new Date().toISOString(),
  });
}

const leader = (overrides: Record<string, string> = {}) => ({
  role: 'leader',
  name: 'Nguyễn Văn An',
  job_title: 'Chủ tịch UBND',
  phone: '0277 3861 234',
  email: 'an@xa.gov.vn',
  ...overrides,
});

for (const dialect of DIALECTS) {
  describe(`Giới thiệu pages and people [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let other: SiteRow;
    let admin: Actor;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      other = await buildSite(t.db);
      admin = (await buildUser(t.db, site, 'site_admin')).actor;
    });
    after(() => t.close());

    it('saving a page sanitises its bodies, keeps its image and is audited, as a draft', async () => {
      const image = await buildImage(t.db, site);
      await saveOrganisationPage(t.db, admin, 'co-cau-to-chuc', {
        body_html: '<p>Gồm 3 phòng</p><script>alert(1)</script>',
        title_en: ' Organisation ',
        body_en_html: '<p onclick="x()">Three offices</p>',
        media_id: String(image),
      });
      const page = await new OrganisationRepository(t.db, site.id).findPage('co-cau-to-chuc');
      assert.equal(page?.body_html, '<p>Gồm 3 phòng</p>');
      assert.equal(page?.body_en_html, '<p>Three offices</p>');
      assert.equal(page?.title_en, 'Organisation');
      assert.equal(page?.media_id, image);
      const audit = await new AuditRepository(t.db).list(site.id, {}, 10);
      assert.ok(audit.some((a) => a.action === 'organisation.page_updated' && a.summary === 'Cơ cấu tổ chức' && a.actor === admin.email));
      const events = await t.db.selectFrom('page_events').select('tags').execute();
      assert.ok(!events.some((e) => e.tags.includes(`s${site.id}:about`)), 'a draft leaves the public pages (and their cache) alone');
    });

    it('saving again updates the one row of that kind', async () => {
      await saveOrganisationPage(t.db, admin, 'di-tich', { body_html: '<p>Đình Tân Phú</p>' });
      await saveOrganisationPage(t.db, admin, 'di-tich', { body_html: '<p>Đình Tân Phú, chùa Kim Huê</p>' });
      const rows = await t.db.selectFrom('organisation_pages').selectAll().where('site_id', '=', site.id).where('kind', '=', 'di-tich').execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]?.body_html, '<p>Đình Tân Phú, chùa Kim Huê</p>');
    });

    it('an unknown page kind is not found', async () => {
      await assert.rejects(saveOrganisationPage(t.db, admin, 'khong-co', { body_html: '<p>x</p>' }), isCode('not_found'));
    });

    it("another site's image, or one in the trash, is refused and nothing is changed", async () => {
      const foreign = await buildImage(t.db, other);
      const trashed = await buildImage(t.db, site, { deleted: true });
      const before = await new OrganisationRepository(t.db, site.id).findPage('co-cau-to-chuc');
      await assert.rejects(
        saveOrganisationPage(t.db, admin, 'co-cau-to-chuc', { body_html: '<p>Mới</p>', media_id: String(foreign) }),
        isCode('validation_failed', 'media_id'),
      );
      await assert.rejects(
        saveOrganisationPage(t.db, admin, 'co-cau-to-chuc', { body_html: '<p>Mới</p>', media_id: String(trashed) }),
        isCode('validation_failed', 'media_id'),
      );
      assert.deepEqual(await new OrganisationRepository(t.db, site.id).findPage('co-cau-to-chuc'), before);
    });

    it('people are validated: a name is required, the email and phone must look right', async () => {
      await assert.rejects(savePerson(t.db, admin, null, leader({ name: '  ' })), isCode('validation_failed', 'name'));
      await assert.rejects(savePerson(t.db, admin, null, leader({ email: 'khong-phai-email' })), isCode('validation_failed', 'email'));
      await assert.rejects(savePerson(t.db, admin, null, leader({ phone: 'gọi tôi' })), isCode('validation_failed', 'phone'));
      await assert.rejects(savePerson(t.db, admin, null, leader({ role: 'admin' })), isCode('validation_failed', 'role'));
      assert.equal((await new OrganisationRepository(t.db, site.id).listPeople()).length, 0, 'nothing half-written');
    });

    it('leaders are listed in their order, focal officials apart, each change audited', async () => {
      const second = await savePerson(t.db, admin, null, leader({ name: 'Trần Thị Bích', job_title: 'Phó Chủ tịch UBND', sort_order: '2' }));
      const first = await savePerson(t.db, admin, null, leader({ sort_order: '1', bio_html: '<p>Sinh năm 1975</p><img src=x onerror=alert(1)>' }));
      await savePerson(t.db, admin, null, { role: 'focal', name: 'Lê Văn Cường', job_title: 'Công chức Văn phòng', email: 'cuong@xa.gov.vn' });
      const content = await readOrganisationDraft(t.db, site.id);
      assert.deepEqual(
        content.leaders.map((p) => p.id),
        [first, second],
      );
      assert.deepEqual(
        content.focal.map((p) => p.name),
        ['Lê Văn Cường'],
      );
      assert.equal(content.leaders[0]?.bio_html.includes('onerror'), false);
      await savePerson(t.db, admin, second, leader({ name: 'Trần Thị Bích', job_title_en: 'Vice Chairwoman', sort_order: '0' }));
      assert.deepEqual(
        (await readOrganisationDraft(t.db, site.id)).leaders.map((p) => p.id),
        [second, first],
      );
      await deletePerson(t.db, admin, first);
      assert.deepEqual(
        (await readOrganisationDraft(t.db, site.id)).leaders.map((p) => p.id),
        [second],
      );
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 50)).map((a) => a.action);
      for (const action of ['organisation.person_created', 'organisation.person_updated', 'organisation.person_deleted'])
        assert.ok(actions.includes(action), action);
    });

    it('another site can neither see, change nor delete these people', async () => {
      const mine = (await readOrganisationDraft(t.db, site.id)).leaders[0]!;
      assert.equal((await readOrganisationDraft(t.db, other.id)).leaders.length, 0);
      const otherAdmin = (await buildUser(t.db, other, 'site_admin')).actor;
      await assert.rejects(savePerson(t.db, otherAdmin, mine.id, leader({ name: 'Kẻ lạ' })), isCode('not_found'));
      await assert.rejects(deletePerson(t.db, otherAdmin, mine.id), isCode('not_found'));
      assert.equal((await new OrganisationRepository(t.db, site.id).findPerson(mine.id))?.name, mine.name);
    });

    it('the index lists only pages that have content, in menu order', async () => {
      const content = await readOrganisationDraft(t.db, site.id);
      assert.deepEqual(
        pagesWithContent(content).map((k) => k.slug),
        ['co-cau-to-chuc', 'lanh-dao', 'can-bo-dau-moi', 'di-tich'],
      );
      assert.deepEqual(pagesWithContent(await readOrganisationDraft(t.db, other.id)), []);
    });
  });
}
