import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type ReviewKind, diffItemRevisions, itemRevisions } from '../../services/workflow/item-review.ts';
import { formatDateTime } from '../../text/format.ts';
import { revisionsPage } from '../../views/admin/revisions.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const CompareQuery = z.object({ a: z.coerce.number().int().positive().optional(), b: z.coerce.number().int().positive().optional() });

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
  const query = parse(CompareQuery, request.query);
  // By default, compare the two newest revisions.
  let older = query.a ?? revisions[1]?.number ?? null;
  let newer = query.b ?? revisions[0]?.number ?? null;
  if (older !== null && newer !== null && older > newer) [older, newer] = [newer, older];
  const a = revisions.find((r) => r.number === older);
  const b = revisions.find((r) => r.number === newer);
  const html = revisionsPage(adminContext(request), {
    articleId: 0,
    title: page.title,
    revisions: revisions.map((r) => ({ number: r.number, author: r.author_name ?? 'Hệ thống', when: formatDateTime(r.created_at), note: r.note, autosave: false })),
    older,
    newer,
    diff: a && b && a !== b ? diffItemRevisions(kind, a, b) : null,
    canRestore: false,
    paths: { base: page.base, back: page.back, backLabel: page.backLabel },
  });
  return reply.type('text/html; charset=utf-8').send(html);
}
