import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReceiptRow, ReliefCampaignRow } from '../../db/schema/relief.ts';
import type { FieldError } from '../../errors.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { ReliefStatementRepository, type StatementFilter } from '../../repositories/relief-statement-repository.ts';
import { foldVietnamese } from '../../text/vietnamese.ts';
import { parseDay } from '../documents/document-types.ts';
import { type Pagination, paginate } from '../pagination.ts';
import { indexWords } from '../search/index-text.ts';
import { normalizeRef, parseAmount } from './bank-values.ts';

/** Receipts per page of the public statement. */
export const STATEMENT_PAGE_SIZE = 20;
/** Matches counted at most: past it the page says "more than". */
export const COUNT_CAP = 10_000;

/** What a resident typed into the statement search, named as in the URL. */
export interface StatementQuery {
  /** Donor name or words of the note, with or without diacritics. */
  ten: string;
  /** An amount (200.000) or a range (100.000-500.000). */
  tien: string;
  /** First and last day, dd/mm/yyyy. */
  tu: string;
  den: string;
  /** A bank reference. */
  ma: string;
}

export interface StatementResult {
  rows: ReceiptRow[];
  /** For each shown receipt that was corrected, the reversal's id. */
  correctedBy: Map<number, number>;
  pagination: Pagination;
  /** The number of matches was capped at COUNT_CAP. */
  capped: boolean;
  errors: FieldError[];
}

/** Turns the typed search into a filter; mistyped fields come back as errors and are left out. */
export function statementFilter(campaignId: number, query: StatementQuery): { filter: StatementFilter; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const words = [...new Set(indexWords(foldVietnamese(query.ten.slice(0, 200))).split(' '))].filter((w) => w.length > 0).slice(0, 8);
  const filter: StatementFilter = { campaignId, words };
  if (query.tien.trim()) {
    const parts = query.tien.split(/\s+-\s+|\s*[–—]\s*|(?<=\d)-(?=\d)/).map((p) => parseAmount(p.trim()));
    if (parts.length > 2 || parts.some((p) => p === null || p < 0))
      errors.push({ field: 'tien', message: 'ghi số tiền, ví dụ 200.000, hoặc khoảng 100.000-500.000' });
    else [filter.amountMin, filter.amountMax] = parts.length === 2 ? [Math.min(parts[0]!, parts[1]!), Math.max(parts[0]!, parts[1]!)] : [parts[0]!, parts[0]!];
  }
  for (const field of ['tu', 'den'] as const) {
    if (!query[field].trim()) continue;
    const day = parseDay(query[field]);
    if (!day) errors.push({ field, message: 'ngày phải viết dd/mm/yyyy' });
    else if (field === 'tu') filter.from = day;
    else filter.to = day;
  }
  if (query.ma.trim()) filter.ref = normalizeRef(query.ma);
  return { filter, errors };
}

/**
 * Picks the rarest word to lead a word search (capped counts); an absent word
 * means no match at all.
 */
async function orderWords(repo: ReliefStatementRepository, filter: StatementFilter): Promise<StatementFilter | null> {
  if (filter.words.length < 2) return filter;
  const counts = await Promise.all(filter.words.map(async (w) => ({ w, n: await repo.wordCount(filter.campaignId, w, COUNT_CAP + 1) })));
  if (counts.some((c) => c.n === 0)) return null;
  counts.sort((a, b) => a.n - b.n);
  return { ...filter, words: counts.map((c) => c.w) };
}

/** One page of a public campaign's statement of confirmed receipts, latest day first, searched as the resident asked. */
export async function searchStatement(db: Kysely<Database>, campaign: ReliefCampaignRow, query: StatementQuery, page: number): Promise<StatementResult> {
  const { filter, errors } = statementFilter(campaign.id, query);
  const ordered = await orderWords(new ReliefStatementRepository(db), filter);
  const found = await ReliefStatementRepository.reading(db, async (repo) => {
    // A name matches a few receipts: the first page, read first, is then all of them and needs no count.
    if (ordered && ordered.words.length > 0 && page <= 1) {
      const first = await repo.pageIds(ordered, 0, STATEMENT_PAGE_SIZE, 0);
      if (first.length < STATEMENT_PAGE_SIZE) return { counted: first.length, pagination: paginate(first.length, 1, STATEMENT_PAGE_SIZE), ids: first };
    }
    const counted = ordered ? await repo.count(ordered, COUNT_CAP + 1) : 0;
    const pagination = paginate(Math.min(counted, COUNT_CAP), page, STATEMENT_PAGE_SIZE);
    const ids = ordered && counted > 0 ? await repo.pageIds(ordered, counted, STATEMENT_PAGE_SIZE, pagination.offset) : [];
    return { counted, pagination, ids };
  });
  const { counted, pagination, ids } = found;
  const capped = counted > COUNT_CAP;
  if (counted === 0) return { rows: [], correctedBy: new Map(), pagination, capped: false, errors };
  const ledger = new ReliefLedgerRepository(db, campaign.site_id);
  const byId = new Map((await ledger.findReceipts(ids)).map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is ReceiptRow => r !== undefined);
  return { rows, correctedBy: await ledger.reversedReceipts(ids), pagination, capped, errors };
}
