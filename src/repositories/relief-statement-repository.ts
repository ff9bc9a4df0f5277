import { type Expression, type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { isPostgres } from '../db/migrations/helpers.ts';
import type { Database } from '../db/schema.ts';

/** A search of a campaign's public statement; every text is already normalised by the service. */
export interface StatementFilter {
  campaignId: number;
  /** Folded words of the donor name or note, all of which must appear. */
  words: string[];
  amountMin?: number | undefined;
  amountMax?: number | undefined;
  /** First and last day, yyyy-mm-dd. */
  from?: string | undefined;
  to?: string | undefined;
  /** A whole bank reference, normalised. */
  ref?: string | undefined;
}

/** The matching receipts of a search: id and day, in statement order. */
type Matches = SelectQueryBuilder<Database, 'relief_receipts', { id: number; day: string }>;

/** Past this many matches a page of matches is read in date order, rather than all matches being sorted. */
const DENSE = 2000;

/**
 * SQL for the public statement of receipts, the same on both databases. Words
 * are read from relief_receipt_words, whose key (campaign, word, day, receipt)
 * gives one word's receipts in statement order: the rarest word of the query
 * leads, each other word is a look-up in the same key. Without words, the
 * receipts' own indexes by day, amount and reference serve.
 */
export class ReliefStatementRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Runs a search's reads together; on PostgreSQL without parallel workers,
   * whose plans read every receipt of a common word before the first match
   * where one ordered pass stops at the count's cap.
   */
  static reading<T>(db: Kysely<Database>, work: (repo: ReliefStatementRepository) => Promise<T>): Promise<T> {
    if (!isPostgres(db)) return work(new ReliefStatementRepository(db));
    return db.transaction().execute(async (trx) => {
      await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
      return work(new ReliefStatementRepository(trx));
    });
  }

  /** How many receipts carry a word, counting no further than `cap`. */
  async wordCount(campaignId: number, word: string, cap: number): Promise<number> {
    const inner = this.db
      .selectFrom('relief_receipt_words')
      .select(sql`1`.as('x'))
      .where('campaign_id', '=', campaignId)
      .where('word', '=', word)
      .limit(cap);
    const row = await this.db
      .selectFrom(inner.as('t'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The matching receipts, counting no further than `cap`. */
  async count(filter: StatementFilter, cap: number): Promise<number> {
    const row = await this.db
      .selectFrom(this.matches(filter, false, false).limit(cap).as('t'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Ids of a page of matching receipts, latest day first; `total` (from count) chooses how the page is read. */
  async pageIds(filter: StatementFilter, total: number, limit: number, offset: number): Promise<number[]> {
    const rows = await this.matches(filter, total > DENSE, true)
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => Number(r.id));
  }

  /** The query of matching receipts, as id and day, in statement order when `ordered` (a count needs no order, and sorting would cost it all its matches). */
  private matches(filter: StatementFilter, dense: boolean, ordered: boolean): Matches {
    if (filter.words.length > 0) return this.wordMatches(filter, ordered) as unknown as Matches;
    let q = this.db
      .selectFrom('relief_receipts as r')
      .select(['r.id as id', 'r.received_on as day'])
      .where('r.campaign_id', '=', filter.campaignId)
      .where('r.status', '=', 'confirmed');
    if (filter.ref) q = q.where('r.bank_ref', '=', filter.ref);
    if (filter.from) q = q.where('r.received_on', '>=', filter.from);
    if (filter.to) q = q.where('r.received_on', '<=', filter.to);
    // Many matches by amount: walk the days in order and test the amount (unary + keeps the amount index out).
    const amount = dense && !filter.from && !filter.to ? sql.raw('+r.amount') : sql.ref('r.amount');
    if (filter.amountMin !== undefined) q = q.where(sql<SqlBool>`${amount} >= ${filter.amountMin}`);
    if (filter.amountMax !== undefined) q = q.where(sql<SqlBool>`${amount} <= ${filter.amountMax}`);
    return (ordered ? q.orderBy('r.received_on', 'desc').orderBy('r.id', 'desc') : q) as unknown as Matches;
  }

  private wordMatches(filter: StatementFilter, ordered: boolean) {
    const [lead, ...others] = filter.words;
    let q = this.db
      .selectFrom('relief_receipt_words as w')
      .select(['w.receipt_id as id', 'w.received_on as day'])
      .where('w.campaign_id', '=', filter.campaignId)
      .where('w.word', '=', lead!);
    if (filter.from) q = q.where('w.received_on', '>=', filter.from);
    if (filter.to) q = q.where('w.received_on', '<=', filter.to);
    if (filter.amountMin !== undefined) q = q.where('w.amount', '>=', filter.amountMin);
    if (filter.amountMax !== undefined) q = q.where('w.amount', '<=', filter.amountMax);
    // A page in order ends at its first matches, and an amount leaves the lead few receipts: there the other words are
    // looked up receipt by receipt (OFFSET 0 keeps PostgreSQL from making the look-up a join that reads all of a word's
    // receipts); a count is left to the planner, whose join of the ordered word lists costs less than a look-up per receipt.
    const probe = isPostgres(this.db) && (ordered || filter.amountMin !== undefined);
    for (const word of others) {
      q = q.where(({ exists, selectFrom }) => {
        const lookUp = selectFrom('relief_receipt_words as o')
          .select(sql`1`.as('x'))
          .whereRef('o.campaign_id', '=', 'w.campaign_id')
          .where('o.word', '=', word)
          .whereRef('o.received_on', '=', 'w.received_on')
          .whereRef('o.receipt_id', '=', 'w.receipt_id');
        return exists(probe ? lookUp.offset(0) : lookUp);
      });
    }
    if (filter.ref) {
      const ref = filter.ref;
      q = q.where(
        ({ exists, selectFrom }) =>
          exists(
            selectFrom('relief_receipts as r')
              .select(sql`1`.as('x'))
              .whereRef('r.id', '=', 'w.receipt_id')
              .where('r.bank_ref', '=', ref),
          ) as Expression<SqlBool>,
      );
    }
    if (!ordered) return q;
    // With an amount, the few receipts of that amount come from the amount index and are sorted, rather than a day-by-day walk reading each row's amount.
    const day = probe && filter.amountMin !== undefined ? sql<string>`w.received_on || ''` : sql.ref<string>('w.received_on');
    return q.orderBy(day, 'desc').orderBy('w.receipt_id', 'desc');
  }

  /**
   * The baseline a benchmark compares with: the same search as a plain scan
   * of the campaign's receipts, LIKE on their folded text, the other filters
   * compared row by row (no index on amount, day or reference).
   */
  async likeScan(filter: StatementFilter & { siteId: number }, limit: number, offset: number): Promise<{ total: number; ids: number[] }> {
    let q = this.db
      .selectFrom('relief_receipts')
      .where('site_id', '=', filter.siteId)
      .where('campaign_id', '=', filter.campaignId)
      .where('status', '=', 'confirmed');
    for (const word of filter.words) q = q.where('search_text', 'like', `%${word}%`);
    if (filter.ref) q = q.where(sql<SqlBool>`bank_ref || '' = ${filter.ref}`);
    if (filter.from) q = q.where(sql<SqlBool>`received_on || '' >= ${filter.from}`);
    if (filter.to) q = q.where(sql<SqlBool>`received_on || '' <= ${filter.to}`);
    if (filter.amountMin !== undefined) q = q.where(sql<SqlBool>`+amount >= ${filter.amountMin}`);
    if (filter.amountMax !== undefined) q = q.where(sql<SqlBool>`+amount <= ${filter.amountMax}`);
    const total = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const rows = await q.select('id').orderBy('received_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
    return { total: Number(total.n), ids: rows.map((r) => r.id) };
  }
}
