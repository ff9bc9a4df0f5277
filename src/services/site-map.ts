import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../db/schema.ts';
import { paths } from '../paths.ts';
import { DocumentRepository } from '../repositories/document-repository.ts';
import { QuestionRepository } from '../repositories/question-repository.ts';
import { documentLabel } from './documents/document-review.ts';
import { documentPath, documentsTag } from './documents/document-types.ts';
import { calendarTag } from './calendars/calendar-tags.ts';
import { pageTags } from './pages/page-changes.ts';
import { qaTag } from './questions/question-service.ts';
import { disclosurePaths, disclosureTag } from './disclosure/disclosure-paths.ts';
import { latestDisclosures } from './disclosure/disclosure-reader.ts';
import { listDisclosureItems } from './disclosure/disclosure-items.ts';
import { consultationPaths, consultationsTag } from './consultations/consultation-phase.ts';
import { readSitemap } from './feed-reader.ts';
import { provinceNoticesShownOn } from './province-notices/notice-reader.ts';
import { pagesWithContent, readOrganisation } from './organisation/organisation-service.ts';
import { aboutTag, organisationPaths } from './organisation/page-kinds.ts';
import { reliefPaths, reliefTag } from './relief/relief-labels.ts';

/** The sitemap protocol's limit for one file, shared by every kind. */
const PER_KIND = 10_000;

/** A public page with its title and last change. */
export interface SiteMapPage {
  title: string;
  path: string;
  lastmod: string;
}

/** One kind of public page: its own page, and the pages under it. */
export interface SiteMapSection {
  kind: 'articles' | 'documents' | 'disclosure' | 'about' | 'calendars' | 'questions' | 'english' | 'relief' | 'consultations';
  page: SiteMapPage;
  children: SiteMapPage[];
}

const newestOf = (pages: SiteMapPage[], fallback: string) => pages.reduce((max, p) => (p.lastmod > max ? p.lastmod : max), fallback);
const section = (kind: SiteMapSection['kind'], title: string, path: string, children: SiteMapPage[], fallback: string): SiteMapSection => ({
  kind,
  page: { title, path, lastmod: newestOf(children, fallback) },
  children,
});

/**
 * Every kind of public page of a site, each with its pages and their last
 * change: articles by category, documents, disclosures, Giới thiệu pages,
 * calendars, Q&A, consultations, the English pages and relief campaigns. What /sitemap.xml
 * and /so-do-cong both list, so neither can forget a kind.
 */
export async function readSiteMapSections(db: Kysely<Database>, site: SiteRow, now = new Date()): Promise<SiteMapSection[]> {
  const base = await readSitemap(db, site, now);
  const since = site.updated_at;
  const articles = base.articles.map((a) => ({ title: a.slug, path: paths.article(a.slug), lastmod: a.updated_at }));
  // The province's notices shown here have their own address on this site.
  const notices = (await provinceNoticesShownOn(db, site.id, null, PER_KIND, now)).map((n) => ({
    title: n.title,
    path: paths.provinceNotice(n.slug),
    lastmod: n.updated_at,
  }));
  const newest = newestOf([...articles, ...notices], since);
  const categories = base.categories.map((c) => ({ title: c.name, path: paths.category(c.slug), lastmod: newest }));
  const documents = (await new DocumentRepository(db, site.id).publishedAfterId(0, PER_KIND)).map((d) => ({
    title: documentLabel(d),
    path: documentPath(d),
    lastmod: d.updated_at,
  }));
  const disclosures = await latestDisclosures(db, site.id, PER_KIND);
  const items = (await listDisclosureItems(db, site.id, true)).map((i) => ({
    title: i.name,
    path: disclosurePaths.item(i.slug),
    lastmod: newestOf(
      disclosures.filter((d) => d.item.id === i.id).map((d) => ({ title: '', path: '', lastmod: d.entry.updated_at })),
      i.updated_at,
    ),
  }));
  const entries = disclosures.map(({ entry, item }) => ({ title: entry.title, path: disclosurePaths.entry(item.slug, entry), lastmod: entry.updated_at }));
  const about = await readOrganisation(db, site.id);
  const aboutPages = pagesWithContent(about).map((k) => ({
    title: k.title,
    path: organisationPaths.page(k.slug),
    lastmod: about.pages.get(k.slug)?.updated_at ?? since,
  }));
  const questions = (await new QuestionRepository(db, site.id).listPublished('', PER_KIND, 0)).map((q) => ({
    title: q.title,
    path: `/hoi-dap/cau-hoi/${q.id}`,
    lastmod: q.updated_at,
  }));
  const campaigns = base.campaigns.map((c) => ({ title: c.title, path: reliefPaths.campaign(c.slug), lastmod: c.updated_at }));
  const consultations = base.consultations.map((c) => ({ title: c.title, path: consultationPaths.detail(c), lastmod: c.updated_at }));
  const aboutNewest = newestOf(aboutPages, since);
  return [
    section('articles', 'Tin bài', paths.home(), [...categories, ...articles, ...notices], since),
    section('documents', 'Văn bản', '/van-ban', documents, since),
    section('disclosure', 'Công khai', disclosurePaths.index(), [...items, ...entries], since),
    section('about', 'Giới thiệu', organisationPaths.index(), aboutPages, since),
    section('calendars', 'Lịch công tác', '/lich-cong-tac', [{ title: 'Lịch tiếp công dân', path: '/lich-tiep-cong-dan', lastmod: since }], since),
    section('questions', 'Hỏi đáp', '/hoi-dap', questions, since),
    section('consultations', 'Lấy ý kiến dự thảo', consultationPaths.index(), consultations, since),
    section(
      'english',
      'English',
      organisationPaths.enHome(),
      [
        { title: 'Leaders', path: organisationPaths.enLeaders(), lastmod: aboutNewest },
        { title: 'Contact', path: organisationPaths.enContact(), lastmod: aboutNewest },
      ],
      aboutNewest,
    ),
    section('relief', 'Vận động – cứu trợ', reliefPaths.index(), campaigns, since),
  ];
}

/** The page-cache tags of every kind the site maps list: a change to any of them makes both stale. */
export function siteMapTags(siteId: number): string[] {
  return [
    pageTags.home(siteId),
    documentsTag(siteId),
    disclosureTag(siteId),
    aboutTag(siteId),
    calendarTag(siteId),
    qaTag(siteId),
    consultationsTag(siteId),
    reliefTag(siteId),
  ];
}
