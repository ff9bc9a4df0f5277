import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, Role, UserRow, UsersTable } from '../db/schema.ts';

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

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
