import type { FastifyInstance } from 'fastify';
import { listArticles } from '../../services/article-reader.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { searchPage } from '../../views/pages/search.ts';
import { presentCard } from '../../views/presenters.ts';
import { SearchQuery, parse } from '../schemas.ts';
import { pageContext, siteOf } from '../site-context.ts';

/** Folded words of a query, at most 8, ignoring punctuation. */
export function queryWords(query: string): string[] {
  return foldVietnamese(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** GET /tim-kiem?q= – a simple folded match over titles, summaries and bodies. */
export function searchRoutes(app: FastifyInstance): void {
  app.get('/tim-kiem', async (request, reply) => {
    const { q, trang } = parse(SearchQuery, request.query);
    const query = q.normalize('NFC').trim();
    const words = queryWords(query);
    const ctx = pageContext(request);
    if (words.length === 0) {
      return reply.type('text/html; charset=utf-8').send(searchPage(ctx, { query, cards: [], pagination: null }));
    }
    const list = await listArticles(app.db, siteOf(request), { page: trang, perPage: 10, foldedWords: words });
    return reply.type('text/html; charset=utf-8').send(
      searchPage(ctx, { query, cards: list.articles.map((a) => presentCard(a, list.media)), pagination: list.pagination }),
    );
  });
}
