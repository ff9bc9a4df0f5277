import type { Kysely, Updateable } from 'kysely';
import type { Database, NewSite, SiteRow, SitesTable } from '../db/schema.ts';

/** SQL for sites and their host names. Sites are the one table not scoped by site. */
export class SiteRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The site a host name (lower case, no port) belongs to. */
  async findByHost(host: string): Promise<SiteRow | undefined> {
    return this.db
      .selectFrom('site_hosts')
      .innerJoin('sites', 'sites.id', 'site_hosts.site_id')
      .selectAll('sites')
      .where('site_hosts.host', '=', host)
      .executeTakeFirst();
  }

  async findById(id: number): Promise<SiteRow | undefined> {
    return this.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(): Promise<SiteRow[]> {
    return this.db.selectFrom('sites').selectAll().orderBy('id').execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('sites')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(site: NewSite): Promise<number> {
    const row = await this.db.insertInto('sites').values(site).returning('id').executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Updateable<SitesTable>): Promise<void> {
    await this.db.updateTable('sites').set(changes).where('id', '=', id).execute();
  }

  /** Host names of a site, the primary one first. */
  async hostsOf(siteId: number): Promise<string[]> {
    const rows = await this.db.selectFrom('site_hosts').select('host').where('site_id', '=', siteId).orderBy('is_primary', 'desc').orderBy('host').execute();
    return rows.map((r) => r.host);
  }

  /** Host names among `hosts` that some site already uses. */
  async takenHosts(hosts: string[]): Promise<string[]> {
    if (hosts.length === 0) return [];
    const rows = await this.db.selectFrom('site_hosts').select('host').where('host', 'in', hosts).execute();
    return rows.map((r) => r.host);
  }

  async addHosts(siteId: number, hosts: string[]): Promise<void> {
    await this.db
      .insertInto('site_hosts')
      .values(hosts.map((host, i) => ({ host, site_id: siteId, is_primary: i === 0 ? 1 : 0 })))
      .execute();
  }
}
