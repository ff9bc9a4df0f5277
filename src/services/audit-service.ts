import type { Kysely } from 'kysely';
import { nowIso } from '../db/database.ts';
import type { AuditRow, Database } from '../db/schema.ts';
import { type AuditFilter, AuditRepository } from '../repositories/audit-repository.ts';
import { formatDateTime } from '../text/format.ts';
import { type Pagination, paginate } from './pagination.ts';

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
  'user.sessions_ended': 'Kết thúc mọi phiên đăng nhập của người dùng',
  'user.totp_reset': 'Tắt xác thực hai bước giúp người dùng',
  'user.invited': 'Mời tài khoản có sẵn',
  'user.invitation_accepted': 'Nhận lời mời',
  'user.invitation_declined': 'Từ chối lời mời',
  'user.invitation_withdrawn': 'Thu hồi lời mời',
  'user.invitation_approved': 'Quản trị hệ thống duyệt lời mời',
  'auth.recovery_code_used': 'Đăng nhập bằng mã khôi phục',
  'auth.recovery_codes_renewed': 'Tạo mã khôi phục mới',
  'auth.other_sessions_ended': 'Kết thúc các phiên khác sau khi đổi mật khẩu',
  'article.created': 'Tạo bài viết',
  'article.updated': 'Sửa bài viết',
  'article.imported': 'Nhập bài từ tệp',
  'article.submitted': 'Gửi duyệt',
  'article.returned': 'Trả lại',
  'article.published': 'Xuất bản',
  'article.force_published': 'Xuất bản không qua duyệt',
  'article.scheduled': 'Hẹn giờ xuất bản',
  'article.unpublished': 'Gỡ khỏi cổng',
  'article.archived': 'Lưu trữ',
  'article.deleted': 'Chuyển vào thùng rác',
  'article.restored': 'Khôi phục từ thùng rác',
  'article.revision_restored': 'Khôi phục phiên bản',
  'article.preview_shared': 'Tạo liên kết xem trước',
  'media.uploaded': 'Tải lên tệp',
  'media.updated': 'Sửa thông tin tệp',
  'settings.updated': 'Đổi cài đặt',
  'category.created': 'Tạo chuyên mục',
  'category.updated': 'Sửa chuyên mục',
  'category.moved': 'Đổi thứ tự chuyên mục',
  'menu.item_added': 'Thêm mục danh mục chính',
  'menu.item_updated': 'Sửa mục danh mục chính',
  'menu.item_moved': 'Đổi thứ tự danh mục chính',
  'menu.item_removed': 'Bỏ mục khỏi danh mục chính',
  'home.blocks_updated': 'Đổi các khối trang chủ',
  'article.featured': 'Đánh dấu tin nổi bật',
  'article.unfeatured': 'Bỏ đánh dấu tin nổi bật',
  'appearance.accent_changed': 'Đổi màu chủ đạo',
  'appearance.image_changed': 'Đổi biểu trưng hoặc ảnh đầu trang',
  'appearance.image_removed': 'Bỏ biểu trưng hoặc ảnh đầu trang',
  'site.created': 'Tạo cổng',
  'province_notice.published': 'Đăng thông báo của tỉnh',
  'province_notice.updated': 'Sửa thông báo của tỉnh',
  'province_notice.withdrawn': 'Gỡ thông báo của tỉnh',
  'province_notice.republished': 'Đăng lại thông báo của tỉnh',
  'question.submitted': 'Người dân gửi câu hỏi',
  'question.assigned': 'Phân công trả lời câu hỏi',
  'question.answered': 'Trả lời câu hỏi',
  'question.answer_saved': 'Lưu nháp câu trả lời',
  'question.answer_submitted': 'Gửi duyệt câu trả lời',
  'question.answer_returned': 'Trả lại câu trả lời',
  'question.answer_approved': 'Duyệt và xuất bản câu trả lời',
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
  'organisation.page_published': 'Duyệt và xuất bản trang giới thiệu',
  'organisation.page_unpublished': 'Gỡ trang giới thiệu khỏi cổng',
  'organisation.people_submitted': 'Gửi duyệt danh sách lãnh đạo, cán bộ đầu mối',
  'organisation.people_returned': 'Trả lại danh sách lãnh đạo, cán bộ đầu mối',
  'organisation.people_published': 'Duyệt và xuất bản danh sách lãnh đạo, cán bộ đầu mối',
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
  'disclosure.created': 'Tạo nội dung công khai',
  'disclosure.updated': 'Sửa nội dung công khai',
  'disclosure.submitted': 'Gửi duyệt nội dung công khai',
  'disclosure.returned': 'Trả lại nội dung công khai',
  'disclosure.published': 'Công bố nội dung công khai',
  'disclosure.unpublished': 'Gỡ nội dung công khai',
  'disclosure.file_uploaded': 'Tải tệp lên nội dung công khai',
  'disclosure_item.changed': 'Sửa danh mục công khai',
  'consultation.created': 'Tạo dự thảo lấy ý kiến',
  'consultation.updated': 'Sửa dự thảo lấy ý kiến',
  'consultation.submitted': 'Gửi duyệt dự thảo lấy ý kiến',
  'consultation.returned': 'Trả lại dự thảo lấy ý kiến',
  'consultation.published': 'Công bố dự thảo lấy ý kiến',
  'consultation.unpublished': 'Gỡ dự thảo lấy ý kiến',
  'consultation.comment_received': 'Người dân góp ý dự thảo',
  'consultation.comment_published': 'Công khai góp ý dự thảo',
  'consultation.comment_unpublished': 'Thôi công khai góp ý dự thảo',
  'consultation.summary_saved': 'Lưu báo cáo tổng hợp ý kiến',
  'consultation.summary_published': 'Công bố báo cáo tổng hợp ý kiến',
  'consultation.summary_unpublished': 'Gỡ báo cáo tổng hợp ý kiến',
  'search.abbreviation_added': 'Thêm từ viết tắt cho tìm kiếm',
  'search.abbreviation_removed': 'Bỏ từ viết tắt khỏi tìm kiếm',
  // Vận động – cứu trợ
  'relief.campaign_created': 'Tạo cuộc vận động',
  'relief.campaign_updated': 'Sửa cuộc vận động',
  'relief.campaign_opened': 'Công khai cuộc vận động',
  'relief.campaign_closed': 'Kết thúc cuộc vận động',
  'relief.account_created': 'Thêm tài khoản nhận ủng hộ',
  'relief.account_updated': 'Sửa tài khoản nhận ủng hộ',
  'relief.receipt_created': 'Ghi khoản thu',
  'relief.receipt_updated': 'Sửa khoản thu chờ xác nhận',
  'relief.receipt_deleted': 'Xóa khoản thu chờ xác nhận',
  'relief.receipts_confirmed': 'Xác nhận khoản thu',
  'relief.receipt_corrected': 'Lập bút toán điều chỉnh khoản thu',
  'relief.spending_created': 'Ghi khoản chi',
  'relief.spending_updated': 'Sửa khoản chi chờ xác nhận',
  'relief.spending_deleted': 'Xóa khoản chi chờ xác nhận',
  'relief.spending_confirmed': 'Xác nhận khoản chi',
  'relief.spending_corrected': 'Lập bút toán điều chỉnh khoản chi',
  'relief.beneficiary_added': 'Thêm người nhận hỗ trợ',
  'relief.beneficiary_updated': 'Sửa người nhận hỗ trợ',
  'relief.beneficiary_removed': 'Xóa người nhận hỗ trợ',
  'relief.import_uploaded': 'Tải lên sao kê ngân hàng',
  'relief.import_mapping_changed': 'Sửa cách đọc cột sao kê',
  'relief.import_completed': 'Nhập sao kê ngân hàng',
  'relief.import_failed': 'Nhập sao kê thất bại',
  'relief.import_confirmed': 'Xác nhận khoản thu của lần nhập sao kê',
  'relief.summary_drafted': 'Tạo bản nháp báo cáo tổng kết vận động',
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

/**
 * Appends one entry to the audit log of each of several sites (the actor's
 * and those of the account acted on), so every site's admin sees what was
 * done to their people from elsewhere. In the caller's transaction.
 */
export async function recordAuditOnSites(db: Kysely<Database>, who: AuditWho, entry: AuditEntry, siteIds: Iterable<number>): Promise<void> {
  const sites = new Set<number>(who.siteId === null ? [] : [who.siteId]);
  for (const id of siteIds) sites.add(id);
  for (const siteId of sites) await recordAudit(db, { ...who, siteId }, entry);
}

/** One CSV cell, quoted when needed; text that a spreadsheet would run as a formula is defused, numbers stay numbers. */
export function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // Cells starting with = + - @ would run as formulas in a spreadsheet; prefix them.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
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

/** A page of a site's audit log, newest first, filtered, with where it stands among the pages. */
export async function readAuditLog(
  db: Kysely<Database>,
  siteId: number,
  filter: AuditFilter,
  page: number,
  perPage = 50,
): Promise<{ rows: AuditRow[]; pagination: Pagination }> {
  const repo = new AuditRepository(db);
  const pagination = paginate(await repo.count(siteId, filter), page, perPage);
  return { rows: await repo.list(siteId, filter, perPage, pagination.offset), pagination };
}
