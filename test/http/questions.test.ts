/** A resident sends a question: the form, its guards against robots and floods, and its field errors. */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { QuestionRepository } from '../../src/repositories/question-repository.ts';
import { issueFormToken } from '../../src/services/questions/form-guard.ts';
import type { TestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { HOST, PERSONAL, multipart, useQuestionsSuite } from '../support/questions.ts';

for (const dialect of DIALECTS) {
  describe(`hỏi đáp: sending a question over HTTP [${dialect}]`, () => {
    const suite = useQuestionsSuite(dialect);
    const { count, fields, post, get } = suite;
    let h: TestApp;
    let site: SiteRow;
    before(() => {
      ({ h, site } = suite);
    });

    it('the form carries a signed token, a hidden honeypot and the consent box; it is never cached', async () => {
      const res = await get('/hoi-dap/gui');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['cache-control'], 'no-store');
      assert.match(res.body, /name="form_token" value="\d+\.[\w-]{43}"/);
      assert.match(res.body, /class="qa-trap" aria-hidden="true"/);
      assert.match(res.body, /name="consent" type="checkbox"/);
    });

    it('a resident sends a question and gets a tracking code and the due date', async () => {
      const res = await post(await fields());
      assert.equal(res.statusCode, 303, res.body.slice(0, 500));
      const location = String(res.headers.location);
      const code = /ma=(HD-\d{4}-[A-Z0-9]{8})/.exec(decodeURIComponent(location))?.[1];
      assert.ok(code, location);
      const receipt = await get(location);
      assert.equal(receipt.statusCode, 200);
      assert.ok(receipt.body.includes(code));
      assert.match(receipt.body, /Hạn trả lời: <strong>\d{2}\/\d{2}\/\d{4}<\/strong>/);
      const row = await new QuestionRepository(h.t.db, site.id).findByCode(code);
      assert.equal(row?.name, PERSONAL.name);
    });

    it('a filled honeypot is refused with a Vietnamese error, the input kept and nothing stored', async () => {
      const n = await count();
      const res = await post(await fields({ website: 'http://spam.example' }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="website-loi"/);
      assert.ok(res.body.includes('phải để trống'));
      assert.ok(res.body.includes(`value="${PERSONAL.name}"`), 'the form keeps its input');
      assert.equal(await count(), n);
    });

    it('a post less than 3 s after the form was served is refused, nothing stored, and a fresh token given', async () => {
      const n = await count();
      const page = await get('/hoi-dap/gui');
      const token = /name="form_token" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await post(await fields({ form_token: token }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="form_token-loi"/);
      assert.ok(res.body.includes('gửi quá nhanh'));
      assert.ok(res.body.includes('Xin hỏi về thủ tục cấp giấy đất đai'));
      assert.notEqual(/name="form_token" value="([^"]+)"/.exec(res.body)![1], token);
      assert.equal(await count(), n);
    });

    it('a token older than 2 hours, a forged one, or none is refused and nothing stored', async () => {
      const n = await count();
      const stale = await issueFormToken(h.t.db, site.id, Date.now() - 3 * 3_600_000);
      const expired = await post(await fields({ form_token: stale }));
      assert.equal(expired.statusCode, 400);
      assert.ok(expired.body.includes('hết hạn'));
      const forged = await post(await fields({ form_token: `${Date.now() - 10_000}.${'A'.repeat(43)}` }));
      assert.equal(forged.statusCode, 400);
      assert.match(forged.body, /id="form_token-loi"/);
      const none = await post(await fields({ form_token: '' }));
      assert.equal(none.statusCode, 400);
      assert.equal(await count(), n);
    });

    it('the sixth question from one IP within an hour is refused with 429 and not stored', async () => {
      const ip = '198.51.100.9';
      for (let i = 0; i < 5; i++) assert.equal((await post(await fields(), ip)).statusCode, 303);
      const n = await count();
      const res = await post(await fields(), ip);
      assert.equal(res.statusCode, 429);
      assert.ok(res.body.includes('trong một giờ'));
      assert.ok(res.body.includes(`value="${PERSONAL.address}"`));
      assert.equal(await count(), n);
    });

    it('field errors show next to their fields in Vietnamese, and nothing is stored', async () => {
      const n = await count();
      const res = await post(await fields({ phone: '', email: '', title: '' }));
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="phone-loi"[^>]*>hãy nhập số điện thoại hoặc thư điện tử/);
      assert.match(res.body, /id="title-loi"/);
      assert.match(res.body, /id="phone"[^>]*aria-invalid="true"/);
      assert.equal(await count(), n);
    });

    it('a multipart post with three files is refused on the files field, nothing stored', async () => {
      const n = await count();
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
      const body = multipart(await fields(), [
        { name: 'a.pdf', bytes: pdf },
        { name: 'b.pdf', bytes: pdf },
        { name: 'c.pdf', bytes: pdf },
      ]);
      const res = await h.app.inject({
        method: 'POST',
        url: '/hoi-dap/gui',
        remoteAddress: '203.0.113.250',
        headers: { host: HOST, 'content-type': body.contentType },
        payload: body.payload,
      });
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /id="files-loi"/);
      assert.equal(await count(), n);
    });
  });
}
