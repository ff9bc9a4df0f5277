import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checklistFileName, provinceChecklist, provinceChecklistCsv } from '../../services/conformance/checklist.ts';
import { toNfc } from '../../text/vietnamese.ts';
import { provinceChecklistPage } from '../../views/admin/conformance.ts';
import { sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';

const ProvinceQuery = z.object({ tinh: z.string().trim().max(120).transform(toNfc).optional() });

/** The province asked for in ?tinh=, else the current site's. */
const provinceOf = (request: FastifyRequest) => parse(ProvinceQuery, request.query).tinh || siteOf(request).province;

/** The platform admin's conformance table over every site of a province, and its CSV. */
export function adminConformanceRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/he-thong/tuan-thu', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const table = await provinceChecklist(app.db, provinceOf(request));
    return sendHtml(reply, provinceChecklistPage(adminContext(request), table));
  });

  app.get('/quan-tri/he-thong/tuan-thu.csv', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const table = await provinceChecklist(app.db, provinceOf(request));
    return reply
      .type('text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${checklistFileName(table.province)}"`)
      .send(provinceChecklistCsv(table));
  });
}
