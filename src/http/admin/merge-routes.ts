import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import { mergeDetail, mergeOverview, mergeSiteIds } from '../../services/merge/merge-choices.ts';
import { confirmMerge, undoMerge } from '../../services/merge/merge-undo.ts';
import { mergePage, mergesPage } from '../../views/admin/merges.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import type { MediaStorage } from '../../services/storage/media-storage.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
/** The form's values: one site to merge into, any number of former sites (a lone checkbox arrives as a string). */
const MergeForm = z.object({
  into: z.coerce.number().int().catch(Number.NaN),
  from: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : [v].flat().map(Number))),
});

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FieldError[] = [],
  values: { into: number | null; from: number[] } = { into: null, from: [] },
) {
  const overview = await mergeOverview(request.server.db);
  return reply
    .code(errors.length ? 400 : 200)
    .type('text/html; charset=utf-8')
    .send(mergesPage(adminContext(request), { ...overview, errors, values }));
}

/** The platform admin's screens for merging former communes' sites into a ward's: list, form, report, confirm and undo. */
export function adminMergeRoutes(app: FastifyInstance, storage: MediaStorage): void {
  app.get('/quan-tri/he-thong/gop-cong', { config: { access: 'platform.manage' } }, (request, reply) => render(request, reply));

  app.post('/quan-tri/he-thong/gop-cong', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const form = parse(MergeForm, request.body ?? {});
    try {
      const id = await mergeSiteIds(app.db, storage, form.into, form.from, authOf(request).actor);
      app.sites.clear();
      return reply.redirect(`/quan-tri/he-thong/gop-cong/${id}?ok=gop`, 303);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'validation_failed') throw error;
      const errors = error.fields.length ? error.fields : [{ field: 'from', message: error.message }];
      return render(request, reply, errors, { into: Number.isInteger(form.into) ? form.into : null, from: form.from });
    }
  });

  app.get('/quan-tri/he-thong/gop-cong/:id', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    return reply.type('text/html; charset=utf-8').send(mergePage(adminContext(request), await mergeDetail(app.db, id)));
  });

  for (const [action, run, ok] of [
    ['xac-nhan', confirmMerge, 'xac-nhan-gop'],
    ['hoan-tac', undoMerge, 'hoan-tac-gop'],
  ] as const) {
    app.post(`/quan-tri/he-thong/gop-cong/:id/${action}`, { config: { access: 'platform.manage' } }, async (request, reply) => {
      const { id } = parse(IdParams, request.params);
      await run(app.db, storage, id, authOf(request).actor);
      app.sites.clear();
      return reply.redirect(`/quan-tri/he-thong/gop-cong/${id}?ok=${ok}`, 303);
    });
  }
}
