import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, Role, UserRow } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { PASSWORD_MIN_LENGTH, hashPassword } from '../auth/passwords.ts';
import { type Actor, ROLE_NAMES, mayGrantPlatformAdmin } from '../permissions.ts';
import { inviteAccount } from './invitations.ts';
import { parseInput } from '../validation.ts';

const password = z.string().min(PASSWORD_MIN_LENGTH, `mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`).max(200, 'tối đa 200 ký tự');
const role = z.enum(['contributor', 'editor', 'approver', 'site_admin'], { message: 'vai trò không hợp lệ' });

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('thư điện tử không hợp lệ').max(200),
  displayName: z.string().trim().min(1, 'không được để trống').max(120, 'tối đa 120 ký tự').transform(toNfc),
  password,
  role: role.optional(),
  siteId: z.number().int().positive().optional(),
  isPlatformAdmin: z.boolean().default(false),
  mustChangePassword: z.boolean().default(false),
});
export type CreateUserInput = z.input<typeof CreateUserSchema>;

/**
 * Creates an account, with a role on a site when given. An e-mail that
 * already has an account is refused: give that account a role instead.
 * Only a platform admin (or the command line) makes a platform admin.
 */
export async function createUser(db: Kysely<Database>, input: CreateUserInput, who: AuditWho & { isPlatformAdmin?: boolean }): Promise<UserRow> {
  const data = parseInput(CreateUserSchema, input);
  if (data.isPlatformAdmin && !mayGrantPlatformAdmin(who)) throw new AppError('forbidden', 'Chỉ quản trị hệ thống mới tạo được quản trị hệ thống.');
  if (data.role && !data.siteId) throw validationError([{ field: 'siteId', message: 'cần chỉ định cổng cho vai trò' }]);
  const passwordHash = await hashPassword(data.password);
  return inTransaction(db, async (trx) => {
    const users = new UserRepository(trx);
    if (await users.findByEmail(data.email)) throw validationError([{ field: 'email', message: 'thư điện tử này đã có tài khoản' }]);
    const now = nowIso();
    const id = await users.insert({
      email: data.email,
      display_name: data.displayName,
      password_hash: passwordHash,
      must_change_password: data.mustChangePassword ? 1 : 0,
      is_platform_admin: data.isPlatformAdmin ? 1 : 0,
      totp_secret: null,
      created_at: now,
      updated_at: now,
    });
    if (data.role && data.siteId) await users.setRole(id, data.siteId, data.role, now);
    const summary = `${data.displayName} <${data.email}>${data.role ? `, vai trò ${ROLE_NAMES[data.role]}` : ''}${data.isPlatformAdmin ? ', quản trị hệ thống' : ''}`;
    await recordAudit(trx, who, { action: 'user.created', targetType: 'user', targetId: id, summary });
    const user = await users.findById(id);
    if (!user) throw new AppError('internal');
    return user;
  });
}

/** Gives a user a role on a site (or replaces it), recorded in the audit log. */
export async function setUserRole(db: Kysely<Database>, siteId: number, userId: number, newRole: Role, who: AuditWho): Promise<void> {
  const parsed = parseInput(role, newRole);
  await inTransaction(db, async (trx) => {
    const users = new UserRepository(trx);
    const user = await users.findById(userId);
    if (!user) throw new AppError('not_found', 'Không tìm thấy tài khoản.');
    const before = await users.roleOn(userId, siteId);
    await users.setRole(userId, siteId, parsed, nowIso());
    await recordAudit(trx, who, {
      action: 'user.role_changed',
      targetType: 'user',
      targetId: userId,
      summary: `${user.email}: ${before ? ROLE_NAMES[before] : 'chưa có'} → ${ROLE_NAMES[parsed]}`,
    });
  });
}

export const AddMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email('thư điện tử không hợp lệ').max(200),
  display_name: z.string().trim().max(120, 'tối đa 120 ký tự').default(''),
  password: z.string().max(200).default(''),
  role,
});
export type AddMemberInput = z.input<typeof AddMemberSchema>;

/** What adding someone to a site's staff did. */
export type AddMemberOutcome = 'created' | 'invited' | 'role_changed';

/**
 * Adds someone to a site's staff. A new e-mail gets an account with the
 * temporary password, to be changed at first sign-in. An existing account
 * (accounts are province-wide) is only invited: it changes when its owner
 * accepts. A member of this site already just gets the new role here.
 */
export async function addMember(db: Kysely<Database>, siteId: number, input: AddMemberInput | Record<string, unknown>, who: Actor): Promise<AddMemberOutcome> {
  const data = parseInput(AddMemberSchema, input);
  const users = new UserRepository(db);
  const existing = await users.findByEmail(data.email);
  if (existing && (await users.roleOn(existing.id, siteId))) {
    await setUserRole(db, siteId, existing.id, data.role, who);
    return 'role_changed';
  }
  if (existing) {
    await inviteAccount(db, siteId, existing, data.role, who);
    return 'invited';
  }
  const problems = [];
  if (!data.display_name) problems.push({ field: 'display_name', message: 'cần họ tên cho tài khoản mới' });
  if (data.password.length < PASSWORD_MIN_LENGTH)
    problems.push({ field: 'password', message: `tài khoản mới cần mật khẩu tạm ít nhất ${PASSWORD_MIN_LENGTH} ký tự` });
  if (problems.length) throw validationError(problems);
  await createUser(db, { email: data.email, displayName: data.display_name, password: data.password, role: data.role, siteId, mustChangePassword: true }, who);
  return 'created';
}

/** Checks that a user is on a site's staff, so a site admin cannot reach accounts of other sites. */
export async function requireMember(db: Kysely<Database>, siteId: number, userId: number): Promise<Role> {
  const current = await new UserRepository(db).roleOn(userId, siteId);
  if (!current) throw new AppError('not_found', 'Không tìm thấy người dùng trên cổng này.');
  return current;
}

/** The site's members with their roles, for the staff page. */
export function siteMembers(db: Kysely<Database>, siteId: number) {
  return new UserRepository(db).membersOf(siteId);
}
