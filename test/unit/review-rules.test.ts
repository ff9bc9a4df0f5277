import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../src/db/schema.ts';
import { articleReview } from '../../src/services/articles/article-review.ts';
import { workWeekReview } from '../../src/services/calendars/calendar-review.ts';
import { documentReview } from '../../src/services/documents/document-review.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { answerReview } from '../../src/services/questions/answer-review.ts';
import { type ReviewSubject, availableActions, canEdit, canView, editRefusal, reopens, transitionRefusal } from '../../src/services/review/rules.ts';

const actor = (role: Role, userId = 100): Actor => ({ userId, email: `${role}@xa.test`, displayName: role, role, isPlatformAdmin: false, siteId: 1, ip: '' });
const item = (overrides: Partial<ReviewSubject> = {}): ReviewSubject => ({
  status: 'draft',
  live: false,
  deleted: false,
  authorId: 1,
  lastEditorId: 1,
  title: 'Bài',
  returnComment: '',
  publishAt: null,
  ...overrides,
});

describe('the review rules of every kind', () => {
  it('a contributor sees and changes only their own articles, and may submit and bin only their own drafts', () => {
    const reporter = actor('contributor', 1);
    const other = actor('contributor', 2);
    assert.equal(canView(reporter, articleReview, item()), true);
    assert.equal(canView(other, articleReview, item()), false);
    assert.deepEqual(availableActions(reporter, articleReview, item()), ['submit', 'trash']);
    assert.deepEqual(availableActions(other, articleReview, item()), []);
    assert.equal(transitionRefusal(other, articleReview, item(), 'submit')?.code, 'forbidden');
  });

  it('nobody approves or returns their own work; an approver may force it out, and the refusal says so', () => {
    const leader = actor('approver', 1);
    const waiting = item({ status: 'submitted' });
    assert.equal(transitionRefusal(leader, articleReview, waiting, 'publish')?.code, 'forbidden');
    assert.match(transitionRefusal(leader, articleReview, waiting, 'publish')!.message, /Xuất bản không qua duyệt/);
    assert.equal(transitionRefusal(leader, articleReview, waiting, 'return')?.code, 'forbidden');
    assert.equal(transitionRefusal(leader, articleReview, waiting, 'force_publish'), null);
    assert.equal(transitionRefusal(actor('approver', 2), articleReview, waiting, 'publish'), null);
    assert.doesNotMatch(transitionRefusal(leader, documentReview, waiting, 'publish')!.message, /không qua duyệt/, 'documents cannot be forced out');
  });

  it('an action from the wrong status is invalid_transition, one the role lacks is forbidden', () => {
    assert.equal(transitionRefusal(actor('approver', 2), documentReview, item(), 'publish')?.code, 'invalid_transition');
    assert.equal(transitionRefusal(actor('editor', 2), documentReview, item({ status: 'submitted' }), 'publish')?.code, 'forbidden');
    assert.equal(transitionRefusal(actor('approver', 2), documentReview, item(), 'archive')?.code, 'invalid_transition', 'documents are never archived');
  });

  it('an edit of live content waits for review in draft kinds, and needs a publisher in live kinds', () => {
    const published = item({ status: 'published', live: true });
    assert.equal(canEdit(actor('editor', 2), articleReview, published), true);
    assert.equal(reopens(articleReview, published), true);
    assert.equal(canEdit(actor('contributor', 1), articleReview, published), false, 'an author does not change the approved version by themselves');
    assert.equal(canEdit(actor('contributor', 2), documentReview, published), false);
    assert.equal(canEdit(actor('approver', 2), documentReview, published), true);
    assert.equal(reopens(documentReview, published), false);
    assert.equal(canEdit(actor('editor', 2), workWeekReview, published), true);
  });

  it('waiting content is left to its reviewers, or to nobody for answers until they return it', () => {
    const waiting = item({ status: 'submitted' });
    assert.equal(editRefusal(actor('contributor', 1), articleReview, waiting)?.code, 'forbidden');
    assert.equal(editRefusal(actor('editor', 2), articleReview, waiting), null);
    assert.equal(editRefusal(actor('approver', 2), answerReview, waiting)?.code, 'invalid_transition');
  });

  it('a live article can be taken down while an edit of it waits for review', () => {
    const editWaiting = item({ status: 'submitted', live: true });
    assert.ok(availableActions(actor('approver', 2), articleReview, editWaiting).includes('unpublish'));
    assert.ok(!availableActions(actor('approver', 2), articleReview, item({ status: 'submitted' })).includes('unpublish'));
  });
});
