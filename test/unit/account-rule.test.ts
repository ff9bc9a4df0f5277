import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayControlAccount, mayGrantPlatformAdmin } from '../../src/services/permissions.ts';

const siteAdminOfOne = { userId: 1, isPlatformAdmin: false, adminSiteIds: [10] };
const siteAdminOfTwo = { userId: 2, isPlatformAdmin: false, adminSiteIds: [10, 20] };
const platform = { userId: 3, isPlatformAdmin: true, adminSiteIds: [] };

describe('the account rule', () => {
  it('a site admin changes an account only when every site of it is one they administer', () => {
    assert.equal(mayControlAccount(siteAdminOfOne, { userId: 9, isPlatformAdmin: false, siteIds: [10] }), true);
    assert.equal(mayControlAccount(siteAdminOfOne, { userId: 9, isPlatformAdmin: false, siteIds: [10, 20] }), false);
    assert.equal(mayControlAccount(siteAdminOfTwo, { userId: 9, isPlatformAdmin: false, siteIds: [10, 20] }), true);
    assert.equal(mayControlAccount(siteAdminOfOne, { userId: 9, isPlatformAdmin: false, siteIds: [20] }), false);
  });

  it('never a platform admin, unless the actor is one; and nobody their own account', () => {
    assert.equal(mayControlAccount(siteAdminOfTwo, { userId: 9, isPlatformAdmin: true, siteIds: [10] }), false);
    assert.equal(mayControlAccount(platform, { userId: 9, isPlatformAdmin: true, siteIds: [] }), true);
    assert.equal(mayControlAccount(platform, { userId: 9, isPlatformAdmin: false, siteIds: [10, 20, 30] }), true);
    assert.equal(mayControlAccount(siteAdminOfOne, { userId: 1, isPlatformAdmin: false, siteIds: [10] }), false);
    assert.equal(mayControlAccount(platform, { userId: 3, isPlatformAdmin: true, siteIds: [] }), false);
  });

  it('only a platform admin, or the command line, makes a platform admin', () => {
    assert.equal(mayGrantPlatformAdmin({ isPlatformAdmin: false }), false);
    assert.equal(mayGrantPlatformAdmin({ isPlatformAdmin: true }), true);
    assert.equal(mayGrantPlatformAdmin({ system: 'create-user' }), true);
  });
});
