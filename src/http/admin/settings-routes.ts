import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors.ts';
import { createSite, listSitesWithHosts, updateSiteSettings } from '../../services/site-service.ts';
import { allPendingInvitations } from '../../services/users/invitations.ts';
import { settingsPage } from '../../views/admin/settings.ts';
import { presentInvitation } from '../../views/admin/invitations.ts';
import { platformPage } from '../../views/admin/platform.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isValidation, sendHtml } from '../replies.ts';

const body = (request: FastifyRequest) => formOf(request.body) as Record<string, string>;

/** Site settings, and the province level: the list of sites and the invitations waiting for an answer. */
export function adminSettingsRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/cai-dat', { config: { access: 'settings.manage' } }, async (request, reply) => {
    const site = siteOf(request);
    return sendHtml(reply, settingsPage(adminContext(request), { ...site, require_totp: site.require_totp === 1 }, []));
  });

  app.post('/quan-tri/cai-dat', { config: { access: 'settings.manage' } }, async (request, reply) => {
    const { actor } = authOf(request);
    try {
      await updateSiteSettings(app.db, actor.siteId, body(request), actor);
      app.sites.clear();
      return reply.redirect('/quan-tri/cai-dat?ok=luu', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      const b = body(request);
      const values = {
        address: b.address ?? '',
        phone: b.phone ?? '',
        email: b.email ?? '',
        responsible_person: b.responsible_person ?? '',
        responsible_title: b.responsible_title ?? '',
        require_totp: b.require_totp === '1',
      };
      return sendHtml(reply, settingsPage(adminContext(request), values, error.fields), error.fields);
    }
  });

  app.get('/quan-tri/he-thong', { config: { access: 'platform.manage' } }, async (request, reply) => renderPlatform(request, reply));

  app.post('/quan-tri/he-thong', { config: { access: 'platform.manage' } }, async (request, reply) => {
    const b = body(request);
    try {
      await createSite(
        app.db,
        { name: b.name ?? '', unitType: (b.unit_type ?? 'xa') as 'xa', province: b.province ?? '', hosts: [b.host ?? ''] },
        authOf(request).actor,
      );
      app.sites.clear();
      return reply.redirect('/quan-tri/he-thong?ok=cong-moi', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderPlatform(
        request,
        reply,
        error.fields.map((f) => (f.field.startsWith('hosts') ? { ...f, field: 'host' } : f)),
        { name: b.name ?? '', unit_type: b.unit_type ?? 'xa', province: b.province ?? '', host: b.host ?? '' },
      );
    }
  });
}

async function renderPlatform(
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FieldError[] = [],
  values = { name: '', unit_type: 'xa', province: '', host: '' },
) {
  const sites = await listSitesWithHosts(request.server.db);
  const withHosts = sites.map((s) => ({ id: s.id, name: s.name, province: s.province, hosts: s.hosts }));
  const invitations = (await allPendingInvitations(request.server.db)).map(presentInvitation);
  return sendHtml(reply, platformPage(adminContext(request), { sites: withHosts, invitations, errors, values }), errors);
}
