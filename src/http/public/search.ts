import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';
import { listCategories } from '../../services/category-service.ts';
import { search } from '../../services/search/search-service.ts';
import { fieldErrors } from '../../services/validation.ts';
import { searchPage } from '../../views/pages/search.ts';
import { ApiSearchQuery, SearchQuery, parse } from '../schemas.ts';
import { isProvincePortal } from '../../services/province/province-portal.ts';
import { pageContext, siteOf } from '../site-context.ts';
import { provinceSearch } from './province.ts';

const PER_PAGE = 10;

/** GET /tim-kiem – search with filters; GET /api/v1/search – the same as JSON. */
export function searchRoutes(app: FastifyInstance): void {
  app.get('/tim-kiem', async (request, reply) => {
    const site = siteOf(request);
    if (isProvincePortal(site)) return provinceSearch(request, reply);
    const raw = request.query as Record<string, unknown>;
    const values = {
      q: String(raw.q ?? ''),
      loai: String(raw.loai ?? ''),
      chuyen_muc: String(raw.chuyen_muc ?? ''),
      tu: String(raw.tu ?? ''),
      den: String(raw.den ?? ''),
      chinh_xac: String(raw.chinh_xac ?? ''),
    };
    const categories = (await listCategories(app.db, site.id)).filter((c) => c.hidden === 0).map((c) => ({ slug: c.slug, name: c.name }));
    const parsed = SearchQuery.safeParse(request.query);
    // A bad filter is shown next to its field; the page still answers 200 with the form.
    if (!parsed.success) {
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(searchPage(pageContext(request), { values, outcome: null, categories, errors: fieldErrors(parsed.error) }));
    }
    const q = parsed.data;
    let outcome;
    try {
      outcome = await search(app.db, site, {
        q: q.q,
        kind: q.loai || undefined,
        categorySlug: q.chuyen_muc || undefined,
        from: q.tu,
        to: q.den,
        page: q.trang,
        perPage: PER_PAGE,
        exact: q.chinh_xac === '1',
      });
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'category_not_found') throw error;
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(searchPage(pageContext(request), { values, outcome: null, categories, errors: [{ field: 'chuyen_muc', message: 'không có chuyên mục này' }] }));
    }
    return reply.type('text/html; charset=utf-8').send(searchPage(pageContext(request), { values, outcome, categories, errors: [] }));
  });

  app.get('/api/v1/search', async (request) => {
    const q = parse(ApiSearchQuery, request.query);
    const outcome = await search(app.db, siteOf(request), {
      q: q.q,
      kind: q.kind || undefined,
      categorySlug: q.category || undefined,
      from: q.from,
      to: q.to,
      page: q.page,
      perPage: PER_PAGE,
      exact: q.exact === '1',
    });
    const origin = `${request.protocol}://${request.host}`;
    // When the query as typed found little, the corrected query's results are given, and the query they are for.
    const shown = outcome.corrected ?? outcome;
    return {
      total: shown.total,
      // More matched than `total`: the count stops at 1.000.
      total_capped: shown.capped,
      page: shown.pagination.page,
      per_page: shown.pagination.perPage,
      suggestion: outcome.suggestion,
      corrected_query: outcome.corrected?.query.text ?? null,
      query_total: outcome.total,
      data: shown.hits.map((hit) => ({
        kind: hit.kind,
        title: hit.title,
        url: `${origin}${hit.path}`,
        snippet: hit.snippetHtml,
        title_html: hit.titleHtml,
        published_at: hit.publishedAt,
      })),
    };
  });
}
