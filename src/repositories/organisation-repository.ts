import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { OrganisationPageRow, OrganisationPeopleTable, OrganisationPagesTable, PersonRole, PersonRow } from '../db/schema/organisation.ts';

export type PageContent = Omit<Insertable<OrganisationPagesTable>, 'id' | 'site_id' | 'kind'>;
export type NewPerson = Omit<Insertable<OrganisationPeopleTable>, 'id' | 'site_id'>;

/** SQL for one site's Giới thiệu pages and its leaders and focal officials. */
export class OrganisationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async listPages(): Promise<OrganisationPageRow[]> {
    return this.db.selectFrom('organisation_pages').selectAll().where('site_id', '=', this.siteId).execute();
  }

  async findPage(kind: string): Promise<OrganisationPageRow | undefined> {
    return this.db.selectFrom('organisation_pages').selectAll().where('site_id', '=', this.siteId).where('kind', '=', kind).executeTakeFirst();
  }

  /** Writes a page's content, creating its row the first time. */
  async savePage(kind: string, content: PageContent): Promise<void> {
    const existing = await this.findPage(kind);
    if (existing) {
      await this.db.updateTable('organisation_pages').set(content).where('site_id', '=', this.siteId).where('id', '=', existing.id).execute();
    } else {
      await this.db
        .insertInto('organisation_pages')
        .values({ ...content, site_id: this.siteId, kind })
        .execute();
    }
  }

  /** People of one role, in display order. */
  async listPeople(role?: PersonRole): Promise<PersonRow[]> {
    let q = this.db.selectFrom('organisation_people').selectAll().where('site_id', '=', this.siteId);
    if (role) q = q.where('role', '=', role);
    return q.orderBy('role').orderBy('sort_order').orderBy('id').execute();
  }

  async findPerson(id: number): Promise<PersonRow | undefined> {
    return this.db.selectFrom('organisation_people').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insertPerson(person: NewPerson): Promise<number> {
    const row = await this.db
      .insertInto('organisation_people')
      .values({ ...person, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async updatePerson(id: number, changes: Updateable<OrganisationPeopleTable>): Promise<void> {
    await this.db.updateTable('organisation_people').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  async deletePerson(id: number): Promise<void> {
    await this.db.deleteFrom('organisation_people').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** Whether an image of this site's library (not in the trash) has this id. */
  async imageExists(mediaId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('media')
      .select('id')
      .where('site_id', '=', this.siteId)
      .where('id', '=', mediaId)
      .where('kind', '=', 'image')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }
}
