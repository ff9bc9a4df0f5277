import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { QuestionHolidayRow } from '../../db/schema/questions.ts';
import { AppError, validationError } from '../../errors.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { parseDisplayDate } from '../../text/format.ts';
import { toNfc } from '../../text/vietnamese.ts';
import type { Actor } from '../permissions.ts';
import { recordAudit } from '../audit-service.ts';
import { parseInput } from '../validation.ts';
import { addWorkingDays, formatDay, vietnamDayOf } from './working-days.ts';

/** Days an answer is due after receipt (Luật Tiếp công dân / quy chế: 15 ngày làm việc). */
export const ANSWER_WORKING_DAYS = 15;

function range(from: string, to: string, name: string): Array<{ day: string; name: string }> {
  const out: Array<{ day: string; name: string }> = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000)
    out.push({ day: new Date(ms).toISOString().slice(0, 10), name });
  return out;
}

/**
 * The official 2026 days off, as the government announced them. Stored as
 * rows per site so staff can correct them (a swapped day, a new decision).
 */
export const OFFICIAL_HOLIDAYS_2026: ReadonlyArray<{ day: string; name: string }> = [
  { day: '2026-01-01', name: 'Tết Dương lịch' },
  ...range('2026-02-14', '2026-02-22', 'Tết Nguyên đán'),
  { day: '2026-04-26', name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
  { day: '2026-04-30', name: 'Ngày Giải phóng miền Nam, thống nhất đất nước' },
  { day: '2026-05-01', name: 'Ngày Quốc tế Lao động' },
  { day: '2026-09-01', name: 'Quốc khánh' },
  { day: '2026-09-02', name: 'Quốc khánh' },
];

/**
 * Seeds the 2026 holidays for a site the first time it needs them: when it
 * has no 2026 holiday at all. A site whose staff kept some 2026 days is left
 * alone.
 */
export async function ensureHolidays(db: Kysely<Database>, siteId: number): Promise<void> {
  const repo = new QuestionRepository(db, siteId);
  if ((await repo.countHolidaysBetween('2026-01-01', '2026-12-31')) > 0) return;
  await repo.addHolidays([...OFFICIAL_HOLIDAYS_2026]);
}

/** The site's holidays, seeded on first use. */
export async function listHolidays(db: Kysely<Database>, siteId: number): Promise<QuestionHolidayRow[]> {
  await ensureHolidays(db, siteId);
  return new QuestionRepository(db, siteId).holidays();
}

/** The day an answer to a question received at `receivedAt` is due: 15 working days later, on the site's calendar. */
export async function dueDayFor(db: Kysely<Database>, siteId: number, receivedAt: Date): Promise<string> {
  const holidays = await listHolidays(db, siteId);
  return addWorkingDays(vietnamDayOf(receivedAt), ANSWER_WORKING_DAYS, new Set(holidays.map((h) => h.day)));
}

const HolidayInput = z.object({
  day: z
    .string()
    .trim()
    .min(1, 'hãy nhập ngày')
    .transform((value, ctx) => {
      const date = parseDisplayDate(value);
      if (!date) {
        ctx.addIssue({ code: 'custom', message: 'ngày phải viết dd/mm/yyyy' });
        return z.NEVER;
      }
      return vietnamDayOf(date);
    }),
  name: z.string().trim().min(1, 'hãy nhập tên ngày nghỉ').max(200, 'tối đa 200 ký tự').transform(toNfc),
});
export type HolidayForm = z.input<typeof HolidayInput>;

/** Adds a day off for the site (staff form: dd/mm/yyyy and a name). Audited. */
export async function addHoliday(db: Kysely<Database>, actor: Actor, input: unknown): Promise<void> {
  const { day, name } = parseInput(HolidayInput, input);
  await ensureHolidays(db, actor.siteId);
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    if (await repo.findHolidayByDay(day)) throw validationError([{ field: 'day', message: `ngày ${formatDay(day)} đã có trong danh sách` }]);
    await repo.addHolidays([{ day, name }]);
    const added = await repo.findHolidayByDay(day);
    await recordAudit(trx, actor, {
      action: 'question.holiday_added',
      targetType: 'question_holiday',
      targetId: added?.id ?? null,
      summary: `${formatDay(day)} – ${name}`,
    });
  });
}

/** Removes a day off of the site. Audited. */
export async function removeHoliday(db: Kysely<Database>, actor: Actor, id: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const repo = new QuestionRepository(trx, actor.siteId);
    const holiday = await repo.findHoliday(id);
    if (!holiday) throw new AppError('not_found');
    await repo.removeHoliday(id);
    await recordAudit(trx, actor, {
      action: 'question.holiday_removed',
      targetType: 'question_holiday',
      targetId: id,
      summary: `${formatDay(holiday.day)} – ${holiday.name}`,
    });
  });
}
