import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { SiteRepository } from '../../repositories/site-repository.ts';
import { normalizeHost } from '../../services/site-service.ts';
import { createUser } from '../../services/users/user-service.ts';
import { parseOptions } from '../options.ts';
import { UsageError, openRuntime } from '../runtime.ts';

const ROLES = ['contributor', 'editor', 'approver', 'site_admin'] as const;

/**
 * `xaphuong create-user --email E --name "Họ tên" (--site HOST --role ROLE | --platform-admin)`.
 * The password comes from XAPHUONG_PASSWORD, never from the command line (it would stay in shell
 * history); without it a random one is made, printed once, and must be changed at first sign-in.
 */
export async function createUserCommand(args: string[]): Promise<void> {
  const { values } = parseOptions('create-user', args, {
    email: { type: 'string' },
    name: { type: 'string' },
    site: { type: 'string' },
    role: { type: 'string' },
    'platform-admin': { type: 'boolean', default: false },
  });
  if (!values.email || !values.name) throw new UsageError('Cần có --email và --name.');
  if (!values['platform-admin'] && (!values.site || !values.role)) throw new UsageError('Cần --site và --role, hoặc --platform-admin.');
  if (values.role && !ROLES.includes(values.role as (typeof ROLES)[number])) throw new UsageError(`Vai trò phải là một trong: ${ROLES.join(', ')}.`);
  const fromEnv = process.env.XAPHUONG_PASSWORD;
  const password = fromEnv || randomBytes(9).toString('base64url');
  const { handle } = await openRuntime();
  try {
    let siteId: number | undefined;
    if (values.site) {
      const site = await new SiteRepository(handle.db).findByHost(normalizeHost(values.site));
      if (!site) throw new AppError('site_not_found', `Không có cổng nào với tên miền "${values.site}".`);
      siteId = site.id;
    }
    const user = await createUser(
      handle.db,
      {
        email: values.email,
        displayName: values.name,
        password,
        ...(values.role && siteId ? { role: values.role as (typeof ROLES)[number], siteId } : {}),
        isPlatformAdmin: values['platform-admin'],
        mustChangePassword: !fromEnv,
      },
      { system: 'dòng lệnh', siteId: siteId ?? null },
    );
    console.log(`Đã tạo tài khoản ${user.email}.`);
    if (!fromEnv) console.log(`Mật khẩu tạm (chỉ hiện một lần, phải đổi ở lần đăng nhập đầu): ${password}`);
  } finally {
    await handle.close();
  }
}
