import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { deleteDowntime, earliestNoticeStart, listDowntime, scheduleDowntime } from '../../services/organisation/downtime.ts';
import { MAX_LINKS, linksFromForm, listRelatedLinks, saveRelatedLinks } from '../../services/organisation/related-links.ts';
import { formatDate, formatDateTime } from '../../text/format.ts';
import { linksPage, noticesPage } from '../../views/admin/portal.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isValidation, sendHtml } from '../replies.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });
const body = (request: FastifyRequest) => formOf(request.body) as Record<string, string>;
const BLANK_ROWS = 3;

async function renderNotices(request: FastifyRequest, reply: FastifyReply, values = { starts_at: '', ends_at: '', message: '' }, errors: FieldError[] = []) {
  const now = new Date();
  const notices = await listDowntime(request.server.db, authOf(request).actor.siteId);
  const state = (n: { starts_at: string; ends_at: string }) =>
    n.ends_at <= now.toISOString() ? 'Đã kết thúc' : n.starts_at <= now.toISOString() ? 'Đang tạm dừng' : 'Sắp tới';
  const page = noticesPage(adminContext(request), {
    notices: notices.map((n) => ({ id: n.id, from: formatDateTime(n.starts_at), to: formatDateTime(n.ends_at), message: n.message, state: state(n) })),
    values,
    earliest: formatDate(earliestNoticeStart(now)),
    errors,
  });
  return sendHtml(reply, page, errors);
}

async function renderLinks(request: FastifyRequest, reply: FastifyReply, rows?: Array<{ title: string; url: string }>, errors: FieldError[] = []) {
  const saved = rows ?? (await listRelatedLinks(request.server.db, authOf(request).actor.siteId));
  const blanks = Math.max(0, Math.min(BLANK_ROWS, MAX_LINKS - saved.length));
  return sendHtml(
    reply,
    linksPage(adminContext(request), { rows: [...saved, ...Array.from({ length: rows ? 0 : blanks }, () => ({ title: '', url: '' }))], errors }),
    errors,
  );
}

/** Planned-downtime notices (portal.notices) and the home page's related links (organisation.edit). */
export function adminPortalRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/thong-bao-bao-tri', { config: { access: 'portal.notices' } }, (request, reply) => renderNotices(request, reply));

  app.post('/quan-tri/thong-bao-bao-tri', { config: { access: 'portal.notices' } }, async (request, reply) => {
    const { actor } = authOf(request);
    try {
      await scheduleDowntime(app.db, actor.siteId, body(request), actor);
      app.downtimeBanners.forget(actor.siteId);
      return reply.redirect('/quan-tri/thong-bao-bao-tri?ok=luu', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const b = body(request);
      return renderNotices(request, reply, { starts_at: b.starts_at ?? '', ends_at: b.ends_at ?? '', message: b.message ?? '' }, error.fields);
    }
  });

  app.post('/quan-tri/thong-bao-bao-tri/:id/xoa', { config: { access: 'portal.notices' } }, async (request, reply) => {
    const { actor } = authOf(request);
    await deleteDowntime(app.db, actor.siteId, parse(IdParams, request.params).id, actor);
    app.downtimeBanners.forget(actor.siteId);
    return reply.redirect('/quan-tri/thong-bao-bao-tri?ok=luu', 303);
  });

  app.get('/quan-tri/lien-ket', { config: { access: 'organisation.edit' } }, (request, reply) => renderLinks(request, reply));

  app.post('/quan-tri/lien-ket', { config: { access: 'organisation.edit' } }, async (request, reply) => {
    const { actor } = authOf(request);
    const rows = linksFromForm(body(request));
    try {
      await saveRelatedLinks(app.db, actor.siteId, { links: rows }, actor);
      return reply.redirect('/quan-tri/lien-ket?ok=luu', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderLinks(request, reply, rows, error.fields);
    }
  });
}
