import type { Insertable, Kysely } from 'kysely';
import type { AuditLogTable, AuditRow, Database } from '../db/schema.ts';

/** Filters for reading the audit log of one site. */
export interface AuditFilter {
  action?: string | undefined;
  actor?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  flaggedOnly?: boolean;
}

/** SQL for the append-only audit log. */
export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(entry: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(entry).execute();
  }

  private filtered(siteId: number, filter: AuditFilter) {
    let q = this.db.selectFrom('audit_log').where('site_id', '=', siteId);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.actor) q = q.where('actor', '=', filter.actor);
    if (filter.from) q = q.where('created_at', '>=', filter.from);
    if (filter.to) q = q.where('created_at', '<', filter.to);
    if (filter.flaggedOnly) q = q.where('flagged', '=', 1);
    return q;
  }

  /** Entries of a site, newest first. */
  async list(siteId: number, filter: AuditFilter, limit: number, offset = 0): Promise<AuditRow[]> {
    return this.filtered(siteId, filter).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async count(siteId: number, filter: AuditFilter): Promise<number> {
    const row = await this.filtered(siteId, filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Entries about one target (an article), oldest first. */
  async forTarget(siteId: number, targetType: string, targetId: number): Promise<AuditRow[]> {
    return this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('site_id', '=', siteId)
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .orderBy('id')
      .execute();
  }
}
