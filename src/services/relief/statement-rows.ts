import type { NewImportRow } from '../../db/schema/relief.ts';
import { AppError } from '../../errors.ts';
import { foldVietnamese, toNfc } from '../../text/vietnamese.ts';
import { type ColumnMap, FIELD_NAMES, type StatementField } from './bank-columns.ts';
import { normalizeRef, parseAmount, parseStatementDate } from './bank-values.ts';
import { receiptSearchText } from './receipts.ts';
import { type Cell, cellText } from './statement-file.ts';

/** A row of the statement that cannot be read, named by its number as the spreadsheet shows it. */
export class StatementRowError extends AppError {
  constructor(
    readonly row: number,
    detail: string,
  ) {
    super('import_failed', `Dòng ${row}: ${detail}. Chưa nhập khoản nào; hãy sửa tệp hoặc cách đọc cột rồi nhập lại.`, [
      { field: 'file', message: `dòng ${row}: ${detail}` },
    ]);
  }
}

/** What a statement row is: a receipt, a row to pass over (money out, totals, blank), or, by throwing, an error. */
export type ReadRow = { kind: 'receipt'; values: Omit<NewImportRow, 'import_id' | 'row_number'> } | { kind: 'skip'; reason: 'blank' | 'out' | 'total' };

/** Footer rows under the table: "Tổng cộng", "Cộng phát sinh", "Số dư cuối kỳ". */
const TOTAL_ROW = /^(tong|cong|so du)/;

/** Reads one statement row with a column mapping; the account id makes the reference key that catches duplicates. */
export function readStatementRow(cells: Cell[], columns: ColumnMap, rowNumber: number, accountId: number | null): ReadRow {
  const get = (field: StatementField): Cell | undefined => (columns[field] === undefined ? undefined : cells[columns[field]!]);
  const text = (field: StatementField) => toNfc(cellText(get(field)));
  if (cells.every((c) => cellText(c) === '')) return { kind: 'skip', reason: 'blank' };
  const dateCell = get('date');
  const money = columns.credit !== undefined ? get('credit') : get('amount');
  const date = dateCell instanceof Date ? parseStatementDate(dateCell) : parseStatementDate(cellText(dateCell));
  if (!date) {
    // Under the table: "Tổng cộng" rows, and lines continuing the note above with no date nor money.
    if (cells.some((c) => TOTAL_ROW.test(foldVietnamese(cellText(c)))) || (cellText(dateCell) === '' && cellText(money) === ''))
      return { kind: 'skip', reason: 'total' };
    if (cellText(dateCell) === '') throw new StatementRowError(rowNumber, `thiếu ${FIELD_NAMES.date.toLowerCase()}`);
    throw new StatementRowError(rowNumber, `ngày giao dịch "${cellText(dateCell)}" không đọc được (cần dd/mm/yyyy)`);
  }
  const amount = readMoney(money, rowNumber, columns.credit !== undefined ? 'credit' : 'amount');
  if (amount <= 0) {
    if (amount < 0 && columns.credit !== undefined) throw new StatementRowError(rowNumber, 'số tiền ghi có không được âm');
    return { kind: 'skip', reason: 'out' };
  }
  const ref = normalizeRef(text('ref'));
  const donor = text('donor').slice(0, 200);
  const note = text('note').slice(0, 1000);
  return {
    kind: 'receipt',
    values: {
      received_on: date.day,
      received_time: date.time,
      amount,
      donor_name: donor,
      note,
      bank_ref: ref,
      ref_key: ref ? `a${accountId ?? 0}:${ref}` : null,
      search_text: receiptSearchText(donor, note, ref),
    },
  };
}

function readMoney(cell: Cell | undefined, rowNumber: number, field: StatementField): number {
  const raw = cellText(cell);
  if (raw === '') return 0;
  const amount = typeof cell === 'number' ? parseAmount(cell) : parseAmount(raw);
  if (amount === null) throw new StatementRowError(rowNumber, `${FIELD_NAMES[field].toLowerCase()} "${raw}" không phải số đồng`);
  return amount;
}
