import type { Generated, Insertable, Selectable } from 'kysely';

/** Where a question stands: received, being handled by someone, answered. */
export type QuestionStatus = 'received' | 'processing' | 'answered';

/** A resident's question or feedback, with its tracking code and due day. */
export interface QuestionsTable {
  id: Generated<number>;
  site_id: number;
  /** The tracking code the resident keeps: "HD-2026-7K3Q9PXM". */
  code: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  title: string;
  content: string;
  /** JSON list of { mediaId, key, name } for the files sent with the question. */
  attachments: Generated<string>;
  consent_publish: number;
  status: QuestionStatus;
  received_at: string;
  /** The day (yyyy-mm-dd, Vietnam) the answer is due: 15 working days after receipt. */
  due_on: string;
  assigned_to: number | null;
  answer: Generated<string>;
  answered_at: string | null;
  answered_by: number | null;
  is_published: Generated<number>;
  published_at: string | null;
  /** Folded title, content and answer, for the public search. */
  search_text: Generated<string>;
  created_at: string;
  updated_at: string;
}

/** A day off (yyyy-mm-dd) that due dates skip, per site, editable by staff. */
export interface QuestionHolidaysTable {
  id: Generated<number>;
  site_id: number;
  day: string;
  name: string;
}

/** One accepted public submission, by IP, for the hourly limit. */
export interface QuestionSubmissionsTable {
  id: Generated<number>;
  site_id: number;
  ip: string;
  submitted_at: string;
}

/** The installation's secret for signing form tokens, created at first use. */
export interface QuestionSecretsTable {
  name: string;
  secret: string;
  created_at: string;
}

/** Tables of the module — Hỏi đáp – phản ánh, kiến nghị: questions with tracking codes and due dates. */
export interface QuestionTables {
  questions: QuestionsTable;
  question_holidays: QuestionHolidaysTable;
  question_submissions: QuestionSubmissionsTable;
  question_secrets: QuestionSecretsTable;
}

export type QuestionRow = Selectable<QuestionsTable>;
export type NewQuestion = Insertable<QuestionsTable>;
export type QuestionHolidayRow = Selectable<QuestionHolidaysTable>;
