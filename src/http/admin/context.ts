import type { FastifyRequest } from 'fastify';
import { authorityName } from '../../services/site-service.ts';
import { ROLE_NAMES, can } from '../../services/permissions.ts';
import type { AdminContext } from '../../views/admin/layout.ts';
import { siteOf } from '../site-context.ts';

/** One-line results of admin actions, by the code a redirect carries in ?ok=. */
const NOTICES: Record<string, string> = {
  luu: 'Đã lưu.',
  'gui-duyet': 'Đã gửi duyệt.',
  'tra-lai': 'Đã trả lại kèm nhận xét.',
  'xuat-ban': 'Đã xuất bản.',
  'hen-gio': 'Đã hẹn giờ xuất bản.',
  'go-bai': 'Đã gỡ bài khỏi cổng.',
  'luu-tru': 'Đã chuyển bài vào lưu trữ.',
  'thung-rac': 'Đã chuyển vào thùng rác. Có thể khôi phục trong 30 ngày.',
  'khoi-phuc': 'Đã khôi phục.',
  'tai-len': 'Đã tải tệp lên.',
  'mat-khau': 'Đã đổi mật khẩu.',
  '2fa': 'Đã bật xác thực hai bước.',
  'nguoi-dung': 'Đã cập nhật người dùng.',
  'cong-moi': 'Đã tạo cổng mới.',
  gop: 'Đã gộp. Kiểm tra cổng mới rồi xác nhận, hoặc hoàn tác.',
  'xac-nhan-gop': 'Đã xác nhận gộp: các cổng cũ đã được xóa, tên miền cũ tiếp tục chuyển tiếp.',
  'hoan-tac-gop': 'Đã hoàn tác: các cổng trở lại như trước khi gộp.',
};

/** The admin page context of a request: site, user, CSRF token, permissions, assets. */
export function adminContext(request: FastifyRequest): AdminContext {
  const site = siteOf(request);
  const auth = request.auth;
  const assets = request.server.assets;
  const ok = (request.query as Record<string, unknown> | undefined)?.ok;
  const role = auth?.actor.role;
  return {
    siteName: site.name,
    siteAuthority: authorityName(site),
    user: auth ? { name: auth.user.display_name, email: auth.user.email, roleName: role ? ROLE_NAMES[role] : 'Quản trị hệ thống' } : null,
    csrf: auth?.session.csrf_token ?? '',
    can: (permission) => (auth ? can(auth.actor, permission) : false),
    path: request.url.split('?')[0] ?? '',
    assets: {
      siteCss: assets.url('site.css'),
      adminCss: assets.url('admin.css'),
      js: assets.url('admin.js'),
      icon: assets.url('emblem.svg'),
      editorJs: assets.has('editor.js') ? assets.url('editor.js') : undefined,
      editorCss: assets.has('editor.css') ? assets.url('editor.css') : undefined,
    },
    notice: typeof ok === 'string' ? NOTICES[ok] : undefined,
  };
}
