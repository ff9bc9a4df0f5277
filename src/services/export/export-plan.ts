import type { ForeignKey, SchemaRepository } from '../../repositories/schema-repository.ts';

/**
 * Which tables a site's export holds, found from the schema itself: every
 * table with a site_id column, and every table whose rows belong to one of
 * those through a foreign key (an article's views, a document's files). A
 * table another module adds later is exported without a change here; only
 * a table left out on purpose is named, with the reason.
 */
export const LEFT_OUT: Record<string, string> = {
  site_hosts: 'the host names travel in the manifest; an import may give others (--host)',
  search_documents: 'rebuilt from the content after an import',
  search_terms: 'rebuilt from the content after an import',
  rating_limits: 'a day of rate limiting, by a hash of visitors',
  question_submissions: 'an hour of rate limiting, by IP address',
  site_merges: 'a merge in progress belongs to its installation',
  site_merge_moves: 'a merge in progress belongs to its installation',
  import_runs: 'the progress of a run belongs to its installation',
  sessions: 'sign-ins belong to their installation',
  province_notice_sites: 'a province notice belongs to its installation’s province; its platform admin chooses the sites again',
};

/** Columns that hold another table's id without a foreign key: by the item type beside them. */
export const ITEM_REFERENCES: Record<string, { typeColumn: string; idColumn: string }> = {
  former_unit_items: { typeColumn: 'item_type', idColumn: 'item_id' },
  redirects: { typeColumn: 'item_type', idColumn: 'item_id' },
  import_items: { typeColumn: 'item_type', idColumn: 'item_id' },
  item_reviews: { typeColumn: 'item_type', idColumn: 'item_key' },
  item_revisions: { typeColumn: 'item_type', idColumn: 'item_key' },
};

/** Which table an item type's ids are in. */
export const ITEM_TABLES: Record<string, string> = { article: 'articles', media: 'media', document: 'documents', question: 'questions' };

/** One table of an export: how its rows are found and what they refer to. */
export interface PlannedTable {
  name: string;
  columns: string[];
  hasId: boolean;
  /** Rows of the site, or rows of a parent table's rows. */
  scope: { column: 'site_id' } | { column: string; parent: string };
  foreignKeys: ForeignKey[];
}

/** The tables of a site's export, each after every table it refers to. */
export async function exportPlan(schema: SchemaRepository): Promise<PlannedTable[]> {
  const tables = await schema.tables();
  const planned = new Map<string, PlannedTable>();
  for (const table of tables) {
    if (LEFT_OUT[table.name] || table.name === 'sites' || !table.columns.includes('site_id')) continue;
    planned.set(table.name, {
      name: table.name,
      columns: table.columns,
      hasId: table.columns.includes('id'),
      scope: { column: 'site_id' },
      foreignKeys: (await schema.foreignKeys(table.name)).filter((fk) => fk.column !== 'site_id'),
    });
  }
  for (const table of tables) {
    if (planned.has(table.name) || LEFT_OUT[table.name] || table.columns.includes('site_id')) continue;
    const fks = await schema.foreignKeys(table.name);
    const owner = fks.find((fk) => planned.has(fk.table) && fk.table !== 'users');
    if (owner)
      planned.set(table.name, {
        name: table.name,
        columns: table.columns,
        hasId: table.columns.includes('id'),
        scope: { column: owner.column, parent: owner.table },
        foreignKeys: fks,
      });
  }
  // Parents before children: a table comes after every exported table it refers to.
  const ordered: PlannedTable[] = [];
  const visit = (name: string, path: Set<string>) => {
    const table = planned.get(name);
    if (!table || ordered.includes(table) || path.has(name)) return;
    path.add(name);
    for (const fk of table.foreignKeys) if (fk.table !== name) visit(fk.table, path);
    if ('parent' in table.scope) visit(table.scope.parent, path);
    ordered.push(table);
  };
  for (const name of [...planned.keys()].sort()) visit(name, new Set());
  return ordered;
}
