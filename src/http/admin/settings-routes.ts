import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../errors.ts';
import { createSite, listSitesWithHosts, updateSiteSettings } from '../../services/site-service.ts';
import { allPendingInvitations } from '../../services/users/invitations.ts';
import { settingsPage } from '../../views/admin/settings.ts';
import { presentInvitation } from '../../views/admin/invitations.ts';
import { type NewSiteValues, platformPage } from '../../views/admin/platform.ts';
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
    const values = newSiteValues(body(request));
    try {
      await createSite(
        app.db,
        {
          name: values.name,
          unitType: values.unit_type as 'xa',
          province: values.province,
          hosts: [values.host],
          address: values.address,
          phone: values.phone,
          email: values.email,
          responsiblePerson: values.responsible_person,
          responsibleTitle: values.responsible_title,
        },
        authOf(request).actor,
        { requireContacts: true },
      );
      app.sites.clear();
      return reply.redirect('/quan-tri/he-thong?ok=cong-moi', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderPlatform(
        request,
        reply,
        error.fields.map((f) => ({ ...f, field: FORM_FIELDS[f.field] ?? f.field })),
        values,
      );
    }
  });
}

/** The new-site form's fields as typed, kept when the form comes back with errors. */
function newSiteValues(b: Record<string, string>): NewSiteValues {
  return {
    name: b.name ?? '',
    unit_type: b.unit_type ?? 'xa',
    province: b.province ?? '',
    host: b.host ?? '',
    address: b.address ?? '',
    phone: b.phone ?? '',
    email: b.email ?? '',
    responsible_person: b.responsible_person ?? '',
    responsible_title: b.responsible_title ?? '',
  };
}

/** The service's field names to the form's. */
const FORM_FIELDS: Record<string, string> = {
  hosts: 'host',
  'hosts.0': 'host',
  unitType: 'unit_type',
  responsiblePerson: 'responsible_person',
  responsibleTitle: 'responsible_title',
};

async function renderPlatform(
  request: FastifyRequest,
  reply: FastifyReply,
  errors: FieldError[] = [],
  values: NewSiteValues = newSiteValues({ province: siteOf(request).province }),
) {
  const sites = await listSitesWithHosts(request.server.db);
  const withHosts = sites.map((s) => ({ id: s.id, name: s.name, province: s.province, hosts: s.hosts }));
  const invitations = (await allPendingInvitations(request.server.db)).map(presentInvitation);
  return sendHtml(reply, platformPage(adminContext(request), { sites: withHosts, invitations, errors, values }), errors);
}
