import type { Generated, Insertable, Selectable } from 'kysely';

/** Where a question stands: received, being handled by someone, answered. */
export type QuestionStatus = 'received' | 'processing' | 'answered';

/** Where the answer under preparation stands: none waiting, waiting for an approver, or sent back with a comment. */
export type AnswerReview = 'none' | 'submitted' | 'returned';

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
  /** JSON list of { key, name, mime, size } for the files sent with the question, kept in a private folder. */
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
  /** The answer being prepared; the public sees `answer` only, once an approver published it. */
  draft_answer: Generated<string>;
  /** Who started the draft, and who last changed its text: neither may approve it. */
  draft_by: number | null;
  draft_edited_by: number | null;
  answer_review: Generated<AnswerReview>;
  /** The approver's comment when the answer was returned. */
  review_comment: Generated<string>;
  answer_approved_by: number | null;
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
  /** Which public form: 'hoi-dap' (questions) or 'lay-y-kien' (comments on drafts). */
  form: Generated<string>;
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
