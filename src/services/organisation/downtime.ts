import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { DowntimeNoticeRow } from '../../db/schema/organisation.ts';
import { AppError, validationError } from '../../errors.ts';
import { PortalRepository } from '../../repositories/portal-repository.ts';
import { requiredDateTimeField } from '../../text/date-time-input.ts';
import { formatDate, formatDateTime } from '../../text/format.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { type AuditWho, recordAudit } from '../audit-service.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { parseInput } from '../validation.ts';

/** Decree 42/2022: planned downtime is announced at least this many working days ahead. */
export const NOTICE_WORKING_DAYS = 7;
const DAY_MS = 24 * 3_600_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/** The start (00:00 Vietnam time) of the first day a notice may begin: 7 working days after today, Saturdays and Sundays skipped. */
export function earliestNoticeStart(now: Date, workingDays = NOTICE_WORKING_DAYS): Date {
  // Work in "Vietnam wall-clock as UTC" so getUTCDay is the Vietnamese weekday.
  const local = new Date(now.getTime() + VN_OFFSET_MS);
  let day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  let counted = 0;
  while (counted < workingDays) {
    day += DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return new Date(day - VN_OFFSET_MS);
}

/** The downtime form. */
export const NoticeFormSchema = z.object({
  starts_at: requiredDateTimeField(),
  ends_at: requiredDateTimeField(),
  message: z.string().trim().max(500, 'tối đa 500 ký tự').transform(toNfc).pipe(z.string().min(1, 'không được để trống')),
});
export type NoticeFormInput = z.input<typeof NoticeFormSchema>;

/**
 * Schedules a downtime notice. The start must be at least 7 working days
 * away; every public page shows the banner from now until the end.
 */
export async function scheduleDowntime(
  db: Kysely<Database>,
  siteId: number,
  input: NoticeFormInput | Record<string, string>,
  who: AuditWho,
  now = new Date(),
): Promise<number> {
  const data = parseInput(NoticeFormSchema, input);
  const earliest = earliestNoticeStart(now);
  if (data.starts_at < earliest) {
    throw validationError([
      {
        field: 'starts_at',
        message: `phải cách hôm nay ít nhất ${NOTICE_WORKING_DAYS} ngày làm việc (không tính thứ Bảy, Chủ nhật): sớm nhất từ ngày ${formatDate(earliest)}`,
      },
    ]);
  }
  if (data.ends_at <= data.starts_at) throw validationError([{ field: 'ends_at', message: 'phải sau thời điểm bắt đầu' }]);
  if (data.ends_at.getTime() - data.starts_at.getTime() > 14 * DAY_MS)
    throw validationError([{ field: 'ends_at', message: 'một lần tạm dừng không quá 14 ngày' }]);
  return inTransaction(db, async (trx) => {
    const stamp = nowIso();
    const id = await new PortalRepository(trx, siteId).insertNotice({
      starts_at: data.starts_at.toISOString(),
      ends_at: data.ends_at.toISOString(),
      message: data.message,
      created_at: stamp,
      updated_at: stamp,
    });
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, {
      action: 'portal.notice_created',
      targetType: 'downtime_notice',
      targetId: id,
      summary: `${formatDateTime(data.starts_at)} – ${formatDateTime(data.ends_at)}`,
    });
    return id;
  });
}

/** Withdraws a notice; the banner leaves every page. */
export async function deleteDowntime(db: Kysely<Database>, siteId: number, id: number, who: AuditWho): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = new PortalRepository(trx, siteId);
    const notice = await repo.findNotice(id);
    if (!notice) throw new AppError('not_found');
    await repo.deleteNotice(id);
    await pagesChanged(trx, [pageTags.all(siteId)]);
    await recordAudit(trx, who, {
      action: 'portal.notice_deleted',
      targetType: 'downtime_notice',
      targetId: id,
      summary: `${formatDateTime(notice.starts_at)} – ${formatDateTime(notice.ends_at)}`,
    });
  });
}

/** Notices that are upcoming or under way, soonest first. */
export function currentDowntime(db: Kysely<Database>, siteId: number, now = new Date()): Promise<DowntimeNoticeRow[]> {
  return new PortalRepository(db, siteId).currentNotices(now.toISOString());
}

/** A site's downtime notices, newest first, for the newsroom's list. */
export function listDowntime(db: Kysely<Database>, siteId: number): Promise<DowntimeNoticeRow[]> {
  return new PortalRepository(db, siteId).listNotices(50);
}
