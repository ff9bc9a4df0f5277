import { type Kysely, sql } from 'kysely';

/** The module pages every site's menu listed after its categories, written out: a backfill must not follow later code. */
const MODULE_PATHS = ['/gioi-thieu', '/van-ban', '/lich-cong-tac', '/hoi-dap'];

/**
 * Gives every existing site the menu it showed before menus were editable:
 * its categories in order, then the module pages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = new Date().toISOString();
  const sites = (await sql<{ id: number }>`select id from sites order by id`.execute(db)).rows;
  for (const site of sites) {
    const categories = (await sql<{ id: number }>`select id from categories where site_id = ${site.id} order by position, id`.execute(db)).rows;
    let position = 0;
    for (const category of categories) {
      await sql`insert into menu_items (site_id, position, kind, category_id, target, label, created_at)
        values (${site.id}, ${position++}, 'category', ${category.id}, '', '', ${now})`.execute(db);
    }
    for (const path of MODULE_PATHS) {
      await sql`insert into menu_items (site_id, position, kind, category_id, target, label, created_at)
        values (${site.id}, ${position++}, 'page', null, ${path}, '', ${now})`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from menu_items`.execute(db);
}
