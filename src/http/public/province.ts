import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError, validationError } from '../../errors.ts';
import { paths } from '../../paths.ts';
import type { FeedCursor } from '../../repositories/province-repository.ts';
import { directoryTags, readDirectory } from '../../services/province/province-directory.ts';
import { type Province, provinceOf, provinceTags, readProvinceFeed, readProvinceHome } from '../../services/province/province-portal.ts';
import { type ProvinceHit, type ProvinceSearchOutcome, type ProvinceSearchParams, searchProvince } from '../../services/province/province-search.ts';
import { fieldErrors } from '../../services/validation.ts';
import { directoryPage } from '../../views/pages/province-directory.ts';
import { feedUrl, provinceFeedPage, provinceHomePage } from '../../views/pages/province.ts';
import { type SearchFormValues, searchPage } from '../../views/pages/search.ts';
import { apiSearchHit, apiSearchOutcome } from '../../views/api-presenters.ts';
import { presentCard } from '../../views/presenters.ts';
import {
  type CommuneLinks,
  type CommuneView,
  communeLinks,
  communeUrl,
  cursorParam,
  presentCommune,
  presentDirectory,
  presentFeed,
  provincePaths,
} from '../../views/province-presenters.ts';
import { ApiSearchQuery, ListingQuery, SearchQuery, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** A commune picked by id, or "" for every commune. */
const communeId = z
  .union([
    z.literal(''),
    z.coerce
      .number({ message: 'chọn một xã, phường trong danh sách' })
      .int('chọn một xã, phường trong danh sách')
      .positive('chọn một xã, phường trong danh sách'),
  ])
  .default('');
const HomeQuery = z.object({ xa: communeId });
const FeedQuery = z.object({
  loai: z.enum(['tin-tuc', 'thong-bao'], { message: 'phải là tin-tuc hoặc thong-bao' }).default('tin-tuc'),
  xa: communeId,
  sau: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z_\d{1,12}$/, 'không hợp lệ')
    .optional(),
});
const DirectoryQuery = ListingQuery.extend({ xa: communeId });
const ProvinceSearchQuery = SearchQuery.extend({ xa: communeId });
const ProvinceApiSearchQuery = ApiSearchQuery.extend({
  xa: communeId,
  // Categories are each commune's own: the province's search has none to filter by.
  category: z.literal('', { message: 'cổng tỉnh tìm trong mọi chuyên mục, không lọc theo một chuyên mục' }).default(''),
});

const PER_PAGE = 10;
const sendHtml = (reply: FastifyReply, page: string) => reply.type('text/html; charset=utf-8').send(page);
const picked = (xa: number | '') => (xa === '' ? null : xa);
const linksOf = (request: FastifyRequest) => communeLinks(request.protocol, request.host);
const communeViews = (province: Province, links: CommuneLinks) => province.communes.map((c) => presentCommune(c, links));

function cursorOf(text: string | undefined): FeedCursor | null {
  if (!text) return null;
  const at = text.lastIndexOf('_');
  return { publishedAt: text.slice(0, at), id: Number(text.slice(at + 1)) };
}

/** GET / of a province portal: its communes' latest news and notices (every commune's, or the one picked), and its own. */
export async function provinceHome(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const db = request.server.db;
  const query = parse(HomeQuery, request.query);
  const province = await provinceOf(db, siteOf(request));
  const content = await readProvinceHome(db, province, picked(query.xa));
  request.cacheTags = provinceTags(province);
  const links = linksOf(request);
  const own = content.own;
  return sendHtml(
    reply,
    provinceHomePage(pageContext(request), {
      communes: communeViews(province, links),
      picked: String(query.xa),
      pickedName: content.commune?.name ?? null,
      news: presentFeed(content.news, province.communes, links),
      notices: presentFeed(content.notices, province.communes, links),
      ownNews: [...own.featured, ...own.news].slice(0, 3).map((a) => presentCard(a, own.media)),
      ownNotices: own.notices.slice(0, 4).map((a) => presentCard(a, own.media)),
    }),
  );
}

/** Whose a province search hit is, by site id: each commune, and the province's own (its home at `home`). */
function searchSources(province: Province, links: CommuneLinks, home: string): Map<number, CommuneView> {
  return new Map<number, CommuneView>([
    [province.portal.id, { id: province.portal.id, name: province.portal.name, url: home }],
    ...communeViews(province, links).map((c): [number, CommuneView] => [c.id, c]),
  ]);
}

/**
 * The province search of both /tim-kiem and /api/v1/search: the sites chosen
 * by searchProvince, each hit addressed on its commune's own host; a commune
 * outside the province is a field error on `xa`.
 */
async function searchAcross(request: FastifyRequest, province: Province, params: ProvinceSearchParams): Promise<ProvinceSearchOutcome> {
  let outcome;
  try {
    outcome = await searchProvince(request.server.db, province, params);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
    throw validationError([{ field: 'xa', message: 'không có xã, phường này trong tỉnh' }]);
  }
  const links = linksOf(request);
  const addressed = (hits: ProvinceHit[]) => hits.map((h) => ({ ...h, path: communeUrl(h.commune, h.path, links) }));
  return { ...outcome, hits: addressed(outcome.hits), corrected: outcome.corrected && { ...outcome.corrected, hits: addressed(outcome.corrected.hits) } };
}

/** GET /tim-kiem of a province portal: the site search over every site of the province (or one commune), each result labelled. */
export async function provinceSearch(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const province = await provinceOf(request.server.db, siteOf(request));
  const links = linksOf(request);
  const picker = { communes: communeViews(province, links), sources: searchSources(province, links, paths.home()) };
  const raw = request.query as Record<string, unknown>;
  const text = (key: string) => String(raw[key] ?? '');
  const values: SearchFormValues = {
    q: text('q'),
    loai: text('loai'),
    chuyen_muc: '',
    tu: text('tu'),
    den: text('den'),
    chinh_xac: text('chinh_xac'),
    xa: text('xa'),
  };
  const render = (outcome: Parameters<typeof searchPage>[1]['outcome'], errors: FieldError[]) =>
    sendHtml(reply.code(errors.length ? 400 : 200), searchPage(pageContext(request), { values, outcome, categories: [], errors, province: picker }));
  const parsed = ProvinceSearchQuery.safeParse(request.query);
  if (!parsed.success) return render(null, fieldErrors(parsed.error));
  const q = parsed.data;
  try {
    const params = { q: q.q, kind: q.loai || undefined, from: q.tu, to: q.den, communeId: picked(q.xa), page: q.trang, perPage: PER_PAGE };
    return render(await searchAcross(request, province, { ...params, exact: q.chinh_xac === '1' }), []);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
    return render(null, error.fields);
  }
}

/** GET /api/v1/search of a province portal: the search of its /tim-kiem as JSON, each result with its commune's name and address. */
export async function provinceSearchApi(request: FastifyRequest) {
  const q = parse(ProvinceApiSearchQuery, request.query);
  const province = await provinceOf(request.server.db, siteOf(request));
  const origin = `${request.protocol}://${request.host}`;
  const absolute = (url: string) => (url.startsWith('/') ? `${origin}${url}` : url);
  const sources = searchSources(province, linksOf(request), `${origin}/`);
  const params = { q: q.q, kind: q.kind || undefined, from: q.from, to: q.to, communeId: picked(q.xa), page: q.page, perPage: PER_PAGE };
  const outcome = await searchAcross(request, province, { ...params, exact: q.exact === '1' });
  return apiSearchOutcome(outcome, (hit) => {
    const source = sources.get(hit.siteId);
    return { ...apiSearchHit(hit, absolute(hit.path)), commune: source ? { id: source.id, name: source.name, url: source.url } : null };
  });
}

/** The province portal's own pages: its communes' news and notices, and their directory (not found on a commune's site). */
export function provinceRoutes(app: FastifyInstance): void {
  app.get(provincePaths.feed(), { config: { cache: true } }, async (request, reply) => {
    const province = await provinceOf(app.db, siteOf(request));
    const query = parse(FeedQuery, request.query);
    const page = await readProvinceFeed(app.db, province, {
      kind: query.loai === 'thong-bao' ? 'notice' : 'news',
      communeId: picked(query.xa),
      after: cursorOf(query.sau),
    });
    request.cacheTags = provinceTags(province);
    const links = linksOf(request);
    const values = { loai: query.loai, xa: String(query.xa) };
    return sendHtml(
      reply,
      provinceFeedPage(pageContext(request), {
        communes: communeViews(province, links),
        values,
        pickedName: page.commune?.name ?? null,
        items: presentFeed(page.items, province.communes, links),
        nextUrl: page.next ? feedUrl(values, cursorParam(page.next)) : null,
        later: query.sau !== undefined,
      }),
    );
  });

  app.get(provincePaths.directory(), { config: { cache: true } }, async (request, reply) => {
    const province = await provinceOf(app.db, siteOf(request));
    const query = parse(DirectoryQuery, request.query);
    const page = await readDirectory(app.db, province, query.trang, picked(query.xa));
    request.cacheTags = directoryTags(province);
    const links = linksOf(request);
    return sendHtml(
      reply,
      directoryPage(pageContext(request), {
        communes: communeViews(province, links),
        entries: presentDirectory(page.entries, links),
        pagination: page.pagination,
        picked: String(query.xa),
      }),
    );
  });
}
