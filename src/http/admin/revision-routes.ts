import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { RevisionRepository } from '../../repositories/revision-repository.ts';
import { diffRevisions } from '../../services/workflow/diff.ts';
import { loadArticle, restoreRevision } from '../../services/workflow/article-editor.ts';
import { canEdit } from '../../services/workflow/rules.ts';
import { formatDateTime } from '../../text/format.ts';
import { revisionsPage } from '../../views/admin/revisions.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const RestoreParams = IdParams.extend({ number: z.coerce.number().int().positive() });
const CompareQuery = z.object({ a: z.coerce.number().int().positive().optional(), b: z.coerce.number().int().positive().optional() });

/**
 * The two revisions a history page compares: those asked for (?a=&b=), by
 * default the two newest, older first; the found ones, to diff if they differ.
 */
export function comparedRevisions<R extends { number: number }>(query: unknown, revisions: R[]) {
  const asked = parse(CompareQuery, query);
  let older = asked.a ?? revisions[1]?.number ?? null;
  let newer = asked.b ?? revisions[0]?.number ?? null;
  if (older !== null && newer !== null && older > newer) [older, newer] = [newer, older];
  const a = revisions.find((r) => r.number === older);
  const b = revisions.find((r) => r.number === newer);
  return { older, newer, pair: a && b && a !== b ? ([a, b] as const) : null };
}

/** Revision history: list, readable diff of any two, restore. */
export function adminRevisionRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/bai-viet/:id/phien-ban', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    const { actor } = authOf(request);
    const article = await loadArticle(app.db, actor, id);
    const revisions = await new RevisionRepository(app.db, actor.siteId).list(id);
    const { older, newer, pair } = comparedRevisions(request.query, revisions);
    const page = revisionsPage(adminContext(request), {
      articleId: id,
      title: article.title,
      revisions: revisions.map((r) => ({
        number: r.number,
        author: r.author_name ?? 'Hệ thống',
        when: formatDateTime(r.created_at),
        note: r.note,
        autosave: r.is_autosave === 1,
      })),
      older,
      newer,
      diff: pair ? diffRevisions(...pair) : null,
      canRestore: canEdit(actor, article),
    });
    return reply.type('text/html; charset=utf-8').send(page);
  });

  app.post('/quan-tri/bai-viet/:id/phien-ban/:number/khoi-phuc', { config: { access: 'admin.access' } }, async (request, reply) => {
    const { id, number } = parse(RestoreParams, request.params);
    await restoreRevision(app.db, authOf(request).actor, id, number);
    return reply.redirect(`/quan-tri/bai-viet/${id}?ok=khoi-phuc`, 303);
  });
}
