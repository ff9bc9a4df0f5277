import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ReviewStatus } from './item-reviews.ts';

/** Where a document stands in the review workflow (mirrors item_reviews); only 'published' shows on the public site. */
export type DocumentStatus = ReviewStatus;

/** A legal or administrative document (văn bản) of a site. Dates of the document itself are calendar days, yyyy-mm-dd. */
export interface DocumentsTable {
  id: Generated<number>;
  site_id: number;
  doc_type: string;
  /** Số, ký hiệu as typed (NFC), e.g. "12/QĐ-UBND". */
  number_symbol: string;
  /** The number and symbol folded, letters and digits only ("12qdubnd"): what searches and uniqueness compare. */
  number_key: string;
  /** The leading number, for sorting by number. */
  number_value: number;
  issue_year: number;
  issuing_body: string;
  signer: string;
  issued_on: string;
  effective_on: string;
  expires_on: string | null;
  summary: string;
  field: string;
  /** Folded summary, number, issuing body, signer and field: what the free-text filter matches. */
  search_text: string;
  status: DocumentStatus;
  published_at: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The media files (kind 'file') attached to a document, in order. */
export interface DocumentFilesTable {
  document_id: number;
  media_id: number;
  position: number;
}

/** Tables of the module — Văn bản: the documents database (legal and administrative documents). */
export interface DocumentTables {
  documents: DocumentsTable;
  document_files: DocumentFilesTable;
}

export type DocumentRow = Selectable<DocumentsTable>;
export type NewDocument = Insertable<DocumentsTable>;
export type DocumentUpdate = Updateable<DocumentsTable>;
