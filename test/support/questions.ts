/**
 * The Q&A (hỏi đáp) site over HTTP, as its tests set it up: a site, the
 * resident's form filled as a person would, and the staff's answer published.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, before } from 'node:test';
import type { DialectName } from '../../src/db/database.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { issueFormToken } from '../../src/services/questions/form-guard.ts';
import { type Agent, formBody } from './admin.ts';
import { type TestApp, openTestApp } from './app.ts';
import { buildSite } from './factories.ts';

export const HOST = 'hoi-dap.test';
export const PERSONAL = { name: 'Trần Thị Bích Riêng', address: '99 Hẻm Bí Mật, Phường 1', phone: '0987 654 321', email: 'bich.rieng@example.vn' };

/** A multipart/form-data body with any number of files, as a browser builds it. */
export function multipart(fields: Record<string, string>, files: Array<{ name: string; bytes: Buffer }>) {
  const boundary = '----xaphuong-hoi-dap';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const file of files) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The app and site of one suite, and what its tests do with them. */
export interface QuestionsSuite {
  readonly h: TestApp;
  readonly site: SiteRow;
  /** How many questions the site has stored. */
  count(): Promise<number>;
  /** A token as if the form had been served 10 s ago: a person's pace. */
  oldToken(): Promise<string>;
  /** The form's fields filled in, with a valid token. */
  fields(overrides?: Record<string, string>): Promise<Record<string, string>>;
  /** Sends the form, from a new address each time unless told. */
  post(form: Record<string, string>, ip?: string): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  /** The editor writes and submits the answer; the leader publishes it, on the public list too. */
  publishAnswer(ed: Agent, lead: Agent, id: number, answer: string): Promise<void>;
}

/** Call at the top of a describe: before its tests, opens the app with a Q&A site on HOST; after them, closes it. */
export function useQuestionsSuite(dialect: DialectName): QuestionsSuite {
  let h: TestApp | undefined;
  let site: SiteRow | undefined;
  let ipCounter = 0;
  before(async () => {
    h = await openTestApp(dialect);
    site = await buildSite(h.t.db, { hosts: [HOST] });
  });
  after(() => h?.close());
  const suite: QuestionsSuite = {
    get h() {
      assert.ok(h, 'ứng dụng chưa mở: dùng trong before/it');
      return h;
    },
    get site() {
      assert.ok(site, 'chưa có cổng: dùng trong before/it');
      return site;
    },
    async count() {
      const row = await suite.h.t.db
        .selectFrom('questions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('site_id', '=', suite.site.id)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    oldToken: () => issueFormToken(suite.h.t.db, suite.site.id, Date.now() - 10_000),
    fields: async (overrides = {}) => ({
      form_token: await suite.oldToken(),
      website: '',
      ...PERSONAL,
      title: 'Xin hỏi về thủ tục cấp giấy đất đai',
      content: 'Gia đình tôi muốn hỏi thủ tục cấp lại giấy chứng nhận quyền sử dụng đất.',
      consent: '1',
      ...overrides,
    }),
    post: (form, ip = `203.0.113.${++ipCounter}`) =>
      suite.h.app.inject({
        method: 'POST',
        url: '/hoi-dap/gui',
        remoteAddress: ip,
        headers: { host: HOST, 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody(form),
      }),
    get: (url) => suite.h.app.inject({ url, headers: { host: HOST } }),
    async publishAnswer(ed, lead, id, answer) {
      assert.equal((await ed.post(`/quan-tri/hoi-dap/${id}/tra-loi`, { answer, action: 'gui-duyet' })).statusCode, 303);
      assert.equal((await lead.post(`/quan-tri/hoi-dap/${id}/duyet`, { publicly: '1' })).statusCode, 303);
    },
  };
  return suite;
}
