import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Which half of the day an entry of Lịch công tác falls in. */
export type CalendarSession = 'sang' | 'chieu';

/** One entry of Lịch công tác (the weekly work calendar). `day` is a calendar day, yyyy-mm-dd; `start_time` is HH:mm. */
export interface CalendarEntriesTable {
  id: Generated<number>;
  site_id: number;
  day: string;
  session: CalendarSession;
  start_time: string;
  /** Nội dung công việc. */
  task: string;
  /** Chủ trì. */
  presider: string;
  /** Thành phần. */
  participants: string;
  /** Địa điểm. */
  location: string;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** One row of Lịch tiếp công dân: who receives citizens, when and where. */
export interface ReceptionSlotsTable {
  id: Generated<number>;
  site_id: number;
  official_name: string;
  position: string;
  /** As written for people: "Thứ Năm hằng tuần", "Ngày 15 hằng tháng", specific dates… */
  days: string;
  hours: string;
  place: string;
  /** Order on the public page, smallest first. */
  sort_order: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Tables of the module — Lịch công tác and lịch tiếp công dân. */
export interface CalendarTables {
  calendar_entries: CalendarEntriesTable;
  reception_slots: ReceptionSlotsTable;
}

export type CalendarEntryRow = Selectable<CalendarEntriesTable>;
export type NewCalendarEntry = Insertable<CalendarEntriesTable>;
export type CalendarEntryUpdate = Updateable<CalendarEntriesTable>;
export type ReceptionSlotRow = Selectable<ReceptionSlotsTable>;
export type NewReceptionSlot = Insertable<ReceptionSlotsTable>;
export type ReceptionSlotUpdate = Updateable<ReceptionSlotsTable>;
