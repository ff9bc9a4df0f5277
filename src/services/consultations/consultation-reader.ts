import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { ConsultationCommentRow, ConsultationRow } from '../../db/schema/consultations.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { ConsultationRepository, type ListedConsultation } from '../../repositories/consultation-repository.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { MediaRepository } from '../../repositories/media-repository.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { publishedConsultation } from './consultation-comments.ts';
import { type ConsultationPhase, phaseOf } from './consultation-phase.ts';

/** Most consultations the public list shows; a commune opens a few a year. */
const LIST_LIMIT = 500;
/** Published comments per page of a consultation. */
export const COMMENTS_PER_PAGE = 20;

/** The public list, by phase: open ones first (closing soonest first), then upcoming, closed, summarised. */
export type ConsultationListing = Record<ConsultationPhase, ListedConsultation[]>;

/** A site's published consultations, grouped by their phase today. */
export async function readConsultationList(db: Kysely<Database>, siteId: number, now = new Date()): Promise<ConsultationListing> {
  const listing: ConsultationListing = { open: [], upcoming: [], closed: [], summarised: [] };
  for (const c of await new ConsultationRepository(db, siteId).listPublished(LIST_LIMIT)) listing[phaseOf(c, now)].push(c);
  listing.open.reverse();
  listing.upcoming.reverse();
  return listing;
}

/** Everything a consultation's public page shows; never a commenter's contact. */
export interface ConsultationPage {
  consultation: ConsultationRow;
  phase: ConsultationPhase;
  /** The draft in the documents database, when it is published there. */
  document: DocumentRow | null;
  file: MediaRow | null;
  summaryFile: MediaRow | null;
  comments: ConsultationCommentRow[];
  pagination: Pagination;
  received: number;
}

/** One published consultation with a page of its published comments; not_found otherwise. */
export async function readConsultation(db: Kysely<Database>, siteId: number, id: number, page = 1, now = new Date()): Promise<ConsultationPage> {
  const consultation = await publishedConsultation(db, siteId, id);
  const repo = new ConsultationRepository(db, siteId);
  const document = consultation.document_id === null ? undefined : await new DocumentRepository(db, siteId).findById(consultation.document_id);
  const fileIds = [consultation.media_id, consultation.summary_media_id].filter((m): m is number => m !== null);
  const files = (await new MediaRepository(db, siteId).findByIds(fileIds)).filter((f) => !f.deleted_at);
  const pagination = paginate(await repo.countComments(id, true), page, COMMENTS_PER_PAGE);
  const phase = phaseOf(consultation, now);
  return {
    consultation,
    phase,
    document: document?.status === 'published' ? document : null,
    file: files.find((f) => f.id === consultation.media_id) ?? null,
    summaryFile: phase === 'summarised' ? (files.find((f) => f.id === consultation.summary_media_id) ?? null) : null,
    comments: await repo.comments(id, { publishedOnly: true, limit: pagination.perPage, offset: pagination.offset }),
    pagination,
    received: await repo.countComments(id),
  };
}
