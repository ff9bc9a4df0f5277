import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { literalLimit } from '../db/sqlite-planning.ts';
import type { Database } from '../db/schema.ts';
import { SearchVocabulary } from './search-vocabulary.ts';
import { indexTexts, wordStarts } from '../services/search/index-text.ts';
import { type QueryPart, type TermGroup, wordsGroup } from '../services/search/query.ts';
import {
  type MatchForm,
  type SearchFilter,
  type Sites,
  dateFilters,
  filterSites,
  fts5AnyPhrase,
  fts5Match,
  ftsTags,
  hasPhrase,
  pgMatches,
  pgRank,
  ownTsQuery,
  pgWalk,
  NEWEST_WALK,
  furtherWalk,
  siteList,
  tsAnyPhrase,
} from './search-match.ts';

export { filterSites, ftsTags, type MatchForm, type SearchFilter, type Sites } from './search-match.ts';

/**
 * SQL for the search index. This file is the one place where SQLite (FTS5)
 * and PostgreSQL (tsvector + GIN) differ; both receive the same words,
 * folded or accent-canonicalised and scoped to their site by the same
 * JavaScript (index-text.ts), and both answer the same questions: which
 * documents match, how well, and how many.
 */

/** An item as the index holds it. */
export interface IndexedDocument {
  siteId: number;
  source: string;
  refId: number;
  kind: string;
  categoryId: number | null;
  publishedAt: string;
  title: string;
  body: string;
  path: string;
}

/** What was public about an indexed item: enough to tell which pages showed it. */
export interface IndexedEntry {
  siteId: number;
  title: string;
  categoryId: number | null;
  publishedAt: string;
}

/** A matching document with the engine's own relevance (higher is better). */
export interface Candidate {
  id: number;
  site_id: number;
  source: string;
  ref_id: number;
  kind: string;
  category_id: number | null;
  published_at: string;
  title: string;
  body: string;
  path: string;
  relevance: number;
}

/**
 * Past this many matches a search stops counting ("hơn 1.000 kết quả") and
 * ranks the newest matches instead of every match (see candidates), so its
 * work is bounded however many items a province holds.
 */
export const COUNT_CAP = 1000;

/** How many items match, up to COUNT_CAP, and whether more do. */
export interface MatchCount {
  total: number;
  capped: boolean;
}

const matchCount = (n: number): MatchCount => ({ total: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP });

/** What a candidate reads of a document: all but its body (see candidates). */
const CANDIDATE_COLUMNS = sql`d.id, d.site_id, d.source, d.ref_id, d.kind, d.category_id, d.published_at, d.title, '' as body, d.path`;

export class SearchRepository extends SearchVocabulary {
  private readonly pg: boolean;

  constructor(db: Kysely<Database>) {
    super(db);
    this.pg = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  /**
   * Whether countRanked ranks as it counts: on PostgreSQL, for a query with
   * a phrase. PostgreSQL's index keeps no word positions, so it checks a
   * phrase against each match's row; counting and then ranking did that
   * twice. Without a phrase the index answers alone, and a count costs less
   * than the rows a ranking in the same pass has to hold: candidates ranks.
   */
  ranksAsItCounts(parts: QueryPart[]): boolean {
    return this.pg && hasPhrase(parts);
  }

  /**
   * A search statement's rows on PostgreSQL, with reading the whole table
   * row by row ruled out for its transaction: given a limit, the planner may
   * prefer checking every item's vectors in turn to the word index, which
   * answers in a fraction of the time (a half-typed common word, for one).
   * Nor are worker processes started for it: a search reads a few hundred
   * rows, fewer than what passing them between processes costs.
   */
  private async indexed<R>(statement: RawBuilder<R>): Promise<R[]> {
    if (this.db.isTransaction) return (await statement.execute(this.db)).rows;
    return this.db.transaction().execute(async (trx) => {
      await sql`select set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
      return (await statement.execute(trx)).rows;
    });
  }

  /** Adds or replaces an item in the index. */
  async upsert(doc: IndexedDocument, now: string): Promise<void> {
    const row = {
      site_id: doc.siteId,
      source: doc.source,
      ref_id: doc.refId,
      kind: doc.kind,
      category_id: doc.categoryId,
      published_at: doc.publishedAt,
      title: doc.title,
      body: doc.body,
      path: doc.path,
      updated_at: now,
    };
    const texts = indexTexts(doc.siteId, doc.title, doc.body);
    if (this.pg) {
      const folded = sql`setweight(to_tsvector('simple', ${texts.foldedTitle}), 'A') || setweight(to_tsvector('simple', ${texts.foldedBody}), 'B')
        || array_to_tsvector(${wordStarts([texts.foldedTitle, texts.foldedBody])}::text[])`;
      const accented = sql`setweight(to_tsvector('simple', ${texts.accentedTitle}), 'A') || setweight(to_tsvector('simple', ${texts.accentedBody}), 'B')`;
      const vectors = {
        fts_folded: folded,
        fts_accented: accented,
        fts_title_folded: sql`to_tsvector('simple', ${texts.foldedTitle})`,
        fts_title_accented: sql`to_tsvector('simple', ${texts.accentedTitle})`,
      };
      await this.db
        .insertInto('search_documents')
        .values({ ...row, ...vectors } as never)
        .onConflict((oc) => oc.columns(['source', 'ref_id']).doUpdateSet({ ...row, ...vectors } as never))
        .execute();
      return;
    }
    const existing = await this.db
      .selectFrom('search_documents')
      .select('id')
      .where('source', '=', doc.source)
      .where('ref_id', '=', doc.refId)
      .executeTakeFirst();
    let id: number;
    if (existing) {
      id = existing.id;
      await sql`delete from search_fts where rowid = ${id}`.execute(this.db);
      await this.db.updateTable('search_documents').set(row).where('id', '=', id).execute();
    } else {
      id = (await this.db.insertInto('search_documents').values(row).returning('id').executeTakeFirstOrThrow()).id;
    }
    await sql`insert into search_fts (rowid, tags, title_f, body_f, title_a, body_a)
      values (${id}, ${ftsTags(doc.kind, doc.categoryId)}, ${texts.foldedTitle}, ${texts.foldedBody}, ${texts.accentedTitle}, ${texts.accentedBody})`.execute(
      this.db,
    );
  }

  /** How an item stands in the index, if it is there: what was public about it. */
  async indexedEntry(source: string, refId: number): Promise<IndexedEntry | undefined> {
    const row = await this.db
      .selectFrom('search_documents')
      .select(['site_id', 'title', 'category_id', 'published_at'])
      .where('source', '=', source)
      .where('ref_id', '=', refId)
      .executeTakeFirst();
    return row ? { siteId: row.site_id, title: row.title, categoryId: row.category_id, publishedAt: row.published_at } : undefined;
  }

  /** Takes an item out of the index. */
  async remove(source: string, refId: number): Promise<void> {
    const existing = await this.db.selectFrom('search_documents').select('id').where('source', '=', source).where('ref_id', '=', refId).executeTakeFirst();
    if (!existing) return;
    if (!this.pg) await sql`delete from search_fts where rowid = ${existing.id}`.execute(this.db);
    await this.db.deleteFrom('search_documents').where('id', '=', existing.id).execute();
  }

  /**
   * The best `limit` matches, without their bodies: ranking needs titles
   * only, and bodies are read for the few results shown (bodiesOf). Up to
   * COUNT_CAP matches, all are weighed by the engine (title words weigh ten
   * times body words); past it (`capped`), weighing every match costs more
   * than the rest of the search, so the pool is the newest matches with every
   * word in their title, then the newest matches: each read newest first and
   * stopped at `limit`.
   */
  async candidates(parts: QueryPart[], form: MatchForm, filter: SearchFilter, limit: number, capped: boolean): Promise<Candidate[]> {
    if (capped) {
      const [inTitles, newest] = await Promise.all([this.newest(parts, form, filter, limit, true), this.newest(parts, form, filter, limit, false)]);
      const seen = new Set(inTitles.map((c) => c.id));
      return [...inTitles, ...newest.filter((c) => !seen.has(c.id))];
    }
    if (this.pg) {
      return this.indexed(sql<Candidate>`select * from (${pgMatches(parts, form, filter, sql`${CANDIDATE_COLUMNS}, ${pgRank(form)} as relevance`)}) m
        order by m.relevance desc, m.published_at desc limit ${limit}`);
    }
    const match = fts5Match(parts, form, filter);
    if (filter.from || filter.to) {
      const result = await sql<Candidate>`select ${CANDIDATE_COLUMNS}, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance
        from search_fts join search_documents d on d.id = search_fts.rowid
        where search_fts match ${match} ${dateFilters(filter)}
        order by relevance desc limit ${literalLimit(limit)}`.execute(this.db);
      return result.rows;
    }
    // Rank inside FTS5 first and join only the best rows: joining every match before sorting costs far more.
    return this.joined(
      sql`select rowid, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance from search_fts where search_fts match ${match} order by relevance desc limit ${literalLimit(limit)}`,
    );
  }

  /**
   * The newest `limit` matches, or those with every word in their title
   * (relevance 1, the others 0). PostgreSQL reads the scope's newest items
   * (NEWEST_WALK) and checks each, which finds a frequent query's matches at
   * once; titles are taken from those items only. Where those items held
   * some matches but too few, a second walk reads as far as they say the
   * newest matches lie (up to FURTHER_WALK times); past that, or when they
   * held none, the matches are sorted by date from the word index
   * (planners misjudge how often words stand together, so the choice is made
   * here). FTS5 reads rowids, which follow indexing, backwards and stops early.
   */
  private async newest(parts: QueryPart[], form: MatchForm, filter: SearchFilter, limit: number, inTitles: boolean): Promise<Candidate[]> {
    const relevance = inTitles ? sql`1` : sql`0`;
    if (this.pg) {
      const items = siteList(filterSites(filter)).length === 1 ? NEWEST_WALK.site : NEWEST_WALK.sites;
      const walk = (count: number) =>
        this.indexed(sql<Candidate>`select ${CANDIDATE_COLUMNS}, ${relevance} as relevance
          ${pgWalk(parts, form, filter, inTitles, count)} order by d.published_at desc limit ${limit}`);
      const walked = await walk(items);
      if (walked.length === limit || inTitles) return walked;
      const further = furtherWalk(items, walked.length, limit);
      const more = further === null ? [] : await walk(further);
      if (more.length === limit) return more;
      // Materialized: planned for every match, so the index finds them; they are few, or the newest items would have held them.
      return this.indexed(sql<Candidate>`with m as materialized (${pgMatches(parts, form, filter, sql`${CANDIDATE_COLUMNS}, ${relevance} as relevance`)})
        select * from m order by m.published_at desc limit ${limit}`);
    }
    const match = fts5Match(parts, form, filter, inTitles);
    if (filter.from || filter.to) {
      const result = await sql<Candidate>`select ${CANDIDATE_COLUMNS}, ${relevance} as relevance
        from search_fts join search_documents d on d.id = search_fts.rowid
        where search_fts match ${match} ${dateFilters(filter)}
        order by d.published_at desc limit ${literalLimit(limit)}`.execute(this.db);
      return result.rows;
    }
    return this.joined(
      sql`select rowid, ${relevance} as relevance from search_fts where search_fts match ${match} order by rowid desc limit ${literalLimit(limit)}`,
    );
  }

  /** FTS5's best rows (rowid, relevance), joined to their documents, best first. */
  private async joined(best: RawBuilder<unknown>): Promise<Candidate[]> {
    const result =
      await sql<Candidate>`select ${CANDIDATE_COLUMNS}, best.relevance from (${best}) best join search_documents d on d.id = best.rowid order by best.relevance desc, d.published_at desc`.execute(
        this.db,
      );
    return result.rows;
  }

  /**
   * Which of some documents hold each of some checks, in title or body: a
   * check holds where any of its phrases stands (whole words, folded), in
   * the document's own site's words. One set of ids per check, in order; for
   * ranking words that stand together.
   */
  async holding(checks: TermGroup[][], docs: Array<Pick<Candidate, 'id' | 'site_id'>>): Promise<Array<Set<number>>> {
    if (docs.length === 0 || checks.length === 0) return checks.map(() => new Set());
    const sites = [...new Set(docs.map((d) => d.site_id))];
    const ids = docs.map((d) => d.id);
    if (this.pg) {
      const columns = checks.map((phrases, k) => sql`d.fts_folded @@ ${ownTsQuery(sites, (id) => tsAnyPhrase(phrases, id))} as ${sql.ref(`c${k}`)}`);
      const result = await sql<
        Record<string, unknown> & { id: number }
      >`select d.id, ${sql.join(columns)} from search_documents d where d.id in (${sql.join(ids)})`.execute(this.db);
      return checks.map((_, k) => new Set(result.rows.filter((r) => r[`c${k}`] === true).map((r) => r.id)));
    }
    // Every row of the sites holding a check, intersected here: FTS5 answers "rowid in (…)" by walking the phrase once per id.
    const wanted = new Set(ids);
    const statements = checks.map((phrases, k) => sql`select rowid as id, ${k} as k from search_fts where search_fts match ${fts5AnyPhrase(phrases, sites)}`);
    const result = await sql<{ id: number; k: number }>`${sql.join(statements, sql` union all `)}`.execute(this.db);
    const sets = checks.map(() => new Set<number>());
    for (const row of result.rows) if (wanted.has(row.id)) sets[row.k]!.add(row.id);
    return sets;
  }

  /** The bodies of a few documents, for their highlighted passages. */
  async bodiesOf(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('search_documents').select(['id', 'body']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.body]));
  }

  /**
   * How many items match in a form, up to COUNT_CAP, for the result count
   * and pagination, and, where ranksAsItCounts, the best `limit` of them
   * too, ranked as candidates ranks them, from the same pass, so a phrase is
   * checked once. Otherwise, or past the cap, `ranked` is null: candidates
   * ranks, knowing whether the count was capped.
   */
  async countRanked(parts: QueryPart[], form: MatchForm, filter: SearchFilter, limit: number): Promise<MatchCount & { ranked: Candidate[] | null }> {
    if (this.ranksAsItCounts(parts)) {
      const ranked = pgMatches(parts, form, filter, sql`${CANDIDATE_COLUMNS}, ${pgRank(form)} as relevance`);
      const rows = await this.indexed(
        sql<
          Candidate & { total: number }
        >`select m.*, count(*) over () as total from (${ranked} limit ${COUNT_CAP + 1}) m order by m.relevance desc, m.published_at desc limit ${limit}`,
      );
      const count = matchCount(Number(rows[0]?.total ?? 0));
      return { ...count, ranked: count.capped ? null : rows.map(({ total: _total, ...candidate }) => candidate) };
    }
    if (this.pg) {
      const rows = await this.indexed(sql<{ n: number }>`select count(*) as n from (${pgMatches(parts, form, filter, sql`1`)} limit ${COUNT_CAP + 1}) m`);
      return { ...matchCount(Number(rows[0]?.n ?? 0)), ranked: null };
    }
    const match = fts5Match(parts, form, filter);
    const cap = literalLimit(COUNT_CAP + 1);
    const result =
      filter.from || filter.to
        ? await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts join search_documents d on d.id = search_fts.rowid
            where search_fts match ${match} ${dateFilters(filter)} limit ${cap})`.execute(this.db)
        : await sql<{ n: number }>`select count(*) as n from (select 1 from search_fts where search_fts match ${match} limit ${cap})`.execute(this.db);
    return { ...matchCount(Number(result.rows[0]?.n ?? 0)), ranked: null };
  }

  /**
   * Before a bulk rebuild (SQLite): stops merging the index's segments after
   * each batch, which slows the build when done as it goes;
   * optimize() merges them all once at the end and turns merging back on.
   */
  async beginBulk(): Promise<void> {
    if (!this.pg) await sql`insert into search_fts(search_fts, rank) values ('automerge', 0)`.execute(this.db);
  }

  /**
   * Merges the index into one segment after a bulk rebuild (SQLite), so each
   * word's postings are read in one piece, and merges as it goes again
   * (FTS5's default); PostgreSQL's GIN needs no such step.
   */
  async optimize(): Promise<void> {
    if (this.pg) return;
    await sql`insert into search_fts(search_fts) values ('optimize')`.execute(this.db);
    await sql`insert into search_fts(search_fts, rank) values ('automerge', 4)`.execute(this.db);
  }

  /** Empties a site's part of the index before a rebuild. */
  async clearSite(siteId: number): Promise<void> {
    if (!this.pg) await sql`delete from search_fts where rowid in (select id from search_documents where site_id = ${siteId})`.execute(this.db);
    await this.db.deleteFrom('search_documents').where('site_id', '=', siteId).execute();
    await this.db.deleteFrom('search_terms').where('site_id', '=', siteId).execute();
  }

  /** Whether any item of a site (or of several) holds a folded word, in title or body: a word found there is no typo. */
  async hasWord(sites: Sites, folded: string): Promise<boolean> {
    const word = wordsGroup([folded]);
    if (this.pg) {
      // One lazily read statement per site, each planned without a limit so the word index answers: with a limit, or with
      // every site's words in one query, PostgreSQL may read the table row by row instead, for a word no item has.
      const bySite = siteList(sites).map(
        (id) =>
          sql`(with m as materialized (select 1 from search_documents d where d.fts_folded @@ to_tsquery('simple', ${tsAnyPhrase([word], id)})) select 1 from m)`,
      );
      return (await this.indexed(sql`select 1 from (${sql.join(bySite, sql` union all `)}) found limit 1`)).length > 0;
    }
    const result = await sql`select rowid from search_fts where search_fts match ${fts5AnyPhrase([word], sites)} limit 1`.execute(this.db);
    return result.rows.length > 0;
  }
}
