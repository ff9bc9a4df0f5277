import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors.ts';
import { addAbbreviation, knownProvinces, provinceAbbreviations, removeAbbreviation } from '../../services/search/abbreviation-service.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { abbreviationsPage } from '../../views/admin/search-abbreviations.ts';
import { isValidation, sendHtml } from '../replies.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, string>;

/** The province shown: the one asked for in ?tinh=, else the current site's. */
const provinceOf = (request: FastifyRequest, asked?: string) =>
  toNfc(asked ?? String((request.query as Record<string, unknown>).tinh ?? siteOf(request).province)).trim();

async function render(request: FastifyRequest, reply: FastifyReply, province: string, errors: FieldError[] = [], values = { short_form: '', long_form: '' }) {
  const db = request.server.db;
  const provinces = await knownProvinces(db, siteOf(request).province);
  const page = abbreviationsPage(adminContext(request), { provinces, province, entries: await provinceAbbreviations(db, province), values, errors });
  return sendHtml(reply, page, errors.length ? 400 : 200);
}

/** The abbreviations search reads, edited per province by the installation's operators. */
export function adminSearchAbbreviationRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/he-thong/viet-tat', { config: { access: 'platform.manage' } }, (request, reply) => render(request, reply, provinceOf(request)));

  app.post('/quan-tri/he-thong/viet-tat', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const b = body(request);
    const province = provinceOf(request, b.province);
    try {
      await addAbbreviation(app.db, { ...b, province }, authOf(request).actor);
      return reply.redirect(`/quan-tri/he-thong/viet-tat?tinh=${encodeURIComponent(province)}&ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return render(request, reply, province, error.fields, { short_form: b.short_form ?? '', long_form: b.long_form ?? '' });
    }
  });

  app.post('/quan-tri/he-thong/viet-tat/bo', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const b = body(request);
    const province = provinceOf(request, b.province);
    await removeAbbreviation(app.db, province, b.key ?? '', authOf(request).actor);
    return reply.redirect(`/quan-tri/he-thong/viet-tat?tinh=${encodeURIComponent(province)}&ok=luu`, 303);
  });
}
