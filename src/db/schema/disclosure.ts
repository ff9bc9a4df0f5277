import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ReviewStatus } from './item-reviews.ts';

/** A matter a site discloses (mục công khai): the law's built-in ones seeded for every site, and the site's own. */
export interface DisclosureItemsTable {
  id: Generated<number>;
  site_id: number;
  /** The law's item this row is ('budget', 'contributions'…), or '' for one the site added. */
  builtin_key: string;
  /** Its public address under /cong-khai/, kept when the item is renamed. */
  slug: string;
  name: string;
  position: number;
  /** 1: left out of the public pages and the form's choices; its entries keep their item. */
  hidden: number;
  created_at: string;
  updated_at: string;
}

/** One disclosure (a budget estimate, a land-use plan…) of a site; days are yyyy-mm-dd. */
export interface DisclosureEntriesTable {
  id: Generated<number>;
  site_id: number;
  item_id: number;
  slug: string;
  title: string;
  /** The period it covers as people write it ("Năm 2025", "Quý I/2025"). */
  period: string;
  /** The fiscal or calendar year it belongs to, for the year filter. */
  year: number;
  /** Sanitized rich text. */
  body_html: string;
  /** The first day of the disclosure period (thời hạn công khai). */
  starts_on: string;
  /** Its last day, or null for a standing disclosure. */
  ends_on: string | null;
  status: ReviewStatus;
  published_at: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** Library files (kind 'file') attached to an entry, in order. */
export interface DisclosureEntryFilesTable {
  entry_id: number;
  media_id: number;
  position: number;
}

/** Documents of the documents database an entry links to, in order. */
export interface DisclosureEntryDocumentsTable {
  entry_id: number;
  document_id: number;
  position: number;
}

/** Tables of the module — Công khai: what the Law on Grassroots Democracy asks a commune to disclose. */
export interface DisclosureTables {
  disclosure_items: DisclosureItemsTable;
  disclosure_entries: DisclosureEntriesTable;
  disclosure_entry_files: DisclosureEntryFilesTable;
  disclosure_entry_documents: DisclosureEntryDocumentsTable;
}

export type DisclosureItemRow = Selectable<DisclosureItemsTable>;
export type DisclosureEntryRow = Selectable<DisclosureEntriesTable>;
export type NewDisclosureEntry = Insertable<DisclosureEntriesTable>;
export type DisclosureEntryUpdate = Updateable<DisclosureEntriesTable>;
