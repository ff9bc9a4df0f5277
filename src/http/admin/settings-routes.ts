import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { UserRepository } from '../../repositories/user-repository.ts';
import { totpUri } from '../../services/auth/totp.ts';
import { createSite, listSitesWithHosts, updateSiteSettings } from '../../services/site-service.ts';
import { beginTotpEnrolment, changeOwnPassword, confirmTotpEnrolment } from '../../services/users/user-service.ts';
import { accountPage, settingsPage } from '../../views/admin/settings.ts';
import { platformPage } from '../../views/admin/platform.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formOf, isValidation, sendHtml } from '../replies.ts';

const body = (request: FastifyRequest) => formOf(request.body) as Record<string, string>;

async function renderAccount(request: FastifyRequest, reply: FastifyReply, errors: FieldError[] = []) {
  const { user } = authOf(request);
  const fresh = (await new UserRepository(request.server.db).findById(user.id)) ?? user;
  const enrolling = !fresh.totp_enabled && fresh.totp_secret;
  const enrolment = enrolling
    ? { secret: fresh.totp_secret!, qrSvg: await QRCode.toString(totpUri(fresh.totp_secret!, fresh.email, 'xaphuong'), { type: 'svg', margin: 1, width: 200 }) }
    : null;
  const page = accountPage(adminContext(request), {
    mustChangePassword: fresh.must_change_password === 1,
    totpEnabled: fresh.totp_enabled === 1,
    totpRequired: siteOf(request).require_totp === 1,
    enrolment,
    errors,
  });
  return sendHtml(reply, page, errors);
}

/** Site settings, the user's own account, and the province-level list of sites. */
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

  app.get('/quan-tri/tai-khoan', { config: { access: 'signed_in' } }, (request, reply) => renderAccount(request, reply));

  app.post('/quan-tri/tai-khoan/mat-khau', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor } = authOf(request);
    try {
      await changeOwnPassword(app.db, actor.userId, body(request).current_password ?? '', body(request).new_password ?? '', actor);
      return reply.redirect('/quan-tri/tai-khoan?ok=mat-khau', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderAccount(request, reply, error.fields);
    }
  });

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc/bat-dau', { config: { access: 'signed_in' } }, async (request, reply) => {
    await beginTotpEnrolment(app.db, authOf(request).actor.userId);
    return reply.redirect('/quan-tri/tai-khoan#hai-buoc', 303);
  });

  app.post('/quan-tri/tai-khoan/xac-thuc-hai-buoc', { config: { access: 'signed_in' } }, async (request, reply) => {
    const { actor } = authOf(request);
    try {
      await confirmTotpEnrolment(
        app.db,
        actor.userId,
        z
          .string()
          .max(20)
          .parse(body(request).code ?? ''),
        actor,
      );
      return reply.redirect('/quan-tri/tai-khoan?ok=2fa', 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderAccount(request, reply, error.fields);
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
  return sendHtml(reply, platformPage(adminContext(request), { sites: withHosts, errors, values }), errors);
}
