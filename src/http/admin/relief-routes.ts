import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { formatDay } from '../../services/documents/document-types.ts';
import { draftAnnualSummary } from '../../services/relief/annual-summary.ts';
import {
  accountLabel,
  loadCampaign,
  parseAccountForm,
  parseCampaignForm,
  saveAccount,
  saveCampaign,
  setCampaignStatus,
} from '../../services/relief/campaigns.ts';
import { figureChoices } from '../../services/relief/figures.ts';
import { ledgerSummary, yearScope } from '../../services/relief/ledger-summary.ts';
import { CAMPAIGN_STATUS_NAMES, reliefAdminPaths, reliefPaths } from '../../services/relief/relief-labels.ts';
import { authorityName } from '../../services/site-service.ts';
import { type CampaignFormValues, accountsPage, campaignAdminListPage, campaignFormPage, summaryPage } from '../../views/admin/relief.ts';
import { periodText, presentTotals } from '../../views/relief-presenters.ts';
import { formatMoney } from '../../text/format.ts';
import { formStrings, isValidation, sendHtml } from '../replies.ts';
import { parse } from '../schemas.ts';
import { siteOf } from '../site-context.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';

const IdParams = z.object({ id: z.coerce.number().int().positive() });

async function renderCampaign(request: FastifyRequest, reply: FastifyReply, id: number | null, values: CampaignFormValues | null, errors: FieldError[] = []) {
  const { actor } = authOf(request);
  const db = request.server.db;
  const campaigns = new ReliefCampaignRepository(db, actor.siteId);
  const accounts = (await campaigns.accounts()).map((a) => ({ id: a.id, label: accountLabel(a) }));
  const campaign = id === null ? null : await loadCampaign(db, actor.siteId, id);
  const ledger = new ReliefLedgerRepository(db, actor.siteId);
  const linked = campaign ? await campaigns.campaignAccounts(campaign.id) : [];
  const saved: CampaignFormValues = campaign
    ? {
        title: campaign.title,
        purpose: campaign.purpose,
        starts_on: formatDay(campaign.starts_on),
        ends_on: campaign.ends_on ? formatDay(campaign.ends_on) : '',
        target_amount: campaign.target_amount ? formatMoney(campaign.target_amount).replace('đ', '') : '',
        account_ids: linked.map((a) => String(a.id)),
      }
    : { title: '', purpose: '', starts_on: '', ends_on: '', target_amount: '', account_ids: accounts.length === 1 ? [String(accounts[0]!.id)] : [] };
  const page = campaignFormPage(adminContext(request), {
    id,
    values: values ?? saved,
    errors,
    accounts,
    status: campaign ? CAMPAIGN_STATUS_NAMES[campaign.status] : null,
    statusKey: campaign?.status ?? null,
    publicUrl: campaign && campaign.status !== 'draft' ? reliefPaths.campaign(campaign.slug) : null,
    totals: campaign ? presentTotals(await ledgerSummary(db, actor.siteId, { campaignId: campaign.id })) : null,
    pending: campaign
      ? { receipts: await ledger.countReceipts(campaign.id, { status: 'pending' }), spending: (await ledger.listSpending(campaign.id, 'pending')).length }
      : { receipts: 0, spending: 0 },
  });
  return sendHtml(reply, page, errors.length ? 400 : 200);
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
    const siteId = authOf(request).actor.siteId;
    const items = [];
    for (const c of await new ReliefCampaignRepository(app.db, siteId).list()) {
      const s = await ledgerSummary(app.db, siteId, { campaignId: c.id });
      items.push({
        id: c.id,
        title: c.title,
        status: CAMPAIGN_STATUS_NAMES[c.status],
        period: periodText(c),
        received: formatMoney(s.received.total),
        pending: 0,
      });
    }
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

  app.get('/quan-tri/api/van-dong/so-lieu', { config: { access: 'relief.edit' } }, async (request) => {
    const siteId = authOf(request).actor.siteId;
    const campaigns = await new ReliefCampaignRepository(app.db, siteId).list(true);
    const scopes = [];
    for (const c of campaigns)
      scopes.push({ scope: `c${c.id}`, name: c.title, choices: figureChoices(await ledgerSummary(app.db, siteId, { campaignId: c.id })) });
    const years = [...new Set(campaigns.map((c) => Number(c.starts_on.slice(0, 4))))].sort((a, b) => b - a);
    for (const y of years)
      scopes.push({ scope: `y${y}`, name: `Cả năm ${y}`, choices: figureChoices(await ledgerSummary(app.db, siteId, { ...yearScope(y), publicOnly: true })) });
    return { data: scopes };
  });

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
  const accounts = await new ReliefCampaignRepository(request.server.db, authOf(request).actor.siteId).accounts();
  const view = { accounts: accounts.map((a) => ({ id: a.id, label: accountLabel(a), remembered: a.column_mapping !== '' })), values, errors };
  return sendHtml(reply, accountsPage(adminContext(request), view), errors.length ? 400 : 200);
}
