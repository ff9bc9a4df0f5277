import type { Kysely } from 'kysely';
import type { Database, InvitationRow, InvitationStatus, Role } from '../db/schema.ts';

/** A pending invitation with the names a page shows: the site, the account and who invited. */
export interface InvitationListing {
  id: number;
  site_id: number;
  site_name: string;
  site_host: string | null;
  user_id: number;
  email: string;
  display_name: string;
  role: Role;
  invited_by_email: string | null;
  created_at: string;
}

/** SQL for invitations of existing accounts to sites. */
export class InvitationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async findById(id: number): Promise<InvitationRow | undefined> {
    return this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The pending invitation of an account to a site, if any. */
  async pendingFor(siteId: number, userId: number): Promise<InvitationRow | undefined> {
    return this.db
      .selectFrom('invitations')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('user_id', '=', userId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
  }

  async insert(row: { site_id: number; user_id: number; role: Role; invited_by: number | null; created_at: string }): Promise<number> {
    const inserted = await this.db
      .insertInto('invitations')
      .values({ ...row, status: 'pending' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return inserted.id;
  }

  async setRole(id: number, role: Role): Promise<void> {
    await this.db.updateTable('invitations').set({ role }).where('id', '=', id).execute();
  }

  /** Decides a pending invitation; false when it was no longer pending (decided by someone else meanwhile). */
  async decide(id: number, status: Exclude<InvitationStatus, 'pending'>, by: number | null, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('invitations')
      .set({ status, decided_at: now, decided_by: by })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  private listing() {
    return this.db
      .selectFrom('invitations')
      .innerJoin('sites', 'sites.id', 'invitations.site_id')
      .innerJoin('users', 'users.id', 'invitations.user_id')
      .leftJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
      .leftJoin('site_hosts', (join) => join.onRef('site_hosts.site_id', '=', 'invitations.site_id').on('site_hosts.is_primary', '=', 1))
      .select([
        'invitations.id',
        'invitations.site_id',
        'sites.name as site_name',
        'site_hosts.host as site_host',
        'invitations.user_id',
        'users.email',
        'users.display_name',
        'invitations.role',
        'inviter.email as invited_by_email',
        'invitations.created_at',
      ])
      .where('invitations.status', '=', 'pending')
      .orderBy('invitations.created_at')
      .orderBy('invitations.id');
  }

  /** Pending invitations to an account, from every site. */
  async pendingOfUser(userId: number): Promise<InvitationListing[]> {
    return this.listing().where('invitations.user_id', '=', userId).execute();
  }

  /** Pending invitations a site has sent. */
  async pendingOfSite(siteId: number): Promise<InvitationListing[]> {
    return this.listing().where('invitations.site_id', '=', siteId).execute();
  }

  /** Every pending invitation of the installation, oldest first, for the platform admin. */
  async allPending(limit: number): Promise<InvitationListing[]> {
    return this.listing().limit(limit).execute();
  }
}
