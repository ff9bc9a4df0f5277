import type { ErrorCode } from '../errors.ts';

/**
 * A failure of the database or the data folder rather than of the request:
 * the portal answers 503 with a retry hint, and an operator is told what
 * happened and how to fix it.
 */
export interface StorageFailure {
  code: Extract<ErrorCode, 'database_unavailable' | 'database_busy' | 'storage_unavailable'>;
  /** What happened, in Vietnamese, with the driver's own words in brackets. */
  problem: string;
  /** What the operator should do, in Vietnamese. */
  fix: string;
}

interface DriverError {
  name?: string;
  code?: string;
  message?: string;
  path?: string;
  syscall?: string;
  cause?: unknown;
  errors?: unknown[];
}

/** Network errors of a PostgreSQL connection that could not open or broke. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
/** What pg says, without a code, of a connection that broke, timed out or is closed. */
const CONNECTION_LOST = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection terminated due to connection timeout/;
/** File errors that mean the data folder cannot be written. */
const FILE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'EDQUOT']);

const CHECK_POSTGRES =
  'kiểm tra máy chủ PostgreSQL đang chạy và nhận kết nối, và DATABASE_URL đúng máy, cổng, tên cơ sở dữ liệu. Cổng thông tin tự kết nối lại khi máy chủ trở lại.';
const CHECK_FOLDER =
  'kiểm tra thư mục dữ liệu (XAPHUONG_DATA) thuộc người dùng chạy cổng thông tin, ghi được và còn chỗ trống: chown -R NGƯỜI_DÙNG THƯ_MỤC && chmod -R u+w THƯ_MỤC, hoặc chạy cổng thông tin bằng người dùng sở hữu thư mục.';

function postgresFailure(e: DriverError, detail: string): StorageFailure | null {
  const code = e.code ?? '';
  if (code === '28P01' || code === '28000')
    return { code: 'database_unavailable', problem: `PostgreSQL từ chối đăng nhập (${detail}).`, fix: 'sửa tên người dùng hoặc mật khẩu trong DATABASE_URL.' };
  if (code === '3D000')
    return {
      code: 'database_unavailable',
      problem: `Cơ sở dữ liệu trong DATABASE_URL chưa có (${detail}).`,
      fix: 'tạo nó trước (createdb -O NGƯỜI_DÙNG TÊN), hoặc sửa tên trong DATABASE_URL.',
    };
  if (NETWORK_CODES.has(code) || code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code) || CONNECTION_LOST.test(e.message ?? ''))
    return { code: 'database_unavailable', problem: `Không kết nối được cơ sở dữ liệu PostgreSQL (${detail}).`, fix: CHECK_POSTGRES };
  return null;
}

function sqliteFailure(e: DriverError, detail: string): StorageFailure | null {
  const code = e.code ?? '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return {
      code: 'database_busy',
      problem: `Cơ sở dữ liệu SQLite đang bị một tiến trình khác giữ quyền ghi quá lâu (${detail}).`,
      fix: 'thử lại sau vài giây. Nếu lặp lại, tìm lệnh xaphuong đang chạy lâu (import-text, reindex) hoặc chương trình khác đang mở tệp cơ sở dữ liệu.',
    };
  if (/^SQLITE_(READONLY|CANTOPEN|PERM|IOERR|FULL)/.test(code))
    return { code: 'storage_unavailable', problem: `Không ghi được tệp cơ sở dữ liệu SQLite (${detail}).`, fix: CHECK_FOLDER };
  return null;
}

/** The failure's kind when `error` (or one of its causes) is the database or the data folder failing; null for anything else. */
export function storageFailure(error: unknown, depth = 0): StorageFailure | null {
  if (!error || typeof error !== 'object' || depth > 5) return null;
  const e = error as DriverError;
  const detail = [e.code, e.message].filter(Boolean).join(': ');
  const own =
    (e.code?.startsWith('SQLITE_') ? sqliteFailure(e, detail) : postgresFailure(e, detail)) ??
    (e.path && FILE_CODES.has(e.code ?? '')
      ? { code: 'storage_unavailable' as const, problem: `Không ghi được vào ${e.path} (${e.code}).`, fix: CHECK_FOLDER }
      : null);
  if (own) return own;
  for (const inner of [e.cause, ...(Array.isArray(e.errors) ? e.errors : [])]) {
    const found = storageFailure(inner, depth + 1);
    if (found) return found;
  }
  return null;
}

/** Where failures are logged: a Fastify (pino) logger, or the console in a cluster's primary. */
export interface FailureLog {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** How often a process logs the same database or data-folder failure while it lasts. */
const OUTAGE_LOG_MS = 10_000;

/**
 * Logs what failed. A database or data-folder failure (PostgreSQL
 * restarting, a folder it cannot write) fails every request and every timer
 * alike: it is logged once per OUTAGE_LOG_MS per kind, as its problem and
 * fix with how many failures it stood for, so the log stays readable. Any
 * other error is logged each time, with its stack.
 */
export function failureLogger(log: FailureLog): (message: string, error: unknown) => void {
  const last = new Map<string, { at: number; since: number }>();
  return (message, error) => {
    const failure = storageFailure(error);
    if (!failure) {
      log.error({ err: error }, message);
      return;
    }
    const now = Date.now();
    const seen = last.get(failure.code);
    if (seen && now - seen.at < OUTAGE_LOG_MS) {
      seen.since += 1;
      return;
    }
    log.warn({ code: failure.code, failedSinceLastLine: seen?.since ?? 0 }, `${message}: ${failure.problem} Cách sửa: ${failure.fix}`);
    last.set(failure.code, { at: now, since: 0 });
  };
}
