import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { TermGroup } from '../services/search/query.ts';

/**
 * SQL for the search index. This file is the one place where SQLite (FTS5)
 * and PostgreSQL (tsvector + GIN) differ; both receive text already folded
 * or accent-canonicalised by the same JavaScript, and both answer the same
 * questions: which documents match, how well, and how many.
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
  foldedTitle: string;
  foldedBody: string;
  accentedTitle: string;
  accentedBody: string;
}

/** What a search is narrowed to, besides its words. */
export interface SearchFilter {
  siteId: number;
  kind?: string | undefined;
  categoryId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
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

/** Which form of each group's words to match: folded always, or accented where the group was typed with diacritics. */
export type MatchForm = 'folded' | 'accented';

const groupWords = (group: TermGroup, form: MatchForm) =>
  group.terms.map((t) => (form === 'accented' && group.terms.every((x) => x.accented) ? (t.accented as string) : t.folded));
const groupIsAccented = (group: TermGroup, form: MatchForm) => form === 'accented' && group.terms.every((t) => t.accented);

/** An FTS5 MATCH expression; every word is letters and digits only, quoted, so no user syntax survives. */
function fts5Match(groups: TermGroup[], form: MatchForm, filter: SearchFilter): string {
  const clauses = groups.map((group) => {
    const columns = groupIsAccented(group, form) ? '{title_a body_a}' : '{title_f body_f}';
    const words = groupWords(group, form);
    const last = group.terms.at(-1);
    const body = group.phrase ? `"${words.join(' ')}"` : `"${words[0]}"${last?.prefix ? ' *' : ''}`;
    return `${columns} : ${body}`;
  });
  const tags = [`tags : "s${filter.siteId}"`];
  if (filter.kind) tags.push(`tags : "k${filter.kind}"`);
  if (filter.categoryId !== undefined) tags.push(`tags : "c${filter.categoryId}"`);
  return [...tags, ...clauses].join(' AND ');
}

/** A PostgreSQL tsquery text for the same groups. */
function tsQuery(groups: TermGroup[], form: MatchForm): string {
  return groups
    .map((group) => {
      const words = groupWords(group, form);
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
    if (this.pg) {
      const folded = sql`setweight(to_tsvector('simple', ${doc.foldedTitle}), 'A') || setweight(to_tsvector('simple', ${doc.foldedBody}), 'B')`;
      const accented = sql`setweight(to_tsvector('simple', ${doc.accentedTitle}), 'A') || setweight(to_tsvector('simple', ${doc.accentedBody}), 'B')`;
      await this.db
        .insertInto('search_documents')
        .values({ ...row, fts_folded: folded, fts_accented: accented } as never)
        .onConflict((oc) => oc.columns(['source', 'ref_id']).doUpdateSet({ ...row, fts_folded: folded, fts_accented: accented } as never))
        .execute();
      return;
    }
    const existing = await this.db.selectFrom('search_documents').select('id').where('source', '=', doc.source).where('ref_id', '=', doc.refId).executeTakeFirst();
    let id: number;
    if (existing) {
      id = existing.id;
      await sql`delete from search_fts where rowid = ${id}`.execute(this.db);
      await this.db.updateTable('search_documents').set(row).where('id', '=', id).execute();
    } else {
      id = (await this.db.insertInto('search_documents').values(row).returning('id').executeTakeFirstOrThrow()).id;
    }
    const tags = `s${doc.siteId} k${doc.kind}${doc.categoryId === null ? '' : ` c${doc.categoryId}`}`;
    await sql`insert into search_fts (rowid, tags, title_f, body_f, title_a, body_a)
      values (${id}, ${tags}, ${doc.foldedTitle}, ${doc.foldedBody}, ${doc.accentedTitle}, ${doc.accentedBody})`.execute(this.db);
  }

  /** How an item stands in the index, if it is there: what was public about it. */
  async indexedEntry(source: string, refId: number): Promise<{ siteId: number; title: string; categoryId: number | null; publishedAt: string } | undefined> {
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
   * bodies are read for the few results shown (bodiesOf).
   */
  async candidates(groups: TermGroup[], form: MatchForm, filter: SearchFilter, limit: number): Promise<Candidate[]> {
    const columns = sql`d.id, d.source, d.ref_id, d.kind, d.category_id, d.published_at, d.title, '' as body, d.path`;
    if (this.pg) {
      const vector = form === 'accented' ? sql.ref('d.fts_accented') : sql.ref('d.fts_folded');
      const result = await sql<Candidate>`select ${columns}, ts_rank_cd('{0.1, 0.2, 0.1, 1.0}', ${vector}, q) as relevance
        from search_documents d, to_tsquery('simple', ${tsQuery(groups, form)}) q
        where d.site_id = ${filter.siteId} and ${vector} @@ q ${this.pgFilters(filter)}
        order by relevance desc, d.published_at desc limit ${limit}`.execute(this.db);
      return result.rows;
    }
    const match = fts5Match(groups, form, filter);
    // Rank inside FTS5 first and join only the best rows: joining every match before sorting costs far more.
    const result =
      filter.from || filter.to
        ? await sql<Candidate>`select ${columns}, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance
            from search_fts join search_documents d on d.id = search_fts.rowid
            where search_fts match ${match} ${this.dateFilters(filter)}
            order by relevance desc limit ${limit}`.execute(this.db)
        : await sql<Candidate>`select ${columns}, best.relevance from (
              select rowid, -bm25(search_fts, 0, 10, 1, 10, 1) as relevance from search_fts
              where search_fts match ${match} order by relevance desc limit ${limit}
            ) best join search_documents d on d.id = best.rowid
            order by best.relevance desc`.execute(this.db);
    return result.rows;
  }

  /** Which of some documents hold a phrase (all words in order), in title or body. */
  async withPhrase(words: string[], filter: SearchFilter, ids: number[]): Promise<Set<number>> {
    if (ids.length === 0 || words.length < 2) return new Set();
    const group: TermGroup = { phrase: true, terms: words.map((w) => ({ folded: w, accented: null, prefix: false })) };
    if (this.pg) {
      const result = await sql<{ id: number }>`select d.id from search_documents d where d.id in (${sql.join(ids)})
        and d.fts_folded @@ to_tsquery('simple', ${tsQuery([group], 'folded')})`.execute(this.db);
      return new Set(result.rows.map((r) => r.id));
    }
    const result = await sql<{ id: number }>`select rowid as id from search_fts where search_fts match ${fts5Match([group], 'folded', filter)}
      and rowid in (${sql.join(ids)})`.execute(this.db);
    return new Set(result.rows.map((r) => r.id));
  }

  /** The bodies of a few documents, for their highlighted passages. */
  async bodiesOf(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.selectFrom('search_documents').select(['id', 'body']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.body]));
  }

  /** How many items match (folded), for the result count and pagination. */
  async count(groups: TermGroup[], filter: SearchFilter): Promise<number> {
    if (this.pg) {
      const result = await sql<{ n: number }>`select count(*) as n from search_documents d, to_tsquery('simple', ${tsQuery(groups, 'folded')}) q
        where d.site_id = ${filter.siteId} and d.fts_folded @@ q ${this.pgFilters(filter)}`.execute(this.db);
      return Number(result.rows[0]?.n ?? 0);
    }
    const match = fts5Match(groups, 'folded', filter);
    const result =
      filter.from || filter.to
        ? await sql<{ n: number }>`select count(*) as n from search_fts join search_documents d on d.id = search_fts.rowid
            where search_fts match ${match} ${this.dateFilters(filter)}`.execute(this.db)
        : await sql<{ n: number }>`select count(*) as n from search_fts where search_fts match ${match}`.execute(this.db);
    return Number(result.rows[0]?.n ?? 0);
  }

  private dateFilters(filter: SearchFilter) {
    return sql`${filter.from ? sql`and d.published_at >= ${filter.from}` : sql``} ${filter.to ? sql`and d.published_at < ${filter.to}` : sql``}`;
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
