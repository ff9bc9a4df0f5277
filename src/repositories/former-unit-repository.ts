import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { FormerUnitRow } from '../db/schema/moving-in.ts';

/** SQL for the former communes whose items a merged ward holds, scoped to one site. */
export class FormerUnitRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly siteId: number,
  ) {}

  async findBySlug(slug: string): Promise<FormerUnitRow | undefined> {
    return this.db.selectFrom('former_units').selectAll().where('site_id', '=', this.siteId).where('slug', '=', slug).executeTakeFirst();
  }

  async list(): Promise<FormerUnitRow[]> {
    return this.db.selectFrom('former_units').selectAll().where('site_id', '=', this.siteId).orderBy('name').execute();
  }
}
