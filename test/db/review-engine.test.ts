import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import type { Actor } from '../../src/services/permissions.ts';
import { answerReview } from '../../src/services/questions/answer-review.ts';
import { submitQuestion } from '../../src/services/questions/question-service.ts';
import { transition } from '../../src/services/review/engine.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

const isField = (code: string, field: string) => (error: unknown) =>
  error instanceof AppError && error.code === code && error.fields.some((f) => f.field === field);

for (const dialect of DIALECTS) {
  describe(`the review engine's transition [${dialect}]`, () => {
    let t: TestDatabase;
    let site: SiteRow;
    let editor: Actor;
    let questionId: number;
    const row = () => new QuestionRepository(t.db, site.id).findById(questionId);

    before(async () => {
      t = await openTestDatabase(dialect);
      site = await buildSite(t.db);
      editor = (await buildUser(t.db, site, 'editor')).actor;
      const fields = {
        name: 'Trần Thị Bình',
        address: '5 Nguyễn Huệ',
        phone: '0912 000 111',
        email: '',
        title: 'Giờ làm việc',
        content: 'Bộ phận một cửa làm việc mấy giờ?',
        consent: '1',
      };
      const { code } = await submitQuestion(t.db, site.id, fields, { ip: '198.51.100.7' });
      questionId = (await new QuestionRepository(t.db, site.id).findByCode(code))!.id;
    });
    after(() => t.close());

    it('nothing is sent for review without a text: the field says so and nothing changes', async () => {
      const before = await row();
      await assert.rejects(transition(t.db, editor, answerReview, questionId, 'submit'), isField('validation_failed', 'answer'));
      assert.deepEqual(await row(), before);
    });

    it('"save this first": what the button posts is saved and sent for review in one transaction, or not at all', async () => {
      const before = await row();
      await assert.rejects(transition(t.db, editor, answerReview, questionId, 'submit', { save: { answer: '   ' } }), isField('validation_failed', 'answer'));
      assert.deepEqual(await row(), before, 'a refused save sends nothing and keeps nothing');
      assert.equal(await transition(t.db, editor, answerReview, questionId, 'submit', { save: { answer: 'Từ 7 giờ 30 đến 17 giờ.' } }), 'submitted');
      const after = await row();
      // Answers are rich text: typed plain text is kept as a paragraph.
      assert.deepEqual([after?.draft_answer, after?.answer_review, after?.draft_by], ['<p>Từ 7 giờ 30 đến 17 giờ.</p>', 'submitted', editor.userId]);
    });
  });
}
