import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { campaignFormData, campaignsWithSummaries, figureScopes, siteAccounts } from '../../services/relief/admin-reads.ts';
import { draftAnnualSummary } from '../../services/relief/annual-summary.ts';
import { accountLabel, parseAccountForm, parseCampaignForm, saveAccount, saveCampaign, setCampaignStatus } from '../../services/relief/campaigns.ts';
import { reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import { authorityName } from '../../services/site-service.ts';
import { type CampaignFormValues, accountsPage, campaignAdminListPage, campaignFormPage, summaryPage } from '../../views/admin/relief.ts';
import { presentCampaignForm, presentCampaignListItem } from '../../views/admin/relief-presenters.ts';
import { formStrings, isValidation, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

async function renderCampaign(request: FastifyRequest, reply: FastifyReply, id: number | null, values: CampaignFormValues | null, errors: FieldError[] = []) {
  const data = await campaignFormData(request.server.db, authOf(request).actor.siteId, id);
  return sendHtml(reply, campaignFormPage(adminContext(request), presentCampaignForm(id, data, values, errors)), errors.length ? 400 : 200);
}

const campaignValues = (body: unknown): CampaignFormValues => {
  const v = formStrings(body);
  const ids = (body as Record<string, unknown> | undefined)?.account_ids;
  return {
    title: v.title ?? '',
    purpose: v.purpose ?? '',
    starts_on: v.starts_on ?? '',
    ends_on: v.ends_on ?? '',
    target_amount: v.target_amount ?? '',
    account_ids: Array.isArray(ids) ? ids.map(String) : ids ? [String(ids)] : [],
  };
};

/** Newsroom pages of Vận động – cứu trợ: campaigns, their status, bank accounts, the annual summary, and the editor's figure list. */
export function adminReliefRoutes(app: FastifyInstance): void {
  app.get('/quan-tri/van-dong', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const items = (await campaignsWithSummaries(app.db, authOf(request).actor.siteId)).map(presentCampaignListItem);
    return sendHtml(reply, campaignAdminListPage(adminContext(request), items));
  });

  app.get('/quan-tri/van-dong/moi', { config: { access: 'relief.edit' } }, (request, reply) => renderCampaign(request, reply, null, null));

  app.post('/quan-tri/van-dong', { config: { access: 'relief.edit' } }, async (request, reply) => {
    try {
      const { id } = await saveCampaign(app.db, authOf(request).actor, null, parseCampaignForm(request.body));
      return reply.redirect(`${reliefAdminPaths.campaign(id)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderCampaign(request, reply, null, campaignValues(request.body), error.fields);
    }
  });

  app.get('/quan-tri/van-dong/tai-khoan', { config: { access: 'relief.edit' } }, async (request, reply) => sendAccounts(request, reply, {}, []));

  app.post('/quan-tri/van-dong/tai-khoan', { config: { access: 'relief.edit' } }, async (request, reply) => {
    try {
      await saveAccount(app.db, authOf(request).actor, null, parseAccountForm(request.body));
      return reply.redirect(`${reliefAdminPaths.accounts()}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return sendAccounts(request, reply, formStrings(request.body), error.fields);
    }
  });

  app.get('/quan-tri/van-dong/tong-ket', { config: { access: 'relief.edit' } }, (request, reply) =>
    sendHtml(reply, summaryPage(adminContext(request), { year: String(new Date().getFullYear() - 1), errors: [] })),
  );

  app.post('/quan-tri/van-dong/tong-ket', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const year = formStrings(request.body).year ?? '';
    try {
      const { articleId } = await draftAnnualSummary(
        app.db,
        authOf(request).actor,
        authorityName(siteOf(request)),
        /^\d{4}$/.test(year.trim()) ? Number(year) : Number.NaN,
      );
      return reply.redirect(`/quan-tri/bai-viet/${articleId}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return sendHtml(reply, summaryPage(adminContext(request), { year, errors: error.fields }), 400);
    }
  });

  app.get('/quan-tri/api/van-dong/so-lieu', { config: { access: 'relief.edit' } }, async (request) => ({
    data: await figureScopes(app.db, authOf(request).actor.siteId),
  }));

  app.get('/quan-tri/van-dong/:id', { config: { access: 'relief.edit' } }, async (request, reply) =>
    renderCampaign(request, reply, parse(IdParams, request.params).id, null),
  );

  app.post('/quan-tri/van-dong/:id', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const { id } = parse(IdParams, request.params);
    try {
      await saveCampaign(app.db, authOf(request).actor, id, parseCampaignForm(request.body));
      return reply.redirect(`${reliefAdminPaths.campaign(id)}?ok=luu`, 303);
    } catch (error) {
      if (!isValidation(error)) throw error;
      return renderCampaign(request, reply, id, campaignValues(request.body), error.fields);
    }
  });

  for (const [path, status, ok] of [
    ['cong-khai', 'open', 'xuat-ban'],
    ['ket-thuc', 'closed', 'luu'],
  ] as const) {
    app.post(`/quan-tri/van-dong/:id/${path}`, { config: { access: 'relief.confirm' } }, async (request, reply) => {
      const { id } = parse(IdParams, request.params);
      await setCampaignStatus(app.db, authOf(request).actor, id, status);
      return reply.redirect(`${reliefAdminPaths.campaign(id)}?ok=${ok}`, 303);
    });
  }
}

async function sendAccounts(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldError[]) {
  const accounts = await siteAccounts(request.server.db, authOf(request).actor.siteId);
  const view = { accounts: accounts.map((a) => ({ id: a.id, label: accountLabel(a), remembered: a.column_mapping !== '' })), values, errors };
  return sendHtml(reply, accountsPage(adminContext(request), view), errors.length ? 400 : 200);
}
