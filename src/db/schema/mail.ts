import type { Generated, Insertable, Selectable } from 'kysely';

/** Where a queued mail stands: waiting (or retrying), sent, given up after its last attempt, or skipped because no SMTP server is set. */
export type MailStatus = 'queued' | 'sent' | 'failed' | 'skipped';

/** A notification mail to one person, queued in the transaction of its event. */
export interface MailQueueTable {
  id: Generated<number>;
  site_id: number;
  user_id: number | null;
  recipient: string;
  subject: string;
  body: string;
  /** What it tells: 'submitted', 'returned', 'question', 'answer', 'digest'. */
  kind: string;
  /** Keeps a mail from being queued twice (a daily digest); null for one-off events. */
  dedupe_key: string | null;
  status: MailStatus;
  attempts: Generated<number>;
  /** When the sender may try it (again); also its lease while being sent. */
  next_attempt_at: string;
  last_error: Generated<string>;
  created_at: string;
  sent_at: string | null;
}

/** Tables of notification mail. */
export interface MailTables {
  mail_queue: MailQueueTable;
}

export type MailRow = Selectable<MailQueueTable>;
export type NewMail = Insertable<MailQueueTable>;
