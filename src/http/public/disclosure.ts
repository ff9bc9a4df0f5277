import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { disclosurePaths, disclosureTag } from '../../services/disclosure/disclosure-paths.ts';
import { latestDisclosures, readDisclosureEntry, readDisclosureIndex, readDisclosureItem } from '../../services/disclosure/disclosure-reader.ts';
import { vietnamToday } from '../../services/calendars/weeks.ts';
import { FEED_SIZE } from '../../services/feed-reader.ts';
import { reliefTag } from '../../services/relief/relief-labels.ts';
import { htmlToPlainText } from '../../text/sanitize.ts';
import { rssFeed } from '../../views/pages/feeds.ts';
import {
  disclosureDetailPage,
  disclosureIndexPage,
  disclosureItemPage,
  presentDisclosureDetail,
  presentDisclosureGroup,
} from '../../views/pages/disclosure.ts';
import { presentSite } from '../../views/presenters.ts';
import { parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

// A year that is not one simply filters nothing, as other public filters do.
const YearQuery = z.object({
  nam: z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((v) => {
      const text = (Array.isArray(v) ? (v[0] ?? '') : v).trim();
      return /^\d{4}$/.test(text) ? Number(text) : undefined;
    }),
  trang: z.coerce.number({ message: 'phải là số' }).int('phải là số nguyên').min(1, 'nhỏ nhất là 1').max(100_000, 'quá lớn').default(1),
});
const Slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'địa chỉ không hợp lệ')
  .max(120);
const ItemParams = z.object({ item: Slug });
const EntryParams = z.object({ item: Slug, ref: z.string().regex(/^[1-9]\d{0,9}(-[a-z0-9-]*)?$/, 'địa chỉ không hợp lệ') });

const origin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Public Công khai pages: /cong-khai by item and year, each item, each entry, and their RSS feed. */
export function publicDisclosureRoutes(app: FastifyInstance): void {
  app.get('/cong-khai', { config: { cache: true } }, async (request, reply) => {
    const { nam } = parse(YearQuery, request.query);
    const site = siteOf(request);
    const { groups, years, today } = await readDisclosureIndex(app.db, site.id, nam);
    // Campaign figures come from the relief ledger, so its changes make this page stale too.
    request.cacheTags = [disclosureTag(site.id), reliefTag(site.id)];
    const view = { groups: groups.map((g) => presentDisclosureGroup(g, today, nam)), years, year: nam };
    return reply.type('text/html; charset=utf-8').send(disclosureIndexPage(pageContext(request), view));
  });

  app.get('/cong-khai/rss.xml', { config: { cache: true } }, async (request, reply) => {
    const site = siteOf(request);
    const latest = await latestDisclosures(app.db, site.id, FEED_SIZE);
    request.cacheTags = [disclosureTag(site.id)];
    const authority = presentSite(site).authority;
    const feed = rssFeed({
      title: `Công khai – ${authority}`,
      description: `Nội dung công khai của ${authority} theo Luật Thực hiện dân chủ ở cơ sở.`,
      siteUrl: `${origin(request)}${disclosurePaths.index()}`,
      selfUrl: `${origin(request)}${disclosurePaths.feed()}`,
      updatedAt: latest.reduce((max, { entry }) => (entry.updated_at > max ? entry.updated_at : max), site.updated_at),
      items: latest.map(({ entry, item }) => ({
        title: entry.title,
        url: `${origin(request)}${disclosurePaths.entry(item.slug, entry)}`,
        summary: `${entry.period}. ${htmlToPlainText(entry.body_html).slice(0, 300)}`,
        publishedAt: entry.published_at ?? entry.created_at,
        updatedAt: entry.updated_at,
        author: authority,
        category: item.name,
      })),
    });
    return reply.type('application/rss+xml; charset=utf-8').send(feed);
  });

  app.get('/cong-khai/:item', { config: { cache: true } }, async (request, reply) => {
    const { item } = parse(ItemParams, request.params);
    const { nam, trang } = parse(YearQuery, request.query);
    const site = siteOf(request);
    const read = await readDisclosureItem(app.db, site.id, item, { year: nam, page: trang });
    request.cacheTags = [disclosureTag(site.id), reliefTag(site.id)];
    const view = { group: presentDisclosureGroup(read.group, read.today, nam), slug: item, years: read.years, year: nam, pagination: read.pagination };
    return reply.type('text/html; charset=utf-8').send(disclosureItemPage(pageContext(request), view));
  });

  app.get('/cong-khai/:item/:ref', { config: { cache: true } }, async (request, reply) => {
    const { ref } = parse(EntryParams, request.params);
    const site = siteOf(request);
    const { item, entry, files, documents } = await readDisclosureEntry(app.db, site.id, Number.parseInt(ref, 10));
    // One address per entry: an old item or title slug moves to the current one.
    const path = disclosurePaths.entry(item.slug, entry);
    if (request.url.split('?')[0] !== path) return reply.redirect(path, 301);
    request.cacheTags = [disclosureTag(site.id)];
    const view = presentDisclosureDetail(item, entry, files, documents, vietnamToday(new Date()));
    return reply.type('text/html; charset=utf-8').send(disclosureDetailPage(pageContext(request), view, entry.starts_on));
  });
}
