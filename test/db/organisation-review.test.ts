import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { ItemReviewRepository } from '../../src/repositories/item-review-repository.ts';
import { OrganisationRepository } from '../../src/repositories/organisation-repository.ts';
import { PEOPLE_KEY, organisationPageReview, organisationPeopleReview } from '../../src/services/organisation/organisation-review.ts';
import {
  deletePerson,
  readOrganisation,
  readOrganisationDraft,
  saveOrganisationPage,
  savePerson,
} from '../../src/services/organisation/organisation-service.ts';
import { MODULE_KINDS as REVIEW_KINDS } from '../../src/services/dashboard.ts';
import { reviewQueue } from '../../src/services/review/queue.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser, withoutOutlines } from '../support/factories.ts';
import { diffItemRevisions, itemRevisions, reviewOrganisationPage, reviewOrganisationPeople } from '../support/review.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));

const leader = (name: string, sort = '1') => ({ role: 'leader', name, job_title: 'Chủ tịch UBND', job_title_en: 'Chairman', sort_order: sort });

for (const dialect of DIALECTS) {
  describe(`Giới thiệu review workflow [${dialect}]`, () => {
    let t: TestDatabase;

    /**
     * A fresh site with its staff, so tests do not share review states; as
     * sites made before new ones got draft outlines, so a page is only what a test saves.
     */
    async function fresh() {
      const site = await withoutOutlines(t.db, await buildSite(t.db));
      return {
        site,
        contributor: (await buildUser(t.db, site, 'contributor')).actor,
        editor: (await buildUser(t.db, site, 'editor')).actor,
        approver: (await buildUser(t.db, site, 'approver')).actor,
        admin: (await buildUser(t.db, site, 'site_admin')).actor,
      };
    }
    const publicBody = async (site: SiteRow, slug: string) => (await readOrganisation(t.db, site.id)).pages.get(slug)?.body_html;
    const publicEnglish = async (site: SiteRow, slug: string) => (await readOrganisation(t.db, site.id)).pages.get(slug)?.body_en_html;
    const aboutEvents = async (site: SiteRow) =>
      (await t.db.selectFrom('page_events').select('tags').execute()).filter((e) => e.tags.split(' ').includes(`s${site.id}:about`)).length;
    const state = (site: SiteRow, slug: string) => new ItemReviewRepository(t.db, site.id).find('organisation_page', slug);
    /** Everything stored about a page, to show a refused action changed nothing. */
    const stored = async (site: SiteRow, slug: string) => ({
      review: await state(site, slug),
      revisions: (await itemRevisions(t.db, site.id, organisationPageReview, slug)).length,
      audit: (await new AuditRepository(t.db).list(site.id, {}, 1000)).length,
      row: await new OrganisationRepository(t.db, site.id).findPage(slug),
      public: await publicBody(site, slug),
      events: await aboutEvents(site),
    });

    before(async () => {
      t = await openTestDatabase(dialect);
    });
    after(() => t.close());

    it('an editor drafts and submits a page; an approver publishes it; nothing is public before', async () => {
      const { site, editor, approver } = await fresh();
      await saveOrganisationPage(t.db, editor, 'dieu-kien-tu-nhien', {
        body_html: '<p>Diện tích 25 km²</p>',
        title_en: 'Nature',
        body_en_html: '<p>Area 25 km²</p>',
      });
      assert.equal((await state(site, 'dieu-kien-tu-nhien'))?.status, 'draft');
      assert.equal(await publicBody(site, 'dieu-kien-tu-nhien'), undefined, 'a new draft is not public');
      assert.equal((await readOrganisationDraft(t.db, site.id)).pages.get('dieu-kien-tu-nhien')?.body_html, '<p>Diện tích 25 km²</p>');
      assert.equal(await aboutEvents(site), 0, 'saving a draft leaves the page cache alone');

      assert.equal(await reviewOrganisationPage(t.db, editor, 'dieu-kien-tu-nhien', 'submit'), 'submitted');
      await assert.rejects(reviewOrganisationPage(t.db, editor, 'dieu-kien-tu-nhien', 'publish'), isCode('forbidden'), 'an editor may not publish');
      assert.equal(await aboutEvents(site), 0);

      assert.equal(await reviewOrganisationPage(t.db, approver, 'dieu-kien-tu-nhien', 'publish'), 'published');
      assert.equal(await publicBody(site, 'dieu-kien-tu-nhien'), '<p>Diện tích 25 km²</p>');
      assert.equal(await publicEnglish(site, 'dieu-kien-tu-nhien'), '<p>Area 25 km²</p>');
      assert.equal(await aboutEvents(site), 1, 'publishing marks the about pages stale');

      assert.equal(await reviewOrganisationPage(t.db, approver, 'dieu-kien-tu-nhien', 'unpublish'), 'unpublished');
      assert.equal(await publicBody(site, 'dieu-kien-tu-nhien'), undefined, 'an unpublished page leaves the portal');
      assert.equal(await aboutEvents(site), 2);
      assert.equal(await reviewOrganisationPage(t.db, approver, 'dieu-kien-tu-nhien', 'publish'), 'published', 'an unpublished page can be published again');
      assert.equal(await publicBody(site, 'dieu-kien-tu-nhien'), '<p>Diện tích 25 km²</p>');

      const actions = (await new AuditRepository(t.db).list(site.id, {}, 50)).map((a) => a.action);
      for (const action of ['organisation.page_updated', 'organisation.page_submitted', 'organisation.page_published', 'organisation.page_unpublished'])
        assert.ok(actions.includes(action), action);
    });

    it('the public keeps the published version, English included, until the new one is approved', async () => {
      const { site, editor, approver } = await fresh();
      await saveOrganisationPage(t.db, editor, 'lich-su-van-hoa', { body_html: '<p>Bản một</p>', body_en_html: '<p>Version one</p>' });
      await reviewOrganisationPage(t.db, editor, 'lich-su-van-hoa', 'submit');
      await reviewOrganisationPage(t.db, approver, 'lich-su-van-hoa', 'publish');
      const events = await aboutEvents(site);

      await saveOrganisationPage(t.db, editor, 'lich-su-van-hoa', { body_html: '<p>Bản hai</p>', body_en_html: '<p>Version two</p>' });
      assert.equal((await state(site, 'lich-su-van-hoa'))?.status, 'draft', 'editing a published page makes a draft');
      assert.equal(await publicBody(site, 'lich-su-van-hoa'), '<p>Bản một</p>');
      assert.equal(await publicEnglish(site, 'lich-su-van-hoa'), '<p>Version one</p>');
      await reviewOrganisationPage(t.db, editor, 'lich-su-van-hoa', 'submit');
      assert.equal(await publicBody(site, 'lich-su-van-hoa'), '<p>Bản một</p>', 'still the old version while it waits');
      assert.equal(await aboutEvents(site), events, 'no cache invalidation before approval');

      await reviewOrganisationPage(t.db, approver, 'lich-su-van-hoa', 'publish');
      assert.equal(await publicBody(site, 'lich-su-van-hoa'), '<p>Bản hai</p>');
      assert.equal(await publicEnglish(site, 'lich-su-van-hoa'), '<p>Version two</p>');

      const revisions = await itemRevisions(t.db, site.id, organisationPageReview, 'lich-su-van-hoa');
      assert.equal(revisions.length, 2);
      const diff = diffItemRevisions(organisationPageReview, revisions[1]!, revisions[0]!);
      assert.ok(
        diff.some((f) => f.field === 'body_en' && f.changed),
        'the word diff covers the English text',
      );
    });

    it('content saved before the workflow stays public, and counts as the published version', async () => {
      const { site, editor, approver } = await fresh();
      const repo = new OrganisationRepository(t.db, site.id);
      await repo.savePage('di-tich', {
        body_html: '<p>Đình làng cũ</p>',
        title_en: '',
        body_en_html: '<p>Old temple</p>',
        media_id: null,
        updated_at: new Date().toISOString(),
      });
      await repo.insertPerson({ role: 'leader', name: 'Nguyễn Văn Cũ', created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
      assert.equal(await publicBody(site, 'di-tich'), '<p>Đình làng cũ</p>', 'never edited since the workflow: public as it stands');
      assert.deepEqual(
        (await readOrganisation(t.db, site.id)).leaders.map((p) => p.name),
        ['Nguyễn Văn Cũ'],
      );

      await saveOrganisationPage(t.db, editor, 'di-tich', { body_html: '<p>Đình làng mới</p>' });
      assert.equal(await publicBody(site, 'di-tich'), '<p>Đình làng cũ</p>', 'the legacy content stays public while the edit is a draft');
      assert.equal(await publicEnglish(site, 'di-tich'), '<p>Old temple</p>');
      const revisions = await itemRevisions(t.db, site.id, organisationPageReview, 'di-tich');
      assert.deepEqual(
        revisions.map((r) => r.number),
        [2, 1],
      );
      assert.equal(revisions[1]?.note, 'Trước khi có quy trình duyệt');

      await savePerson(t.db, editor, null, leader('Trần Thị Mới', '2'));
      assert.deepEqual(
        (await readOrganisation(t.db, site.id)).leaders.map((p) => p.name),
        ['Nguyễn Văn Cũ'],
        'the published list stays until approval',
      );
      await reviewOrganisationPeople(t.db, editor, 'submit');
      await reviewOrganisationPeople(t.db, approver, 'publish');
      assert.deepEqual(
        (await readOrganisation(t.db, site.id)).leaders.map((p) => p.name),
        ['Nguyễn Văn Cũ', 'Trần Thị Mới'],
      );
      assert.deepEqual(
        (await readOrganisation(t.db, site.id)).leaders.map((p) => p.job_title_en),
        ['', 'Chairman'],
        'English job titles come with the list',
      );
    });

    it('nobody approves or returns what they created or saved last', async () => {
      const { site, editor, approver, admin } = await fresh();
      await saveOrganisationPage(t.db, approver, 'chuc-nang-nhiem-vu', { body_html: '<p>Nhiệm vụ</p>' });
      await reviewOrganisationPage(t.db, approver, 'chuc-nang-nhiem-vu', 'submit');
      const before = await stored(site, 'chuc-nang-nhiem-vu');
      await assert.rejects(reviewOrganisationPage(t.db, approver, 'chuc-nang-nhiem-vu', 'publish'), isCode('forbidden'));
      await assert.rejects(reviewOrganisationPage(t.db, approver, 'chuc-nang-nhiem-vu', 'return', 'Tự trả lại'), isCode('forbidden'));
      assert.deepEqual(await stored(site, 'chuc-nang-nhiem-vu'), before, 'a refused action changes nothing');

      // An approver who last edited an editor's page may not approve it either.
      await saveOrganisationPage(t.db, editor, 'ban-do-hanh-chinh', { body_html: '<p>Bản đồ</p>' });
      await saveOrganisationPage(t.db, admin, 'ban-do-hanh-chinh', { body_html: '<p>Bản đồ, đã sửa</p>' });
      await reviewOrganisationPage(t.db, editor, 'ban-do-hanh-chinh', 'submit');
      await assert.rejects(reviewOrganisationPage(t.db, admin, 'ban-do-hanh-chinh', 'publish'), isCode('forbidden'));
      assert.equal(await reviewOrganisationPage(t.db, approver, 'ban-do-hanh-chinh', 'publish'), 'published');
      assert.equal(await reviewOrganisationPage(t.db, admin, 'chuc-nang-nhiem-vu', 'publish'), 'published', 'another approver may');
    });

    it('returning needs a comment: without one, a clear Vietnamese error and nothing stored changes', async () => {
      const { site, editor, approver } = await fresh();
      await saveOrganisationPage(t.db, editor, 'co-cau-to-chuc', { body_html: '<p>Ba phòng</p>' });
      await reviewOrganisationPage(t.db, editor, 'co-cau-to-chuc', 'submit');
      const before = await stored(site, 'co-cau-to-chuc');
      for (const comment of [undefined, '', '  ', 'ok']) {
        await assert.rejects(reviewOrganisationPage(t.db, approver, 'co-cau-to-chuc', 'return', comment), (error: unknown) => {
          assert.ok(isCode('validation_failed', 'comment')(error));
          assert.equal((error as AppError).fields[0]?.message, 'hãy ghi nhận xét khi trả lại (ít nhất 3 ký tự)');
          return true;
        });
      }
      assert.deepEqual(await stored(site, 'co-cau-to-chuc'), before);

      assert.equal(await reviewOrganisationPage(t.db, approver, 'co-cau-to-chuc', 'return', 'Thiếu sơ đồ tổ chức'), 'returned');
      assert.equal((await state(site, 'co-cau-to-chuc'))?.return_comment, 'Thiếu sơ đồ tổ chức');
      await saveOrganisationPage(t.db, editor, 'co-cau-to-chuc', { body_html: '<p>Ba phòng, một ban</p>' });
      assert.equal(await reviewOrganisationPage(t.db, editor, 'co-cau-to-chuc', 'submit'), 'submitted', 'a returned page can be fixed and sent again');
      assert.ok(
        (await new AuditRepository(t.db).list(site.id, {}, 50)).some(
          (a) => a.action === 'organisation.page_returned' && a.summary.includes('Thiếu sơ đồ tổ chức'),
        ),
      );
    });

    it('a waiting page is left to approvers; contributors and impossible transitions are refused', async () => {
      const { site, contributor, editor, approver } = await fresh();
      await saveOrganisationPage(t.db, editor, 'lanh-dao', { body_html: '<p>Giới thiệu lãnh đạo</p>' });
      await reviewOrganisationPage(t.db, editor, 'lanh-dao', 'submit');
      const before = await stored(site, 'lanh-dao');
      await assert.rejects(saveOrganisationPage(t.db, editor, 'lanh-dao', { body_html: '<p>Sửa lén</p>' }), isCode('forbidden'));
      await assert.rejects(saveOrganisationPage(t.db, contributor, 'lanh-dao', { body_html: '<p>x</p>' }), isCode('forbidden'));
      await assert.rejects(reviewOrganisationPage(t.db, editor, 'lanh-dao', 'submit'), isCode('invalid_transition'));
      await assert.rejects(reviewOrganisationPage(t.db, approver, 'lanh-dao', 'unpublish'), isCode('invalid_transition'));
      await assert.rejects(reviewOrganisationPage(t.db, approver, 'khong-co', 'publish'), isCode('not_found'));
      await assert.rejects(
        reviewOrganisationPage(t.db, approver, 'can-bo-dau-moi', 'publish'),
        isCode('not_found'),
        'a page never saved has nothing to review',
      );
      assert.deepEqual(await stored(site, 'lanh-dao'), before, 'nothing was half-written');
    });

    it('the people list goes through review as one item, deletions included', async () => {
      const { site, editor, approver } = await fresh();
      const an = await savePerson(t.db, editor, null, leader('Nguyễn Văn An', '1'));
      await savePerson(t.db, editor, null, { role: 'focal', name: 'Lê Văn Cường', job_title: 'Công chức Văn phòng' });
      assert.deepEqual((await readOrganisation(t.db, site.id)).leaders, [], 'a new list is not public');
      await reviewOrganisationPeople(t.db, editor, 'submit');
      await assert.rejects(savePerson(t.db, editor, null, leader('Chen ngang')), isCode('forbidden'));
      await reviewOrganisationPeople(t.db, approver, 'publish');
      const published = await readOrganisation(t.db, site.id);
      assert.deepEqual(
        published.leaders.map((p) => p.name),
        ['Nguyễn Văn An'],
      );
      assert.deepEqual(
        published.focal.map((p) => p.name),
        ['Lê Văn Cường'],
      );

      await deletePerson(t.db, editor, an);
      assert.deepEqual(
        (await readOrganisation(t.db, site.id)).leaders.map((p) => p.name),
        ['Nguyễn Văn An'],
        'a deletion waits for approval too',
      );
      await reviewOrganisationPeople(t.db, editor, 'submit');
      await assert.rejects(reviewOrganisationPeople(t.db, approver, 'return', ''), isCode('validation_failed', 'comment'));
      await reviewOrganisationPeople(t.db, approver, 'publish');
      assert.deepEqual((await readOrganisation(t.db, site.id)).leaders, []);
      assert.equal((await new ItemReviewRepository(t.db, site.id).find('organisation_people', PEOPLE_KEY))?.status, 'published');
      const actions = (await new AuditRepository(t.db).list(site.id, {}, 50)).map((a) => a.action);
      for (const action of ['organisation.people_submitted', 'organisation.people_published', 'organisation.person_deleted'])
        assert.ok(actions.includes(action), action);
    });

    it('waiting pages and people lists are on the approvers’ dashboard queue, this site only', async () => {
      const { site, editor, approver } = await fresh();
      const other = await fresh();
      await saveOrganisationPage(t.db, editor, 'di-tich', { body_html: '<p>Chùa</p>' });
      await reviewOrganisationPage(t.db, editor, 'di-tich', 'submit');
      await savePerson(t.db, editor, null, leader('Phạm Văn Bình'));
      await reviewOrganisationPeople(t.db, editor, 'submit');
      await saveOrganisationPage(t.db, other.editor, 'di-tich', { body_html: '<p>Khác</p>' });
      await reviewOrganisationPage(t.db, other.editor, 'di-tich', 'submit');

      const queue = await reviewQueue(t.db, approver, REVIEW_KINDS);
      assert.deepEqual(
        queue.map((q) => [q.kind, q.item.item_key, q.item.title, q.own]),
        [
          [organisationPageReview, 'di-tich', 'Trang giới thiệu: Di tích', false],
          [organisationPeopleReview, PEOPLE_KEY, 'Lãnh đạo và cán bộ đầu mối', false],
        ],
      );
      assert.equal(organisationPageReview.adminPath('di-tich'), '/quan-tri/gioi-thieu/trang/di-tich');
      assert.deepEqual(await reviewQueue(t.db, editor, REVIEW_KINDS), [], 'editors review nothing');
      assert.ok(queue.every((q) => q.item.site_id === site.id));
    });
  });
}
