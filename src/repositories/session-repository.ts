import type { Insertable, Kysely } from 'kysely';
import type { Database, SessionRow, SessionsTable } from '../db/schema.ts';

/** SQL for server-side sessions and the sign-in attempt log. */
export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(session: Insertable<SessionsTable>): Promise<void> {
    await this.db.insertInto('sessions').values(session).execute();
  }

  /** A session that is neither revoked nor expired at `now`. */
  async findLive(id: string, now: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).where('revoked_at', 'is', null).where('expires_at', '>', now).executeTakeFirst();
  }

  async touch(id: string, now: string, expiresAt: string): Promise<void> {
    await this.db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async completeTotp(id: string): Promise<void> {
    await this.db.updateTable('sessions').set({ totp_pending: 0 }).where('id', '=', id).execute();
  }

  async revoke(id: string, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('id', '=', id).execute();
  }

  /** Ends every session of a user, after a password reset or when access is withdrawn. */
  async revokeAllOf(userId: number, now: string): Promise<void> {
    await this.db.updateTable('sessions').set({ revoked_at: now }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
  }

  /** Ends every session of a user but one: the one that just changed the password stays signed in. */
  async revokeAllOfExcept(userId: number, keepId: string, now: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ revoked_at: now })
      .where('user_id', '=', userId)
      .where('id', '!=', keepId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async recordAttempt(key: string, at: string): Promise<void> {
    await this.db.insertInto('login_attempts').values({ key, attempted_at: at }).execute();
  }

  /** Failed attempts under a key since an instant. */
  async attemptsSince(key: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', '=', key)
      .where('attempted_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clearAttempts(key: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('key', '=', key).execute();
  }

  /** Removes attempts older than an instant, so the table stays small. */
  async pruneAttempts(before: string): Promise<void> {
    await this.db.deleteFrom('login_attempts').where('attempted_at', '<', before).execute();
  }
}
