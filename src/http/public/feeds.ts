import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readFeed, readSiteMapPage, readSitemap } from '../../services/feed-reader.ts';
import { consultationPaths } from '../../services/consultations/consultation-phase.ts';
import { reliefPaths } from '../../services/relief/relief-labels.ts';
import { listPublicCampaigns } from '../../services/relief/relief-reader.ts';
import { pageTags } from '../../services/pages/page-changes.ts';
import type { ListedArticle } from '../../repositories/article-repository.ts';
import { atomFeed, type FeedView, rssFeed, xmlSitemap } from '../../views/pages/feeds.ts';
import { siteMapPage } from '../../views/pages/site-map.ts';
import { presentCard, presentSite } from '../../views/presenters.ts';
import { paths } from '../../paths.ts';
import { SlugParams, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

function feedView(request: FastifyRequest, articles: ListedArticle[], title: string, selfPath: string): FeedView {
  const site = presentSite(siteOf(request));
  const base = origin(request);
  return {
    title,
    description: `Tin tức, thông báo và tài liệu của ${site.authority}, ${site.provinceInSentence}.`,
    siteUrl: `${base}/`,
    selfUrl: `${base}${selfPath}`,
    updatedAt: articles[0]?.updated_at ?? new Date(0).toISOString(),
    items: articles.map((a) => ({
      title: a.title,
      url: `${base}${paths.article(a.slug)}`,
      summary: a.summary,
      publishedAt: a.published_at ?? a.created_at,
      updatedAt: a.updated_at,
      author: a.writer || site.authority,
      category: a.category_name,
    })),
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
      const { articles } = await readFeed(app.db, site);
      request.cacheTags = [pageTags.home(site.id)];
      return reply.type(type).send(render(feedView(request, articles, presentSite(site).authority, `/${format}.xml`)));
    });
    app.get(`/chuyen-muc/:slug/${format}.xml`, { config: { cache: true } }, async (request, reply) => {
      const { slug } = parse(SlugParams, request.params);
      const site = siteOf(request);
      const { category, moved, articles } = await readFeed(app.db, site, slug);
      if (moved) return reply.redirect(`/chuyen-muc/${encodeURIComponent(category!.slug)}/${format}.xml`, 301);
      request.cacheTags = [pageTags.category(site.id, category!.id)];
      const title = `${category!.name} – ${presentSite(site).authority}`;
      return reply.type(type).send(render(feedView(request, articles, title, `/chuyen-muc/${slug}/${format}.xml`)));
    });
  }

  app.get('/sitemap.xml', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const content = await readSitemap(app.db, site);
    const base = origin(request);
    const newest = content.articles.reduce((max, a) => (a.updated_at > max ? a.updated_at : max), site.updated_at);
    request.cacheTags = [pageTags.home(site.id)];
    const entries = [
      { url: `${base}/`, lastmod: newest },
      ...content.categories.map((c) => ({ url: `${base}${paths.category(c.slug)}`, lastmod: newest })),
      { url: `${base}/so-do-cong`, lastmod: newest },
      ...content.articles.map((a) => ({ url: `${base}${paths.article(a.slug)}`, lastmod: a.updated_at })),
      ...(content.campaigns.length ? [{ url: `${base}${reliefPaths.index()}`, lastmod: newest }] : []),
      ...content.campaigns.map((c) => ({ url: `${base}${reliefPaths.campaign(c.slug)}`, lastmod: c.updated_at })),
      ...(content.consultations.length ? [{ url: `${base}${consultationPaths.index()}`, lastmod: newest }] : []),
      ...content.consultations.map((c) => ({ url: `${base}${consultationPaths.detail(c)}`, lastmod: c.updated_at })),
    ];
    return reply.type('application/xml; charset=utf-8').send(xmlSitemap(entries));
  });

  app.get('/so-do-cong', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const sections = await readSiteMapPage(app.db, site);
    request.cacheTags = [pageTags.home(site.id)];
    const view = {
      sections: sections.map((s) => ({
        name: s.category.name,
        url: paths.category(s.category.slug),
        rss: `/chuyen-muc/${s.category.slug}/rss.xml`,
        cards: s.articles.map((a) => presentCard(a, new Map())),
      })),
      campaigns: (await listPublicCampaigns(app.db, site.id)).map((c) => ({ title: c.title, url: reliefPaths.campaign(c.slug) })),
    };
    return reply.type('text/html; charset=utf-8').send(siteMapPage(pageContext(request), view));
  });

  app.get('/robots.txt', async (request, reply) => {
    const body = `User-agent: *\nDisallow: /quan-tri\nDisallow: /xem-truoc/\nDisallow: /tim-kiem\nAllow: /\n\nSitemap: ${origin(request)}/sitemap.xml\n`;
    return reply.type('text/plain; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(body);
  });
}
