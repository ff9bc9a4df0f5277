import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, Role, UserRow, UsersTable } from '../db/schema.ts';

/** One membership of an account, with its site's name. */
export interface MembershipOf {
  site_id: number;
  site_name: string;
  role: Role;
}

/** A user with their role on one site. */
export interface SiteMember extends UserRow {
  role: Role;
}

/** SQL for accounts and their memberships. Accounts are province-wide; roles are per site. */
export class UserRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  }

  async insert(user: Insertable<UsersTable>): Promise<number> {
    const row = await this.db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Updateable<UsersTable>): Promise<void> {
    await this.db.updateTable('users').set(changes).where('id', '=', id).execute();
  }

  /** The user's role on a site, if they have one. */
  async roleOn(userId: number, siteId: number): Promise<Role | undefined> {
    const row = await this.db.selectFrom('memberships').select('role').where('user_id', '=', userId).where('site_id', '=', siteId).executeTakeFirst();
    return row?.role;
  }

  /** Gives a user a role on a site, replacing any role they had there. */
  async setRole(userId: number, siteId: number, role: Role, now: string): Promise<void> {
    await this.db.deleteFrom('memberships').where('user_id', '=', userId).where('site_id', '=', siteId).execute();
    await this.db.insertInto('memberships').values({ user_id: userId, site_id: siteId, role, created_at: now }).execute();
  }

  async removeRole(userId: number, siteId: number): Promise<void> {
    await this.db.deleteFrom('memberships').where('user_id', '=', userId).where('site_id', '=', siteId).execute();
  }

  /** The members of one site, by name. */
  async membersOf(siteId: number): Promise<SiteMember[]> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .selectAll('users')
      .select('memberships.role')
      .where('memberships.site_id', '=', siteId)
      .orderBy('users.display_name')
      .execute();
  }

  /** Every membership of an account, with the sites' names. */
  async membershipsOf(userId: number): Promise<MembershipOf[]> {
    return this.db
      .selectFrom('memberships')
      .innerJoin('sites', 'sites.id', 'memberships.site_id')
      .select(['memberships.site_id', 'sites.name as site_name', 'memberships.role'])
      .where('memberships.user_id', '=', userId)
      .orderBy('sites.name')
      .execute();
  }

  /** The sites each of several accounts is a member of, for showing what a site admin may do to each. */
  async siteIdsOf(userIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return out;
    const rows = await this.db.selectFrom('memberships').select(['user_id', 'site_id']).where('user_id', 'in', userIds).execute();
    for (const row of rows) out.get(row.user_id)?.push(row.site_id);
    return out;
  }

  /**
   * Records a TOTP time step as used, only if it is later than the last one:
   * false means the code was already used (or an earlier one was), even by a request running at the same moment.
   */
  async claimTotpStep(userId: number, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Turns two-factor sign-in off: the secret, the last step and the recovery codes go. */
  async clearSecondFactor(userId: number, now: string): Promise<void> {
    await this.update(userId, { totp_enabled: 0, totp_secret: null, totp_last_step: null, updated_at: now });
    await this.replaceRecoveryCodes(userId, [], now);
  }

  /** Replaces an account's recovery codes with new hashes. */
  async replaceRecoveryCodes(userId: number, hashes: string[], now: string): Promise<void> {
    await this.db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (hashes.length) {
      await this.db
        .insertInto('recovery_codes')
        .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: now })))
        .execute();
    }
  }

  /** The recovery codes not used yet. */
  async unusedRecoveryCodes(userId: number): Promise<Array<{ id: number; code_hash: string }>> {
    return this.db.selectFrom('recovery_codes').select(['id', 'code_hash']).where('user_id', '=', userId).where('used_at', 'is', null).orderBy('id').execute();
  }

  /** Marks a recovery code used; false when another request used it first. */
  async useRecoveryCode(id: number, now: string): Promise<boolean> {
    const result = await this.db.updateTable('recovery_codes').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
