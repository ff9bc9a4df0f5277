import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type MailRecipient, MailQueueRepository } from '../../repositories/mail-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { type Permission, ROLES, ROLE_NAMES, ROLE_PERMISSIONS } from '../permissions.ts';

/** One notification to one person, before it becomes a mail. */
export interface Notice {
  to: MailRecipient;
  /** What it tells: 'submitted', 'returned', 'question', 'answer', 'digest'. */
  kind: string;
  subject: string;
  /** The message, one paragraph a line, before the link. */
  lines: string[];
  /** The newsroom path of the item (or list) it is about. */
  path: string;
  /** Set for mails that must be queued once only (a day's digest). */
  dedupeKey?: string;
}

/**
 * The members of a site who hold a permission there, through their role on
 * that site: a person gets mail only about sites where they hold the role
 * (a platform admin without a membership gets none).
 */
export async function staffWith(db: Kysely<Database>, siteId: number, permission: Permission): Promise<MailRecipient[]> {
  const roles = ROLES.filter((role) => ROLE_PERMISSIONS[role].has(permission));
  return new MailQueueRepository(db).members(siteId, roles);
}

/** The site's name and the origin its links use: its primary host, over HTTPS. */
async function siteOrigin(db: Kysely<Database>, siteId: number): Promise<{ name: string; origin: string } | null> {
  const sites = new SiteRepository(db);
  const [site, hosts] = await Promise.all([sites.findById(siteId), sites.hostsOf(siteId)]);
  return site && hosts[0] ? { name: site.name, origin: `https://${hosts[0]}` } : null;
}

/** The text of a notification mail: greeting, message, link, and why the person gets it. */
function bodyOf(notice: Notice, site: { name: string; origin: string }): string {
  return [
    `Chào ${notice.to.name},`,
    '',
    ...notice.lines.flatMap((line) => [line, '']),
    `Mở trong trang quản trị: ${site.origin}${notice.path}`,
    '',
    '—',
    `Thư gửi tự động từ trang quản trị ${site.name}, vì bạn là ${ROLE_NAMES[notice.to.role]} của ${site.name}. Vui lòng không trả lời thư này.`,
  ].join('\n');
}

/**
 * Queues notices as mails, in the caller's transaction: a sender job sends
 * them later (services/notifications/sender.ts), so the event never waits
 * for, nor fails because of, the mail server.
 */
export async function queueNotices(db: Kysely<Database>, siteId: number, notices: Notice[], now: Date): Promise<void> {
  if (notices.length === 0) return;
  const site = await siteOrigin(db, siteId);
  if (!site) return;
  const at = now.toISOString();
  await new MailQueueRepository(db).enqueue(
    notices.map((n) => ({
      site_id: siteId,
      user_id: n.to.userId,
      recipient: n.to.email,
      subject: `[${site.name}] ${n.subject}`,
      body: bodyOf(n, site),
      kind: n.kind,
      dedupe_key: n.dedupeKey ?? null,
      status: 'queued' as const,
      next_attempt_at: at,
      created_at: at,
      sent_at: null,
    })),
  );
}
