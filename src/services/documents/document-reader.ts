import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { AppError } from '../../errors.ts';
import { type DocumentFilter, DocumentRepository, type DocumentSort } from '../../repositories/document-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { numberKey } from './document-types.ts';
import { vietnamToday } from '../calendars/weeks.ts';
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

/** A row of the public list: one of the site's own documents, or one the province pushed down to it (no number, type or signer). */
export type ListedDocument = { own: DocumentRow; province?: undefined } | { province: ShownNotice; own?: undefined };

/** A page of the public list, with the values each filter can choose from. */
export interface DocumentListing {
  /** The page's rows in the asked order, the site's own documents and the province's together. */
  rows: ListedDocument[];
  /** The site's own documents among them. */
  documents: DocumentRow[];
  pagination: Pagination;
  choices: { issuingBodies: string[]; signers: string[]; fields: string[] };
}

/** Most province documents one site's list searches through (a province pushes down tens a year). */
const PROVINCE_DOCUMENTS_READ = 1000;

/** The day (Vietnam time) a province document was published: its "Ngày ban hành" in the list. */
export const provinceDocumentDay = (notice: Pick<ShownNotice, 'published_at'>) => vietnamToday(new Date(notice.published_at));

/**
 * The province's documents that match a public search. They have a title,
 * summary, issuer and date only: a search by number, type, signer or field
 * leaves them out; words, issuer and dates match as they do for the site's own.
 */
function provinceMatches(notices: ShownNotice[], query: Omit<DocumentQuery, 'sort' | 'page'>, words: string[]): ShownNotice[] {
  if (query.number || query.docType || query.signer || query.field) return [];
  return notices.filter((n) => {
    const day = provinceDocumentDay(n);
    if (query.issuingBody && n.issuer !== query.issuingBody) return false;
    if ((query.issuedFrom && day < query.issuedFrom) || (query.issuedTo && day > query.issuedTo)) return false;
    const text = foldVietnamese(`${n.title} ${n.summary} ${n.issuer}`);
    return words.every((w) => text.includes(w));
  });
}

/**
 * The site's documents (in the repository's order) and the province's (by
 * day) merged into the asked order. Having no number, the province's come
 * after every numbered one when sorted by number.
 */
function mergeRows(own: DocumentRow[], pushed: ShownNotice[], sort: DocumentSort): ListedDocument[] {
  const ordered = [...pushed].sort((a, b) =>
    sort.direction === 'asc' ? a.published_at.localeCompare(b.published_at) : b.published_at.localeCompare(a.published_at),
  );
  const ownDay = (d: DocumentRow) => (sort.by === 'effective' ? d.effective_on : d.issued_on);
  const before = (n: ShownNotice, d: DocumentRow) =>
    sort.by !== 'number' && (sort.direction === 'asc' ? provinceDocumentDay(n) < ownDay(d) : provinceDocumentDay(n) > ownDay(d));
  const rows: ListedDocument[] = [];
  let i = 0;
  let j = 0;
  while (i < own.length || j < ordered.length) {
    if (j < ordered.length && (i >= own.length || before(ordered[j]!, own[i]!))) rows.push({ province: ordered[j++]! });
    else rows.push({ own: own[i++]! });
  }
  return rows;
}

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

/** The public list of a site's published documents, with the province's documents shown on it among them: filtered, sorted, one page. */
export async function readDocumentList(db: Kysely<Database>, siteId: number, query: DocumentQuery): Promise<DocumentListing> {
  const repo = new DocumentRepository(db, siteId);
  const filter = documentFilter(query);
  const shown = await provinceNoticesShownOn(db, siteId, 'document', PROVINCE_DOCUMENTS_READ);
  const pushed = provinceMatches(shown, query, filter.foldedWords ?? []);
  const pagination = paginate((await repo.countPublished(filter)) + pushed.length, query.page, DOCUMENTS_PER_PAGE);
  const upTo = pagination.offset + pagination.perPage;
  const [own, issuingBodies, signers, fields] = await Promise.all([
    // With province documents to place among them, the page is cut from the merged order; without, the repository cuts it.
    pushed.length ? repo.listPublished(filter, query.sort, upTo) : repo.listPublished(filter, query.sort, DOCUMENTS_PER_PAGE, pagination.offset),
    repo.publishedValues('issuing_body'),
    repo.publishedValues('signer'),
    repo.publishedValues('field'),
  ]);
  const rows = pushed.length ? mergeRows(own, pushed, query.sort).slice(pagination.offset, upTo) : own.map((d) => ({ own: d }));
  const bodies = [...new Set([...issuingBodies, ...shown.map((n) => n.issuer)])].sort((a, b) => a.localeCompare(b, 'vi'));
  return { rows, documents: rows.flatMap((r) => (r.own ? [r.own] : [])), pagination, choices: { issuingBodies: bodies, signers, fields } };
}

/** A published document of the site with its files, or not_found (drafts and other sites' documents alike). */
export async function readDocument(db: Kysely<Database>, siteId: number, id: number): Promise<{ document: DocumentRow; files: MediaRow[] }> {
  const repo = new DocumentRepository(db, siteId);
  const document = await repo.findById(id);
  if (!document || document.status !== 'published') throw new AppError('not_found', 'Không tìm thấy văn bản.');
  return { document, files: await repo.files(id) };
}
