import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type AdminArticleRow, ArticleAdminRepository } from '../repositories/article-admin-repository.ts';
import { type KindItem, ownModuleItems } from './dashboard.ts';
import type { Actor } from './permissions.ts';

/** A contributor's own work ("Bài của tôi"), by where it stands. */
export interface MyWork {
  /** Sent back with the editor's comment: theirs to fix first. */
  returned: AdminArticleRow[];
  drafts: AdminArticleRow[];
  submitted: AdminArticleRow[];
  scheduled: AdminArticleRow[];
  /** The latest published, newest change first. */
  published: AdminArticleRow[];
  /** Documents, calendars and Giới thiệu pages they created, with their review state. */
  items: KindItem[];
}

const LIMIT = 50;

/** Everything a person wrote on their site, as "Bài của tôi" lists it: never anyone else's. */
export async function myWork(db: Kysely<Database>, actor: Actor): Promise<MyWork> {
  const repo = new ArticleAdminRepository(db, actor.siteId);
  const mine = { authorId: actor.userId };
  const [returned, drafts, submitted, scheduled, published, items] = await Promise.all([
    repo.list({ ...mine, reviewStatus: 'returned' }, LIMIT),
    repo.list({ ...mine, reviewStatus: 'draft' }, LIMIT),
    repo.list({ ...mine, reviewStatus: 'submitted' }, LIMIT),
    repo.list({ ...mine, status: 'scheduled' }, LIMIT),
    repo.list({ ...mine, status: 'published' }, 20),
    ownModuleItems(db, actor),
  ]);
  return { returned, drafts, submitted, scheduled, published, items };
}
