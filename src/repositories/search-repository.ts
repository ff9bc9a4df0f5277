import { type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';
import { literalLimit } from '../db/sqlite-planning.ts';
import type { Database } from '../db/schema.ts';
import { indexTexts, siteScope } from '../services/search/index-text.ts';
import type { TermGroup } from '../services/search/query.ts';

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

/** What a search is narrowed to, besides its words. */
export interface SearchFilter {
  siteId: number;
  kind?: string | undefined;
  categoryId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
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
const CANDIDATE_COLUMNS = sql`d.id, d.source, d.ref_id, d.kind, d.category_id, d.published_at, d.title, '' as body, d.path`;

/** Which form of each group's words to match: folded always, or accented where the group was typed with diacritics. */
export type MatchForm = 'folded' | 'accented';

/** A form's PostgreSQL vectors: the whole text's (title words weigh A, body words B) and the title's alone. */
const pgVectors = (form: MatchForm) =>
  form === 'accented'
    ? { text: sql.ref('d.fts_accented'), title: sql.ref('d.fts_title_accented') }
    : { text: sql.ref('d.fts_folded'), title: sql.ref('d.fts_title_folded') };
/**
 * How PostgreSQL weighs a match of a form (see candidates): by its title
 * alone, or by its whole text, a title word counting ten times a body word
 * (ts_rank_cd's weights for D, C, B, A).
 */
const pgRank = (form: MatchForm, byTitle: boolean) =>
  byTitle ? sql`ts_rank_cd(${pgVectors(form).title}, q)` : sql`ts_rank_cd('{0.1, 0.2, 0.1, 1.0}', ${pgVectors(form).text}, q)`;

/** A group's words as the index holds them: in the form matched, scoped to the site searched. */
const groupWords = (group: TermGroup, form: MatchForm, siteId: number) => {
  const scope = siteScope(siteId);
  return group.terms.map((t) => scope + (form === 'accented' && group.terms.every((x) => x.accented) ? (t.accented as string) : t.folded));
};
const groupIsAccented = (group: TermGroup, form: MatchForm) => form === 'accented' && group.terms.every((t) => t.accented);

/** An FTS5 MATCH expression; every word is letters and digits only, quoted, so no user syntax survives. */
function fts5Match(groups: TermGroup[], form: MatchForm, filter: SearchFilter, titlesOnly = false): string {
  const clauses = groups.map((group) => {
    const accented = groupIsAccented(group, form);
    const columns = titlesOnly ? (accented ? '{title_a}' : '{title_f}') : accented ? '{title_a body_a}' : '{title_f body_f}';
    const words = groupWords(group, form, filter.siteId);
    const last = group.terms.at(-1);
    const body = group.phrase ? `"${words.join(' ')}"` : `"${words[0]}"${last?.prefix ? ' *' : ''}`;
    return `${columns} : ${body}`;
  });
  // The site is in every word already; tags narrow to a kind or a category.
  const tags: string[] = [];
  if (filter.kind) tags.push(`tags : "k${filter.kind}"`);
  if (filter.categoryId !== undefined) tags.push(`tags : "c${filter.categoryId}"`);
  return [...tags, ...clauses].join(' AND ');
}

/** The FTS5 tags of an item: its kind and category, for filters. */
export const ftsTags = (kind: string, categoryId: number | null) => `k${kind}${categoryId === null ? '' : ` c${categoryId}`}`;

/** A PostgreSQL tsquery text for the same groups. */
function tsQuery(groups: TermGroup[], form: MatchForm, siteId: number): string {
  return groups
    .map((group) => {
      const words = groupWords(group, form, siteId);
      if (group.phrase) return `(${words.join(' <-> ')})`;
      return `${words[0]}${group.terms.at(-1)?.prefix ? ':*' : ''}`;
    })
    .join(' & ');
}

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
   * than the rows a ranking in the same pass has to hold (on 10 sites ×
   * 10.000 articles, one very common word: 30,6 → 34,5 ms): candidates ranks.
   */
  ranksAsItCounts(groups: TermGroup[]): boolean {
    return this.pg && groups.some((group) => group.phrase);
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
  async candidates(groups: TermGroup[], form: MatchForm, filter: SearchFilter, limit: number, matches: number): Promise<Candidate[]> {
    if (this.pg) {
      const result = await sql<Candidate>`select ${CANDIDATE_COLUMNS}, ${pgRank(form, matches > RANK_BY_TITLE_ABOVE)} as relevance
        ${this.pgMatching(groups, form, filter)}
        order by relevance desc, d.published_at desc limit ${limit}`.execute(this.db);
      return result.rows;
    }
    const match = fts5Match(groups, form, filter);
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
        sql`select rowid, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance from search_fts where search_fts match ${fts5Match(groups, form, filter, true)} order by relevance desc limit ${literalLimit(limit)}`,
      )
    ).rows;
    const newest = (
      await ranked(sql`select rowid, 0 as relevance from search_fts where search_fts match ${match} order by rowid desc limit ${literalLimit(limit)}`)
    ).rows;
    const seen = new Set(inTitles.map((c) => c.id));
    return [...inTitles, ...newest.filter((c) => !seen.has(c.id))];
  }

  /** Which of some documents hold a phrase (all words in order), in title or body. */
  async withPhrase(words: string[], filter: SearchFilter, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0 || words.length < 2) return new Set();
    const group: TermGroup = { phrase: true, terms: words.map((w) => ({ folded: w, accented: null, prefix: false })) };
    if (this.pg) {
      const result = await sql<{ id: number }>`select d.id from search_documents d where d.id in (${sql.join(ids)})
        and d.fts_folded @@ to_tsquery('simple', ${tsQuery([group], 'folded', filter.siteId)})`.execute(this.db);
      return new Set(result.rows.map((r) => r.id));
    }
    // Every row of the site holding the phrase, intersected here: FTS5 answers "rowid in (…)" by walking the phrase once per id.
    const wanted = new Set(ids);
    const result = await sql<{
      id: number;
    }>`select rowid as id from search_fts where search_fts match ${fts5Match([group], 'folded', { siteId: filter.siteId })}`.execute(this.db);
    return new Set(result.rows.map((r) => r.id).filter((id) => wanted.has(id)));
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
   * candidates ranks them (by their own count), in the same pass. On 10
   * sites × 10.000 articles, a quoted phrase's search took 128-143 → 87-92
   * ms at p95 (69-73 → 52-56 ms on average). Otherwise `ranked` is null:
   * candidates ranks, knowing the count.
   */
  async countRanked(groups: TermGroup[], form: MatchForm, filter: SearchFilter, limit: number): Promise<{ total: number; ranked: Candidate[] | null }> {
    if (this.ranksAsItCounts(groups)) {
      // The count decides how to rank (see candidates); CASE computes only the rank it picks.
      const result = await sql<Candidate & { total: number }>`select ${CANDIDATE_COLUMNS}, count(*) over () as total,
          case when count(*) over () > ${RANK_BY_TITLE_ABOVE} then ${pgRank(form, true)} else ${pgRank(form, false)} end as relevance
        ${this.pgMatching(groups, form, filter)}
        order by relevance desc, d.published_at desc limit ${limit}`.execute(this.db);
      return { total: Number(result.rows[0]?.total ?? 0), ranked: result.rows.map(({ total: _total, ...candidate }) => candidate) };
    }
    if (this.pg) {
      const result = await sql<{ n: number }>`select count(*) as n ${this.pgMatching(groups, form, filter)}`.execute(this.db);
      return { total: Number(result.rows[0]?.n ?? 0), ranked: null };
    }
    const match = fts5Match(groups, form, filter);
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
  private pgMatching(groups: TermGroup[], form: MatchForm, filter: SearchFilter) {
    return sql`from search_documents d, to_tsquery('simple', ${tsQuery(groups, form, filter.siteId)}) q
      where d.site_id = ${filter.siteId} and ${pgVectors(form).text} @@ q ${this.pgFilters(filter)}`;
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
   * each batch, which costs a third of the build when done as it goes;
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

  /** Vocabulary words of a site starting with a letter, with how many titles use them. */
  async termsStartingWith(siteId: number, letter: string): Promise<Array<{ term: string; docs: number }>> {
    return this.db
      .selectFrom('search_terms')
      .select(['term', 'docs'])
      .where('site_id', '=', siteId)
      .where('term', '>=', letter)
      .where('term', '<', `${letter}\uffff`)
      .execute();
  }

  /** Whether a site's vocabulary has a word. */
  async hasTerm(siteId: number, term: string): Promise<boolean> {
    return (await this.db.selectFrom('search_terms').select('term').where('site_id', '=', siteId).where('term', '=', term).executeTakeFirst()) !== undefined;
  }
}
