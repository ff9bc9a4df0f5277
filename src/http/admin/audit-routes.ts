import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditFilter } from '../../repositories/audit-repository.ts';
import { AUDIT_ACTIONS, exportAuditCsv, readAuditLog } from '../../services/audit-service.ts';
import { formatDateTime, parseDisplayDate } from '../../text/format.ts';
import { auditPage } from '../../views/admin/audit.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { sendHtml } from '../replies.ts';

const displayDate = z
  .string()
  .trim()
  .max(10)
  .default('')
  .refine((v) => v === '' || parseDisplayDate(v) !== null, 'ngày phải viết dd/mm/yyyy');

const AuditQuery = z.object({
  action: z.string().max(60).default(''),
  actor: z.string().trim().max(200).default(''),
  from: displayDate,
  to: displayDate,
  flagged: z.literal('1').optional(),
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
});
type AuditQuery = z.output<typeof AuditQuery>;

/** The repository filter of a query: whole Vietnam days, the end day included. */
function filterOf(q: AuditQuery): AuditFilter {
  const from = q.from ? parseDisplayDate(q.from) : null;
  const to = q.to ? parseDisplayDate(q.to) : null;
  // parseDisplayDate gives 08:00 Vietnam time; a day runs from 00:00 to the next 00:00.
  const dayStart = (d: Date) => new Date(d.getTime() - 8 * 3_600_000);
  return {
    action: q.action || undefined,
    actor: q.actor.toLowerCase() || undefined,
    from: from ? dayStart(from).toISOString() : undefined,
    to: to ? new Date(dayStart(to).getTime() + 86_400_000).toISOString() : undefined,
    flaggedOnly: q.flagged === '1',
  };
}

function queryString(q: AuditQuery): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'from', 'to', 'flagged'] as const) if (q[key]) params.set(key, String(q[key]));
  return params.toString();
}

/** The audit log page and its CSV export. */
export function adminAuditRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/nhat-ky', { config: { access: 'audit.view' } }, async (request, reply) => {
    const q = parse(AuditQuery, request.query);
    const { actor } = authOf(request);
    const { rows, pagination } = await readAuditLog(app.db, actor.siteId, filterOf(q), q.trang);
    const page = auditPage(adminContext(request), {
      items: rows.map((r) => ({
        when: formatDateTime(r.created_at),
        actor: r.actor,
        action: r.action,
        actionName: AUDIT_ACTIONS[r.action] ?? r.action,
        summary: r.summary,
        flagged: r.flagged === 1,
        ip: r.ip,
      })),
      filter: { action: q.action, actor: q.actor, from: q.from, to: q.to, flagged: q.flagged === '1' },
      query: queryString(q),
      pagination,
    });
    return sendHtml(reply, page);
  });

  app.get('/quan-tri/nhat-ky.csv', { config: { access: 'audit.view' } }, async (request, reply) => {
    const q = parse(AuditQuery, request.query);
    const csv = await exportAuditCsv(app.db, authOf(request).actor.siteId, filterOf(q));
    const day = new Date().toISOString().slice(0, 10);
    return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="nhat-ky-${day}.csv"`).send(csv);
  });
}
