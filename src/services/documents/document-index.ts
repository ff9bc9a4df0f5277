import type { Kysely } from 'kysely';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { type IndexedDocument, SearchRepository } from '../../repositories/search-repository.ts';
import { pageTags, pagesChanged } from '../pages/page-changes.ts';
import { titleTerms } from '../search/index-text.ts';
import { documentPath, documentTypeName, documentsTag } from './document-types.ts';

/** The site-search entry of a published document: found by its summary, number and symbol, issuing body, signer, field and the titles of its files. */
export function documentIndexEntry(document: DocumentRow, fileTitles: string[]): IndexedDocument {
  const title = `${documentTypeName(document.doc_type)} số ${document.number_symbol}`;
  const body = [document.summary, document.issuing_body, document.signer, document.field, ...fileTitles].filter(Boolean).join('\n');
  return {
    siteId: document.site_id,
    source: 'document',
    refId: document.id,
    kind: 'document',
    categoryId: null,
    publishedAt: document.published_at ?? document.updated_at,
    title,
    body,
    path: documentPath(document),
  };
}

/** What a resident would call each file: its title in the library, or its file name. */
const fileTitles = (files: MediaRow[]) => files.map((f) => f.title || f.original_name);

/**
 * What every command that changes a document does last, in its transaction:
 * brings its search entry up to date (present only while published) and, when
 * it is or was public, marks the documents pages and the home page stale.
 */
export async function documentChanged(db: Kysely<Database>, siteId: number, documentId: number): Promise<void> {
  const search = new SearchRepository(db);
  const before = await search.indexedEntry('document', documentId);
  if (before) await search.adjustTerms(before.siteId, titleTerms(before.title), -1);
  const documents = new DocumentRepository(db, siteId);
  const document = await documents.findById(documentId);
  if (document?.status === 'published') {
    const entry = documentIndexEntry(document, fileTitles(await documents.files(document.id)));
    await search.upsert(entry, nowIso());
    await search.adjustTerms(siteId, titleTerms(entry.title), 1);
  } else {
    await search.remove('document', documentId);
  }
  // A draft that never was public shows on no public page.
  if (before || document?.status === 'published') await pagesChanged(db, [documentsTag(siteId), pageTags.home(siteId)]);
}

/** Adds a site's published documents to the search index, in batches; for rebuilding the whole index. */
export async function reindexSiteDocuments(db: Kysely<Database>, siteId: number): Promise<number> {
  const documents = new DocumentRepository(db, siteId);
  let done = 0;
  let afterId = 0;
  for (;;) {
    const batch = await documents.publishedAfterId(afterId, 500);
    if (batch.length === 0) break;
    await inTransaction(db, async (trx) => {
      const search = new SearchRepository(trx);
      for (const document of batch) {
        const entry = documentIndexEntry(document, fileTitles(await new DocumentRepository(trx, siteId).files(document.id)));
        await search.upsert(entry, nowIso());
        await search.adjustTerms(siteId, titleTerms(entry.title), 1);
      }
    });
    done += batch.length;
    afterId = batch.at(-1)!.id;
  }
  return done;
}
