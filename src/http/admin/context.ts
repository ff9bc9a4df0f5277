import type { FastifyRequest } from 'fastify';
import { authorityName } from '../../services/site-service.ts';
import type { Role } from '../../db/schema.ts';
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
  'mat-khau': 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.',
  '2fa': 'Đã bật xác thực hai bước.',
  'nguoi-dung': 'Đã cập nhật người dùng.',
  'cong-moi': 'Đã tạo cổng mới.',
  'loi-moi': 'Đã gửi lời mời. Tài khoản này chỉ có vai trò trên cổng khi chủ tài khoản đăng nhập và chấp nhận.',
  'thu-hoi-loi-moi': 'Đã thu hồi lời mời.',
  'nhan-loi-moi': 'Đã nhận lời mời.',
  'tu-choi-loi-moi': 'Đã từ chối lời mời.',
  'duyet-loi-moi': 'Đã duyệt lời mời thay chủ tài khoản.',
  'ket-thuc-phien': 'Đã kết thúc mọi phiên đăng nhập của người dùng.',
  'tat-2fa-nguoi-dung': 'Đã tắt xác thực hai bước của người dùng; họ cần bật lại khi đăng nhập.',
  'tat-2fa': 'Đã tắt xác thực hai bước.',
  'ma-khoi-phuc': 'Đã lưu mã khôi phục. Mỗi mã dùng được một lần.',
  'chuyen-muc': 'Đã lưu chuyên mục.',
  'danh-muc': 'Đã lưu danh mục chính.',
  'noi-bat': 'Đã đánh dấu tin nổi bật.',
  'bo-noi-bat': 'Đã bỏ đánh dấu tin nổi bật.',
  'giao-dien': 'Đã lưu giao diện.',
  gop: 'Đã gộp. Kiểm tra cổng mới rồi xác nhận, hoặc hoàn tác.',
  'xac-nhan-gop': 'Đã xác nhận gộp: các cổng cũ đã được xóa, tên miền cũ tiếp tục chuyển tiếp.',
  'hoan-tac-gop': 'Đã hoàn tác: các cổng trở lại như trước khi gộp.',
  'thong-bao-tinh': 'Đã lưu thông báo của tỉnh; các cổng đã chọn hiện ngay bản mới.',
  'go-thong-bao-tinh': 'Đã gỡ thông báo của tỉnh khỏi mọi cổng.',
};

/** What the header calls the signed-in person here; someone only invited to this site has no role yet. */
function roleName(role: Role | null, isPlatformAdmin: boolean): string {
  if (role) return ROLE_NAMES[role];
  return isPlatformAdmin ? 'Quản trị hệ thống' : 'Được mời, chưa nhận';
}

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
    user: auth ? { name: auth.user.display_name, email: auth.user.email, roleName: roleName(role ?? null, auth.actor.isPlatformAdmin) } : null,
    csrf: auth?.session.csrf_token ?? '',
    // Until the second sign-in step is done the session may do nothing, so no menu is offered.
    can: (permission) => (auth && auth.session.totp_pending !== 1 ? can(auth.actor, permission) : false),
    path: request.url.split('?')[0] ?? '',
    assets: {
      siteCss: assets.url('site.css'),
      adminCss: assets.url('admin.css'),
      lookCss: assets.url('look.css'),
      siteJs: assets.url('site.js'),
      js: assets.url('admin.js'),
      icon: assets.url('emblem.svg'),
      editorJs: assets.has('editor.js') ? assets.url('editor.js') : undefined,
      editorCss: assets.has('editor.css') ? assets.url('editor.css') : undefined,
    },
    notice: typeof ok === 'string' ? NOTICES[ok] : undefined,
    counts: request.workCounts ?? undefined,
  };
}

/** A form field as text: the first value when repeated, '' when missing. */
export function formText(request: FastifyRequest, name: string): string {
  const value = ((request.body ?? {}) as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every value of a repeated form field (checkboxes, ordered rows). */
export function formList(request: FastifyRequest, name: string): string[] {
  const value = ((request.body ?? {}) as Record<string, unknown>)[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}
