import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ReceiptRow, SpendingRow } from '../../db/schema/relief.ts';
import type { FieldError } from '../../errors.ts';
import { ReliefBeneficiaryRepository } from '../../repositories/relief-beneficiary-repository.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { formatDay } from '../../services/documents/document-types.ts';
import { paginate } from '../../services/pagination.ts';
import { parseBeneficiaryForm, removeBeneficiary, saveBeneficiary } from '../../services/relief/beneficiaries.ts';
import { accountLabel, idList, loadCampaign } from '../../services/relief/campaigns.ts';
import { publicReceipt } from '../../services/relief/public-receipt.ts';
import { confirmReceipts, correctReceipt, deleteReceipt, loadReceipt, parseReceiptForm, recordReceipt, updateReceipt } from '../../services/relief/receipts.ts';
import { ENTRY_STATUS_NAMES, reliefAdminPaths } from '../../services/relief/relief-labels.ts';
import {
  confirmSpending,
  correctSpending,
  deleteSpending,
  loadSpending,
  parseSpendingForm,
  recordSpending,
  updateSpending,
} from '../../services/relief/spending.ts';
import { formatMoney, formatNumber } from '../../text/format.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import {
  type AdminEntryItem,
  beneficiariesSection,
  entryPage,
  receiptFields,
  receiptsPage,
  spendingFields,
  spendingPage,
} from '../../views/admin/relief-ledger.ts';
import { presentPublicSpending } from '../../views/relief-presenters.ts';
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

function receiptItem(r: ReceiptRow): AdminEntryItem {
  const p = publicReceipt(r);
  return {
    id: r.id,
    url: reliefAdminPaths.receipt(r.campaign_id, r.id),
    day: p.day,
    who: `${r.anonymous ? `Ẩn danh (${r.donor_name})` : r.donor_name}${r.note ? ` – ${r.note}` : ''}`,
    what: `${formatMoney(r.amount)}${p.goods ? ` – ${p.goods}` : ''}`,
    status: ENTRY_STATUS_NAMES[r.status],
    pending: r.status === 'pending',
    mark: p.mark,
  };
}

function spendingItem(s: SpendingRow): AdminEntryItem {
  const p = presentPublicSpending(s, []);
  return {
    id: s.id,
    url: reliefAdminPaths.spendingEntry(s.campaign_id, s.id),
    day: p.day,
    who: `${s.description} (${p.category}${p.beneficiaries ? `, ${p.beneficiaries}` : ''})`,
    what: p.what,
    status: ENTRY_STATUS_NAMES[s.status],
    pending: s.status === 'pending',
    mark: p.mark,
  };
}

const receiptValues = (r: ReceiptRow): Record<string, string> => ({
  kind: r.kind,
  amount: formatNumber(Math.abs(r.amount)),
  quantity: r.quantity ? formatNumber(Math.abs(r.quantity) / 1000) : '',
  unit: r.unit,
  donor_name: r.donor_name,
  anonymous: r.anonymous ? '1' : '',
  received_on: formatDay(r.received_on),
  channel: r.channel,
  bank_ref: r.bank_ref,
  account_id: r.account_id ? String(r.account_id) : '',
  note: r.note,
});

const spendingValues = (s: SpendingRow): Record<string, string> => ({
  kind: s.kind,
  amount: formatNumber(Math.abs(s.amount)),
  quantity: s.quantity ? formatNumber(Math.abs(s.quantity) / 1000) : '',
  unit: s.unit,
  category: s.category,
  programme: s.programme,
  house_work: s.house_work,
  description: s.description,
  beneficiary_count: String(Math.abs(s.beneficiary_count)),
  spent_on: formatDay(s.spent_on),
  handover_on: s.handover_on ? formatDay(s.handover_on) : '',
});

async function accountChoices(request: FastifyRequest, campaignId: number) {
  return (await new ReliefCampaignRepository(request.server.db, authOf(request).actor.siteId).campaignAccounts(campaignId)).map((a) => ({
    id: a.id,
    label: accountLabel(a),
  }));
}

async function sendReceipts(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldError[]) {
  const { id } = parse(CampaignParams, request.params);
  const { trang, 'trang-thai': status, q } = parse(ListQuery, request.query);
  const db = request.server.db;
  const campaign = await loadCampaign(db, authOf(request).actor.siteId, id);
  const ledger = new ReliefLedgerRepository(db, campaign.site_id);
  const filter = { status: status || undefined, foldedWords: foldVietnamese(q).split(/\s+/).filter(Boolean).slice(0, 8) };
  const pagination = paginate(await ledger.countReceipts(id, filter), trang, PAGE);
  const rows = await ledger.listReceipts(id, filter, PAGE, pagination.offset);
  const view = {
    campaignId: id,
    title: campaign.title,
    items: rows.map(receiptItem),
    pagination,
    status,
    q,
    values: { received_on: '', ...values },
    errors,
    accounts: await accountChoices(request, id),
  };
  return sendHtml(reply, receiptsPage(adminContext(request), view), errors.length ? 400 : 200);
}

async function sendSpending(request: FastifyRequest, reply: FastifyReply, values: Record<string, string>, errors: FieldError[]) {
  const { id } = parse(CampaignParams, request.params);
  const db = request.server.db;
  const campaign = await loadCampaign(db, authOf(request).actor.siteId, id);
  const rows = await new ReliefLedgerRepository(db, campaign.site_id).listSpending(id);
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
  const history = (await new ReliefLedgerRepository(db, siteId).receiptCorrections(r.id)).map(receiptItem);
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
    correctable: r.status === 'confirmed' && r.reverses_id === null && !history.some((h) => h.mark.startsWith('Bút toán hủy')),
    history,
    fields: receiptFields(values ?? receiptValues(r), errors, await accountChoices(request, id)),
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
  const history = (await new ReliefLedgerRepository(db, siteId).spendingCorrections(s.id)).map(spendingItem);
  const people = (await new ReliefBeneficiaryRepository(db, siteId).list(s.id)).map((b) => ({
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
    correctable: s.status === 'confirmed' && s.reverses_id === null && !history.some((h) => h.mark.startsWith('Bút toán hủy')),
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
