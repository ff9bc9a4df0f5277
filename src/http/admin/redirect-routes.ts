import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, type FieldError } from '../../errors.ts';
import {
  addRedirect,
  deleteRedirect,
  listRedirects,
  redirectReportCsv,
  redirectSourceName,
  setRedirectTarget,
} from '../../services/redirects/redirect-service.ts';
import { redirectsPage } from '../../views/admin/redirects.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const ListQuery = z.object({ thieu: z.literal('1').optional(), trang: z.coerce.number().int().min(1).max(100_000).default(1) });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;
const isValidation = (error: unknown): error is AppError => error instanceof AppError && error.code === 'validation_failed';

async function render(request: FastifyRequest, reply: FastifyReply, values = { old_url: '', target: '', note: '' }, errors: FieldError[] = []) {
  const q = parse(ListQuery, request.query);
  const { rows, pagination, missing } = await listRedirects(request.server.db, siteOf(request).id, {
    missingOnly: q.thieu === '1',
    page: q.trang,
    perPage: 50,
  });
  const page = redirectsPage(adminContext(request), {
    items: rows.map((r) => ({
      id: r.id,
      oldHost: r.old_host,
      oldPath: r.old_path,
      target: r.target_path ?? '',
      source: redirectSourceName(r.source),
      note: r.note,
    })),
    missingOnly: q.thieu === '1',
    missing,
    pagination,
    values,
    errors,
  });
  return reply
    .code(errors.length ? 400 : 200)
    .type('text/html; charset=utf-8')
    .send(page);
}

/** Old addresses of the site: the list, the report of those without a target, adding and fixing them (redirect.manage). */
export function adminRedirectRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/duong-dan-cu', { config: { access: 'redirect.manage' } }, (request, reply) => render(request, reply));

  app.get('/quan-tri/duong-dan-cu.csv', { config: { access: 'redirect.manage' } }, async (request, reply) => {
    const q = parse(ListQuery, request.query);
    const csv = await redirectReportCsv(app.db, siteOf(request).id, q.thieu === '1');
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="duong-dan-cu.csv"').send(csv);
  });

  app.post('/quan-tri/duong-dan-cu', { config: { access: 'redirect.manage' } }, async (request, reply) => {
    const b = body(request);
    try {
      await addRedirect(app.db, siteOf(request), b, authOf(request).actor);
      return reply.redirect('/quan-tri/duong-dan-cu?ok=luu', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return render(request, reply, { old_url: b.old_url ?? '', target: b.target ?? '', note: b.note ?? '' }, error.fields);
    }
  });

  app.post('/quan-tri/duong-dan-cu/:id/dich', { config: { access: 'redirect.manage' } }, async (request, reply) => {
    await setRedirectTarget(app.db, siteOf(request).id, parse(IdParams, request.params).id, body(request).target ?? '', authOf(request).actor);
    return reply.redirect('/quan-tri/duong-dan-cu?ok=luu', 303);
  });

  app.post('/quan-tri/duong-dan-cu/:id/xoa', { config: { access: 'redirect.manage' } }, async (request, reply) => {
    await deleteRedirect(app.db, siteOf(request).id, parse(IdParams, request.params).id, authOf(request).actor);
    return reply.redirect('/quan-tri/duong-dan-cu?ok=luu', 303);
  });
}
