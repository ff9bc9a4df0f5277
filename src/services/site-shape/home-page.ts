import type { Kysely } from 'kysely';
import type { CategoryRow, Database, SiteRow } from '../../db/schema.ts';
import type { DocumentRow } from '../../db/schema/documents.ts';
import type { QuestionRow } from '../../db/schema/questions.ts';
import { DocumentRepository } from '../../repositories/document-repository.ts';
import { QuestionRepository } from '../../repositories/question-repository.ts';
import { type HomeContent, readHome } from '../article-reader.ts';
import { type RelatedLink, readRelatedLinks } from '../organisation/related-links.ts';
import { pageTags } from '../pages/page-changes.ts';
import { provinceNoticesForHome } from '../province-notices/notice-reader.ts';
import type { ShownNotice } from '../../repositories/province-notice-repository.ts';
import { qaTag } from '../questions/question-service.ts';
import { type HomeBlockKey, homeBlocksOf } from './home-blocks.ts';

/** How many documents and questions a side block lists. */
const MODULE_ITEMS = 5;
/** How many notices and documents their blocks list, as readHome reads them. */
export const HOME_LIST_SIZE = 6;

/** Everything the home page shows, block by block, and the cache tags of what it shows. */
export interface HomePageContent extends HomeContent {
  blocks: HomeBlockKey[];
  legal: DocumentRow[];
  questions: QuestionRow[];
  links: RelatedLink[];
  /** The province's notices and documents shown on this site, for the blocks of their kind. */
  province: { notices: ShownNotice[]; documents: ShownNotice[] };
  tags: string[];
}

/**
 * Reads what the site's home page blocks show, and only that: the
 * articles (featured, news, notices, documents, disclosures), the latest
 * legal documents and answered questions, and the related links.
 */
export async function readHomePage(db: Kysely<Database>, site: SiteRow, categories: CategoryRow[], now = new Date()): Promise<HomePageContent> {
  const blocks = homeBlocksOf(site);
  const has = (key: HomeBlockKey) => blocks.includes(key);
  const [articles, legal, questions, links, province] = await Promise.all([
    readHome(db, site, now, { blocks, categories }),
    has('legal')
      ? new DocumentRepository(db, site.id).listPublished({}, { by: 'issued', direction: 'desc' }, MODULE_ITEMS)
      : Promise.resolve([] as DocumentRow[]),
    has('questions') ? new QuestionRepository(db, site.id).listPublished('', MODULE_ITEMS, 0) : Promise.resolve([] as QuestionRow[]),
    has('links') ? readRelatedLinks(db, site.id) : Promise.resolve([] as RelatedLink[]),
    provinceNoticesForHome(db, site.id, { notices: has('notices'), documents: has('documents') }, HOME_LIST_SIZE, now),
  ]);
  // Publishing a document already marks the home page; answered questions mark their own pages.
  const tags = [pageTags.home(site.id), ...(has('questions') ? [qaTag(site.id)] : [])];
  return { ...articles, blocks, legal, questions, links, province, tags };
}
