import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type LedgerScope, ReliefLedgerRepository, type ReceiptSum, type SpendingSum } from '../../repositories/relief-ledger-repository.ts';
import { BENEFICIARY_CATEGORIES, categoryName } from './relief-labels.ts';

/**
 * The one engine behind every relief figure: the public statement page, the
 * yearly page, figures in articles and the annual summary all read totals
 * from here. Each total is the sum of the parts listed beside it, computed
 * from confirmed rows, so no total can come out smaller than one of its parts.
 */

/** Goods of one unit: quantity in thousandths of the unit, value in đồng. */
export interface GoodsLine {
  unitKey: string;
  unit: string;
  quantity: number;
  value: number;
}

/** Support to one category of beneficiary. */
export interface CategoryLine {
  category: string;
  name: string;
  cash: number;
  goodsValue: number;
  total: number;
  beneficiaries: number;
}

/** Houses of one programme and kind of work. */
export interface HouseLine {
  programme: string;
  work: 'built' | 'repaired';
  count: number;
  value: number;
}

export interface LedgerSummary {
  received: { cash: number; goods: GoodsLine[]; goodsValue: number; total: number; entries: number };
  spent: {
    cash: number;
    goods: GoodsLine[];
    goodsValue: number;
    total: number;
    byCategory: CategoryLine[];
    houses: HouseLine[];
    housesBuilt: number;
    housesRepaired: number;
    housesValue: number;
    beneficiaries: number;
  };
  /** What is left: cash, and each unit of goods received. */
  balance: { cash: number; goods: GoodsLine[] };
  monthly: Array<{ month: string; received: number; spent: number }>;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Goods lines by unit from sums that may split one unit over several rows. */
function goodsLines(rows: Array<{ kind: string; unit_key: string; unit: string; quantity: number; amount: number }>): GoodsLine[] {
  const byUnit = new Map<string, GoodsLine>();
  for (const r of rows) {
    if (r.kind !== 'goods') continue;
    const line = byUnit.get(r.unit_key) ?? { unitKey: r.unit_key, unit: r.unit, quantity: 0, value: 0 };
    line.quantity += r.quantity;
    line.value += r.amount;
    byUnit.set(r.unit_key, line);
  }
  return [...byUnit.values()].filter((g) => g.quantity !== 0 || g.value !== 0).sort((a, b) => b.value - a.value || a.unit.localeCompare(b.unit));
}

function receivedPart(rows: ReceiptSum[]): LedgerSummary['received'] {
  const cash = sum(rows.filter((r) => r.kind === 'cash').map((r) => r.amount));
  const goods = goodsLines(rows);
  const goodsValue = sum(goods.map((g) => g.value));
  // A reversal cancels one entry, and is itself a row: the count of entries standing is rows less two per reversal.
  const entries = sum(rows.map((r) => r.rows - 2 * r.reversals));
  return { cash, goods, goodsValue, total: cash + goodsValue, entries };
}

function spentPart(rows: SpendingSum[]): LedgerSummary['spent'] {
  const cash = sum(rows.filter((r) => r.kind === 'cash').map((r) => r.amount));
  const goods = goodsLines(rows);
  const goodsValue = sum(goods.map((g) => g.value));
  const byCategory: CategoryLine[] = [];
  for (const { key } of BENEFICIARY_CATEGORIES) {
    const of = rows.filter((r) => r.category === key);
    if (of.length === 0) continue;
    const line = {
      category: key,
      name: categoryName(key),
      cash: sum(of.filter((r) => r.kind === 'cash').map((r) => r.amount)),
      goodsValue: sum(of.filter((r) => r.kind === 'goods').map((r) => r.amount)),
      total: 0,
      beneficiaries: sum(of.map((r) => r.beneficiaries)),
    };
    line.total = line.cash + line.goodsValue;
    if (line.total !== 0 || line.beneficiaries !== 0) byCategory.push(line);
  }
  const houses: HouseLine[] = [];
  for (const r of rows) {
    if (!r.programme || (r.house_work !== 'built' && r.house_work !== 'repaired')) continue;
    const line = houses.find((h) => h.programme === r.programme && h.work === r.house_work);
    if (line) {
      line.count += r.houses;
      line.value += r.amount;
    } else {
      houses.push({ programme: r.programme, work: r.house_work, count: r.houses, value: r.amount });
    }
  }
  const standing = houses.filter((h) => h.count !== 0 || h.value !== 0);
  return {
    cash,
    goods,
    goodsValue,
    total: cash + goodsValue,
    byCategory,
    houses: standing,
    housesBuilt: sum(standing.filter((h) => h.work === 'built').map((h) => h.count)),
    housesRepaired: sum(standing.filter((h) => h.work === 'repaired').map((h) => h.count)),
    housesValue: sum(standing.map((h) => h.value)),
    beneficiaries: sum(byCategory.map((c) => c.beneficiaries)),
  };
}

/** What is left of each unit: received less given out. */
function goodsBalance(received: GoodsLine[], spent: GoodsLine[]): GoodsLine[] {
  return received.map((r) => {
    const out = spent.find((s) => s.unitKey === r.unitKey);
    return { unitKey: r.unitKey, unit: r.unit, quantity: r.quantity - (out?.quantity ?? 0), value: r.value - (out?.value ?? 0) };
  });
}

/** Every total of a scope (a campaign, or a site's year), from the confirmed rows (as they stood at `asOf`, if given). */
export async function ledgerSummary(db: Kysely<Database>, siteId: number, scope: LedgerScope): Promise<LedgerSummary> {
  const ledger = new ReliefLedgerRepository(db, siteId);
  const [receipts, spending, monthly] = await Promise.all([ledger.receiptSums(scope), ledger.spendingSums(scope), ledger.monthly(scope)]);
  const received = receivedPart(receipts);
  const spent = spentPart(spending);
  return { received, spent, balance: { cash: received.cash - spent.cash, goods: goodsBalance(received.goods, spent.goods) }, monthly };
}

/** The days of a calendar year, as a ledger scope over a whole site. */
export function yearScope(year: number): Pick<LedgerScope, 'from' | 'to'> {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
