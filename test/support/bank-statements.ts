/**
 * Bank statement files as three Vietnamese banks' exports lay them out,
 * written by the tests themselves: title rows above the table, each bank's
 * own column names, amount and date formats, notes in unaccented capitals.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';

/** One transaction of a statement; `credit` money in, `debit` money out. */
export interface Transaction {
  day: string;
  time?: string;
  ref: string;
  credit?: number;
  debit?: number;
  donor?: string;
  note: string;
}

const dots = (n: number) => n.toLocaleString('de-DE');
const commas = (n: number) => n.toLocaleString('en-US');
const csvLine = (cells: Array<string | number>, delimiter = ',') =>
  cells.map((c) => (/[",;\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(delimiter);

/** Vietcombank style CSV: UTF-8 with BOM, five title rows, "Số tiền ghi có" with dots, dd/mm/yyyy hh:mm:ss, a totals row. */
export function vietcombankCsv(rows: Transaction[], extraLines: string[] = []): string {
  const lines = [
    'NGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM',
    'SAO KÊ TÀI KHOẢN',
    'Số tài khoản: 0011000123456,Chủ tài khoản: ỦY BAN MTTQ VIỆT NAM PHƯỜNG 1',
    'Từ ngày 01/09/2024 đến ngày 30/09/2024',
    '',
    csvLine(['STT', 'Ngày giao dịch', 'Số tham chiếu', 'Số tiền ghi nợ', 'Số tiền ghi có', 'Số dư', 'Nội dung chi tiết']),
    ...rows.map((r, i) =>
      csvLine([i + 1, `${r.day} ${r.time ?? '09:15:00'}`, r.ref, r.debit ? dots(r.debit) : '', r.credit ? dots(r.credit) : '', dots(1_000_000 + i), r.note]),
    ),
    ...extraLines,
    csvLine(['', 'Tổng cộng', '', '', dots(rows.reduce((a, r) => a + (r.credit ?? 0), 0)), '', '']),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** BIDV style CSV: semicolons, one signed "Số tiền" column written 50,000, yyyy-mm-dd days, "Số CT" and "Mô tả". */
export function bidvCsv(rows: Transaction[]): string {
  const lines = [
    'BIDV - SAO KE TAI KHOAN',
    'Tai khoan: 12010000999888',
    '',
    csvLine(['Ngày GD', 'Số CT', 'Số tiền', 'Mô tả', 'Tên người chuyển'], ';'),
    ...rows.map((r) => {
      const [d, m, y] = r.day.split('/');
      const amount = r.credit ? `+${commas(r.credit)}` : `-${commas(r.debit ?? 0)}`;
      return csvLine([`${y}-${m}-${d}`, r.ref, amount, r.note, r.donor ?? ''], ';');
    }),
  ];
  return lines.join('\n');
}

/** VietinBank style XLSX: title rows, then "Ngày hiệu lực" as date cells, "Phát sinh có" as numbers, "Tên tài khoản đối ứng". */
export async function vietinbankXlsx(file: string, rows: Transaction[]): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Sao ke');
  sheet.addRow(['NGÂN HÀNG TMCP CÔNG THƯƠNG VIỆT NAM']).commit();
  sheet.addRow(['LỊCH SỬ GIAO DỊCH']).commit();
  sheet.addRow(['Tài khoản', '106870001234']).commit();
  sheet.addRow([]).commit();
  sheet.addRow(['STT', 'Ngày hiệu lực', 'Mã giao dịch', 'Tên tài khoản đối ứng', 'Diễn giải', 'Phát sinh nợ', 'Phát sinh có']).commit();
  rows.forEach((r, i) => {
    const [d, m, y] = r.day.split('/').map(Number);
    const row = sheet.addRow([i + 1, new Date(Date.UTC(y!, m! - 1, d!, 8, 30)), r.ref, r.donor ?? '', r.note, r.debit ?? null, r.credit ?? null]);
    row.getCell(2).numFmt = 'dd/mm/yyyy hh:mm';
    row.commit();
  });
  sheet.commit();
  await workbook.commit();
}

/** Writes a large Vietcombank-style CSV row by row, never holding it whole. */
export async function writeLargeCsv(file: string, count: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write(`\uFEFFSAO KÊ TÀI KHOẢN\r\n\r\n${csvLine(['Ngày giao dịch', 'Số tham chiếu', 'Số tiền ghi có', 'Nội dung chi tiết'])}\r\n`);
  const names = ['NGUYEN VAN AN', 'TRAN THI BINH', 'LE VAN CUONG', 'PHAM THI DUNG', 'HOANG VAN EM'];
  for (let i = 0; i < count; i++) {
    const day = `${String((i % 28) + 1).padStart(2, '0')}/09/2024`;
    await write(
      `${csvLine([`${day} 10:00:00`, `FT24${String(i).padStart(10, '0')}`, dots(10_000 * ((i % 50) + 1)), `${names[i % 5]} CHUYEN TIEN UNG HO DONG BAO BI BAO LU SO ${i}`])}\r\n`,
    );
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}
