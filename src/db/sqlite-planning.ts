import type SQLite from 'better-sqlite3';
import {
  type KyselyPlugin,
  LimitNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  SelectQueryNode,
  type UnknownRow,
  ValueNode,
  sql,
} from 'kysely';

/**
 * What keeps SQLite from planning a kept statement again on every run.
 *
 * SQLite plans a statement when it is prepared, and it may read the values
 * bound to it while it plans. When it did, it marks the statement to be
 * planned again whenever one of those values is bound anew. better-sqlite3
 * binds every value on every run, so such a statement is parsed and planned
 * on every run: the statement cache (database.ts) saves nothing for it.
 * Two things make SQLite read bound values: the value samples ANALYZE
 * stores in sqlite_stat4 (better-sqlite3 builds SQLite with STAT4), and a
 * LIMIT given as a parameter.
 *
 * Planning again costs more than running a page's short queries, so it is
 * worth preventing.
 */

/**
 * Deletes the value samples of sqlite_stat4, if ANALYZE or `PRAGMA optimize`
 * left any, and has this connection read the statistics again. The row
 * counts of sqlite_stat1, which the planner uses without reading any bound
 * value, stay. A portal's queries pick their indexes without the samples:
 * test/db/category-listing.test.ts checks a listing's plan with no
 * statistics, with all of ANALYZE's, and with its row counts only.
 */
export function forgetValueSamples(sqlite: SQLite.Database): void {
  const hasTable = sqlite.prepare("select 1 from sqlite_schema where type = 'table' and name = 'sqlite_stat4'").get();
  if (!hasTable || !sqlite.prepare('select 1 from sqlite_stat4 limit 1').get()) return;
  // "ANALYZE sqlite_schema" analyses nothing: it reloads the statistics tables.
  sqlite.exec('delete from sqlite_stat4; analyze sqlite_schema');
}

/**
 * Writes a whole-number LIMIT of a query into its SQL (`limit 8`), where
 * Kysely would bind it (`limit ?`). The planner still knows the limit, as
 * it did from the bound value, and the statement cache keeps each limit's
 * statement apart. Any other limit (a marker of CompiledOnce, an
 * expression) stays as it was: a query compiled once takes its limit as
 * part of its shape instead.
 */
export class LiteralLimits implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    if (!SelectQueryNode.is(node) || !node.limit) return node;
    const limit = node.limit.limit;
    if (!ValueNode.is(limit) || limit.immediate || !Number.isSafeInteger(limit.value)) return node;
    return SelectQueryNode.cloneWithLimit(node, LimitNode.create(ValueNode.createImmediate(limit.value)));
  }

  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

/** A LIMIT for SQL written by hand (Kysely's `sql` tag), as LiteralLimits writes the builder's. */
export function literalLimit(limit: number): RawBuilder<number> {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`literalLimit: ${limit} is not a whole number`);
  return sql.lit(limit);
}
