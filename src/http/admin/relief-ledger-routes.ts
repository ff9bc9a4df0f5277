import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../errors.ts';
import { parseBeneficiaryForm, removeBeneficiary, saveBeneficiary } from '../../services/relief/beneficiaries.ts';
import { campaignAccounts, receiptHistory, receiptsListing, spendingHistory, spendingListing } from '../../services/relief/admin-reads.ts';
import { idList } from '../../services/relief/campaigns.ts';
import { confirmReceipts, correctReceipt, deleteReceipt, loadReceipt, parseReceiptForm, recordReceipt, updateReceipt } from '../../services/relief/receipts.ts';
import { reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import {
  confirmSpending,
  correctSpending,
  deleteSpending,
  loadSpending,
  parseSpendingForm,
  recordSpending,
  updateSpending,
} from '../../services/relief/spending.ts';
import { beneficiariesSection, entryPage, receiptFields, receiptsPage, spendingFields, spendingPage } from '../../views/admin/relief-ledger.ts';
import { accountChoice, correctable, receiptItem, receiptValues, spendingItem, spendingValues } from '../../views/admin/relief-presenters.ts';
import { parse } from '../schemas.ts';
import { adminContext } from './context.ts';
import { authOf } from './guard.ts';
import { formStrings, isValidation, sendHtml } from '../replies.ts';

const CampaignParams = z.object({ id: z.coerce.number().int().positive() });
const EntryParams = z.object({ id: z.coerce.number().int().positive(), entry: z.coerce.number().int().positive() });
const PersonParams = EntryParams.extend({ person: z.coerce.number().int().positive() });
const ListQuery = z.object({
  trang: z.coerce.number().int().min(1).max(100_000).default(1),
  'trang-thai': z.enum(['', 'pending', 'confirmed']).default(''),
  q: z.string().max(200).default(''),
});
const IdsBody = z.object({ ids: idList });
const PAGE = 50;

async function sendReceipts(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldError[]) {
  const { id } = parse(CampaignParams, request.params);
  const { trang, 'trang-thai': status, q } = parse(ListQuery, request.query);
  const { campaign, rows, pagination, accounts } = await receiptsListing(request.server.db, authOf(request).actor.siteId, id, {
    page: trang,
    status,
    q,
    perPage: PAGE,
  });
  const view = {
    campaignId: id,
    title: campaign.title,
    items: rows.map(receiptItem),
    pagination,
    status,
    q,
    values: { received_on: '', ...values },
    errors,
    accounts: accounts.map(accountChoice),
  };
  return sendHtml(reply, receiptsPage(adminContext(request), view), errors.length ? 400 : 200);
}

async function sendSpending(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldError[]) {
  const { id } = parse(CampaignParams, request.params);
  const { campaign, rows } = await spendingListing(request.server.db, authOf(request).actor.siteId, id);
  return sendHtml(
    reply,
    spendingPage(adminContext(request), { campaignId: id, title: campaign.title, items: rows.map(spendingItem), values, errors }),
    errors.length ? 400 : 200,
  );
}

async function sendReceipt(request: FastifyRequest, reply: FastifyReply, values: Record<string, string> | null, errors: FieldError[] = []) {
  const { id, entry } = parse(EntryParams, request.params);
  const db = request.server.db;
  const siteId = authOf(request).actor.siteId;
  const r = await loadReceipt(db, siteId, entry);
  if (r.campaign_id !== id) return reply.redirect(reliefAdminPaths.receipt(r.campaign_id, r.id));
  const history = (await receiptHistory(db, siteId, r.id)).map(receiptItem);
  const item = receiptItem(r);
  const view = {
    kind: 'receipt' as const,
    campaignId: id,
    id: r.id,
    heading: `Khoản thu số ${r.id}`,
    details: [
      ['Ngày nhận', item.day],
      ['Người ủng hộ', item.who],
      ['Giá trị', item.what],
      ['Số tham chiếu', r.bank_ref || '—'],
      ['Trạng thái', item.status],
      ...(item.mark ? [['Ghi chú', item.mark]] : []),
    ] as Array<[string, string]>,
    pending: r.status === 'pending',
    correctable: correctable(r, history),
    history,
    fields: receiptFields(values ?? receiptValues(r), errors, (await campaignAccounts(db, siteId, id)).map(accountChoice)),
    errors,
    reason: values?.reason ?? '',
  };
  return sendHtml(reply, entryPage(adminContext(request), view), errors.length ? 400 : 200);
}

async function sendSpendingEntry(
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, string> | null,
  errors: FieldError[] = [],
  personErrors: FieldError[] = [],
) {
  const { id, entry } = parse(EntryParams, request.params);
  const db = request.server.db;
  const siteId = authOf(request).actor.siteId;
  const s = await loadSpending(db, siteId, entry);
  if (s.campaign_id !== id) return reply.redirect(reliefAdminPaths.spendingEntry(s.campaign_id, s.id));
  const found = await spendingHistory(db, siteId, s.id);
  const history = found.history.map(spendingItem);
  const people = found.people.map((b) => ({
    id: b.id,
    name: b.full_name,
    address: b.address,
    note: b.note,
    consent: b.consent_public === 1,
  }));
  const item = spendingItem(s);
  const base = reliefAdminPaths.spendingEntry(id, s.id);
  const view = {
    kind: 'spending' as const,
    campaignId: id,
    id: s.id,
    heading: `Khoản chi số ${s.id}`,
    details: [
      ['Ngày chi', item.day],
      ['Nội dung', item.who],
      ['Giá trị', item.what],
      ['Trạng thái', item.status],
      ...(item.mark ? [['Ghi chú', item.mark]] : []),
    ] as Array<[string, string]>,
    pending: s.status === 'pending',
    correctable: correctable(s, history),
    history,
    fields: spendingFields(values ?? spendingValues(s), errors),
    errors,
    reason: values?.reason ?? '',
    extra: beneficiariesSection(adminContext(request), base, people, personErrors),
  };
  return sendHtml(reply, entryPage(adminContext(request), view), errors.length || personErrors.length ? 400 : 200);
}

/** Runs a form action and redirects, or shows the page again with the form's field errors. */
async function formAction(
  request: FastifyRequest,
  reply: FastifyReply,
  run: () => Promise<string>,
  again: (values: Record<string, string>, errors: FieldError[]) => Promise<unknown>,
) {
  try {
    return reply.redirect(await run(), 303);
  } catch (error) {
    if (!isValidation(error)) throw error;
    return again(formStrings(request.body), error.fields);
  }
}

/** Newsroom pages of a campaign's ledger: receipts and spending, recorded, confirmed, corrected; the private list of beneficiaries. */
export function adminReliefLedgerRoutes(app: FastifyInstance): void {
  const actor = (request: FastifyRequest) => authOf(request).actor;
  const ids = (request: FastifyRequest) => parse(EntryParams, request.params);

  app.get('/quan-tri/van-dong/:id/khoan-thu', { config: { access: 'relief.edit' } }, (request, reply) => sendReceipts(request, reply, {}, []));
  app.post('/quan-tri/van-dong/:id/khoan-thu', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        const { id } = parse(CampaignParams, request.params);
        await recordReceipt(app.db, actor(request), id, parseReceiptForm(request.body));
        return `${reliefAdminPaths.receipts(id)}?trang-thai=pending&ok=luu`;
      },
      (values, errors) => sendReceipts(request, reply, values, errors),
    ),
  );
  app.post('/quan-tri/van-dong/:id/khoan-thu/xac-nhan', { config: { access: 'relief.confirm' } }, async (request, reply) => {
    const { id } = parse(CampaignParams, request.params);
    await confirmReceipts(app.db, actor(request), id, parse(IdsBody, request.body).ids);
    return reply.redirect(`${reliefAdminPaths.receipts(id)}?ok=luu`, 303);
  });
  app.get('/quan-tri/van-dong/:id/khoan-thu/:entry', { config: { access: 'relief.edit' } }, (request, reply) => sendReceipt(request, reply, null));
  app.post('/quan-tri/van-dong/:id/khoan-thu/:entry', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        await updateReceipt(app.db, actor(request), ids(request).entry, parseReceiptForm(request.body));
        return `${reliefAdminPaths.receipt(ids(request).id, ids(request).entry)}?ok=luu`;
      },
      (values, errors) => sendReceipt(request, reply, values, errors),
    ),
  );
  app.post('/quan-tri/van-dong/:id/khoan-thu/:entry/xoa', { config: { access: 'relief.edit' } }, async (request, reply) => {
    await deleteReceipt(app.db, actor(request), ids(request).entry);
    return reply.redirect(`${reliefAdminPaths.receipts(ids(request).id)}?ok=luu`, 303);
  });
  app.post('/quan-tri/van-dong/:id/khoan-thu/:entry/dieu-chinh', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        const body = formStrings(request.body);
        await correctReceipt(app.db, actor(request), ids(request).entry, body.huy === '1' ? null : parseReceiptForm(request.body), body.reason);
        return `${reliefAdminPaths.receipt(ids(request).id, ids(request).entry)}?ok=luu`;
      },
      (values, errors) => sendReceipt(request, reply, values, errors),
    ),
  );

  app.get('/quan-tri/van-dong/:id/khoan-chi', { config: { access: 'relief.edit' } }, (request, reply) => sendSpending(request, reply, {}, []));
  app.post('/quan-tri/van-dong/:id/khoan-chi', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        const { id } = parse(CampaignParams, request.params);
        await recordSpending(app.db, actor(request), id, parseSpendingForm(request.body));
        return `${reliefAdminPaths.spending(id)}?ok=luu`;
      },
      (values, errors) => sendSpending(request, reply, values, errors),
    ),
  );
  app.post('/quan-tri/van-dong/:id/khoan-chi/xac-nhan', { config: { access: 'relief.confirm' } }, async (request, reply) => {
    const { id } = parse(CampaignParams, request.params);
    await confirmSpending(app.db, actor(request), id, parse(IdsBody, request.body).ids);
    return reply.redirect(`${reliefAdminPaths.spending(id)}?ok=luu`, 303);
  });
  app.get('/quan-tri/van-dong/:id/khoan-chi/:entry', { config: { access: 'relief.edit' } }, (request, reply) => sendSpendingEntry(request, reply, null));
  app.post('/quan-tri/van-dong/:id/khoan-chi/:entry', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        await updateSpending(app.db, actor(request), ids(request).entry, parseSpendingForm(request.body));
        return `${reliefAdminPaths.spendingEntry(ids(request).id, ids(request).entry)}?ok=luu`;
      },
      (values, errors) => sendSpendingEntry(request, reply, values, errors),
    ),
  );
  app.post('/quan-tri/van-dong/:id/khoan-chi/:entry/xoa', { config: { access: 'relief.edit' } }, async (request, reply) => {
    await deleteSpending(app.db, actor(request), ids(request).entry);
    return reply.redirect(`${reliefAdminPaths.spending(ids(request).id)}?ok=luu`, 303);
  });
  app.post('/quan-tri/van-dong/:id/khoan-chi/:entry/dieu-chinh', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        const body = formStrings(request.body);
        await correctSpending(app.db, actor(request), ids(request).entry, body.huy === '1' ? null : parseSpendingForm(request.body), body.reason);
        return `${reliefAdminPaths.spendingEntry(ids(request).id, ids(request).entry)}?ok=luu`;
      },
      (values, errors) => sendSpendingEntry(request, reply, values, errors),
    ),
  );
  app.post('/quan-tri/van-dong/:id/khoan-chi/:entry/nguoi-nhan', { config: { access: 'relief.edit' } }, (request, reply) =>
    formAction(
      request,
      reply,
      async () => {
        await saveBeneficiary(app.db, actor(request), ids(request).entry, null, parseBeneficiaryForm(request.body));
        return `${reliefAdminPaths.spendingEntry(ids(request).id, ids(request).entry)}?ok=luu`;
      },
      (_values, errors) => sendSpendingEntry(request, reply, null, [], errors),
    ),
  );
  app.post('/quan-tri/van-dong/:id/khoan-chi/:entry/nguoi-nhan/:person/xoa', { config: { access: 'relief.edit' } }, async (request, reply) => {
    const p = parse(PersonParams, request.params);
    await removeBeneficiary(app.db, actor(request), p.entry, p.person);
    return reply.redirect(`${reliefAdminPaths.spendingEntry(p.id, p.entry)}?ok=luu`, 303);
  });
}
