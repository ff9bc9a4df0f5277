import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { literalLimit } from '../db/sqlite-planning.ts';
import type { Database } from '../db/schema.ts';
import { indexTexts } from '../services/search/index-text.ts';
import { type QueryPart, type TermGroup, wordsGroup } from '../services/search/query.ts';
import {
  type MatchForm,
  type SearchFilter,
  type Sites,
  filterSites,
  fts5AnyPhrase,
  fts5Match,
  ftsTags,
  hasPhrase,
  pgRank,
  pgVectors,
  siteList,
  siteQueries,
  tsAnyPhrase,
  tsQuery,
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

/** Past this many matches, titles decide the ranking pool (see candidates). */
export const RANK_BY_TITLE_ABOVE = 1000;

/** What a candidate reads of a document: all but its body (see candidates). */
const CANDIDATE_COLUMNS = sql`d.id, d.site_id, d.source, d.ref_id, d.kind, d.category_id, d.published_at, d.title, '' as body, d.path`;

export class SearchRepository {
  private readonly pg: boolean;

  constructor(private readonly db: Kysely<Database>) {
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
      const folded = sql`setweight(to_tsvector('simple', ${texts.foldedTitle}), 'A') || setweight(to_tsvector('simple', ${texts.foldedBody}), 'B')`;
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
   * The best `limit` matches by the engine's relevance (title words weigh ten
   * times body words), without their bodies: ranking needs titles only, and
   * bodies are read for the few results shown (bodiesOf). `matches` is how
   * many there are (count): past RANK_BY_TITLE_ABOVE, weighing every match
   * costs more than the rest of the search, so titles decide: PostgreSQL
   * ranks by the small title vectors, then recency (the whole vectors are
   * compressed apart from the row); SQLite weighs the items with every word
   * in their title and adds the most recently indexed of the rest.
   */
  async candidates(parts: QueryPart[], form: MatchForm, filter: SearchFilter, limit: number, matches: number): Promise<Candidate[]> {
    if (this.pg) {
      const result = await sql<Candidate>`select ${CANDIDATE_COLUMNS}, ${pgRank(form, matches > RANK_BY_TITLE_ABOVE)} as relevance
        ${this.pgMatching(parts, form, filter)}
        order by relevance desc, d.published_at desc limit ${limit}`.execute(this.db);
      return result.rows;
    }
    const match = fts5Match(parts, form, filter);
    if (filter.from || filter.to) {
      const result = await sql<Candidate>`select ${CANDIDATE_COLUMNS}, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance
        from search_fts join search_documents d on d.id = search_fts.rowid
        where search_fts match ${match} ${this.dateFilters(filter)}
        order by relevance desc limit ${literalLimit(limit)}`.execute(this.db);
      return result.rows;
    }
    // Rank inside FTS5 first and join only the best rows: joining every match before sorting costs far more.
    const ranked = (best: RawBuilder<unknown>) =>
      sql<Candidate>`select ${CANDIDATE_COLUMNS}, best.relevance from (${best}) best join search_documents d on d.id = best.rowid order by best.relevance desc`.execute(
        this.db,
      );
    if (matches <= RANK_BY_TITLE_ABOVE) {
      return (
        await ranked(
          sql`select rowid, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance from search_fts where search_fts match ${match} order by relevance desc limit ${literalLimit(limit)}`,
        )
      ).rows;
    }
    // Many matches: weighing each costs more than the rest of the search. The items with every word in their
    // title, weighed, and the most recently indexed of the rest (FTS5 reads rowids backwards and stops early).
    const inTitles = (
      await ranked(
        sql`select rowid, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance from search_fts where search_fts match ${fts5Match(parts, form, filter, true)} order by relevance desc limit ${literalLimit(limit)}`,
      )
    ).rows;
    const newest = (
      await ranked(sql`select rowid, 0 as relevance from search_fts where search_fts match ${match} order by rowid desc limit ${literalLimit(limit)}`)
    ).rows;
    const seen = new Set(inTitles.map((c) => c.id));
    return [...inTitles, ...newest.filter((c) => !seen.has(c.id))];
  }

  /**
   * Which of some documents hold each of some checks, in title or body: a
   * check holds where any of its phrases stands (whole words, folded). One
   * set of ids per check, in order; for ranking words that stand together.
   */
  async holding(checks: TermGroup[][], filter: SearchFilter, ids: number[]): Promise<Array<Set<number>>> {
    if (ids.length === 0 || checks.length === 0) return checks.map(() => new Set());
    if (this.pg) {
      const columns = checks.map(
        (phrases, k) => sql`d.fts_folded @@ to_tsquery('simple', ${tsAnyPhrase(phrases, filterSites(filter))}) as ${sql.ref(`c${k}`)}`,
      );
      const result = await sql<
        Record<string, unknown> & { id: number }
      >`select d.id, ${sql.join(columns)} from search_documents d where d.id in (${sql.join(ids)})`.execute(this.db);
      return checks.map((_, k) => new Set(result.rows.filter((r) => r[`c${k}`] === true).map((r) => r.id)));
    }
    // Every row of the site holding a check, intersected here: FTS5 answers "rowid in (…)" by walking the phrase once per id.
    const wanted = new Set(ids);
    const statements = checks.map(
      (phrases, k) => sql`select rowid as id, ${k} as k from search_fts where search_fts match ${fts5AnyPhrase(phrases, filterSites(filter))}`,
    );
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
   * How many items match in a form, for the result count and pagination,
   * and, where ranksAsItCounts, the best `limit` of them too, ranked as
   * candidates ranks them (by their own count), in the same pass, so a
   * phrase is checked once. Otherwise `ranked` is null: candidates ranks,
   * knowing the count.
   */
  async countRanked(parts: QueryPart[], form: MatchForm, filter: SearchFilter, limit: number): Promise<{ total: number; ranked: Candidate[] | null }> {
    if (this.ranksAsItCounts(parts)) {
      // The count decides how to rank (see candidates); CASE computes only the rank it picks.
      const result = await sql<Candidate & { total: number }>`select ${CANDIDATE_COLUMNS}, count(*) over () as total,
          case when count(*) over () > ${RANK_BY_TITLE_ABOVE} then ${pgRank(form, true)} else ${pgRank(form, false)} end as relevance
        ${this.pgMatching(parts, form, filter)}
        order by relevance desc, d.published_at desc limit ${limit}`.execute(this.db);
      return { total: Number(result.rows[0]?.total ?? 0), ranked: result.rows.map(({ total: _total, ...candidate }) => candidate) };
    }
    if (this.pg) {
      const result = await sql<{ n: number }>`select count(*) as n ${this.pgMatching(parts, form, filter)}`.execute(this.db);
      return { total: Number(result.rows[0]?.n ?? 0), ranked: null };
    }
    const match = fts5Match(parts, form, filter);
    const result =
      filter.from || filter.to
        ? await sql<{ n: number }>`select count(*) as n from search_fts join search_documents d on d.id = search_fts.rowid
            where search_fts match ${match} ${this.dateFilters(filter)}`.execute(this.db)
        : await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${match}`.execute(this.db);
    return { total: Number(result.rows[0]?.n ?? 0), ranked: null };
  }

  private dateFilters(filter: SearchFilter) {
    return sql`${filter.from ? sql`and d.published_at >= ${filter.from}` : sql``} ${filter.to ? sql`and d.published_at < ${filter.to}` : sql``}`;
  }

  /** A form's matches on PostgreSQL, as a statement's from and where; the query is `q`. */
  private pgMatching(parts: QueryPart[], form: MatchForm, filter: SearchFilter) {
    const ids = siteList(filterSites(filter));
    if (ids.length === 1) {
      return sql`from search_documents d, to_tsquery('simple', ${tsQuery(parts, form, ids[0]!)}) q
      where d.site_id = ${ids[0]} and ${pgVectors(form).text} @@ q ${this.pgFilters(filter)}`;
    }
    return sql`${siteQueries(ids, (id) => tsQuery(parts, form, id))} where ${pgVectors(form).text} @@ s.q ${this.pgFilters(filter)}`;
  }

  private pgFilters(filter: SearchFilter) {
    return sql`${filter.kind ? sql`and d.kind = ${filter.kind}` : sql``} ${filter.categoryId !== undefined ? sql`and d.category_id = ${filter.categoryId}` : sql``} ${this.dateFilters(filter)}`;
  }

  /** Adds (+1) or removes (-1) title words of one item to a site's vocabulary. */
  async adjustTerms(siteId: number, terms: string[], delta: 1 | -1): Promise<void> {
    if (terms.length === 0) return;
    if (delta === 1) {
      await this.db
        .insertInto('search_terms')
        .values(terms.map((term) => ({ site_id: siteId, term, docs: 1 })))
        .onConflict((oc) => oc.columns(['site_id', 'term']).doUpdateSet({ docs: sql`search_terms.docs + 1` }))
        .execute();
      return;
    }
    await this.db
      .updateTable('search_terms')
      .set({ docs: sql`docs - 1` })
      .where('site_id', '=', siteId)
      .where('term', 'in', terms)
      .execute();
    await this.db.deleteFrom('search_terms').where('site_id', '=', siteId).where('docs', '<=', 0).execute();
  }

  /** Adds title-word counts in bulk (index rebuilds). */
  async addTermCounts(siteId: number, counts: Map<string, number>): Promise<void> {
    const rows = [...counts].map(([term, docs]) => ({ site_id: siteId, term, docs }));
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('search_terms')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['site_id', 'term']).doUpdateSet({ docs: sql`search_terms.docs + excluded.docs` }))
        .execute();
    }
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

  /** Vocabulary words of a site (or several, added up) starting with a letter, with how many titles use them. */
  async termsStartingWith(sites: Sites, letter: string): Promise<Array<{ term: string; docs: number }>> {
    const ids = siteList(sites);
    const range = (q: ReturnType<typeof this.termsOf>) => q.where('term', '>=', letter).where('term', '<', `${letter}\uffff`);
    if (ids.length === 1) return range(this.termsOf(ids)).select(['term', 'docs']).execute();
    const rows = await range(this.termsOf(ids))
      .select((eb) => ['term', eb.fn.sum<number>('docs').as('docs')])
      .groupBy('term')
      .execute();
    return rows.map((r) => ({ term: r.term, docs: Number(r.docs) }));
  }

  private termsOf(ids: readonly number[]) {
    return this.db.selectFrom('search_terms').where('site_id', ids.length === 1 ? '=' : 'in', ids.length === 1 ? ids[0]! : ids);
  }

  /** Whether any item of a site (or of several) holds a folded word, in title or body: a word found there is no typo. */
  async hasWord(sites: Sites, folded: string): Promise<boolean> {
    const word = wordsGroup([folded]);
    if (this.pg) {
      const ids = siteList(sites);
      const anySite = ids.map((id) => tsAnyPhrase([word], id)).join(' | ');
      // Planned without the limit, so the word index answers: with it, PostgreSQL walks the whole site for a word no item has.
      const result = await sql`with m as materialized (
          select d.site_id from search_documents d where d.fts_folded @@ to_tsquery('simple', ${anySite})
        ) select 1 from m where m.site_id in (${sql.join(ids)}) limit 1`.execute(this.db);
      return result.rows.length > 0;
    }
    const result = await sql`select rowid from search_fts where search_fts match ${fts5AnyPhrase([word], sites)} limit 1`.execute(this.db);
    return result.rows.length > 0;
  }

  /** Whether a site's vocabulary (or one of several sites') has a word. */
  async hasTerm(sites: Sites, term: string): Promise<boolean> {
    return (await this.termsOf(siteList(sites)).select('term').where('term', '=', term).executeTakeFirst()) !== undefined;
  }
}
