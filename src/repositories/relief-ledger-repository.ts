import { type Kysely, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { EntryStatus, NewReceipt, NewSpending, ReceiptRow, SpendingRow } from '../db/schema/relief.ts';
import { likePattern } from './like.ts';

/** Which confirmed rows a total covers: one campaign or the whole site, received or spent between two days, confirmed by an instant. */
export interface LedgerScope {
  campaignId?: number | undefined;
  /** First and last day included, yyyy-mm-dd. */
  from?: string | undefined;
  to?: string | undefined;
  /** Only rows confirmed at or before this instant (ISO): a figure as it stood then. */
  asOf?: string | undefined;
  /** Only campaigns the public can see (open or closed): what public pages and articles total. */
  publicOnly?: boolean | undefined;
}

/** Sums of confirmed receipts of one kind and unit. */
export interface ReceiptSum {
  kind: 'cash' | 'goods';
  unit_key: string;
  unit: string;
  amount: number;
  quantity: number;
  rows: number;
  reversals: number;
}

/** Sums of confirmed spending of one kind, unit, category and programme. */
export interface SpendingSum {
  kind: 'cash' | 'goods';
  unit_key: string;
  unit: string;
  category: string;
  programme: string;
  house_work: string;
  amount: number;
  quantity: number;
  beneficiaries: number;
  houses: number;
}

/** Admin list filters of a campaign's ledger rows. */
export interface LedgerListFilter {
  status?: EntryStatus | undefined;
  importId?: number | undefined;
  /** Folded words that must all appear. */
  foldedWords?: string[] | undefined;
}

const num = (v: unknown) => Number(v ?? 0);

/** SQL for one site's receipts and spending. Every query is bound to the site given at construction. */
export class ReliefLedgerRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly siteId: number,
  ) {}

  private scoped<T extends 'relief_receipts' | 'relief_spending', O>(query: SelectQueryBuilder<Database, T, O>, table: T, scope: LedgerScope) {
    const day = table === 'relief_receipts' ? 'received_on' : 'spent_on';
    let q = query.where(sql.ref(`${table}.site_id`), '=', this.siteId).where(sql.ref(`${table}.status`), '=', 'confirmed');
    if (scope.campaignId !== undefined) q = q.where(sql.ref(`${table}.campaign_id`), '=', scope.campaignId);
    if (scope.from) q = q.where(sql.ref(`${table}.${day}`), '>=', scope.from);
    if (scope.to) q = q.where(sql.ref(`${table}.${day}`), '<=', scope.to);
    if (scope.asOf) q = q.where(sql.ref(`${table}.confirmed_at`), '<=', scope.asOf);
    if (scope.publicOnly) {
      q = q.where(
        sql<SqlBool>`${sql.ref(`${table}.campaign_id`)} in (select c.id from relief_campaigns c where c.site_id = ${this.siteId} and c.status <> 'draft')`,
      );
    }
    return q;
  }

  /** Confirmed receipts summed by kind and unit. */
  async receiptSums(scope: LedgerScope): Promise<ReceiptSum[]> {
    const rows = await this.scoped(this.db.selectFrom('relief_receipts'), 'relief_receipts', scope)
      .select((eb) => [
        'kind',
        'unit_key',
        eb.fn.max('unit').as('unit'),
        eb.fn.sum('amount').as('amount'),
        eb.fn.sum('quantity').as('quantity'),
        eb.fn.countAll().as('rows'),
        eb.fn.count('reverses_id').as('reversals'),
      ])
      .groupBy(['kind', 'unit_key'])
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      unit_key: r.unit_key,
      unit: String(r.unit ?? ''),
      amount: num(r.amount),
      quantity: num(r.quantity),
      rows: num(r.rows),
      reversals: num(r.reversals),
    }));
  }

  /** Confirmed spending summed by kind, unit, category, programme and work. */
  async spendingSums(scope: LedgerScope): Promise<SpendingSum[]> {
    const rows = await this.scoped(this.db.selectFrom('relief_spending'), 'relief_spending', scope)
      .select((eb) => [
        'kind',
        'unit_key',
        eb.fn.max('unit').as('unit'),
        'category',
        'programme',
        'house_work',
        eb.fn.sum('amount').as('amount'),
        eb.fn.sum('quantity').as('quantity'),
        eb.fn.sum('beneficiary_count').as('beneficiaries'),
        eb.fn.sum('house_count').as('houses'),
      ])
      .groupBy(['kind', 'unit_key', 'category', 'programme', 'house_work'])
      .execute();
    return rows.map((r) => ({
      kind: r.kind,
      unit_key: r.unit_key,
      unit: String(r.unit ?? ''),
      category: r.category,
      programme: r.programme,
      house_work: r.house_work,
      amount: num(r.amount),
      quantity: num(r.quantity),
      beneficiaries: num(r.beneficiaries),
      houses: num(r.houses),
    }));
  }

  /** Value received and spent per month (yyyy-mm), for the chart over time. */
  async monthly(scope: LedgerScope): Promise<Array<{ month: string; received: number; spent: number }>> {
    const received = await this.scoped(this.db.selectFrom('relief_receipts'), 'relief_receipts', scope)
      .select((eb) => [sql<string>`substr(received_on, 1, 7)`.as('month'), eb.fn.sum('amount').as('amount')])
      .groupBy(sql`substr(received_on, 1, 7)`)
      .execute();
    const spent = await this.scoped(this.db.selectFrom('relief_spending'), 'relief_spending', scope)
      .select((eb) => [sql<string>`substr(spent_on, 1, 7)`.as('month'), eb.fn.sum('amount').as('amount')])
      .groupBy(sql`substr(spent_on, 1, 7)`)
      .execute();
    const months = new Map<string, { month: string; received: number; spent: number }>();
    const at = (month: string) => months.get(month) ?? months.set(month, { month, received: 0, spent: 0 }).get(month)!;
    for (const r of received) at(r.month).received += num(r.amount);
    for (const s of spent) at(s.month).spent += num(s.amount);
    return [...months.values()].sort((a, b) => a.month.localeCompare(b.month));
  }

  // ------------------------------------------------------------ receipts

  async insertReceipt(receipt: Omit<NewReceipt, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('relief_receipts')
      .values({ ...receipt, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findReceipt(id: number): Promise<ReceiptRow | undefined> {
    return this.db.selectFrom('relief_receipts').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async findReceipts(ids: number[]): Promise<ReceiptRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('relief_receipts').selectAll().where('site_id', '=', this.siteId).where('id', 'in', ids).execute();
  }

  /** The rows that correct a receipt (its reversal and replacement), oldest first. */
  async receiptCorrections(id: number): Promise<ReceiptRow[]> {
    return this.db
      .selectFrom('relief_receipts')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where((eb) => eb.or([eb('reverses_id', '=', id), eb('replaces_id', '=', id)]))
      .orderBy('id')
      .execute();
  }

  /** Which of these receipts have a confirmed reversal: the statement marks them corrected. */
  async reversedReceipts(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('relief_receipts')
      .select(['id', 'reverses_id'])
      .where('site_id', '=', this.siteId)
      .where('status', '=', 'confirmed')
      .where('reverses_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.reverses_id!, r.id]));
  }

  /** Updates a pending receipt; a confirmed one is never changed (the condition makes sure). Returns whether it changed. */
  async updatePendingReceipt(id: number, changes: Partial<Omit<NewReceipt, 'id' | 'site_id' | 'status'>>): Promise<boolean> {
    const result = await this.db
      .updateTable('relief_receipts')
      .set(changes)
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deletePendingReceipt(id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('relief_receipts')
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Confirms pending receipts by id; returns how many were pending. */
  async confirmReceipts(ids: number[], userId: number | null, at: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('relief_receipts')
      .set({ status: 'confirmed', confirmed_by: userId, confirmed_at: at })
      .where('site_id', '=', this.siteId)
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The pending receipts of an import, in id order, a batch at a time. */
  async pendingOfImport(importId: number, afterId: number, limit: number): Promise<ReceiptRow[]> {
    return this.db
      .selectFrom('relief_receipts')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where('import_id', '=', importId)
      .where('status', '=', 'pending')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  private receiptList(campaignId: number, filter: LedgerListFilter) {
    let q = this.db.selectFrom('relief_receipts').where('site_id', '=', this.siteId).where('campaign_id', '=', campaignId);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.importId !== undefined) q = q.where('import_id', '=', filter.importId);
    for (const word of filter.foldedWords ?? []) q = q.where(likePattern('search_text', '%', word, '%'));
    return q;
  }

  /** A campaign's receipts for the newsroom, latest day first. */
  async listReceipts(campaignId: number, filter: LedgerListFilter, limit: number, offset: number): Promise<ReceiptRow[]> {
    return this.receiptList(campaignId, filter).selectAll().orderBy('received_on', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  }

  async countReceipts(campaignId: number, filter: LedgerListFilter): Promise<number> {
    const row = await this.receiptList(campaignId, filter)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return num(row.n);
  }

  /** Confirmed receipts in statement order (day, then id) after a position, a batch at a time: downloads stream the whole statement. */
  async confirmedInDayOrder(campaignId: number, after: { day: string; id: number } | null, limit: number): Promise<ReceiptRow[]> {
    let q = this.db
      .selectFrom('relief_receipts')
      .selectAll()
      .where('campaign_id', '=', campaignId)
      .where('status', '=', 'confirmed')
      .where('site_id', '=', this.siteId);
    if (after) q = q.where((eb) => eb.or([eb('received_on', '>', after.day), eb.and([eb('received_on', '=', after.day), eb('id', '>', after.id)])]));
    return q.orderBy('received_on').orderBy('id').limit(limit).execute();
  }

  // ------------------------------------------------------------ words

  /** Adds the statement words of confirmed receipts. */
  async insertWords(rows: Array<{ campaign_id: number; word: string; received_on: string; receipt_id: number; amount: number }>): Promise<void> {
    for (let i = 0; i < rows.length; i += 1000)
      await this.db
        .insertInto('relief_receipt_words')
        .values(rows.slice(i, i + 1000))
        .execute();
  }

  // ------------------------------------------------------------ spending

  async insertSpending(spending: Omit<NewSpending, 'site_id'>): Promise<number> {
    const row = await this.db
      .insertInto('relief_spending')
      .values({ ...spending, site_id: this.siteId })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async findSpending(id: number): Promise<SpendingRow | undefined> {
    return this.db.selectFrom('relief_spending').selectAll().where('site_id', '=', this.siteId).where('id', '=', id).executeTakeFirst();
  }

  async spendingCorrections(id: number): Promise<SpendingRow[]> {
    return this.db
      .selectFrom('relief_spending')
      .selectAll()
      .where('site_id', '=', this.siteId)
      .where((eb) => eb.or([eb('reverses_id', '=', id), eb('replaces_id', '=', id)]))
      .orderBy('id')
      .execute();
  }

  async updatePendingSpending(id: number, changes: Partial<Omit<NewSpending, 'id' | 'site_id' | 'status'>>): Promise<boolean> {
    const result = await this.db
      .updateTable('relief_spending')
      .set(changes)
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async deletePendingSpending(id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('relief_spending')
      .where('site_id', '=', this.siteId)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async confirmSpending(ids: number[], userId: number | null, at: string): Promise<number> {
    if (ids.length === 0) return 0;
    const result = await this.db
      .updateTable('relief_spending')
      .set({ status: 'confirmed', confirmed_by: userId, confirmed_at: at })
      .where('site_id', '=', this.siteId)
      .where('id', 'in', ids)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** A campaign's spending, latest day first; confirmed only for the public page. */
  async listSpending(campaignId: number, status?: EntryStatus): Promise<SpendingRow[]> {
    let q = this.db.selectFrom('relief_spending').selectAll().where('site_id', '=', this.siteId).where('campaign_id', '=', campaignId);
    if (status) q = q.where('status', '=', status);
    return q.orderBy('spent_on', 'desc').orderBy('id', 'desc').execute();
  }

  /** Which of these spending rows have a confirmed reversal. */
  async reversedSpending(ids: number[]): Promise<Map<number, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('relief_spending')
      .select(['id', 'reverses_id'])
      .where('site_id', '=', this.siteId)
      .where('status', '=', 'confirmed')
      .where('reverses_id', 'in', ids)
      .execute();
    return new Map(rows.map((r) => [r.reverses_id!, r.id]));
  }
}
