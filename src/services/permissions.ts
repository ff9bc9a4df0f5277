import type { Role } from '../db/schema.ts';

/**
 * Who may do what, in one place. Roles are per site and build on each other:
 * phóng viên < biên tập viên < lãnh đạo duyệt < quản trị site. A platform
 * admin (quản trị hệ thống) may do everything on every site.
 */
export const PERMISSIONS = [
  'admin.access',
  'article.create',
  'article.edit_own',
  'article.submit',
  'media.upload',
  'article.edit_any',
  'article.return',
  'article.view_all',
  'media.manage',
  'article.publish',
  'article.force_publish',
  'article.unpublish',
  'article.archive',
  'article.delete',
  'user.manage',
  'category.manage',
  'settings.manage',
  'audit.view',
  'platform.manage',
  'document.edit',
  'document.publish',
  'disclosure.edit',
  'disclosure.publish',
  'question.answer',
  'question.publish',
  'calendar.edit',
  'calendar.publish',
  'feedback.view',
  'organisation.edit',
  'organisation.submit',
  'organisation.publish',
  'portal.notices',
  'relief.edit',
  'relief.confirm',
  'redirect.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CONTRIBUTOR: Permission[] = ['admin.access', 'article.create', 'article.edit_own', 'article.submit', 'media.upload', 'document.edit', 'disclosure.edit'];
const EDITOR: Permission[] = [
  ...CONTRIBUTOR,
  'article.edit_any',
  'article.return',
  'article.view_all',
  'media.manage',
  'question.answer',
  'calendar.edit',
  'feedback.view',
  'organisation.submit',
  'relief.edit',
];
const APPROVER: Permission[] = [
  ...EDITOR,
  'article.publish',
  'article.force_publish',
  'article.unpublish',
  'article.archive',
  'article.delete',
  'document.publish',
  'disclosure.publish',
  'question.publish',
  'calendar.publish',
  'organisation.publish',
  'relief.confirm',
];
const SITE_ADMIN: Permission[] = [
  ...APPROVER,
  'user.manage',
  'category.manage',
  'settings.manage',
  'audit.view',
  'organisation.edit',
  'portal.notices',
  'redirect.manage',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  contributor: new Set(CONTRIBUTOR),
  editor: new Set(EDITOR),
  approver: new Set(APPROVER),
  site_admin: new Set(SITE_ADMIN),
};

export const ROLES: Role[] = ['contributor', 'editor', 'approver', 'site_admin'];

export const ROLE_NAMES: Record<Role, string> = {
  contributor: 'Phóng viên',
  editor: 'Biên tập viên',
  approver: 'Lãnh đạo duyệt',
  site_admin: 'Quản trị cổng',
};

/** What a signed-in user is on the site of the request. */
export interface Actor {
  userId: number;
  email: string;
  displayName: string;
  /** The role on this site, or null for a platform admin without a membership here. */
  role: Role | null;
  isPlatformAdmin: boolean;
  siteId: number;
  ip: string;
}

/** Whether an actor holds a permission on their site. */
export function can(actor: Pick<Actor, 'role' | 'isPlatformAdmin'>, permission: Permission): boolean {
  if (actor.isPlatformAdmin) return true;
  if (permission === 'platform.manage' || actor.role === null) return false;
  return ROLE_PERMISSIONS[actor.role].has(permission);
}

/** An account as the account rule sees it: whether it is a platform admin, and the sites it is a member of. */
export interface AccountHolder {
  userId: number;
  isPlatformAdmin: boolean;
  siteIds: readonly number[];
}

/**
 * The one rule for changing someone else's account (password, sessions,
 * two-factor sign-in). Accounts are province-wide, so a site admin may do it
 * only when every membership of the account is on a site they administer,
 * and never to a platform admin; a platform admin may always. Nobody does it
 * to their own account this way: that needs their current password.
 */
export function mayControlAccount(actor: { userId: number; isPlatformAdmin: boolean; adminSiteIds: readonly number[] }, account: AccountHolder): boolean {
  if (actor.userId === account.userId) return false;
  if (actor.isPlatformAdmin) return true;
  if (account.isPlatformAdmin) return false;
  return account.siteIds.every((siteId) => actor.adminSiteIds.includes(siteId));
}

/** Only a platform admin makes platform admins; the command line (a system actor) may too. */
export function mayGrantPlatformAdmin(who: { isPlatformAdmin?: boolean } | { system: string }): boolean {
  return 'system' in who || who.isPlatformAdmin === true;
}
