import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { SiteRow } from '../../src/db/schema.ts';
import { UserRepository } from '../../src/repositories/user-repository.ts';
import { acceptInvitation, invitationsFrom, invitationsTo } from '../../src/services/users/invitations.ts';
import { addMember, createUser } from '../../src/services/users/user-service.ts';
import { DIALECTS, type TestDatabase, openTestDatabase } from '../support/databases.ts';
import { buildSite, buildUser } from '../support/factories.ts';

for (const dialect of DIALECTS) {
  describe(`accounts and invitations [${dialect}]`, () => {
    let t: TestDatabase;
    let siteA: SiteRow;
    let siteB: SiteRow;

    before(async () => {
      t = await openTestDatabase(dialect);
      siteA = await buildSite(t.db);
      siteB = await buildSite(t.db);
    });
    after(() => t.close());

    it('only a platform admin, or the command line, makes a platform admin', async () => {
      const { actor: siteAdmin } = await buildUser(t.db, siteA, 'site_admin');
      const { actor: platform } = await buildUser(t.db, siteA, null, { isPlatformAdmin: true });
      const input = (email: string) => ({ email, displayName: 'Quản trị tỉnh', password: 'mat-khau-du-dai', isPlatformAdmin: true });
      await assert.rejects(createUser(t.db, input('gia-mao@tinh.test'), siteAdmin), (e: { code?: string }) => e.code === 'forbidden');
      assert.equal(await new UserRepository(t.db).findByEmail('gia-mao@tinh.test'), undefined);
      assert.equal((await createUser(t.db, input('that@tinh.test'), platform)).is_platform_admin, 1);
      assert.equal((await createUser(t.db, input('cli@tinh.test'), { system: 'create-user', siteId: null })).is_platform_admin, 1);
    });

    it('adding an existing account invites it once, keeps the latest role, and changes the account only when it is accepted', async () => {
      const { actor: admin } = await buildUser(t.db, siteA, 'site_admin');
      const { user, actor: owner } = await buildUser(t.db, siteB, 'editor');
      assert.equal(await addMember(t.db, siteA.id, { email: user.email.toUpperCase(), role: 'contributor' }, admin), 'invited');
      assert.equal(await addMember(t.db, siteA.id, { email: user.email, role: 'approver' }, admin), 'invited');
      const sent = await invitationsFrom(t.db, siteA.id);
      assert.deepEqual(
        sent.map((i) => [i.user_id, i.role]),
        [[user.id, 'approver']],
      );
      const users = new UserRepository(t.db);
      assert.equal(await users.roleOn(user.id, siteA.id), undefined);
      const [invitation] = await invitationsTo(t.db, user.id);
      await acceptInvitation(t.db, invitation!.id, owner);
      assert.equal(await users.roleOn(user.id, siteA.id), 'approver');
      assert.deepEqual(await invitationsTo(t.db, user.id), []);
      assert.equal(await addMember(t.db, siteA.id, { email: user.email, role: 'editor' }, admin), 'role_changed', 'a member here just gets the new role');
      assert.equal(await users.roleOn(user.id, siteA.id), 'editor');
    });

    it("someone else cannot accept an account's invitation", async () => {
      const { actor: admin } = await buildUser(t.db, siteA, 'site_admin');
      const { user } = await buildUser(t.db, siteB, 'editor');
      const { actor: stranger } = await buildUser(t.db, siteB, 'site_admin');
      await addMember(t.db, siteA.id, { email: user.email, role: 'site_admin' }, admin);
      const [invitation] = await invitationsTo(t.db, user.id);
      await assert.rejects(acceptInvitation(t.db, invitation!.id, stranger), (e: { code?: string }) => e.code === 'not_found');
      assert.equal(await new UserRepository(t.db).roleOn(user.id, siteA.id), undefined);
    });
  });
}
