import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ReviewStatus } from './item-reviews.ts';

/**
 * A draft (a document or a policy) opened for residents' comments between two
 * calendar days, Vietnam time, yyyy-mm-dd, both included. `status` mirrors its
 * review; the summary (báo cáo tổng hợp, tiếp thu, giải trình) shows once
 * `summary_published_at` is set, which the service allows only after closing.
 */
export interface ConsultationsTable {
  id: Generated<number>;
  site_id: number;
  title: string;
  slug: string;
  /** Sanitised rich text. */
  body_html: Generated<string>;
  /** The draft as a document of the documents database, if any. */
  document_id: number | null;
  /** The draft as a file of the media library, if any. */
  media_id: number | null;
  opens_on: string;
  closes_on: string;
  status: ReviewStatus;
  published_at: string | null;
  summary_html: Generated<string>;
  summary_media_id: number | null;
  summary_published_at: string | null;
  created_by: number | null;
  updated_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A resident's comment on a consultation; name, phone and e-mail are never shown publicly (the name only if `show_name`). */
export interface ConsultationCommentsTable {
  id: Generated<number>;
  site_id: number;
  consultation_id: number;
  name: string;
  phone: Generated<string>;
  email: Generated<string>;
  content: string;
  /** JSON list of private files, as the Q&A form stores them. */
  attachments: Generated<string>;
  /** 1 when the resident agreed to show their name beside a published comment. */
  show_name: Generated<number>;
  is_published: Generated<number>;
  published_at: string | null;
  received_at: string;
}

/** Tables of the module — Lấy ý kiến dự thảo: consultations on drafts and residents' comments. */
export interface ConsultationTables {
  consultations: ConsultationsTable;
  consultation_comments: ConsultationCommentsTable;
}

export type ConsultationRow = Selectable<ConsultationsTable>;
export type NewConsultation = Insertable<ConsultationsTable>;
export type ConsultationUpdate = Updateable<ConsultationsTable>;
export type ConsultationCommentRow = Selectable<ConsultationCommentsTable>;
export type NewConsultationComment = Insertable<ConsultationCommentsTable>;
