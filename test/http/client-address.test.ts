import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import type { SiteRow } from '../../src/db/schema.ts';
import { buildApp } from '../../src/http/app.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { issueFormToken } from '../../src/services/questions/form-guard.ts';
import { formBody } from '../support/admin.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

/** Security review, item 3: forwarded headers count only from configured proxies, and the limits use the address the chain dictates. */
for (const dialect of DIALECTS) {
  describe(`client addresses behind proxies [${dialect}]`, () => {
    let t: TestDatabase;
    let mediaDir: string;
    let siteId: number;
    const apps: FastifyInstance[] = [];
    let hostCounter = 0;

    /** The real app with TRUST_PROXY as an operator sets it, and a site of its own (so limits do not mix). */
    async function appWith(trustProxy: string): Promise<{ app: FastifyInstance; host: string; site: SiteRow }> {
      const app = await buildApp({ db: t.db, config: { mediaDir, trustProxy: loadConfig({ TRUST_PROXY: trustProxy }).trustProxy, logLevel: 'silent' } });
      apps.push(app);
      const host = `sau-proxy-${++hostCounter}.test`;
      const site = await buildSite(t.db, { hosts: [host] });
      siteId = site.id;
      return { app, host, site };
    }

    /** Posts the sign-in form from a peer address with an X-Forwarded-For header. */
    async function signInFrom(app: FastifyInstance, host: string, peer: string, forwardedFor: string, email: string) {
      const form = await app.inject({ url: '/quan-tri/dang-nhap', headers: { host }, remoteAddress: peer });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
      return app.inject({
        method: 'POST',
        url: '/quan-tri/dang-nhap',
        remoteAddress: peer,
        headers: {
          host,
          'x-forwarded-for': forwardedFor,
          cookie: String(form.headers['set-cookie']).split(';')[0]!,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: formBody({ _csrf: csrf, email, password: 'khong-dung-mat-khau' }),
      });
    }

    before(async () => {
      t = await openTestDatabase(dialect);
      mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xaphuong-media-'));
    });
    after(async () => {
      for (const app of apps) await app.close();
      await t.close();
      fs.rmSync(mediaDir, { recursive: true, force: true });
    });

    it('with TRUST_PROXY=1 a client from elsewhere cannot dodge the sign-in limit by changing X-Forwarded-For', async () => {
      const { app, host } = await appWith('1');
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await signInFrom(app, host, '203.0.113.50', `198.51.100.${i}`, `khong-co-${i}@xa.test`)).statusCode);
      assert.deepEqual(statuses, [...Array(20).fill(401), ...Array(5).fill(429)]);
      const failed = await new AuditRepository(t.db).list(siteId, { action: 'auth.login_failed' }, 30);
      assert.ok(
        failed.every((e) => e.ip === '203.0.113.50'),
        'the audit log keeps the real address',
      );
    });

    it('behind a configured proxy, the client is the nearest address the proxy did not vouch for: what it typed to the left changes nothing', async () => {
      const { app, host } = await appWith('127.0.0.1,10.0.0.0/8');
      const statuses: number[] = [];
      for (let i = 0; i < 22; i++) {
        statuses.push((await signInFrom(app, host, '10.0.0.2', `6.6.6.${i}, 198.51.100.7, 10.0.0.9`, `khong-co-${i}@xa.test`)).statusCode);
      }
      assert.deepEqual(statuses, [...Array(20).fill(401), 429, 429]);
      assert.equal(
        (await signInFrom(app, host, '10.0.0.2', '198.51.100.8', 'khac@xa.test')).statusCode,
        401,
        'another client through the same proxy is not blocked',
      );
      const failed = await new AuditRepository(t.db).list(siteId, { action: 'auth.login_failed' }, 30);
      assert.deepEqual([...new Set(failed.map((e) => e.ip))].sort(), ['198.51.100.7', '198.51.100.8']);
    });

    it('seven questions from one client with seven X-Forwarded-For values meet the limit of five an hour', async () => {
      const { app, host } = await appWith('1');
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await app.inject({
          method: 'POST',
          url: '/hoi-dap/gui',
          remoteAddress: '203.0.113.60',
          headers: { host, 'x-forwarded-for': `198.51.100.${i}`, 'content-type': 'application/x-www-form-urlencoded' },
          payload: formBody({
            form_token: await issueFormToken(t.db, siteId, Date.now() - 10_000),
            website: '',
            name: 'Nguyễn Văn Hỏi',
            address: 'Ấp 1',
            phone: '0987 654 321',
            email: '',
            title: `Câu hỏi số ${i}`,
            content: 'Xin hỏi thủ tục đăng ký tạm trú.',
            consent: '1',
          }),
        });
        statuses.push(res.statusCode);
      }
      assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429, 429]);
    });

    it("only a trusted proxy's X-Forwarded-Proto makes the session cookie Secure", async () => {
      const { app, host, site } = await appWith('1');
      const { user } = await buildUser(t.db, site, 'editor');
      const signIn = async (peer: string) => {
        const form = await app.inject({ url: '/quan-tri/dang-nhap', headers: { host, 'x-forwarded-proto': 'https' }, remoteAddress: peer });
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
        const res = await app.inject({
          method: 'POST',
          url: '/quan-tri/dang-nhap',
          remoteAddress: peer,
          headers: {
            host,
            'x-forwarded-proto': 'https',
            cookie: String(form.headers['set-cookie']).split(';')[0]!,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: formBody({ _csrf: csrf, email: user.email, password: 'mat-khau-du-dai' }),
        });
        return String(res.headers['set-cookie']);
      };
      assert.match(await signIn('127.0.0.1'), /; Secure;/);
      assert.doesNotMatch(await signIn('203.0.113.70'), /Secure/);
    });
  });
}
