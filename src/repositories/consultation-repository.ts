import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ConsultationCommentRow, ConsultationRow, ConsultationUpdate, NewConsultation, NewConsultationComment } from '../db/schema/consultations.ts';

/** A published consultation with how many comments it received. */
export type ListedConsultation = ConsultationRow & { comment_count: number };

// PostgreSQL returns count(*) as text.
const counted = <T extends { comment_count: unknown }>(row: T) => ({ ...row, comment_count: Number(row.comment_count ?? 0) });

/** SQL for one site's consultations on drafts and their comments. Every query is bound to the site given at construction. */
export class ConsultationRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async findById(id: number): Promise<ConsultationRow | undefined> {
    return this.db.selectFrom('consultations').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async insert(consultation: Omit<NewConsultation, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('consultations')
      .values({ ...consultation, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Omit<ConsultationUpdate, 'id' | 'site_id'>): Promise<void> {
    await this.db.updateTable('consultations').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** Every consultation of the site, newest change first, for the newsroom. */
  async list(limit: number, offset: number): Promise<ListedConsultation[]> {
    const rows = await this.withCounts().orderBy('consultations.updated_at', 'desc').orderBy('consultations.id', 'desc').limit(limit).offset(offset).execute();
    return rows.map(counted);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('consultations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', this.siteId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Published consultations, latest closing day first, each with its count of comments received. */
  async listPublished(limit: number): Promise<ListedConsultation[]> {
    const rows = await this.withCounts()
      .where('consultations.status', '=', 'published')
      .orderBy('consultations.closes_on', 'desc')
      .orderBy('consultations.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(counted);
  }

  /** The site's consultations, each with how many comments it received. */
  private withCounts() {
    return this.db
      .selectFrom('consultations')
      .selectAll('consultations')
      .select((eb) =>
        eb
          .selectFrom('consultation_comments')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('consultation_comments.consultation_id', '=', 'consultations.id')
          .as('comment_count'),
      )
      .where('consultations.site_id', '=', this.siteId);
  }

  async insertComment(comment: Omit<NewConsultationComment, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('consultation_comments')
      .values({ ...comment, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findComment(consultationId: number, id: number): Promise<ConsultationCommentRow | undefined> {
    return this.db
      .selectFrom('consultation_comments')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('consultation_id', '=', consultationId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async updateComment(id: number, changes: Pick<ConsultationCommentRow, 'is_published' | 'published_at'>): Promise<void> {
    await this.db.updateTable('consultation_comments').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** A page of a consultation's comments (or only the published ones), in the order received. */
  async comments(consultationId: number, options: { publishedOnly: boolean; limit: number; offset: number }): Promise<ConsultationCommentRow[]> {
    let q = this.db.selectFrom('consultation_comments').selectAll().where('site_id', '=', this.siteId).where('consultation_id', '=', consultationId);
    if (options.publishedOnly) q = q.where('is_published', '=', 1);
    return q.orderBy('received_at').orderBy('id').limit(options.limit).offset(options.offset).execute();
  }

  async countComments(consultationId: number, publishedOnly = false): Promise<number> {
    let q = this.db
      .selectFrom('consultation_comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', this.siteId)
      .where('consultation_id', '=', consultationId);
    if (publishedOnly) q = q.where('is_published', '=', 1);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /** Published consultations after an id, in id order: for rebuilding the search index in batches. */
  async publishedAfterId(afterId: number, limit: number): Promise<ConsultationRow[]> {
    return this.db
      .selectFrom('consultations')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('status', '=', 'published')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
