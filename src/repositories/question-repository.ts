import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { NewQuestion, QuestionHolidayRow, QuestionRow, QuestionStatus } from '../db/schema/questions.ts';
import { likePattern } from './like.ts';

/** Filters of the staff list. */
export interface QuestionFilter {
  /** A status, or 'review' for answers waiting for an approver. */
  status?: QuestionStatus | 'review' | undefined;
  /** Only questions not yet answered whose due day is before this day (yyyy-mm-dd). */
  overdueBefore?: string | undefined;
}

/** The public forms that share the guard: questions, and comments on drafts. */
export type PublicForm = 'hoi-dap' | 'lay-y-kien';

/** A staff member who may be given a question. */
export interface Assignee {
  id: number;
  name: string;
}

/** SQL for one site's questions, its holidays and its submission log. */
export class QuestionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async insert(question: Omit<NewQuestion, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('questions')
      .values({ ...question, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findById(id: number): Promise<QuestionRow | undefined> {
    return this.db.selectFrom('questions').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async findByCode(code: string): Promise<QuestionRow | undefined> {
    return this.db.selectFrom('questions').selectAll().where('site_id', '=', this.siteId).where('code', '=', code).executeTakeFirst();
  }

  async codeExists(code: string): Promise<boolean> {
    // Codes are unique across sites (one column constraint), so this check is not site-scoped.
    const row = await this.db.selectFrom('questions').select('id').where('code', '=', code).executeTakeFirst();
    return row !== undefined;
  }

  async update(id: number, changes: Partial<Omit<QuestionRow, 'id' | 'site_id' | 'code'>>): Promise<void> {
    await this.db.updateTable('questions').set(changes).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  /** The staff list: overdue questions first, then by due day, oldest first. */
  async listForStaff(filter: QuestionFilter, today: string, limit: number): Promise<QuestionRow[]> {
    let q = this.db.selectFrom('questions').selectAll().where('site_id', '=', this.siteId);
    if (filter.status === 'review') q = q.where('answer_review', '=', 'submitted');
    else if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.overdueBefore) q = q.where('status', '<>', 'answered').where('due_on', '<', filter.overdueBefore);
    return q
      .orderBy(sql`case when status <> 'answered' and due_on < ${today} then 0 else 1 end`)
      .orderBy(sql`case when status = 'answered' then 1 else 0 end`)
      .orderBy('due_on', 'asc')
      .orderBy('id', 'asc')
      .limit(limit)
      .execute();
  }

  /** Questions not yet answered that are due on or before a day (yyyy-mm-dd), soonest first: the due-soon and overdue lists. */
  async openDueBy(day: string, limit: number): Promise<QuestionRow[]> {
    return this.db
      .selectFrom('questions')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('status', '<>', 'answered')
      .where('due_on', '<=', day)
      .orderBy('due_on')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * What staff must act on, counted: questions received and not yet taken or
   * past their due day, answers waiting for approval, and answers sent back
   * to one person.
   */
  async workCounts(today: string, userId: number): Promise<{ waiting: number; review: number; returned: number }> {
    const row = await this.db
      .selectFrom('questions')
      .select((eb) => {
        const count = (condition: ReturnType<typeof eb.and>) => eb.fn.sum<number>(eb.case().when(condition).then(1).else(0).end());
        return [
          count(eb.or([eb('status', '=', 'received'), eb.and([eb('status', '<>', 'answered'), eb('due_on', '<', today)])])).as('waiting'),
          count(eb.and([eb('answer_review', '=', 'submitted')])).as('review'),
          count(eb.and([eb('answer_review', '=', 'returned'), eb('draft_by', '=', userId)])).as('returned'),
        ];
      })
      .where('site_id', '=', this.siteId)
      .executeTakeFirstOrThrow();
    return { waiting: Number(row.waiting ?? 0), review: Number(row.review ?? 0), returned: Number(row.returned ?? 0) };
  }

  /** Answers sent back to the person who drafted them, oldest due first. */
  async returnedAnswersOf(userId: number, limit: number): Promise<QuestionRow[]> {
    return this.db
      .selectFrom('questions')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('answer_review', '=', 'returned')
      .where('draft_by', '=', userId)
      .orderBy('due_on')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  private published(search: string) {
    let q = this.db.selectFrom('questions').where('site_id', '=', this.siteId).where('is_published', '=', 1);
    if (search) q = q.where(likePattern('search_text', '%', search, '%'));
    return q;
  }

  /** How many published Q&As match a folded search ('' for all). */
  async countPublished(search: string): Promise<number> {
    const row = await this.published(search)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A page of published Q&As, newest first. */
  async listPublished(search: string, limit: number, offset: number): Promise<QuestionRow[]> {
    return this.published(search).selectAll().orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  /** Staff of the site who may be given questions (biên tập viên and above), by name. */
  async assignees(): Promise<Assignee[]> {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id as id', 'users.display_name as name'])
      .where('memberships.site_id', '=', this.siteId)
      .where('memberships.role', 'in', ['editor', 'approver', 'site_admin'])
      .where('users.disabled', '=', 0)
      .orderBy('users.display_name')
      .execute();
    return rows;
  }

  async holidays(): Promise<QuestionHolidayRow[]> {
    return this.db.selectFrom('question_holidays').selectAll().where('site_id', '=', this.siteId).orderBy('day').execute();
  }

  async countHolidaysBetween(from: string, to: string): Promise<number> {
    const row = await this.db
      .selectFrom('question_holidays')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', this.siteId)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Adds holidays; a day the site already has is left as it is. */
  async addHolidays(days: Array<{ day: string; name: string }>): Promise<void> {
    if (days.length === 0) return;
    await this.db
      .insertInto('question_holidays')
      .values(days.map((d) => ({ ...d, site_id: this.siteId })))
      .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
      .execute();
  }

  async findHoliday(id: number): Promise<QuestionHolidayRow | undefined> {
    return this.db.selectFrom('question_holidays').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async findHolidayByDay(day: string): Promise<QuestionHolidayRow | undefined> {
    return this.db.selectFrom('question_holidays').selectAll().where('site_id', '=', this.siteId).where('day', '=', day).executeTakeFirst();
  }

  async removeHoliday(id: number): Promise<void> {
    await this.db.deleteFrom('question_holidays').where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }

  async recordSubmission(ip: string, at: string, form: PublicForm = 'hoi-dap'): Promise<void> {
    await this.db.insertInto('question_submissions').values({ site_id: this.siteId, ip, submitted_at: at, form }).execute();
  }

  /** Accepted submissions of one public form from an IP since an instant. */
  async submissionsSince(ip: string, since: string, form: PublicForm = 'hoi-dap'): Promise<number> {
    const row = await this.db
      .selectFrom('question_submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', this.siteId)
      .where('form', '=', form)
      .where('ip', '=', ip)
      .where('submitted_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Removes submission records older than an instant, so the table stays small. */
  async pruneSubmissions(before: string): Promise<void> {
    await this.db.deleteFrom('question_submissions').where('site_id', '=', this.siteId).where('submitted_at', '<', before).execute();
  }

  /** The installation's form-signing secret, created once (the first writer wins; everyone reads the same row). */
  async formSecret(candidate: string, now: string): Promise<string> {
    await this.db
      .insertInto('question_secrets')
      .values({ name: 'form-token', secret: candidate, created_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const row = await this.db.selectFrom('question_secrets').select('secret').where('name', '=', 'form-token').executeTakeFirstOrThrow();
    return row.secret;
  }
}
