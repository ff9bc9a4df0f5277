/**
 * The one set of errors. Each has a stable code (for clients and tests), an
 * HTTP status and a Vietnamese message for people. Field errors carry
 * `field: message` pairs so a form can show each beside its field.
 */

export const ERRORS = {
  not_found: { status: 404, message: 'Không tìm thấy trang hoặc nội dung bạn yêu cầu.' },
  site_not_found: { status: 404, message: 'Không có cổng thông tin nào gắn với tên miền này.' },
  article_not_found: { status: 404, message: 'Không tìm thấy bài viết.' },
  category_not_found: { status: 404, message: 'Không tìm thấy chuyên mục.' },
  media_not_found: { status: 404, message: 'Không tìm thấy tệp.' },
  validation_failed: { status: 400, message: 'Dữ liệu gửi lên chưa hợp lệ.' },
  conflict: { status: 409, message: 'Dữ liệu bị trùng với một mục đã có.' },
  import_failed: { status: 422, message: 'Không nhập được tệp.' },
  backup_failed: { status: 500, message: 'Không sao lưu hoặc khôi phục được.' },
  entry_confirmed: { status: 409, message: 'Khoản đã xác nhận không được sửa hay xóa; hãy lập bút toán điều chỉnh.' },
  consultation_not_open: { status: 409, message: 'Dự thảo này hiện không nhận góp ý.' },
  consultation_not_closed: { status: 409, message: 'Báo cáo tổng hợp chỉ được viết và công bố sau ngày kết thúc lấy ý kiến.' },
  balance_exceeded: { status: 409, message: 'Khoản chi vượt quá số còn lại của cuộc vận động.' },
  invalid_credentials: { status: 401, message: 'Thư điện tử hoặc mật khẩu không đúng.' },
  not_signed_in: { status: 401, message: 'Vui lòng đăng nhập để tiếp tục.' },
  forbidden: { status: 403, message: 'Bạn không có quyền thực hiện thao tác này.' },
  csrf_failed: { status: 403, message: 'Phiên làm việc của biểu mẫu đã hết hạn. Vui lòng tải lại trang và thử lại.' },
  edit_conflict: { status: 409, message: 'Người khác vừa lưu nội dung này trong lúc bạn sửa.' },
  invalid_transition: { status: 409, message: 'Không thể chuyển bài viết sang trạng thái này.' },
  payload_too_large: { status: 413, message: 'Tệp hoặc dữ liệu gửi lên quá lớn.' },
  unsupported_media: { status: 415, message: 'Loại tệp này không được chấp nhận.' },
  rate_limited: { status: 429, message: 'Bạn thao tác quá nhanh, vui lòng thử lại sau ít phút.' },
  internal: { status: 500, message: 'Hệ thống gặp lỗi. Vui lòng thử lại sau.' },
  database_unavailable: { status: 503, message: 'Cổng thông tin đang tạm gián đoạn để bảo trì. Vui lòng quay lại sau ít phút.', retryAfter: 30 },
  database_busy: { status: 503, message: 'Hệ thống đang bận ghi dữ liệu khác nên chưa lưu được. Vui lòng thử lại sau vài giây.', retryAfter: 2 },
  storage_unavailable: { status: 503, message: 'Hệ thống tạm thời không lưu được dữ liệu. Vui lòng thử lại sau ít phút.', retryAfter: 60 },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** A field name and what is wrong with it, in Vietnamese. */
export interface FieldError {
  field: string;
  message: string;
}

/** An expected failure with a stable code; anything else is a 500. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: FieldError[];
  /** Seconds after which the request may succeed (a Retry-After header), for a passing failure. */
  readonly retryAfter: number | null;

  constructor(code: ErrorCode, message?: string, fields: FieldError[] = []) {
    super(message ?? ERRORS[code].message);
    this.name = 'AppError';
    this.code = code;
    const entry: { status: number; retryAfter?: number } = ERRORS[code];
    this.status = entry.status;
    this.retryAfter = entry.retryAfter ?? null;
    this.fields = fields;
  }
}

/** Builds a validation error from field problems, with the messages joined for logs and CLIs. */
export function validationError(fields: FieldError[]): AppError {
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new AppError('validation_failed', `${ERRORS.validation_failed.message} ${summary}`, fields);
}
