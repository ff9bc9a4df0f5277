import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import type { MailRow, NewMail } from '../db/schema/mail.ts';

/** A member of a site who may be written to. */
export interface MailRecipient {
  userId: number;
  email: string;
  name: string;
  role: Role;
}

/**
 * SQL for notification mail. The queue serves the whole installation (one
 * sender job for every site); each row names its site. Recipients are always
 * read for one site, from its memberships.
 */
export class MailQueueRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Queues mails; one whose dedupe key is already queued is left out. */
  async enqueue(mails: NewMail[]): Promise<void> {
    if (mails.length === 0) return;
    await this.db
      .insertInto('mail_queue')
      .values(mails)
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .execute();
  }

  /** Queued mails whose time to (re)try has come, oldest first. */
  async due(now: string, limit: number): Promise<MailRow[]> {
    return this.db
      .selectFrom('mail_queue')
      .selectAll()
      .where('status', '=', 'queued')
      .where('next_attempt_at', '<=', now)
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Takes a mail for sending until `until`, unless another sender took it first. */
  async claim(mail: Pick<MailRow, 'id' | 'next_attempt_at'>, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_queue')
      .set({ next_attempt_at: until })
      .where('id', '=', mail.id)
      .where('status', '=', 'queued')
      .where('next_attempt_at', '=', mail.next_attempt_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async markSent(id: number, now: string): Promise<void> {
    await this.db.updateTable('mail_queue').set({ status: 'sent', sent_at: now, last_error: '' }).where('id', '=', id).execute();
  }

  /** Records a failed attempt: tried again at `retryAt`, or given up ('failed') when null. */
  async markAttemptFailed(id: number, attempts: number, error: string, retryAt: string | null): Promise<void> {
    await this.db
      .updateTable('mail_queue')
      .set({ attempts, last_error: error.slice(0, 500), ...(retryAt ? { next_attempt_at: retryAt } : { status: 'failed' }) })
      .where('id', '=', id)
      .execute();
  }

  /** Marks every queued mail skipped: no SMTP server is set, so the newsroom's lists are the only notification. */
  async skipQueued(): Promise<number> {
    const result = await this.db.updateTable('mail_queue').set({ status: 'skipped' }).where('status', '=', 'queued').executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** How many mails wait to be sent (the queue's depth, for the metrics). */
  async countQueued(): Promise<number> {
    const row = await this.db
      .selectFrom('mail_queue')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Drops mails finished (sent, failed or skipped) before an instant. */
  async prune(before: string): Promise<void> {
    await this.db.deleteFrom('mail_queue').where('status', '<>', 'queued').where('created_at', '<', before).execute();
  }

  /** Every mail of a site, oldest first: for the tests and the operator. */
  async listForSite(siteId: number): Promise<MailRow[]> {
    return this.db.selectFrom('mail_queue').selectAll().where('site_id', '=', siteId).orderBy('id').execute();
  }

  /** Enabled members of one site holding one of the roles, by name. */
  async members(siteId: number, roles: readonly Role[]): Promise<MailRecipient[]> {
    if (roles.length === 0) return [];
    return this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id as userId', 'users.email as email', 'users.display_name as name', 'memberships.role as role'])
      .where('memberships.site_id', '=', siteId)
      .where('memberships.role', 'in', [...roles])
      .where('users.disabled', '=', 0)
      .orderBy('users.display_name')
      .execute();
  }
}
