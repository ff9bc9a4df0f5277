import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, Role, UserRow } from '../../db/schema.ts';
import { AppError, validationError } from '../../errors.ts';
import { SessionRepository } from '../../repositories/session-repository.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { PASSWORD_MIN_LENGTH, hashPassword, verifyPassword } from '../auth/passwords.ts';
import { generateTotpSecret, verifyTotp } from '../auth/totp.ts';
import { ROLE_NAMES } from '../permissions.ts';
import { parseInput } from '../validation.ts';

const password = z.string().min(PASSWORD_MIN_LENGTH, `mật khẩu cần ít nhất ${PASSWORD_MIN_LENGTH} ký tự`).max(200, 'tối đa 200 ký tự');
const role = z.enum(['contributor', 'editor', 'approver', 'site_admin'], { message: 'vai trò không hợp lệ' });

export const CreateUserSchema = z.object({
  email: z.string().trim().toLowerCase().email('e-mail không hợp lệ').max(200),
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
 */
export async function createUser(db: Kysely<Database>, input: CreateUserInput, who: AuditWho): Promise<UserRow> {
  const data = parseInput(CreateUserSchema, input);
  if (data.role && !data.siteId) throw validationError([{ field: 'siteId', message: 'cần chỉ định cổng cho vai trò' }]);
  const passwordHash = await hashPassword(data.password);
  return inTransaction(db, async (trx) => {
    const users = new UserRepository(trx);
    if (await users.findByEmail(data.email)) throw validationError([{ field: 'email', message: 'e-mail này đã có tài khoản' }]);
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

/** Sets a temporary password chosen by an admin; the user must change it at next sign-in, and their sessions end. */
export async function resetPassword(db: Kysely<Database>, userId: number, temporary: string, who: AuditWho): Promise<void> {
  const parsed = parseInput(z.object({ password }), { password: temporary });
  const passwordHash = await hashPassword(parsed.password);
  await inTransaction(db, async (trx) => {
    const users = new UserRepository(trx);
    const user = await users.findById(userId);
    if (!user) throw new AppError('not_found', 'Không tìm thấy tài khoản.');
    const now = nowIso();
    await users.update(userId, { password_hash: passwordHash, must_change_password: 1, updated_at: now });
    await new SessionRepository(trx).revokeAllOf(userId, now);
    await recordAudit(trx, who, { action: 'user.password_reset', targetType: 'user', targetId: userId, summary: user.email });
  });
}

/** A user changes their own password, proving the current one. */
export async function changeOwnPassword(db: Kysely<Database>, userId: number, current: string, next: string, who: AuditWho): Promise<void> {
  const users = new UserRepository(db);
  const user = await users.findById(userId);
  if (!user || !(await verifyPassword(user.password_hash, current))) {
    throw validationError([{ field: 'current_password', message: 'mật khẩu hiện tại không đúng' }]);
  }
  const parsed = parseInput(z.object({ new_password: password }), { new_password: next });
  if (parsed.new_password === current) throw validationError([{ field: 'new_password', message: 'mật khẩu mới phải khác mật khẩu cũ' }]);
  const passwordHash = await hashPassword(parsed.new_password);
  await inTransaction(db, async (trx) => {
    await new UserRepository(trx).update(userId, { password_hash: passwordHash, must_change_password: 0, updated_at: nowIso() });
    await recordAudit(trx, who, { action: 'auth.password_changed', targetType: 'user', targetId: userId });
  });
}

/** Starts two-factor enrolment: stores a new secret, not yet enabled. */
export async function beginTotpEnrolment(db: Kysely<Database>, userId: number): Promise<string> {
  const secret = generateTotpSecret();
  await new UserRepository(db).update(userId, { totp_secret: secret, totp_enabled: 0, updated_at: nowIso() });
  return secret;
}

/** Turns two-factor sign-in on once the user proves their app shows the right code. */
export async function confirmTotpEnrolment(db: Kysely<Database>, userId: number, code: string, who: AuditWho): Promise<void> {
  const users = new UserRepository(db);
  const user = await users.findById(userId);
  if (!user?.totp_secret || !verifyTotp(user.totp_secret, code)) {
    throw validationError([{ field: 'code', message: 'mã không đúng; hãy nhập mã 6 số đang hiện trong ứng dụng' }]);
  }
  await inTransaction(db, async (trx) => {
    await new UserRepository(trx).update(userId, { totp_enabled: 1, updated_at: nowIso() });
    await recordAudit(trx, who, { action: 'auth.totp_enabled', targetType: 'user', targetId: userId });
  });
}

export const AddMemberSchema = z.object({
  email: z.string().trim().toLowerCase().email('e-mail không hợp lệ').max(200),
  display_name: z.string().trim().max(120, 'tối đa 120 ký tự').default(''),
  password: z.string().max(200).default(''),
  role,
});
export type AddMemberInput = z.input<typeof AddMemberSchema>;

/**
 * Adds someone to a site's staff. An existing account (accounts are
 * province-wide) gets the role and keeps its password; a new one is created
 * with the temporary password, to be changed at first sign-in.
 */
export async function addMember(db: Kysely<Database>, siteId: number, input: AddMemberInput | Record<string, unknown>, who: AuditWho): Promise<void> {
  const data = parseInput(AddMemberSchema, input);
  const existing = await new UserRepository(db).findByEmail(data.email);
  if (existing) return setUserRole(db, siteId, existing.id, data.role, who);
  const problems = [];
  if (!data.display_name) problems.push({ field: 'display_name', message: 'cần họ tên cho tài khoản mới' });
  if (data.password.length < PASSWORD_MIN_LENGTH)
    problems.push({ field: 'password', message: `tài khoản mới cần mật khẩu tạm ít nhất ${PASSWORD_MIN_LENGTH} ký tự` });
  if (problems.length) throw validationError(problems);
  await createUser(db, { email: data.email, displayName: data.display_name, password: data.password, role: data.role, siteId, mustChangePassword: true }, who);
}

/** Checks that a user is on a site's staff, so a site admin cannot reach accounts of other sites. */
export async function requireMember(db: Kysely<Database>, siteId: number, userId: number): Promise<Role> {
  const current = await new UserRepository(db).roleOn(userId, siteId);
  if (!current) throw new AppError('not_found', 'Không tìm thấy người dùng trên cổng này.');
  return current;
}
