import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type {
  CalendarEntryRow,
  CalendarEntryUpdate,
  NewCalendarEntry,
  NewReceptionSlot,
  ReceptionSlotRow,
  ReceptionSlotUpdate,
} from '../db/schema/calendars.ts';

/** SQL for one site's Lịch công tác entries and lịch tiếp công dân slots. Every query is bound to the site given at construction. */
export class CalendarRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** Entries from `from` to `to` (calendar days, inclusive), by day, then time, then when they were added. */
  async entriesBetween(from: string, to: string): Promise<CalendarEntryRow[]> {
    return this.db
      .selectFrom('calendar_entries')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('day')
      .orderBy('start_time')
      .orderBy('id')
      .execute();
  }

  /** One entry of this site, or undefined. */
  async findEntry(id: number): Promise<CalendarEntryRow | undefined> {
    return this.db.selectFrom('calendar_entries').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  /** Adds an entry for this site; returns its id. */
  async insertEntry(entry: Omit<NewCalendarEntry, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('calendar_entries')
      .values({ ...entry, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Changes an entry of this site. */
  async updateEntry(id: number, values: Omit<CalendarEntryUpdate, 'id' | 'site_id'>): Promise<void> {
    await this.db.updateTable('calendar_entries').set(values).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** Removes an entry of this site. */
  async deleteEntry(id: number): Promise<void> {
    await this.db.deleteFrom('calendar_entries').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** The reception schedule in its public order. */
  async receptionSlots(): Promise<ReceptionSlotRow[]> {
    return this.db.selectFrom('reception_slots').selectAll().where('site_id', '=', this.siteId).orderBy('sort_order').orderBy('id').execute();
  }

  /** One reception slot of this site, or undefined. */
  async findReceptionSlot(id: number): Promise<ReceptionSlotRow | undefined> {
    return this.db.selectFrom('reception_slots').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  /** Adds a reception slot for this site; returns its id. */
  async insertReceptionSlot(slot: Omit<NewReceptionSlot, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('reception_slots')
      .values({ ...slot, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Changes a reception slot of this site. */
  async updateReceptionSlot(id: number, values: Omit<ReceptionSlotUpdate, 'id' | 'site_id'>): Promise<void> {
    await this.db.updateTable('reception_slots').set(values).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** Removes a reception slot of this site. */
  async deleteReceptionSlot(id: number): Promise<void> {
    await this.db.deleteFrom('reception_slots').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}
