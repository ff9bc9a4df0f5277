import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow, UserRow } from '../../src/db/schema.ts';
import { AuditRepository } from '../../src/repositories/audit-repository.ts';
import { UserRepository } from '../../src/repositories/user-repository.ts';
import { type Agent, formBody, postLogin, signInAs } from '../support/admin.ts';
import { type TestApp, openTestApp } from '../support/app.ts';
import { DIALECTS } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

/** Security review, item 1: a site admin's power over accounts ends at their own site. */
for (const dialect of DIALECTS) {
  describe(`accounts are out of another site's reach [${dialect}]`, () => {
    let h: TestApp;
    let siteA: SiteRow;
    let siteB: SiteRow;
    let adminA: UserRow;
    let adminB: UserRow;
    let platform: UserRow;
    const hostA = 'phuong-mot.test';
    const hostB = 'phuong-hai.test';

    /** Posts a form asking for JSON, so an error answers with its code. */
    const postJson = (a: Agent, url: string, form: Record<string, string>) =>
      h.app.inject({
        method: 'POST',
        url,
        headers: { host: a.host, cookie: a.cookie, accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        payload: formBody({ _csrf: a.csrf, ...form }),
      });
    const roleOn = (userId: number, site: SiteRow) => new UserRepository(h.t.db).roleOn(userId, site.id);
    const hashOf = async (userId: number) => (await new UserRepository(h.t.db).findById(userId))!.password_hash;
    const actionsOn = async (site: SiteRow, action: string) => (await new AuditRepository(h.t.db).list(site.id, { action }, 50)).map((e) => e.target_id);

    before(async () => {
      h = await openTestApp(dialect);
      siteA = await buildSite(h.t.db, { name: 'Phường Một', hosts: [hostA] });
      siteB = await buildSite(h.t.db, { name: 'Phường Hai', hosts: [hostB] });
      adminA = (await buildUser(h.t.db, siteA, 'site_admin')).user;
      adminB = (await buildUser(h.t.db, siteB, 'site_admin')).user;
      platform = (await buildUser(h.t.db, siteA, null, { isPlatformAdmin: true })).user;
    });
    after(() => h.close());

    it("a site admin who adds the platform admin's e-mail only invites it: no role, no password reset, no way into the platform screen", async () => {
      const a = await signInAs(h.app, hostA, adminA.email);
      const before = await hashOf(platform.id);
      const added = await a.post('/quan-tri/nguoi-dung', { email: platform.email, role: 'site_admin', display_name: '', password: '' });
      assert.equal(added.statusCode, 303);
      assert.equal(added.headers.location, '/quan-tri/nguoi-dung?ok=loi-moi');
      assert.equal(await roleOn(platform.id, siteA), undefined, 'nothing about the account changes until it is accepted');

      const reset = await postJson(a, `/quan-tri/nguoi-dung/${platform.id}/mat-khau`, { [`password-${platform.id}`]: 'mat-khau-cua-ke-gian' });
      assert.equal(reset.statusCode, 404);
      assert.equal(reset.json().error.code, 'not_found');
      assert.equal(await hashOf(platform.id), before);
      assert.equal((await postLogin(h.app, hostA, platform.email, 'mat-khau-cua-ke-gian')).statusCode, 401);
      const owner = await signInAs(h.app, hostA, platform.email);
      assert.equal((await owner.get('/quan-tri/he-thong')).statusCode, 200, 'the real owner still gets in with their own password');
    });

    it("another ward's admin added by e-mail is only invited, and keeps their password", async () => {
      const a = await signInAs(h.app, hostA, adminA.email);
      const before = await hashOf(adminB.id);
      assert.equal((await a.post('/quan-tri/nguoi-dung', { email: adminB.email, role: 'editor' })).headers.location, '/quan-tri/nguoi-dung?ok=loi-moi');
      assert.equal(await roleOn(adminB.id, siteA), undefined);
      const reset = await postJson(a, `/quan-tri/nguoi-dung/${adminB.id}/mat-khau`, { [`password-${adminB.id}`]: 'mat-khau-cua-ke-gian' });
      assert.equal(reset.json().error.code, 'not_found');
      assert.equal(await hashOf(adminB.id), before);
      assert.match((await a.get('/quan-tri/nguoi-dung')).body, new RegExp(adminB.email.replace('.', '\\.')), 'the invitation is listed as pending');
    });

    it('an account that also works on another site, or a platform admin, is out of a site admin’s reach even as a member here', async () => {
      const { user: shared } = await buildUser(h.t.db, siteA, 'editor');
      await new UserRepository(h.t.db).setRole(shared.id, siteB.id, 'contributor', new Date().toISOString());
      await new UserRepository(h.t.db).setRole(platform.id, siteA.id, 'editor', new Date().toISOString());
      const a = await signInAs(h.app, hostA, adminA.email);
      for (const target of [shared, platform]) {
        const before = await hashOf(target.id);
        for (const [url, form] of [
          [`/quan-tri/nguoi-dung/${target.id}/mat-khau`, { [`password-${target.id}`]: 'mat-khau-cua-ke-gian' }],
          [`/quan-tri/nguoi-dung/${target.id}/ket-thuc-phien`, {}],
          [`/quan-tri/nguoi-dung/${target.id}/tat-xac-thuc-hai-buoc`, {}],
        ] as const) {
          const res = await postJson(a, url, form);
          assert.equal(res.statusCode, 403, `${url}: ${res.body}`);
          assert.equal(res.json().error.code, 'forbidden');
        }
        assert.equal(await hashOf(target.id), before);
      }
      await new UserRepository(h.t.db).removeRole(platform.id, siteA.id);

      // The platform admin may, and the reset is in the audit log of both sites the account works on.
      const p = await signInAs(h.app, hostA, platform.email);
      assert.equal((await p.post(`/quan-tri/nguoi-dung/${shared.id}/mat-khau`, { [`password-${shared.id}`]: 'mat-khau-tam-thoi-1' })).statusCode, 303);
      assert.equal((await postLogin(h.app, hostB, shared.email, 'mat-khau-tam-thoi-1')).statusCode, 303);
      assert.ok((await actionsOn(siteA, 'user.password_reset')).includes(shared.id));
      assert.ok((await actionsOn(siteB, 'user.password_reset')).includes(shared.id));
    });

    it('a site admin resets the password, ends the sessions and turns off two-factor sign-in of an account that works only on their site', async () => {
      const { user: local } = await buildUser(h.t.db, siteA, 'editor');
      const a = await signInAs(h.app, hostA, adminA.email);
      const theirs = await signInAs(h.app, hostA, local.email);
      assert.equal((await a.post(`/quan-tri/nguoi-dung/${local.id}/ket-thuc-phien`, {})).headers.location, '/quan-tri/nguoi-dung?ok=ket-thuc-phien');
      assert.equal((await theirs.get('/quan-tri')).statusCode, 302, 'their session has ended');
      await h.t.db.updateTable('users').set({ totp_enabled: 1, totp_secret: 'JBSWY3DPEHPK3PXP' }).where('id', '=', local.id).execute();
      assert.equal((await a.post(`/quan-tri/nguoi-dung/${local.id}/tat-xac-thuc-hai-buoc`, {})).statusCode, 303);
      const after2fa = await new UserRepository(h.t.db).findById(local.id);
      assert.deepEqual([after2fa?.totp_enabled, after2fa?.totp_secret], [0, null]);
      assert.equal((await a.post(`/quan-tri/nguoi-dung/${local.id}/mat-khau`, { [`password-${local.id}`]: 'mat-khau-tam-thoi-2' })).statusCode, 303);
      assert.equal((await postLogin(h.app, hostA, local.email, 'mat-khau-tam-thoi-2')).statusCode, 303);
      for (const action of ['user.sessions_ended', 'user.totp_reset', 'user.password_reset'])
        assert.ok((await actionsOn(siteA, action)).includes(local.id), action);

      const self = await postJson(a, `/quan-tri/nguoi-dung/${adminA.id}/mat-khau`, { [`password-${adminA.id}`]: 'mat-khau-tu-dat-lai' });
      assert.equal(self.json().error.code, 'forbidden', 'their own account needs its current password, on the account page');
    });

    it('the invited owner signs in, sees the invitation and accepts it; only then the account gets the role, audited on both sites', async () => {
      const { user: owner } = await buildUser(h.t.db, siteB, 'editor');
      const a = await signInAs(h.app, hostA, adminA.email);
      await a.post('/quan-tri/nguoi-dung', { email: owner.email, role: 'approver' });
      assert.equal(await roleOn(owner.id, siteA), undefined);

      const signedIn = await postLogin(h.app, hostB, owner.email, 'mat-khau-du-dai');
      assert.equal(signedIn.headers.location, '/quan-tri/loi-moi', 'the invitation is the first thing they see');
      const b = await signInAs(h.app, hostB, owner.email);
      const page = await b.get('/quan-tri/loi-moi');
      const accept = /action="(\/quan-tri\/loi-moi\/\d+\/chap-nhan)"/.exec(page.body)?.[1];
      assert.ok(accept, 'an accept button');
      assert.equal((await b.post(accept, {})).headers.location, '/quan-tri/loi-moi?ok=nhan-loi-moi');
      assert.equal(await roleOn(owner.id, siteA), 'approver');
      assert.equal(await roleOn(owner.id, siteB), 'editor', 'the other site is untouched');
      for (const site of [siteA, siteB]) {
        assert.ok((await actionsOn(site, 'user.invited')).includes(owner.id), `invited, in ${site.name}`);
        assert.ok((await actionsOn(site, 'user.invitation_accepted')).includes(owner.id), `accepted, in ${site.name}`);
      }
      assert.equal((await b.post(accept, {})).statusCode, 404, 'an invitation is answered once');
    });

    it('someone invited signs in on the inviting site only to answer; declining changes nothing and closes that door', async () => {
      const { user: owner } = await buildUser(h.t.db, siteB, 'contributor');
      const a = await signInAs(h.app, hostA, adminA.email);
      assert.equal((await postLogin(h.app, hostA, owner.email, 'mat-khau-du-dai')).statusCode, 401, 'not a member, not invited');
      await a.post('/quan-tri/nguoi-dung', { email: owner.email, role: 'editor' });
      const o = await signInAs(h.app, hostA, owner.email);
      assert.equal((await o.get('/quan-tri/bai-viet')).headers.location, '/quan-tri/loi-moi');
      assert.equal((await postJson(o, '/quan-tri/media/1', {})).json().error.code, 'forbidden');
      const page = await o.get('/quan-tri/loi-moi');
      const decline = /action="(\/quan-tri\/loi-moi\/\d+\/tu-choi)"/.exec(page.body)?.[1];
      assert.ok(decline);
      assert.equal((await o.post(decline, {})).statusCode, 303);
      assert.equal(await roleOn(owner.id, siteA), undefined);
      assert.equal((await postLogin(h.app, hostA, owner.email, 'mat-khau-du-dai')).statusCode, 401);
      assert.ok((await actionsOn(siteB, 'user.invitation_declined')).includes(owner.id));
    });

    it('the inviting site admin withdraws an invitation; only a platform admin approves one in the owner’s place', async () => {
      const { user: first } = await buildUser(h.t.db, siteB, 'editor');
      const { user: second } = await buildUser(h.t.db, siteB, 'editor');
      const a = await signInAs(h.app, hostA, adminA.email);
      await a.post('/quan-tri/nguoi-dung', { email: first.email, role: 'editor' });
      await a.post('/quan-tri/nguoi-dung', { email: second.email, role: 'contributor' });
      const ids = async () =>
        (await h.t.db.selectFrom('invitations').select(['id', 'user_id']).where('status', '=', 'pending').execute()).reduce<Record<number, number>>(
          (out, row) => ({ ...out, [row.user_id]: row.id }),
          {},
        );
      const pending = await ids();

      const b = await signInAs(h.app, hostB, adminB.email);
      assert.equal((await postJson(b, `/quan-tri/nguoi-dung/loi-moi/${pending[first.id]}/thu-hoi`, {})).json().error.code, 'not_found', "not B's to withdraw");
      assert.equal((await a.post(`/quan-tri/nguoi-dung/loi-moi/${pending[first.id]}/thu-hoi`, {})).statusCode, 303);
      const f = await signInAs(h.app, hostB, first.email);
      assert.equal((await f.post(`/quan-tri/loi-moi/${pending[first.id]}/chap-nhan`, {})).statusCode, 404, 'withdrawn');
      assert.equal(await roleOn(first.id, siteA), undefined);

      assert.equal((await postJson(a, `/quan-tri/he-thong/loi-moi/${pending[second.id]}/duyet`, {})).json().error.code, 'forbidden');
      const p = await signInAs(h.app, hostA, platform.email);
      assert.match((await p.get('/quan-tri/he-thong')).body, new RegExp(second.email.replace('.', '\\.')));
      assert.equal((await p.post(`/quan-tri/he-thong/loi-moi/${pending[second.id]}/duyet`, {})).statusCode, 303);
      assert.equal(await roleOn(second.id, siteA), 'contributor');
      assert.ok((await actionsOn(siteB, 'user.invitation_approved')).includes(second.id));
    });
  });
}
