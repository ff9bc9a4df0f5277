import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { ConsultationRepository } from '../../src/repositories/consultation-repository.ts';
import { SearchRepository } from '../../src/repositories/search-repository.ts';
import { setCommentPublished, submitComment } from '../../src/services/consultations/consultation-comments.ts';
import { loadConsultation, parseConsultationForm, saveConsultation } from '../../src/services/consultations/consultation-editor.ts';
import { daysLeft, phaseOf } from '../../src/services/consultations/consultation-phase.ts';
import { readConsultation, readConsultationList } from '../../src/services/consultations/consultation-reader.ts';
import { consultationReview } from '../../src/services/consultations/consultation-review.ts';
import { parseSummaryForm, saveSummary, setSummaryPublished } from '../../src/services/consultations/consultation-summary.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { transition } from '../../src/services/review/engine.ts';
import { buildConsultation, buildLibraryPdf, dayFromToday } from '../support/consultations.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const isCode = (code: string, field?: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && (field === undefined || error.fields.some((f) => f.field === field));
const COMMENT = { name: 'Nguyễn Văn Góp', phone: '0912 345 678', email: '', content: 'Đề nghị họp chợ từ 5 giờ sáng.', show_name: '1' };

for (const dialect of DIALECTS) {
  describe(`Lấy ý kiến dự thảo [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let otherSite: SiteRow;
    let writer: Actor;
    let leader: Actor;
    let otherLeader: Actor;
    let pdf: number;
    let ip = 0;
    const nextIp = () => `198.51.100.${++ip}`;

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      otherSite = await buildSite(t.db);
      writer = (await buildUser(t.db, site, 'contributor')).actor;
      leader = (await buildUser(t.db, site, 'approver')).actor;
      otherLeader = (await buildUser(t.db, otherSite, 'approver')).actor;
      pdf = await buildLibraryPdf(t.db, site);
    });
    after(() => t.close());

    it('a consultation goes through the documents review: a draft is not public, the published one is, in search too', async () => {
      const id = await buildConsultation(t.db, writer, leader, { opens: -1, closes: 4, mediaId: pdf, publish: false });
      await assert.rejects(readConsultation(t.db, site.id, id), isCode('not_found'));
      await transition(t.db, writer, consultationReview, id, 'submit');
      // Its own author may not publish it.
      await assert.rejects(transition(t.db, writer, consultationReview, id, 'publish'), isCode('forbidden'));
      assert.equal(await transition(t.db, leader, consultationReview, id, 'publish'), 'published');
      const page = await readConsultation(t.db, site.id, id);
      assert.equal(page.phase, 'open');
      assert.doesNotMatch(page.consultation.body_html, /script/);
      assert.ok(await new SearchRepository(t.db).indexedEntry('consultation', id));
      await assert.rejects(loadConsultation(t.db, otherLeader, id), isCode('not_found'));
    });

    it('publishing needs the draft attached: a document or a file', async () => {
      const { id } = await saveConsultation(
        t.db,
        writer,
        null,
        parseConsultationForm({ title: 'Dự thảo không tệp', opens_on: dayFromToday(0), closes_on: dayFromToday(3) }),
      );
      await transition(t.db, writer, consultationReview, id, 'submit');
      await assert.rejects(transition(t.db, leader, consultationReview, id, 'publish'), isCode('validation_failed', 'document_id'));
      assert.equal((await loadConsultation(t.db, leader, id)).status, 'submitted');
    });

    it('the closing day must not come before the opening day, and days are dd/mm/yyyy', () => {
      assert.throws(
        () => parseConsultationForm({ title: 'X', opens_on: dayFromToday(3), closes_on: dayFromToday(1) }),
        isCode('validation_failed', 'closes_on'),
      );
      assert.throws(() => parseConsultationForm({ title: 'X', opens_on: '2026-12-01', closes_on: dayFromToday(1) }), isCode('validation_failed', 'opens_on'));
    });

    it('phases and days left follow Vietnam days, the closing day included', () => {
      const c = { opens_on: '2026-12-01', closes_on: '2026-12-10', summary_published_at: null };
      // 30/11 23:30 in Vietnam is 16:30 UTC: not yet open.
      assert.equal(phaseOf(c, new Date('2026-11-30T16:30:00Z')), 'upcoming');
      assert.equal(phaseOf(c, new Date('2026-11-30T17:00:00Z')), 'open');
      assert.equal(daysLeft(c, new Date('2026-12-06T03:00:00Z')), 5);
      assert.equal(daysLeft(c, new Date('2026-12-10T16:59:00Z')), 1);
      assert.equal(phaseOf(c, new Date('2026-12-10T17:00:00Z')), 'closed');
      assert.equal(phaseOf({ ...c, summary_published_at: '2026-12-20T00:00:00Z' }), 'summarised');
    });

    it('comments are taken only while open; refused ones store nothing', async () => {
      const open = await buildConsultation(t.db, writer, leader, { opens: 0, closes: 2, mediaId: pdf });
      const early = await buildConsultation(t.db, writer, leader, { opens: 2, closes: 5, mediaId: pdf });
      const late = await buildConsultation(t.db, writer, leader, { opens: -5, closes: -1, mediaId: pdf });
      await submitComment(t.db, site.id, open, COMMENT, { ip: nextIp() });
      for (const id of [early, late]) {
        await assert.rejects(submitComment(t.db, site.id, id, COMMENT, { ip: nextIp() }), isCode('consultation_not_open'));
        assert.equal(await new ConsultationRepository(t.db, site.id).countComments(id), 0);
      }
      await assert.rejects(submitComment(t.db, otherSite.id, open, COMMENT, { ip: nextIp() }), isCode('not_found'));
      assert.equal(await new ConsultationRepository(t.db, site.id).countComments(open), 1);
    });

    it('name and a phone or e-mail are required', async () => {
      const id = await buildConsultation(t.db, writer, leader, { opens: 0, closes: 2, mediaId: pdf });
      await assert.rejects(submitComment(t.db, site.id, id, { ...COMMENT, name: ' ' }, { ip: nextIp() }), isCode('validation_failed', 'name'));
      await assert.rejects(submitComment(t.db, site.id, id, { ...COMMENT, phone: '' }, { ip: nextIp() }), isCode('validation_failed', 'phone'));
      assert.equal(await new ConsultationRepository(t.db, site.id).countComments(id), 0);
    });

    it('an IP sends at most five comments an hour, apart from its questions', async () => {
      const id = await buildConsultation(t.db, writer, leader, { opens: 0, closes: 2, mediaId: pdf });
      const same = nextIp();
      for (let i = 0; i < 5; i++) await submitComment(t.db, site.id, id, COMMENT, { ip: same });
      await assert.rejects(submitComment(t.db, site.id, id, COMMENT, { ip: same }), isCode('rate_limited'));
      assert.equal(await new ConsultationRepository(t.db, site.id).countComments(id), 5);
    });

    it('staff publish the comments they choose; the public sees only those, with the name only if agreed', async () => {
      const id = await buildConsultation(t.db, writer, leader, { opens: 0, closes: 2, mediaId: pdf });
      const a = await submitComment(t.db, site.id, id, COMMENT, { ip: nextIp() });
      const b = await submitComment(t.db, site.id, id, { ...COMMENT, name: 'Lê Thị Kín', show_name: '' }, { ip: nextIp() });
      await submitComment(t.db, site.id, id, COMMENT, { ip: nextIp() });
      await assert.rejects(setCommentPublished(t.db, writer, id, a.id, true), isCode('forbidden'));
      await setCommentPublished(t.db, leader, id, a.id, true);
      await setCommentPublished(t.db, leader, id, b.id, true);
      const page = await readConsultation(t.db, site.id, id);
      assert.equal(page.received, 3);
      assert.deepEqual(
        page.comments.map((c) => c.id),
        [a.id, b.id],
      );
      const list = await readConsultationList(t.db, site.id);
      assert.equal(list.open.find((c) => c.id === id)?.comment_count, 3);
    });

    it('the summary is written and published only after closing, by those who publish', async () => {
      const open = await buildConsultation(t.db, writer, leader, { opens: -2, closes: 0, mediaId: pdf });
      const form = parseSummaryForm({ summary_html: '<p>Tiếp thu 3 ý kiến.</p>', summary_media_id: String(pdf) });
      await assert.rejects(saveSummary(t.db, leader, open, form), isCode('consultation_not_closed'));
      await assert.rejects(setSummaryPublished(t.db, leader, open, true), isCode('consultation_not_closed'));
      const closed = await buildConsultation(t.db, writer, leader, { opens: -9, closes: -1, mediaId: pdf });
      await assert.rejects(setSummaryPublished(t.db, leader, closed, true), isCode('validation_failed', 'summary_html'));
      await saveSummary(t.db, writer, closed, form);
      await assert.rejects(setSummaryPublished(t.db, writer, closed, true), isCode('forbidden'));
      await setSummaryPublished(t.db, leader, closed, true);
      const page = await readConsultation(t.db, site.id, closed);
      assert.equal(page.phase, 'summarised');
      assert.equal(page.summaryFile?.id, pdf);
      assert.ok((await readConsultationList(t.db, site.id)).summarised.some((c) => c.id === closed));
      // Once published, only a publisher changes it.
      await assert.rejects(saveSummary(t.db, writer, closed, form), isCode('forbidden'));
    });
  });
}
