import type { Kysely } from 'kysely';
import { z } from 'zod';
import { inTransaction, nowIso } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';
import type { CampaignStatus, ReliefAccountRow, ReliefCampaignRow } from '../../db/schema/relief.ts';
import { AppError, validationError } from '../../errors.ts';
import { ReliefCampaignRepository } from '../../repositories/relief-campaign-repository.ts';
import { slugify, toNfc } from '../../text/vietnamese.ts';
import { recordAudit } from '../audit-service.ts';
import { parseDay } from '../documents/document-types.ts';
import { type Actor, can } from '../permissions.ts';
import { parseInput } from '../validation.ts';
import { parseAmount } from './bank-values.ts';
import { campaignChanged } from './relief-index.ts';

const text = (max: number) => z.string().trim().max(max, `tối đa ${max} ký tự`).transform(toNfc);
const required = (max: number) => text(max).pipe(z.string().min(1, 'không được để trống'));
const DAY = 'ngày phải viết dd/mm/yyyy và có thật';
/** A day typed dd/mm/yyyy, stored yyyy-mm-dd. */
export const requiredDay = z
  .string({ message: 'không được để trống' })
  .trim()
  .min(1, 'không được để trống')
  .transform((value, ctx) => parseDay(value) ?? (ctx.addIssue({ code: 'custom', message: DAY }), z.NEVER));
export const optionalDay = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx) => (value ? (parseDay(value) ?? (ctx.addIssue({ code: 'custom', message: DAY }), z.NEVER)) : null));
/** An amount of đồng typed as 1.000.000, 50,000 or 50000. */
export const money = z
  .string({ message: 'không được để trống' })
  .trim()
  .transform((value, ctx) => {
    const amount = parseAmount(value);
    if (amount === null || amount < 0) {
      ctx.addIssue({ code: 'custom', message: 'số tiền phải là số đồng, ví dụ 200.000' });
      return z.NEVER;
    }
    return amount;
  });
/** Ids ticked in a form: one value comes as a string, several as an array, none at all when nothing is ticked. */
export const idList = z
  .union([z.string(), z.array(z.string())])
  .default([])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(/^[1-9]\d{0,9}$/, 'mục chọn không hợp lệ')
          .transform(Number),
      )
      .max(5000, 'chọn quá nhiều mục'),
  );

export const CampaignFormSchema = z
  .object({
    title: required(200),
    purpose: required(4000),
    starts_on: requiredDay,
    ends_on: optionalDay,
    target_amount: z
      .string()
      .trim()
      .default('')
      .pipe(z.union([z.literal('').transform(() => null), money])),
    account_ids: idList,
  })
  .superRefine((form, ctx) => {
    if (form.ends_on && form.ends_on < form.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'không được trước ngày bắt đầu' });
  });
export type CampaignForm = z.output<typeof CampaignFormSchema>;

export function parseCampaignForm(input: unknown): CampaignForm {
  return parseInput(CampaignFormSchema, input);
}

export const AccountFormSchema = z.object({
  bank_name: required(120),
  account_number: required(40).pipe(z.string().regex(/^[0-9A-Za-z .-]+$/, 'chỉ gồm chữ số, chữ cái, dấu chấm hoặc gạch ngang')),
  account_name: required(200),
});
export type AccountForm = z.output<typeof AccountFormSchema>;

export function parseAccountForm(input: unknown): AccountForm {
  return parseInput(AccountFormSchema, input);
}

/** Who an audit entry names. */
export const who = (actor: Actor) => ({ userId: actor.userId, email: actor.email, siteId: actor.siteId, ip: actor.ip });

export function requireRelief(actor: Actor, permission: 'relief.edit' | 'relief.confirm'): void {
  if (!can(actor, permission)) throw new AppError('forbidden');
}

/** A campaign of the site, or not_found; never another site's. */
export async function loadCampaign(db: Kysely<Database>, siteId: number, id: number): Promise<ReliefCampaignRow> {
  const campaign = await new ReliefCampaignRepository(db, siteId).findById(id);
  if (!campaign) throw new AppError('not_found', 'Không tìm thấy cuộc vận động.');
  return campaign;
}

async function freeSlug(campaigns: ReliefCampaignRepository, title: string): Promise<string> {
  const root = slugify(title) || 'van-dong';
  const taken = new Set(await campaigns.slugsLike(root));
  if (!taken.has(root)) return root;
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`;
}

/** Creates (id null) or updates a campaign and its accounts, audited; a new campaign is a draft. The address stays as first given. */
export async function saveCampaign(db: Kysely<Database>, actor: Actor, id: number | null, form: CampaignForm): Promise<{ id: number }> {
  requireRelief(actor, 'relief.edit');
  return inTransaction(db, async (trx) => {
    const campaigns = new ReliefCampaignRepository(trx, actor.siteId);
    const accounts = await campaigns.accounts();
    const accountIds = [...new Set(form.account_ids)];
    if (accountIds.some((a) => !accounts.some((x) => x.id === a)))
      throw validationError([{ field: 'account_ids', message: 'chỉ chọn được tài khoản của cổng này' }]);
    const now = nowIso();
    const values = {
      title: form.title,
      purpose: form.purpose,
      starts_on: form.starts_on,
      ends_on: form.ends_on,
      target_amount: form.target_amount,
      updated_by: actor.userId,
      updated_at: now,
    };
    let campaignId: number;
    if (id === null) {
      campaignId = await campaigns.insert({
        ...values,
        slug: await freeSlug(campaigns, form.title),
        status: 'draft',
        published_at: null,
        created_by: actor.userId,
        created_at: now,
      });
    } else {
      campaignId = (await loadCampaign(trx, actor.siteId, id)).id;
      await campaigns.update(campaignId, values);
    }
    await campaigns.setCampaignAccounts(campaignId, accountIds);
    await recordAudit(trx, who(actor), {
      action: id === null ? 'relief.campaign_created' : 'relief.campaign_updated',
      targetType: 'relief_campaign',
      targetId: campaignId,
      summary: form.title,
    });
    await campaignChanged(trx, actor.siteId, campaignId);
    return { id: campaignId };
  });
}

const STATUS_ACTIONS: Record<Exclude<CampaignStatus, 'draft'>, string> = { open: 'relief.campaign_opened', closed: 'relief.campaign_closed' };

/** Makes a campaign public (open) or ends it (closed); an approver's decision, audited. A closed campaign can be reopened. */
export async function setCampaignStatus(db: Kysely<Database>, actor: Actor, id: number, status: 'open' | 'closed'): Promise<void> {
  requireRelief(actor, 'relief.confirm');
  await inTransaction(db, async (trx) => {
    const campaign = await loadCampaign(trx, actor.siteId, id);
    if (campaign.status === status) return;
    if (campaign.status === 'draft' && status === 'closed') throw new AppError('invalid_transition', 'Cuộc vận động chưa công khai thì chưa kết thúc được.');
    const now = nowIso();
    await new ReliefCampaignRepository(trx, actor.siteId).setStatus(id, status, campaign.published_at ?? now, now);
    await recordAudit(trx, who(actor), { action: STATUS_ACTIONS[status], targetType: 'relief_campaign', targetId: id, summary: campaign.title });
    await campaignChanged(trx, actor.siteId, id);
  });
}

/** Adds (id null) or changes a bank account of the site, audited. */
export async function saveAccount(db: Kysely<Database>, actor: Actor, id: number | null, form: AccountForm): Promise<{ id: number }> {
  requireRelief(actor, 'relief.edit');
  return inTransaction(db, async (trx) => {
    const campaigns = new ReliefCampaignRepository(trx, actor.siteId);
    const same = (await campaigns.findAccountByNumber(form.account_number)).find((a) => a.bank_name === form.bank_name && a.id !== id);
    if (same) throw validationError([{ field: 'account_number', message: 'tài khoản này đã có' }]);
    const now = nowIso();
    let accountId: number;
    if (id === null) {
      accountId = await campaigns.insertAccount({ ...form, created_at: now });
    } else {
      const existing = await campaigns.findAccount(id);
      if (!existing) throw new AppError('not_found', 'Không tìm thấy tài khoản.');
      accountId = existing.id;
      await campaigns.updateAccount(accountId, { ...form, updated_at: now });
    }
    await recordAudit(trx, who(actor), {
      action: id === null ? 'relief.account_created' : 'relief.account_updated',
      targetType: 'relief_account',
      targetId: accountId,
      summary: accountLabel(form),
    });
    return { id: accountId };
  });
}

/** "Vietcombank 0123456789 – Ủy ban MTTQ phường 1". */
export function accountLabel(account: Pick<ReliefAccountRow, 'bank_name' | 'account_number' | 'account_name'>): string {
  return `${account.bank_name} ${account.account_number} – ${account.account_name}`;
}
