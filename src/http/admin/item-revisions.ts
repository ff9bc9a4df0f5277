import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ReviewKind, diffItemRevisions, itemRevisions } from '../../services/workflow/item-review.ts';
import { formatDateTime } from '../../text/format.ts';
import { revisionsPage } from '../../views/admin/revisions.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { comparedRevisions } from './revision-routes.ts';

/**
 * The revision history of a reviewed item (document, calendar week, reception
 * schedule) on the article revisions page: every save, and a word diff of any two.
 */
export async function sendItemRevisions(
  request: FastifyRequest,
  reply: FastifyReply,
  kind: ReviewKind,
  key: string,
  page: { title: string; back: string; backLabel: string; base: string },
) {
  const { actor } = authOf(request);
  const revisions = await itemRevisions(request.server.db, actor.siteId, kind, key);
  const { older, newer, pair } = comparedRevisions(request.query, revisions);
  const html = revisionsPage(adminContext(request), {
    articleId: 0,
    title: page.title,
    revisions: revisions.map((r) => ({
      number: r.number,
      author: r.author_name ?? 'Hệ thống',
      when: formatDateTime(r.created_at),
      note: r.note,
      autosave: false,
    })),
    older,
    newer,
    diff: pair ? diffItemRevisions(kind, ...pair) : null,
    canRestore: false,
    paths: { base: page.base, back: page.back, backLabel: page.backLabel },
  });
  return reply.type('text/html; charset=utf-8').send(html);
}
