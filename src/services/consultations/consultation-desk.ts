import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../../db/schema.ts';
import type { ConsultationRow } from '../../db/schema/consultations.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import { ConsultationRepository, type ListedConsultation } from '../../repositories/consultation-repository.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { AppError } from '../../errors.ts';
import { libraryItems } from '../media-service.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { type Actor, can } from '../permissions.ts';
import { type ReviewState, reviewState } from '../review/state.ts';
import { loadConsultation } from './consultation-editor.ts';
import { consultationReview } from './consultation-review.ts';

const PAGE_SIZE = 20;

/** A page of the newsroom's consultations, newest change first, each with its count of comments. */
export async function listConsultations(db: Kysely<Database>, actor: Actor, page: number): Promise<{ items: ListedConsultation[]; pagination: Pagination }> {
  if (!can(actor, 'document.edit')) throw new AppError('forbidden');
  const repo = new ConsultationRepository(db, actor.siteId);
  const pagination = paginate(await repo.count(), page, PAGE_SIZE);
  return { items: await repo.list(pagination.perPage, pagination.offset), pagination };
}

/** Everything the consultation form shows: the consultation, the documents and library files to choose from, its review. */
export interface ConsultationDesk {
  consultation: ConsultationRow | null;
  documents: DocumentRow[];
  files: MediaRow[];
  comments: number;
  review: ReviewState;
}

/** Loads the form of a new (id null) or saved consultation of the actor's site. */
export async function consultationDesk(db: Kysely<Database>, actor: Actor, id: number | null): Promise<ConsultationDesk> {
  const consultation = id === null ? null : await loadConsultation(db, actor, id);
  const repo = new ConsultationRepository(db, actor.siteId);
  return {
    consultation,
    documents: await new DocumentRepository(db, actor.siteId).listPublished({}, { by: 'issued', direction: 'desc' }, 300),
    files: await libraryItems(db, actor.siteId, { kind: 'file', limit: 300 }),
    comments: consultation ? await repo.countComments(consultation.id) : 0,
    review: await reviewState(db, actor, consultationReview, consultation ? String(consultation.id) : ''),
  };
}
