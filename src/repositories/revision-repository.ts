import type { Insertable, Kysely } from 'kysely';
import type { ArticleRevisionsTable, Database, RevisionRow } from '../db/schema.ts';

/** A revision with the name of who saved it. */
export interface RevisionWithAuthor extends RevisionRow {
  author_name: string | null;
}

/** SQL for one site's article revisions. */
export class RevisionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  async insert(revision: Omit<Insertable<ArticleRevisionsTable>, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('article_revisions')
      .values({ ...revision, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async latest(articleId: number): Promise<RevisionRow | undefined> {
    return this.db
      .selectFrom('article_revisions')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('article_id', '=', articleId)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** Who last changed what a person writes in the article (the four-eyes rule's "last editor"), or undefined. */
  async latestContentAuthor(articleId: number): Promise<{ author_id: number | null } | undefined> {
    return this.db
      .selectFrom('article_revisions')
      .select('author_id')
      .where('site_id', '=', this.siteId)
      .where('article_id', '=', articleId)
      .where('content_changed', '=', 1)
      .orderBy('number', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  async find(articleId: number, number: number): Promise<RevisionRow | undefined> {
    return this.db
      .selectFrom('article_revisions')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('article_id', '=', articleId)
      .where('number', '=', number)
      .executeTakeFirst();
  }

  /** Every revision of an article, newest first, with who saved it. */
  async list(articleId: number): Promise<RevisionWithAuthor[]> {
    return this.db
      .selectFrom('article_revisions')
      .leftJoin('users', 'users.id', 'article_revisions.author_id')
      .selectAll('article_revisions')
      .select('users.display_name as author_name')
      .where('article_revisions.site_id', '=', this.siteId)
      .where('article_revisions.article_id', '=', articleId)
      .orderBy('article_revisions.number', 'desc')
      .execute();
  }

  /** Replaces the content of an autosave revision in place, so autosaves do not pile up. */
  async overwrite(id: number, revision: Partial<Insertable<ArticleRevisionsTable>>): Promise<void> {
    await this.db.updateTable('article_revisions').set(revision).where('site_id', '=', this.siteId).where('id', '=', id).execute();
  }
}
