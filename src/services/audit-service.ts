import type { Kysely } from 'kysely';
import { nowIso } from '../db/database.ts';
import type { AuditRow, Database } from '../db/schema.ts';
import { type AuditFilter, AuditRepository } from '../repositories/audit-repository.ts';
import { formatDateTime } from '../text/format.ts';

/** What the audit log calls each action, in Vietnamese. */
export const AUDIT_ACTIONS: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập thất bại',
  'auth.login_blocked': 'Đăng nhập bị chặn tạm thời',
  'auth.logout': 'Đăng xuất',
  'auth.password_changed': 'Đổi mật khẩu',
  'auth.totp_enabled': 'Bật xác thực hai bước',
  'auth.totp_disabled': 'Tắt xác thực hai bước',
  'user.created': 'Tạo tài khoản',
  'user.role_changed': 'Đổi vai trò',
  'user.removed': 'Thu hồi quyền trên cổng',
  'user.password_reset': 'Đặt lại mật khẩu',
  'article.created': 'Tạo bài viết',
  'article.updated': 'Sửa bài viết',
  'article.imported': 'Nhập bài từ tệp',
  'article.submitted': 'Gửi duyệt',
  'article.returned': 'Trả lại',
  'article.published': 'Xuất bản',
  'article.force_published': 'Xuất bản không qua duyệt',
  'article.scheduled': 'Hẹn giờ xuất bản',
  'article.unpublished': 'Gỡ bài',
  'article.archived': 'Lưu trữ',
  'article.deleted': 'Chuyển vào thùng rác',
  'article.restored': 'Khôi phục từ thùng rác',
  'article.revision_restored': 'Khôi phục phiên bản',
  'article.preview_shared': 'Tạo liên kết xem trước',
  'media.uploaded': 'Tải lên tệp',
  'media.updated': 'Sửa thông tin tệp',
  'settings.updated': 'Đổi cài đặt',
  'site.created': 'Tạo cổng',
  'question.submitted': 'Người dân gửi câu hỏi',
  'question.assigned': 'Phân công trả lời câu hỏi',
  'question.answered': 'Trả lời câu hỏi',
  'question.answer_saved': 'Lưu bản nháp câu trả lời',
  'question.answer_submitted': 'Gửi duyệt câu trả lời',
  'question.answer_returned': 'Trả lại câu trả lời',
  'question.answer_approved': 'Duyệt và gửi câu trả lời',
  'question.published': 'Công khai hỏi đáp',
  'question.unpublished': 'Thôi công khai hỏi đáp',
  'question.holiday_added': 'Thêm ngày nghỉ',
  'question.holiday_removed': 'Xóa ngày nghỉ',
  // Giới thiệu (organisation) and portal furniture
  'organisation.page_updated': 'Sửa trang giới thiệu',
  'organisation.person_created': 'Thêm lãnh đạo/cán bộ đầu mối',
  'organisation.person_updated': 'Sửa lãnh đạo/cán bộ đầu mối',
  'organisation.person_deleted': 'Xóa lãnh đạo/cán bộ đầu mối',
  'organisation.links_updated': 'Sửa liên kết',
  'organisation.page_submitted': 'Gửi duyệt trang giới thiệu',
  'organisation.page_returned': 'Trả lại trang giới thiệu',
  'organisation.page_published': 'Duyệt và công bố trang giới thiệu',
  'organisation.page_unpublished': 'Gỡ trang giới thiệu khỏi cổng',
  'organisation.people_submitted': 'Gửi duyệt danh sách lãnh đạo, cán bộ đầu mối',
  'organisation.people_returned': 'Trả lại danh sách lãnh đạo, cán bộ đầu mối',
  'organisation.people_published': 'Duyệt và công bố danh sách lãnh đạo, cán bộ đầu mối',
  'organisation.people_unpublished': 'Gỡ danh sách lãnh đạo, cán bộ đầu mối khỏi cổng',
  'portal.notice_created': 'Đặt lịch thông báo tạm dừng hệ thống',
  'portal.notice_deleted': 'Xóa thông báo tạm dừng hệ thống',
  // Lịch công tác and lịch tiếp công dân
  'calendar.entry_created': 'Thêm mục lịch công tác',
  'calendar.entry_updated': 'Sửa mục lịch công tác',
  'calendar.entry_deleted': 'Xóa mục lịch công tác',
  'calendar.week_copied': 'Sao chép lịch công tác tuần trước',
  'calendar.reception_created': 'Thêm lịch tiếp công dân',
  'calendar.reception_updated': 'Sửa lịch tiếp công dân',
  'calendar.reception_deleted': 'Xóa lịch tiếp công dân',
  'calendar.week_submitted': 'Gửi duyệt lịch công tác tuần',
  'calendar.week_returned': 'Trả lại lịch công tác tuần',
  'calendar.week_published': 'Công bố lịch công tác tuần',
  'calendar.week_unpublished': 'Gỡ lịch công tác tuần',
  'calendar.reception_submitted': 'Gửi duyệt lịch tiếp công dân',
  'calendar.reception_returned': 'Trả lại lịch tiếp công dân',
  'calendar.reception_published': 'Công bố lịch tiếp công dân',
  'calendar.reception_unpublished': 'Gỡ lịch tiếp công dân',
  'document.created': 'Tạo văn bản',
  'document.updated': 'Sửa văn bản',
  'document.submitted': 'Gửi duyệt văn bản',
  'document.returned': 'Trả lại văn bản',
  'document.published': 'Công bố văn bản',
  'document.unpublished': 'Gỡ văn bản',
  // Moving in: imports, old addresses, merges of former communes, exports
  'redirect.saved': 'Lưu đường dẫn cũ',
  'redirect.deleted': 'Xóa đường dẫn cũ',
  'import.finished': 'Nhập dữ liệu từ cổng cũ',
  'site.merged': 'Gộp cổng của đơn vị cũ',
  'site.merge_undone': 'Hoàn tác gộp cổng',
  'site.merge_confirmed': 'Xác nhận gộp cổng',
  'site.exported': 'Xuất toàn bộ dữ liệu cổng',
  'site.imported': 'Nhập toàn bộ dữ liệu cổng',
};

/** One audit entry: the action, its target and a human summary. */
export interface AuditEntry {
  action: keyof typeof AUDIT_ACTIONS | string;
  targetType?: string;
  targetId?: number | null;
  summary?: string;
  flagged?: boolean;
}

/** Who did it: a signed-in actor, or the system (CLI, jobs) by name. */
export type AuditWho = { userId: number | null; email: string; siteId: number | null; ip: string } | { system: string; siteId: number | null };

/** Appends an entry to the audit log, in the caller's transaction. */
export async function recordAudit(db: Kysely<Database>, who: AuditWho, entry: AuditEntry): Promise<void> {
  const isSystem = 'system' in who;
  await new AuditRepository(db).insert({
    site_id: who.siteId,
    user_id: isSystem ? null : who.userId,
    actor: isSystem ? who.system : who.email,
    action: entry.action,
    target_type: entry.targetType ?? '',
    target_id: entry.targetId ?? null,
    summary: entry.summary ?? '',
    flagged: entry.flagged ? 1 : 0,
    ip: isSystem ? '' : who.ip,
    created_at: nowIso(),
  });
}

/** One CSV cell, quoted when needed and safe from spreadsheet formulas. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Cells starting with = + - @ would run as formulas in a spreadsheet; prefix them.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The audit log of a site as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese correctly). */
export async function exportAuditCsv(db: Kysely<Database>, siteId: number, filter: AuditFilter): Promise<string> {
  const rows: AuditRow[] = await new AuditRepository(db).list(siteId, filter, 100_000);
  const header = ['Thời gian', 'Người thực hiện', 'Hành động', 'Mã hành động', 'Đối tượng', 'Mã đối tượng', 'Nội dung', 'Cần lưu ý', 'Địa chỉ IP'];
  const lines = rows.map((r) =>
    [formatDateTime(r.created_at), r.actor, AUDIT_ACTIONS[r.action] ?? r.action, r.action, r.target_type, r.target_id, r.summary, r.flagged ? 'có' : '', r.ip]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
