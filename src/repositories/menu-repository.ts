import type { Insertable, Kysely } from 'kysely';
import type { Database, MenuItemRow, MenuItemsTable } from '../db/schema.ts';

/** A menu item as it is written: everything but its id and site. */
export type NewMenuItem = Omit<Insertable<MenuItemsTable>, 'id' | 'site_id'>;

/** SQL for one site's main menu. */
export class MenuRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  /** The menu's items in order. */
  async list(): Promise<MenuItemRow[]> {
    return this.db.selectFrom('menu_items').selectAll().where('site_id', '=', this.siteId).orderBy('position').orderBy('id').execute();
  }

  async findById(id: number): Promise<MenuItemRow | undefined> {
    return this.db.selectFrom('menu_items').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insert(item: NewMenuItem): Promise<number> {
    const row = await this.db
      .insertInto('menu_items')
      .values({ ...item, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: { label?: string; target?: string; position?: number }): Promise<void> {
    await this.db.updateTable('menu_items').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  async remove(id: number): Promise<void> {
    await this.db.deleteFrom('menu_items').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}
