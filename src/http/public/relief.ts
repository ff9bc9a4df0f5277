import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { publicReceipt, statementCsv, writeStatementXlsx } from '../../services/relief/public-receipt.ts';
import { loadPublicCampaign, readCampaign, readCampaignList, readYear } from '../../services/relief/relief-reader.ts';
import { reliefPaths, reliefTag } from '../../services/relief/relief-labels.ts';
import { searchStatement } from '../../services/relief/statement.ts';
import { rssFeed } from '../../views/pages/feeds.ts';
import { campaignListPage, campaignPage, yearPage } from '../../views/pages/relief.ts';
import { statementPage } from '../../views/pages/relief-statement.ts';
import { presentSite } from '../../views/presenters.ts';
import { presentAccount, presentCampaignCard, presentPublicSpending, presentTotals } from '../../views/relief-presenters.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

const SlugParams = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'địa chỉ không hợp lệ')
    .max(120),
});
const YearParams = z.object({ year: z.coerce.number().int().min(1990).max(2200) });
// Any text is accepted in a search field; a value that is not understood comes back as a field error on the page.
const text = (max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => (Array.isArray(v) ? (v[0] ?? '') : v).trim().normalize('NFC').slice(0, max));
const StatementQuerySchema = z.object({
  ten: text(200),
  tien: text(40),
  tu: text(20),
  den: text(20),
  ma: text(80),
  trang: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn').default(1),
});

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
const fileName = (slug: string, ext: string) => `attachment; filename="sao-ke-${slug}.${ext}"`;

/** Public pages of Vận động – cứu trợ: the campaigns, each campaign's totals and statement, downloads, years, and their feed. */
export function publicReliefRoutes(app: FastifyInstance): void {
  app.get('/van-dong', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const { campaigns, years } = await readCampaignList(app.db, site.id);
    request.cacheTags = [reliefTag(site.id)];
    const view = { campaigns: campaigns.map((c) => presentCampaignCard(c.campaign, c.summary)), years };
    return reply.type('text/html; charset=utf-8').send(campaignListPage(pageContext(request), view));
  });

  app.get('/van-dong/rss.xml', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const { campaigns } = await readCampaignList(app.db, site.id);
    request.cacheTags = [reliefTag(site.id)];
    const authority = presentSite(site).authority;
    const feed = rssFeed({
      title: `Vận động – cứu trợ – ${authority}`,
      description: `Các cuộc vận động, cứu trợ của ${authority}: số tiền, hàng đã nhận và đã chi.`,
      siteUrl: `${origin(request)}${reliefPaths.index()}`,
      selfUrl: `${origin(request)}${reliefPaths.feed()}`,
      updatedAt: campaigns.reduce((max, c) => (c.campaign.updated_at > max ? c.campaign.updated_at : max), site.updated_at),
      items: campaigns.map(({ campaign, summary }) => {
        const card = presentCampaignCard(campaign, summary);
        return {
          title: campaign.title,
          url: `${origin(request)}${card.url}`,
          summary: `${campaign.purpose} Đã nhận ${card.received}, đã chi ${card.spent}, còn lại ${card.balance}.`,
          publishedAt: campaign.published_at ?? campaign.created_at,
          updatedAt: campaign.updated_at,
          author: authority,
          category: 'Vận động – cứu trợ',
        };
      }),
    });
    return reply.type('application/rss+xml; charset=utf-8').send(feed);
  });

  app.get('/van-dong/nam/:year', { config: { cache: true } }, async (request, reply) => {
    const { year } = parse(YearParams, request.params);
    const site = siteOf(request);
    const content = await readYear(app.db, site.id, year);
    request.cacheTags = [reliefTag(site.id)];
    const view = { year, campaigns: content.campaigns.map((c) => presentCampaignCard(c.campaign, c.summary)), totals: presentTotals(content.summary) };
    return reply.type('text/html; charset=utf-8').send(yearPage(pageContext(request), view));
  });

  app.get('/van-dong/:slug', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const site = siteOf(request);
    const c = await readCampaign(app.db, site.id, slug);
    request.cacheTags = [reliefTag(site.id)];
    const view = {
      card: presentCampaignCard(c.campaign, c.summary),
      slug,
      purpose: c.campaign.purpose,
      accounts: c.accounts.map(presentAccount),
      totals: presentTotals(c.summary),
      spending: c.spending.map((s) => presentPublicSpending(s, c.names.get(s.id) ?? [], c.reversed.get(s.id))),
    };
    return reply.type('text/html; charset=utf-8').send(campaignPage(pageContext(request), view));
  });

  app.get('/van-dong/:slug/sao-ke', { config: { cache: true } }, async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const { trang, ...query } = parse(StatementQuerySchema, request.query);
    const site = siteOf(request);
    const campaign = await loadPublicCampaign(app.db, site.id, slug);
    const result = await searchStatement(app.db, campaign, query, trang);
    request.cacheTags = [reliefTag(site.id)];
    const view = {
      title: campaign.title,
      slug,
      query,
      errors: result.errors,
      rows: result.rows.map((r) => publicReceipt(r, result.correctedBy.get(r.id))),
      pagination: result.pagination,
      capped: result.capped,
      searched: Object.values(query).some(Boolean),
    };
    return reply.type('text/html; charset=utf-8').send(statementPage(pageContext(request), view));
  });

  app.get('/van-dong/:slug/sao-ke.csv', async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const campaign = await loadPublicCampaign(app.db, siteOf(request).id, slug);
    reply.header('Content-Disposition', fileName(slug, 'csv')).header('Cache-Control', 'public, max-age=300');
    return reply.type('text/csv; charset=utf-8').send(statementCsv(app.db, campaign));
  });

  app.get('/van-dong/:slug/sao-ke.xlsx', async (request, reply) => {
    const { slug } = parse(SlugParams, request.params);
    const campaign = await loadPublicCampaign(app.db, siteOf(request).id, slug);
    const body = new PassThrough();
    writeStatementXlsx(app.db, campaign, body).catch((error) => body.destroy(error));
    reply.header('Content-Disposition', fileName(slug, 'xlsx')).header('Cache-Control', 'public, max-age=300');
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(body);
  });
}
