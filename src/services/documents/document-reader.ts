import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { AppError } from '../../errors.ts';
import { type DocumentFilter, DocumentRepository, type DocumentSort } from '../../repositories/document-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { numberKey } from './document-types.ts';
import { provinceNoticesShownOn } from '../province-notices/notice-reader.ts';
import type { ShownNotice } from '../../repositories/province-notice-repository.ts';

/** Documents per public page. */
export const DOCUMENTS_PER_PAGE = 20;

/** A public search of the documents, as the visitor typed it (dates already yyyy-mm-dd). */
export interface DocumentQuery {
  docType?: string | undefined;
  issuingBody?: string | undefined;
  signer?: string | undefined;
  field?: string | undefined;
  number?: string | undefined;
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  q?: string | undefined;
  sort: DocumentSort;
  page: number;
}

/** A page of the public list, with the values each filter can choose from. */
export interface DocumentListing {
  documents: DocumentRow[];
  pagination: Pagination;
  choices: { issuingBodies: string[]; signers: string[]; fields: string[] };
  /** The province's documents shown on this site, on the unfiltered first page: they carry no number or type to filter by. */
  provinceDocuments: ShownNotice[];
}

/** How many of the province's documents the list's first page shows. */
const PROVINCE_DOCUMENTS_SHOWN = 10;

/** Turns what a visitor typed into repository filters: folded words for the summary, a folded key for the number. */
export function documentFilter(query: Omit<DocumentQuery, 'sort' | 'page'>): DocumentFilter {
  const words = foldVietnamese(query.q ?? '')
    .slice(0, 200)
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 10);
  return {
    docType: query.docType,
    issuingBody: query.issuingBody,
    signer: query.signer,
    field: query.field,
    numberKey: query.number ? numberKey(query.number) || undefined : undefined,
    issuedFrom: query.issuedFrom,
    issuedTo: query.issuedTo,
    foldedWords: words,
  };
}

/** The public list of a site's published documents: filtered, sorted, one page. */
export async function readDocumentList(db: Kysely<Database>, siteId: number, query: DocumentQuery): Promise<DocumentListing> {
  const repo = new DocumentRepository(db, siteId);
  const filter = documentFilter(query);
  const pagination = paginate(await repo.countPublished(filter), query.page, DOCUMENTS_PER_PAGE);
  const unfiltered =
    query.page === 1 &&
    !query.q &&
    !query.number &&
    !query.docType &&
    !query.issuingBody &&
    !query.signer &&
    !query.field &&
    !query.issuedFrom &&
    !query.issuedTo;
  const [documents, issuingBodies, signers, fields, provinceDocuments] = await Promise.all([
    repo.listPublished(filter, query.sort, DOCUMENTS_PER_PAGE, pagination.offset),
    repo.publishedValues('issuing_body'),
    repo.publishedValues('signer'),
    repo.publishedValues('field'),
    unfiltered ? provinceNoticesShownOn(db, siteId, 'document', PROVINCE_DOCUMENTS_SHOWN) : [],
  ]);
  return { documents, pagination, choices: { issuingBodies, signers, fields }, provinceDocuments };
}

/** A published document of the site with its files, or not_found (drafts and other sites' documents alike). */
export async function readDocument(db: Kysely<Database>, siteId: number, id: number): Promise<{ document: DocumentRow; files: MediaRow[] }> {
  const repo = new DocumentRepository(db, siteId);
  const document = await repo.findById(id);
  if (!document || document.status !== 'published') throw new AppError('not_found', 'Không tìm thấy văn bản.');
  return { document, files: await repo.files(id) };
}
