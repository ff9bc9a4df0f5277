import { foldVietnamese } from '../../text/vietnamese.ts';

/**
 * Which column of a bank statement holds what. Banks name their columns
 * differently ("Ngày giao dịch", "Ngày hiệu lực"; "Số tiền ghi có",
 * "Phát sinh có"; "Số tham chiếu", "Mã giao dịch"…) and put title rows above
 * the table; the header row is the first one that names a date and money.
 */

/** The fields a statement row is read into. */
export const STATEMENT_FIELDS = ['date', 'credit', 'debit', 'amount', 'ref', 'note', 'donor'] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];

/** What each field is called in the newsroom's mapping form. */
export const FIELD_NAMES: Record<StatementField, string> = {
  date: 'Ngày giao dịch',
  credit: 'Số tiền ghi có (tiền vào)',
  debit: 'Số tiền ghi nợ (tiền ra)',
  amount: 'Số tiền (+ vào, − ra)',
  ref: 'Số tham chiếu',
  note: 'Nội dung chuyển khoản',
  donor: 'Tên người chuyển',
};

/** Header names per field, folded; the first field whose name matches wins, so the specific ones come first. */
const SYNONYMS: Array<[StatementField, string[]]> = [
  [
    'date',
    [
      'ngay giao dich',
      'ngay gd',
      'ngay hach toan',
      'ngay hieu luc',
      'ngay thuc hien',
      'ngay gio giao dich',
      'thoi gian giao dich',
      'thoi gian',
      'ngay',
      'transaction date',
      'posting date',
      'date',
    ],
  ],
  ['credit', ['so tien ghi co', 'ghi co', 'so tien co', 'phat sinh co', 'tien vao', 'so tien chuyen den', 'credit amount', 'credit', 'co']],
  ['debit', ['so tien ghi no', 'ghi no', 'so tien no', 'phat sinh no', 'tien ra', 'debit amount', 'debit', 'no']],
  ['amount', ['so tien giao dich', 'so tien', 'amount']],
  [
    'ref',
    [
      'so tham chieu',
      'ma tham chieu',
      'ma giao dich',
      'so giao dich',
      'ma gd',
      'so but toan',
      'so chung tu',
      'so ct',
      'so ref',
      'reference number',
      'reference',
      'ref no',
      'transaction id',
    ],
  ],
  [
    'donor',
    [
      'ten nguoi chuyen',
      'nguoi chuyen',
      'ten tai khoan doi ung',
      'ten tk doi ung',
      'ten doi ung',
      'doi tac',
      'don vi chuyen',
      'ten nguoi gui',
      'nguoi gui',
      'remitter',
      'sender',
    ],
  ],
  [
    'note',
    ['noi dung chi tiet', 'noi dung giao dich', 'noi dung', 'dien giai', 'chi tiet giao dich', 'mo ta', 'transaction details', 'description', 'details'],
  ],
];

/** A header cell folded, without what is in brackets, words only: "Số tiền ghi có (VND)" → "so tien ghi co". */
export function headerKey(text: string): string {
  return foldVietnamese(text)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The field a header names, if any: an exact name, or a name followed by a unit ("so tien ghi co vnd"). */
export function fieldOfHeader(text: string): StatementField | null {
  const key = headerKey(text);
  if (!key) return null;
  for (const [field, names] of SYNONYMS) if (names.includes(key)) return field;
  for (const [field, names] of SYNONYMS) if (names.some((n) => n.length > 3 && key.startsWith(`${n} `))) return field;
  return null;
}

/** Columns by field, 0-based. */
export type ColumnMap = Partial<Record<StatementField, number>>;

/** The table's header row (1-based, as people count rows) and its columns. */
export interface DetectedColumns {
  headerRow: number;
  headers: string[];
  columns: ColumnMap;
}

/** Maps one row's cells to fields; each field takes its first column. */
export function mapHeaders(cells: string[]): ColumnMap {
  const columns: ColumnMap = {};
  cells.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field && columns[field] === undefined) columns[field] = index;
  });
  return columns;
}

/** Whether a mapping can read receipts: a date, and money in. */
export function isUsable(columns: ColumnMap): boolean {
  return columns.date !== undefined && (columns.credit !== undefined || columns.amount !== undefined);
}

/** What was remembered for an account: the header text of each field. */
export type RememberedMapping = Partial<Record<StatementField, string>>;

/**
 * Finds the header row among a file's first rows: the row holding every
 * remembered header of the account when there is one, else the first row
 * naming the most fields among those that name a date and money.
 */
export function detectColumns(rows: string[][], remembered?: RememberedMapping | null): DetectedColumns | null {
  if (remembered && Object.keys(remembered).length) {
    for (let i = 0; i < rows.length; i++) {
      const keys = rows[i]!.map(headerKey);
      const columns: ColumnMap = {};
      for (const [field, header] of Object.entries(remembered) as Array<[StatementField, string]>) {
        const index = keys.indexOf(headerKey(header));
        if (index >= 0) columns[field] = index;
      }
      if (Object.keys(columns).length === Object.keys(remembered).length && isUsable(columns)) return { headerRow: i + 1, headers: rows[i]!, columns };
    }
  }
  let best: DetectedColumns | null = null;
  for (let i = 0; i < rows.length; i++) {
    const columns = mapHeaders(rows[i]!);
    if (!isUsable(columns)) continue;
    if (!best || Object.keys(columns).length > Object.keys(best.columns).length) best = { headerRow: i + 1, headers: rows[i]!, columns };
  }
  return best;
}

/** The header text of each mapped field, to remember for the account. */
export function rememberMapping(detected: DetectedColumns): RememberedMapping {
  const remembered: RememberedMapping = {};
  for (const [field, index] of Object.entries(detected.columns) as Array<[StatementField, number]>) {
    const header = detected.headers[index];
    if (header) remembered[field] = header;
  }
  return remembered;
}
