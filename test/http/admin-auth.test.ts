import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { sessionIdOf } from '../../src/services/auth/auth-service.ts';
import { totpCode } from '../../src/services/auth/totp.ts';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../src/services/users/own-account.ts';
import { agent, formBody, loginForm, postLogin, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`sign-in and sessions [${dialect}]`, () => {
    let h: TestApp;
    let site: SiteRow;
    const host = 'dang-nhap.test';

    before(async () => {
      h = await openTestApp(dialect);
      site = await buildSite(h.t.db, { hosts: [host] });
    });
    after(() => h.close());

    it('a right password opens a server-side session in an HttpOnly SameSite cookie', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const res = await postLogin(h.app, host, user.email, 'mat-khau-du-dai');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/quan-tri');
      const setCookie = String(res.headers['set-cookie']);
      assert.match(setCookie, /^xp_session=[\w-]{43}; Max-Age=28800; Path=\/; HttpOnly; SameSite=Lax$/);
      const token = setCookie.slice('xp_session='.length, setCookie.indexOf(';'));
      const stored = await h.t.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      assert.equal(stored.length, 1);
      assert.equal(stored[0]!.id, sessionIdOf(token));
      assert.notEqual(stored[0]!.id, token);
    });

    it('behind HTTPS the session cookie is Secure', async () => {
      const secure = await openTestApp('sqlite');
      try {
        const s = await buildSite(secure.t.db, { hosts: ['https.test'] });
        const { user } = await buildUser(secure.t.db, s, 'editor');
        const app = await (
          await import('../../src/http/app.ts')
        ).buildApp({ db: secure.t.db, config: { mediaDir: secure.mediaDir, trustProxy: ['loopback'], logLevel: 'silent' } });
        const form = await app.inject({ url: '/quan-tri/dang-nhap', headers: { host: 'https.test', 'x-forwarded-proto': 'https' } });
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)![1]!;
        const res = await app.inject({
          method: 'POST',
          url: '/quan-tri/dang-nhap',
          headers: {
            host: 'https.test',
            'x-forwarded-proto': 'https',
            cookie: String(form.headers['set-cookie']).split(';')[0]!,
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: formBody({ _csrf: csrf, email: user.email, password: 'mat-khau-du-dai' }),
        });
        assert.match(String(res.headers['set-cookie']), /; Secure; SameSite=Lax/);
        await app.close();
      } finally {
        await secure.close();
      }
    });

    it('a wrong password is refused in Vietnamese, keeps the e-mail, and is audited', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const res = await postLogin(h.app, host, user.email, 'sai-mat-khau-roi');
      assert.equal(res.statusCode, 401);
      assert.match(res.body, /Thư điện tử hoặc mật khẩu không đúng\./);
      assert.match(res.body, new RegExp(`value="${user.email}"`));
      const failed = await new AuditRepository(h.t.db).list(site.id, { action: 'auth.login_failed' }, 10);
      assert.ok(failed.some((e) => e.actor === user.email));
    });

    it('the sign-in form refuses a post without its CSRF token', async () => {
      const form = await loginForm(h.app, host);
      const res = await h.app.inject({
        method: 'POST',
        url: '/quan-tri/dang-nhap',
        headers: { host, cookie: form.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        payload: formBody({ _csrf: 'gia-mao', email: 'x@y.vn', password: 'z' }),
      });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'csrf_failed');
    });

    it("every admin form post needs the session's CSRF token", async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const a = await signInAs(h.app, host, user.email);
      const without = await a.post('/quan-tri/tai-khoan/mat-khau', { current_password: 'mat-khau-du-dai', new_password: 'mat-khau-moi-dai' }, { csrf: null });
      assert.equal(without.statusCode, 403);
      assert.match(without.body, /Phiên làm việc của biểu mẫu đã hết hạn/);
      const forged = await a.post(
        '/quan-tri/tai-khoan/mat-khau',
        { current_password: 'mat-khau-du-dai', new_password: 'mat-khau-moi-dai' },
        { csrf: 'x'.repeat(32) },
      );
      assert.equal(forged.statusCode, 403);
      const ok = await a.post('/quan-tri/tai-khoan/mat-khau', { current_password: 'mat-khau-du-dai', new_password: 'mat-khau-moi-dai' });
      assert.equal(ok.statusCode, 303);
    });

    it('after five failures the account is locked out for a while, even with the right password', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      for (let i = 0; i < 5; i++) assert.equal((await postLogin(h.app, host, user.email, `sai-${i}-mat-khau`)).statusCode, 401);
      const blocked = await postLogin(h.app, host, user.email, 'mat-khau-du-dai');
      assert.equal(blocked.statusCode, 429);
      assert.match(blocked.body, /đăng nhập sai quá nhiều lần\. Vui lòng thử lại sau 15 phút/);
      const entries = await new AuditRepository(h.t.db).list(site.id, { action: 'auth.login_blocked' }, 10);
      assert.ok(entries.some((e) => e.actor === user.email));
    });

    it('an expired or signed-out session no longer opens the admin', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor');
      const a = await signInAs(h.app, host, user.email);
      const dashboard = await a.get('/quan-tri');
      assert.equal(dashboard.statusCode, 200);
      assert.equal(dashboard.headers['cache-control'], 'private, no-store');
      await h.t.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('user_id', '=', user.id).execute();
      const expired = await a.get('/quan-tri');
      assert.equal(expired.statusCode, 302);
      assert.equal(expired.headers.location, '/quan-tri/dang-nhap?tiep=%2Fquan-tri');

      const b = await signInAs(h.app, host, user.email);
      assert.equal((await b.post('/quan-tri/dang-xuat', {})).statusCode, 303);
      assert.equal((await b.get('/quan-tri')).statusCode, 302);
    });

    it('with two-factor sign-in on, the admin opens only after the right code', async () => {
      const { user, actor } = await buildUser(h.t.db, site, 'approver');
      const secret = await beginTotpEnrolment(h.t.db, user.id);
      // Enrolled with the previous step's code: the current one is still unused for the sign-in below.
      await confirmTotpEnrolment(h.t.db, user.id, totpCode(secret, Date.now() - 30_000), actor);
      const res = await postLogin(h.app, host, user.email, 'mat-khau-du-dai');
      assert.equal(res.headers.location, '/quan-tri/xac-thuc');
      const cookie = String(res.headers['set-cookie']).split(';')[0]!;
      const step = await h.app.inject({ url: '/quan-tri/xac-thuc', headers: { host, cookie } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(step.body)![1]!;
      const a = agent(h.app, host, cookie, csrf);
      assert.equal((await a.get('/quan-tri')).headers.location, '/quan-tri/xac-thuc');
      const wrong = await a.post('/quan-tri/xac-thuc', { code: '000000' === totpCode(secret) ? '111111' : '000000' });
      assert.equal(wrong.statusCode, 401);
      assert.match(wrong.body, /Mã xác thực không đúng/);
      assert.equal((await a.post('/quan-tri/xac-thuc', { code: totpCode(secret) })).headers.location, '/quan-tri');
      assert.equal((await a.get('/quan-tri')).statusCode, 200);
    });

    it('a temporary password must be changed, and a site can require two-factor sign-in, before anything else', async () => {
      const { user } = await buildUser(h.t.db, site, 'editor', { mustChangePassword: true });
      const a = await signInAs(h.app, host, user.email);
      assert.equal((await a.get('/quan-tri/bai-viet')).headers.location, '/quan-tri/tai-khoan');
      assert.equal(
        (await a.post('/quan-tri/tai-khoan/mat-khau', { current_password: 'mat-khau-du-dai', new_password: 'mat-khau-rieng-cua-toi' })).statusCode,
        303,
      );
      assert.equal((await a.get('/quan-tri/bai-viet')).statusCode, 200);

      const strict = await buildSite(h.t.db, { hosts: ['bat-buoc-2fa.test'] });
      await h.t.db.updateTable('sites').set({ require_totp: 1 }).where('id', '=', strict.id).execute();
      const { user: other } = await buildUser(h.t.db, strict, 'editor');
      const b = await signInAs(h.app, 'bat-buoc-2fa.test', other.email);
      const redirected = await b.get('/quan-tri');
      assert.equal(redirected.headers.location, '/quan-tri/tai-khoan');
      assert.match((await b.get('/quan-tri/tai-khoan')).body, /Cổng này yêu cầu xác thực hai bước/);
    });

    it('an admin route without a declared permission stops the app at start-up', async () => {
      const fresh = await (
        await import('../../src/http/app.ts')
      ).buildApp({ db: h.t.db, config: { mediaDir: h.mediaDir, trustProxy: false, logLevel: 'silent' } });
      assert.throws(() => fresh.get('/quan-tri/quen-khai-bao', async () => 'x'), /chưa khai báo quyền truy cập/);
      await fresh.close();
    });
  });
}
