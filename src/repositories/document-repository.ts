import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database, MediaRow } from '../db/schema.ts';
import type { DocumentRow, DocumentStatus, DocumentUpdate, NewDocument } from '../db/schema/documents.ts';
import { likePattern } from './like.ts';

/** What the public list of documents can be narrowed by; every text is already normalised by the service. */
export interface DocumentFilter {
  docType?: string | undefined;
  issuingBody?: string | undefined;
  signer?: string | undefined;
  field?: string | undefined;
  /** Folded, letters-and-digits-only part of a number and symbol ("qdubnd"). */
  numberKey?: string | undefined;
  /** First and last issue day, yyyy-mm-dd, both included. */
  issuedFrom?: string | undefined;
  issuedTo?: string | undefined;
  /** Folded words that must all appear in the folded summary text. */
  foldedWords?: string[] | undefined;
}

/** How the public list is ordered. */
export interface DocumentSort {
  by: 'issued' | 'effective' | 'number';
  direction: 'asc' | 'desc';
}

const SORT_COLUMNS = { issued: 'issued_on', effective: 'effective_on', number: 'number_value' } as const;

/** The distinct values a filter can choose from. */
export type DocumentFacet = 'issuing_body' | 'signer' | 'field';

/** SQL for one site's documents and their attached files. Every query is bound to the site given at construction. */
export class DocumentRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  private published<O>(query: SelectQueryBuilder<Database, 'documents', O>, filter: DocumentFilter) {
    let q = query.where('documents.site_id', '=', this.siteId).where('documents.status', '=', 'published');
    if (filter.docType) q = q.where('doc_type', '=', filter.docType);
    if (filter.issuingBody) q = q.where('issuing_body', '=', filter.issuingBody);
    if (filter.signer) q = q.where('signer', '=', filter.signer);
    if (filter.field) q = q.where('field', '=', filter.field);
    if (filter.numberKey) q = q.where(likePattern('number_key', '%', filter.numberKey, '%'));
    if (filter.issuedFrom) q = q.where('issued_on', '>=', filter.issuedFrom);
    if (filter.issuedTo) q = q.where('issued_on', '<=', filter.issuedTo);
    for (const word of filter.foldedWords ?? []) q = q.where(likePattern('search_text', '%', word, '%'));
    return q;
  }

  /** Published documents matching a filter, in the asked order (ties: newest id first). */
  async listPublished(filter: DocumentFilter, sort: DocumentSort, limit: number, offset = 0): Promise<DocumentRow[]> {
    const column = SORT_COLUMNS[sort.by];
    let q = this.published(this.db.selectFrom('documents').selectAll(), filter).orderBy(column, sort.direction);
    if (sort.by === 'number') q = q.orderBy('number_key', sort.direction);
    return q.orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  /** How many published documents match, for pagination. */
  async countPublished(filter: DocumentFilter): Promise<number> {
    const row = await this.published(this.db.selectFrom('documents'), filter)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The values of a column among published documents, alphabetically, for the filter's choices. */
  async publishedValues(column: DocumentFacet): Promise<string[]> {
    const rows = await this.published(this.db.selectFrom('documents'), {}).select(column).distinct().where(column, '!=', '').orderBy(column).execute();
    return rows.map((r) => r[column]);
  }

  /** Every document of the site (or those of one status), newest change first, for the admin list. */
  async list(limit: number, offset = 0, status?: DocumentStatus): Promise<DocumentRow[]> {
    let q = this.db.selectFrom('documents').selectAll().where('site_id', '=', this.siteId);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async count(status?: DocumentStatus): Promise<number> {
    let q = this.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', this.siteId);
    if (status) q = q.where('status', '=', status);
    const row = await q.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findById(id: number): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('documents').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  /** Another document with the same number and symbol in the same year, if any. */
  async findByNumber(numberKey: string, issueYear: number, exceptId?: number): Promise<DocumentRow | undefined> {
    let q = this.db
      .selectFrom('documents')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('number_key', '=', numberKey)
      .where('issue_year', '=', issueYear);
    if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
    return q.executeTakeFirst();
  }

  async insert(document: Omit<NewDocument, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('documents')
      .values({ ...document, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async update(id: number, changes: Omit<DocumentUpdate, 'id' | 'site_id'>): Promise<void> {
    await this.db.updateTable('documents').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** The attached files of a document, in their order; files since deleted from the library are left out. */
  async files(documentId: number): Promise<MediaRow[]> {
    return this.db
      .selectFrom('document_files')
      .innerJoin('media', 'media.id', 'document_files.media_id')
      .innerJoin('documents', 'documents.id', 'document_files.document_id')
      .selectAll('media')
      .where('documents.site_id', '=', this.siteId)
      .where('media.site_id', '=', this.siteId)
      .where('document_files.document_id', '=', documentId)
      .where('media.deleted_at', 'is', null)
      .orderBy('document_files.position')
      .execute();
  }

  /** Replaces a document's attached files with these media ids, in this order. The caller checks they are this site's files. */
  async setFiles(documentId: number, mediaIds: number[]): Promise<void> {
    await this.db.deleteFrom('document_files').where('document_id', '=', documentId).execute();
    if (mediaIds.length === 0) return;
    await this.db
      .insertInto('document_files')
      .values(mediaIds.map((mediaId, position) => ({ document_id: documentId, media_id: mediaId, position })))
      .execute();
  }

  /** Published documents after an id, in id order: for rebuilding the search index in batches. */
  async publishedAfterId(afterId: number, limit: number): Promise<DocumentRow[]> {
    return this.published(this.db.selectFrom('documents').selectAll(), {}).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }
}
