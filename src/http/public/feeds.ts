import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readFeed, readSiteMapPage } from '../../services/feed-reader.ts';
import { readSiteMapSections, siteMapTags } from '../../services/site-map.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import type { ListedArticle } from '../../repositories/article-repository.ts';
import type { ShownNotice } from '../../repositories/province-notice-repository.ts';
import { FEED_SIZE } from '../../services/feed-reader.ts';
import { atomFeed, type FeedView, rssFeed, xmlSitemap } from '../../views/pages/feeds.ts';
import { presentSiteMapSection, siteMapPage } from '../../views/pages/site-map.ts';
import { presentCard, presentSite } from '../../views/presenters.ts';
import { paths } from '../../paths.ts';
import { PROVINCE_NOTICE_KINDS } from '../../views/province-notice-presenters.ts';
import { SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function feedView(request: FastifyRequest, content: { articles: ListedArticle[]; provinceNotices: ShownNotice[] }, title: string, selfPath: string): FeedView {
  const site = presentSite(siteOf(request));
  const base = origin(request);
  const articles = content.articles.map((a) => ({
    title: a.title,
    url: `${base}${paths.article(a.slug)}`,
    summary: a.summary,
    publishedAt: a.published_at ?? a.created_at,
    updatedAt: a.updated_at,
    author: a.writer || site.authority,
    category: a.category_name,
  }));
  const notices = content.provinceNotices.map((n) => ({
    title: n.title,
    url: `${base}${paths.provinceNotice(n.slug)}`,
    summary: n.summary,
    publishedAt: n.published_at,
    updatedAt: n.updated_at,
    author: n.issuer,
    category: PROVINCE_NOTICE_KINDS[n.kind],
  }));
  const items = [...articles, ...notices].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt)).slice(0, FEED_SIZE);
  return {
    title,
    description: `Tin tức, thông báo và tài liệu của ${site.authority}, ${site.provinceInSentence}.`,
    siteUrl: `${base}/`,
    selfUrl: `${base}${selfPath}`,
    updatedAt: items[0]?.updatedAt ?? new Date(0).toISOString(),
    items,
  };
}

/** RSS and Atom per site and per category, the XML and HTML sitemaps, and robots.txt. */
export function feedRoutes(app: FastifyInstance): void {
  for (const [format, render, type] of [
    ['rss', rssFeed, 'application/rss+xml; charset=utf-8'],
    ['atom', atomFeed, 'application/atom+xml; charset=utf-8'],
  ] as const) {
    app.get(`/${format}.xml`, { config: { cache: true } }, async (request, reply) => {
      const site = siteOf(request);
      const content = await readFeed(app.db, site);
      request.cacheTags = [pageTags.home(site.id)];
      return reply.type(type).send(render(feedView(request, content, presentSite(site).authority, `/${format}.xml`)));
    });
    app.get(`/chuyen-muc/:slug/${format}.xml`, { config: { cache: true } }, async (request, reply) => {
      const { slug } = parse(SlugParams, request.params);
      const site = siteOf(request);
      const content = await readFeed(app.db, site, slug);
      const { category, moved } = content;
      if (moved) return reply.redirect(`/chuyen-muc/${encodeURIComponent(category!.slug)}/${format}.xml`, 301);
      request.cacheTags = [pageTags.category(site.id, category!.id)];
      const title = `${category!.name} – ${presentSite(site).authority}`;
      return reply.type(type).send(render(feedView(request, content, title, `/chuyen-muc/${slug}/${format}.xml`)));
    });
  }

  app.get('/sitemap.xml', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const sections = await readSiteMapSections(app.db, site);
    const base = origin(request);
    request.cacheTags = siteMapTags(site.id);
    const newest = sections.reduce((max, s) => (s.page.lastmod > max ? s.page.lastmod : max), site.updated_at);
    const entries = [
      { url: `${base}/`, lastmod: newest },
      { url: `${base}/so-do-cong`, lastmod: newest },
      ...sections.flatMap((s) => [...(s.page.path === '/' ? [] : [s.page]), ...s.children]).map((p) => ({ url: `${base}${p.path}`, lastmod: p.lastmod })),
    ];
    return reply.type('application/xml; charset=utf-8').send(xmlSitemap(entries));
  });

  app.get('/so-do-cong', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const [categories, sections] = await Promise.all([readSiteMapPage(app.db, site), readSiteMapSections(app.db, site)]);
    request.cacheTags = siteMapTags(site.id);
    const view = {
      sections: categories.map((s) => ({
        name: s.category.name,
        url: paths.category(s.category.slug),
        rss: `/chuyen-muc/${s.category.slug}/rss.xml`,
        cards: s.articles.map((a) => presentCard(a, new Map())),
      })),
      modules: sections.filter((s) => s.kind !== 'articles').map(presentSiteMapSection),
    };
    return reply.type('text/html; charset=utf-8').send(siteMapPage(pageContext(request), view));
  });

  app.get('/robots.txt', async (request, reply) => {
    const body = `User-agent: *\nDisallow: /quan-tri\nDisallow: /xem-truoc/\nDisallow: /tim-kiem\nAllow: /\n\nSitemap: ${origin(request)}/sitemap.xml\n`;
    return reply.type('text/plain; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(body);
  });
}
