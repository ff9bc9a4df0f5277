import type { Generated, Insertable, Selectable } from 'kysely';

/** Where a redirect came from: an import, a merge of sites, or an editor. */
export type RedirectSource = 'wordpress' | 'html' | 'merge' | 'manual';

/** An old address of a site (or of a former commune's host) and where it lives now. */
export interface RedirectsTable {
  id: Generated<number>;
  site_id: number;
  /** '' for any host of the site itself; a former commune's host name otherwise. */
  old_host: Generated<string>;
  /** Path and, for WordPress's ?p=123, its query: "/2020/01/hoi-nghi", "/?p=123". */
  old_path: string;
  /** The new path on the site, or null while the old page has no new address. */
  target_path: string | null;
  source: RedirectSource;
  item_type: string | null;
  item_id: number | null;
  note: Generated<string>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A host name that belonged to a merged commune and now answers with 301 into the ward's site. */
export interface SiteFormerHostsTable {
  host: string;
  site_id: number;
  unit_name: string;
  merge_id: number | null;
  created_at: string;
}

/** A former commune whose items a merged ward holds, shown as "Phường 1 (cũ)". */
export interface FormerUnitsTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  slug: string;
  merge_id: number | null;
  created_at: string;
}

/** Which former unit an item (article, document, question, media) came from. */
export interface FormerUnitItemsTable {
  site_id: number;
  unit_id: number;
  item_type: string;
  item_id: number;
}

/** One run of an importer: how far it got, so an interrupted run resumes, and its report (JSON). */
export interface ImportRunsTable {
  id: Generated<number>;
  site_id: number;
  kind: 'wordpress' | 'html';
  source: string;
  status: 'running' | 'done' | 'failed';
  position: Generated<number>;
  total: Generated<number>;
  report: Generated<string>;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** Which of our items a source item became, so a re-run updates it instead of adding another. */
export interface ImportItemsTable {
  site_id: number;
  source_key: string;
  item_type: string;
  item_id: number;
  source_version: Generated<string>;
  updated_at: string;
}

/** A merge of former communes' sites into a ward's site; reversible while 'pending'. */
export interface SiteMergesTable {
  id: Generated<number>;
  site_id: number;
  status: 'pending' | 'confirmed' | 'undone';
  from_sites: string;
  report: Generated<string>;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
}

/** A change a merge made to one row, with the values before, to undo it. */
export interface SiteMergeMovesTable {
  id: Generated<number>;
  merge_id: number;
  table_name: string;
  row_key: string;
  before: string;
  action: 'update' | 'insert' | 'delete';
}

/** Tables of moving in: redirects, former units, import runs, site merges. */
export interface MovingInTables {
  redirects: RedirectsTable;
  site_former_hosts: SiteFormerHostsTable;
  former_units: FormerUnitsTable;
  former_unit_items: FormerUnitItemsTable;
  import_runs: ImportRunsTable;
  import_items: ImportItemsTable;
  site_merges: SiteMergesTable;
  site_merge_moves: SiteMergeMovesTable;
}

export type RedirectRow = Selectable<RedirectsTable>;
export type NewRedirect = Insertable<RedirectsTable>;
export type FormerUnitRow = Selectable<FormerUnitsTable>;
export type ImportRunRow = Selectable<ImportRunsTable>;
export type SiteMergeRow = Selectable<SiteMergesTable>;
