import { type Kysely, sql } from 'kysely';
import { firstBodyImageKey } from '../../text/body-images.ts';

interface Row {
  id: number;
  site_id: number;
  body_html: string;
}

/**
 * Gives every existing article its lead image: the featured image where
 * one is set, else the first of the site's images in its body, in batches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update articles set lead_media_id = featured_media_id where featured_media_id is not null`.execute(db);
  let afterId = 0;
  for (;;) {
    const rows = (
      await sql<Row>`select id, site_id, body_html from articles where id > ${afterId} and featured_media_id is null order by id limit 500`.execute(db)
    ).rows;
    if (rows.length === 0) return;
    for (const row of rows) {
      const key = firstBodyImageKey(row.body_html);
      if (!key) continue;
      await sql`update articles set lead_media_id = (select id from media where site_id = ${row.site_id} and storage_key = ${key} and kind = 'image')
        where id = ${row.id}`.execute(db);
    }
    afterId = rows.at(-1)!.id;
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update articles set lead_media_id = null`.execute(db);
}
