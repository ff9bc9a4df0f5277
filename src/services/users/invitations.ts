import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, InvitationRow, InvitationStatus, Role, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { type InvitationListing, InvitationRepository } from '../../repositories/invitation-repository.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { recordAuditOnSites } from '../audit-service.ts';
import { type Actor, ROLE_NAMES } from '../permissions.ts';

/**
 * Accounts are province-wide: a site admin who adds the e-mail of an
 * existing account only invites it. The account gets the role when its
 * owner accepts after signing in, or when a platform admin approves;
 * until then nothing about it changes. Each step is audited on the
 * inviting site and on every site the account works on.
 */

type Summary = (site: string, email: string, role: string) => string;

const STEPS: Record<InvitationStatus, { action: string; summary: Summary }> = {
  pending: { action: 'user.invited', summary: (site, email, role) => `${site} mời ${email} làm ${role}` },
  accepted: { action: 'user.invitation_accepted', summary: (site, email, role) => `${email} nhận lời mời của ${site}, làm ${role}` },
  declined: { action: 'user.invitation_declined', summary: (site, email, role) => `${email} từ chối lời mời của ${site} (${role})` },
  withdrawn: { action: 'user.invitation_withdrawn', summary: (site, email, role) => `${site} thu hồi lời mời ${email} làm ${role}` },
  approved: { action: 'user.invitation_approved', summary: (site, email, role) => `Quản trị hệ thống duyệt lời mời của ${site}: ${email} làm ${role}` },
};

async function audit(trx: Kysely<Database>, who: Actor, invitation: Pick<InvitationRow, 'site_id' | 'user_id' | 'role'>, step: InvitationStatus) {
  const users = new UserRepository(trx);
  const user = await users.findById(invitation.user_id);
  const site = await new SiteRepository(trx).findById(invitation.site_id);
  const memberships = await users.membershipsOf(invitation.user_id);
  const elsewhere = memberships.filter((m) => m.site_id !== invitation.site_id).map((m) => m.site_name);
  const { action, summary } = STEPS[step];
  const text = `${summary(site?.name ?? '', user?.email ?? '', ROLE_NAMES[invitation.role])}${elsewhere.length ? ` (tài khoản thuộc: ${elsewhere.join(', ')})` : ''}`;
  const siteIds = [invitation.site_id, ...memberships.map((m) => m.site_id)];
  await recordAuditOnSites(trx, who, { action, targetType: 'user', targetId: invitation.user_id, summary: text }, siteIds);
}

/** Invites an existing account to a site; an invitation already pending there takes the new role. */
export async function inviteAccount(db: Kysely<Database>, siteId: number, user: UserRow, role: Role, who: Actor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const invitations = new InvitationRepository(trx);
    const pending = await invitations.pendingFor(siteId, user.id);
    if (pending) await invitations.setRole(pending.id, role);
    else await invitations.insert({ site_id: siteId, user_id: user.id, role, invited_by: who.userId, created_at: nowIso() });
    await audit(trx, who, { site_id: siteId, user_id: user.id, role }, 'pending');
  });
}

/** Pending invitations to an account, from every site. */
export function invitationsTo(db: Kysely<Database>, userId: number): Promise<InvitationListing[]> {
  return new InvitationRepository(db).pendingOfUser(userId);
}

/** Pending invitations a site has sent, for its admin to follow or withdraw. */
export function invitationsFrom(db: Kysely<Database>, siteId: number): Promise<InvitationListing[]> {
  return new InvitationRepository(db).pendingOfSite(siteId);
}

/** Every pending invitation of the installation, for the platform admin. */
export function allPendingInvitations(db: Kysely<Database>): Promise<InvitationListing[]> {
  return new InvitationRepository(db).allPending(200);
}

/** Whether an account has a pending invitation to a site (it may then sign in there to answer it). */
export async function hasPendingInvitation(db: Kysely<Database>, userId: number, siteId: number): Promise<boolean> {
  return (await new InvitationRepository(db).pendingFor(siteId, userId)) !== undefined;
}

async function decide(db: Kysely<Database>, id: number, actor: Actor, status: Exclude<InvitationStatus, 'pending'>, allowed: (i: InvitationRow) => boolean) {
  const invitations = new InvitationRepository(db);
  const invitation = await invitations.findById(id);
  if (!invitation || invitation.status !== 'pending' || !allowed(invitation)) {
    throw new AppError('not_found', 'Không tìm thấy lời mời đang chờ (có thể đã được trả lời hoặc thu hồi).');
  }
  await inTransaction(db, async (trx) => {
    const now = nowIso();
    if (!(await new InvitationRepository(trx).decide(id, status, actor.userId, now))) throw new AppError('conflict', 'Lời mời vừa được xử lý.');
    if (status === 'accepted' || status === 'approved') await new UserRepository(trx).setRole(invitation.user_id, invitation.site_id, invitation.role, now);
    await audit(trx, actor, invitation, status);
  });
  return invitation;
}

/** The invited person accepts: they get the role on the inviting site. */
export function acceptInvitation(db: Kysely<Database>, id: number, actor: Actor): Promise<InvitationRow> {
  return decide(db, id, actor, 'accepted', (i) => i.user_id === actor.userId);
}

/** The invited person declines: nothing changes. */
export function declineInvitation(db: Kysely<Database>, id: number, actor: Actor): Promise<InvitationRow> {
  return decide(db, id, actor, 'declined', (i) => i.user_id === actor.userId);
}

/** The inviting site's admin withdraws a pending invitation. */
export function withdrawInvitation(db: Kysely<Database>, id: number, actor: Actor): Promise<InvitationRow> {
  return decide(db, id, actor, 'withdrawn', (i) => i.site_id === actor.siteId);
}

/** A platform admin approves in the owner's place (an account whose owner cannot sign in to answer). */
export function approveInvitation(db: Kysely<Database>, id: number, actor: Actor): Promise<InvitationRow> {
  if (!actor.isPlatformAdmin) throw new AppError('forbidden');
  return decide(db, id, actor, 'approved', () => true);
}
