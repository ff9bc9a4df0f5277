import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow, UserRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { UserRepository } from '../../src/repositories/user-repository.ts';
import { totpCode } from '../../src/services/auth/totp.ts';
import { type Agent, agent, postLogin, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

/** Security review, item 2: second-factor codes cannot be guessed without limit, replayed, or switched off with a session alone. */
for (const dialect of DIALECTS) {
  describe(`two-factor sign-in holds [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    const host = 'hai-buoc.test';
    const STEP = 30_000;

    /** Turns 2FA on through the account page, with the previous step's code so the current one stays unused; returns the secret and the page shown. */
    async function enrol(a: Agent): Promise<{ secret: string; page: string }> {
      assert.equal((await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/bat-dau', {})).statusCode, 303);
      const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec((await a.get('/quan-tri/tai-khoan')).body)?.[1];
      assert.ok(secret, 'the enrolment shows the secret');
      const done = await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc', { code: totpCode(secret, Date.now() - STEP) });
      assert.ok(done.statusCode < 400, done.body.slice(0, 300));
      return { secret, page: done.body };
    }

    /** Signs in with the password and returns an agent on the second step. */
    async function secondStep(user: UserRow): Promise<Agent> {
      const res = await postLogin(h.app, host, user.email, 'mat-khau-du-dai');
      assert.equal(res.headers.location, '/quan-tri/xac-thuc');
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const step = await h.app.inject({ url: '/quan-tri/xac-thuc', headers: { host, cookie } });
      assert.doesNotMatch(step.body, /href="\/quan-tri\/bai-viet"/, 'no admin menu before the second step');
      return agent(h.app, host, cookie, /name="_csrf" value="([^"]+)"/.exec(step.body)![1]!);
    }

    const wrongCode = (secret: string) => {
      const near = new Set([-1, 0, 1].map((k) => totpCode(secret, Date.now() + k * STEP)));
      return ['000000', '111111', '222222', '333333'].find((c) => !near.has(c))!;
    };
    const userRow = async (id: number) => (await new UserRepository(h.t.db).findById(id))!;

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
    });
    after(() => h.close());

    it('wrong codes count against the account across sign-ins: a right password does not clear them, and then even the right code is refused', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const { secret } = await enrol(await signInAs(h.app, host, user.email));
      const statuses: number[] = [];
      for (const tries of [2, 2, 1]) {
        const s = await secondStep(user);
        for (let i = 0; i < tries; i++) statuses.push((await s.post('/quan-tri/xac-thuc', { code: wrongCode(secret) })).statusCode);
      }
      assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
      const s = await secondStep(user);
      const right = await s.post('/quan-tri/xac-thuc', { code: totpCode(secret) });
      assert.equal(right.statusCode, 429);
      assert.equal((await s.get('/quan-tri')).statusCode, 302, 'not signed in');
      const blocked = await new AuditRepository(h.t.db).list(site.id, { action: 'auth.login_blocked' }, 10);
      assert.ok(blocked.some((e) => e.target_id === user.id));
    });

    it('a code accepted once is refused the second time', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const { secret } = await enrol(await signInAs(h.app, host, user.email));
      const code = totpCode(secret);
      const first = await secondStep(user);
      assert.equal((await first.post('/quan-tri/xac-thuc', { code })).headers.location, '/quan-tri');
      await first.post('/quan-tri/dang-xuat', {});
      const again = await secondStep(user);
      assert.equal((await again.post('/quan-tri/xac-thuc', { code })).statusCode, 401);
      assert.equal((await again.get('/quan-tri')).headers.location, '/quan-tri/xac-thuc');
    });

    it('turning two-factor sign-in off needs the current password and a valid code, not just a session', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const a = await signInAs(h.app, host, user.email);
      const { secret } = await enrol(a);
      const restart = await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/bat-dau', {});
      assert.equal(restart.statusCode, 409);
      assert.equal((await userRow(user.id)).totp_enabled, 1);
      const tries = [
        { password: 'sai-mat-khau-roi', code: totpCode(secret) },
        { password: 'mat-khau-du-dai', code: wrongCode(secret) },
        { password: '', code: '' },
      ];
      for (const form of tries) {
        const res = await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/thay-doi', { ...form, action: 'tat' });
        assert.equal(res.statusCode, 400);
        assert.equal((await userRow(user.id)).totp_enabled, 1);
      }
      const off = await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/thay-doi', { password: 'mat-khau-du-dai', code: totpCode(secret), action: 'tat' });
      assert.equal(off.headers.location, '/quan-tri/tai-khoan?ok=tat-2fa');
      const row = await userRow(user.id);
      assert.deepEqual([row.totp_enabled, row.totp_secret], [0, null]);
      assert.equal((await postLogin(h.app, host, user.email, 'mat-khau-du-dai')).headers.location, '/quan-tri');
    });

    it('recovery codes are shown once, stored only as argon2id hashes, and each signs in once instead of a code', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const a = await signInAs(h.app, host, user.email);
      const { page } = await enrol(a);
      const codes = [...page.matchAll(/<li><code>([a-z2-7]{5}-[a-z2-7]{5})<\/code><\/li>/g)].map((m) => m[1]!);
      assert.equal(codes.length, 10);
      const stored = await h.t.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', user.id).execute();
      assert.equal(stored.length, 10);
      for (const row of stored) {
        assert.match(row.code_hash, /^\$argon2id\$/);
        assert.ok(!codes.some((c) => row.code_hash.includes(c.replace('-', ''))));
      }
      assert.ok(!(await a.get('/quan-tri/tai-khoan')).body.includes(codes[0]!), 'never shown again');

      const s = await secondStep(user);
      assert.equal((await s.post('/quan-tri/xac-thuc', { recovery_code: codes[0]!.toUpperCase() })).headers.location, '/quan-tri');
      assert.equal((await s.get('/quan-tri')).statusCode, 200);
      const again = await secondStep(user);
      assert.equal((await again.post('/quan-tri/xac-thuc', { recovery_code: codes[0]! })).statusCode, 401, 'each code works once');
      assert.equal((await again.post('/quan-tri/xac-thuc', { recovery_code: codes[1]!.replace('-', ' ') })).headers.location, '/quan-tri');
      const used = await new AuditRepository(h.t.db).list(site.id, { action: 'auth.recovery_code_used' }, 10);
      assert.equal(used.filter((e) => e.target_id === user.id).length, 2);
    });

    it('new recovery codes need the same proof and replace the old ones', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const a = await signInAs(h.app, host, user.email);
      const { secret, page } = await enrol(a);
      const codesOf = (body: string) => [...body.matchAll(/<li><code>([a-z2-7]{5}-[a-z2-7]{5})<\/code><\/li>/g)].map((m) => m[1]!);
      const olds = codesOf(page);
      assert.equal(
        (await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/thay-doi', { password: 'sai-mat-khau-roi', code: totpCode(secret), action: 'ma-moi' })).statusCode,
        400,
      );
      const renewed = await a.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/thay-doi', { password: 'mat-khau-du-dai', code: olds[0]!, action: 'ma-moi' });
      assert.equal(renewed.statusCode, 200);
      const fresh = codesOf(renewed.body);
      assert.equal(fresh.length, 10);
      assert.ok(!fresh.some((c) => olds.includes(c)));
      const s = await secondStep(user);
      assert.equal((await s.post('/quan-tri/xac-thuc', { recovery_code: olds[1]! })).statusCode, 401, 'the old codes stop working');
      assert.equal((await s.post('/quan-tri/xac-thuc', { recovery_code: fresh[0]! })).headers.location, '/quan-tri');
    });
  });
}
