import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { Database } from '../../db/schema.ts';
import type { MailRow } from '../../db/schema/mail.ts';
import { MailQueueRepository } from '../../repositories/mail-repository.ts';

/** What sends one mail: a nodemailer transport, or anything with its sendMail. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** Where mail goes: the SMTP server (SMTP_URL) and the sender address (SMTP_FROM). */
export interface MailSettings {
  url: string;
  from: string;
}

/** Attempts before a mail is given up, and the first pause between them (doubling, at most six hours). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 60_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;
/** How long a mail being sent stays taken, so a crash mid-send only delays it. */
const LEASE_MS = 5 * 60_000;
const BATCH = 50;

/** An SMTP transport with short timeouts, so a server that does not answer frees the job within a minute. */
export function smtpTransport(settings: MailSettings): MailTransport {
  return nodemailer.createTransport({ url: settings.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
}

/** When a mail that failed `attempts` times is tried again. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** (attempts - 1), LONGEST_RETRY_MS);
}

/** nodemailer's codes for a server that cannot be reached, as opposed to one that refused a mail. */
const UNREACHABLE = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED']);

/** Sends one claimed mail and records the outcome; never throws. */
async function sendOne(
  repo: MailQueueRepository,
  transport: MailTransport,
  from: string,
  mail: MailRow,
  now: Date,
): Promise<'sent' | 'failed' | 'unreachable'> {
  try {
    await transport.sendMail({ from, to: mail.recipient, subject: mail.subject, text: mail.body });
    await repo.markSent(mail.id, new Date().toISOString());
    return 'sent';
  } catch (error) {
    const attempts = mail.attempts + 1;
    const retryAt = attempts < MAX_ATTEMPTS ? new Date(now.getTime() + retryDelayMs(attempts)).toISOString() : null;
    await repo.markAttemptFailed(mail.id, attempts, error instanceof Error ? error.message : String(error), retryAt);
    return UNREACHABLE.has((error as { code?: string }).code ?? '') ? 'unreachable' : 'failed';
  }
}

/**
 * One run of the sender job: takes the queued mails whose time has come and
 * sends them one by one; a failure is retried later with a growing pause and
 * given up after MAX_ATTEMPTS, and a server that cannot be reached ends the
 * run (the rest wait, untried, for the next). Without a transport (no SMTP_URL) queued mail
 * is marked skipped: the newsroom's dashboard and counts are the notification.
 * Returns how many were sent.
 */
export async function sendQueuedMail(db: Kysely<Database>, transport: MailTransport | null, from: string, now: Date): Promise<number> {
  const repo = new MailQueueRepository(db);
  if (!transport) {
    await repo.skipQueued();
    return 0;
  }
  let sent = 0;
  const lease = new Date(now.getTime() + LEASE_MS).toISOString();
  for (const mail of await repo.due(now.toISOString(), BATCH)) {
    if (!(await repo.claim(mail, lease))) continue;
    const outcome = await sendOne(repo, transport, from, mail, now);
    if (outcome === 'unreachable') break;
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}

/** Drops mail finished more than 30 days ago. */
export async function pruneMail(db: Kysely<Database>, now: Date): Promise<void> {
  await new MailQueueRepository(db).prune(new Date(now.getTime() - 30 * 86_400_000).toISOString());
}
