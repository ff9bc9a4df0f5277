import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReceiptRow, ReliefCampaignRow } from '../../db/schema/relief.ts';
import { ReliefLedgerRepository } from '../../repositories/relief-ledger-repository.ts';
import { formatNumber } from '../../text/format.ts';
import { csvCell } from '../audit-service.ts';
import { formatDay } from '../documents/document-types.ts';
import { CHANNEL_NAMES } from './relief-labels.ts';

/** A confirmed receipt as anyone may see it: an anonymous donor's name and note are never shown. */
export interface PublicReceipt {
  number: number;
  day: string;
  dayIso: string;
  time: string;
  donor: string;
  channel: string;
  /** đồng: the cash, or the estimated value of goods. */
  amount: number;
  /** Goods: "21.090 kg gạo"; '' for cash. */
  goods: string;
  ref: string;
  note: string;
  /** What a correction row corrects, or that this row was corrected. */
  mark: string;
}

/** The public form of a receipt; `reversedBy` is the reversal that cancelled it, if any. */
export function publicReceipt(r: ReceiptRow, reversedBy?: number): PublicReceipt {
  let mark = '';
  if (r.reverses_id !== null) mark = `Bút toán hủy khoản số ${r.reverses_id}`;
  else if (r.replaces_id !== null) mark = `Thay cho khoản số ${r.replaces_id}`;
  if (reversedBy !== undefined) mark = [mark, `Đã điều chỉnh bởi khoản số ${reversedBy}`].filter(Boolean).join('; ');
  return {
    number: r.id,
    day: formatDay(r.received_on),
    dayIso: r.received_on,
    time: r.received_time,
    donor: r.anonymous ? 'Ẩn danh' : r.donor_name,
    channel: CHANNEL_NAMES[r.channel],
    amount: r.amount,
    goods: r.kind === 'goods' ? `${formatNumber(r.quantity / 1000)} ${r.unit}` : '',
    ref: r.bank_ref,
    note: r.anonymous ? '' : r.note,
    mark,
  };
}

const HEADERS = ['Số', 'Ngày', 'Giờ', 'Người ủng hộ', 'Hình thức', 'Số tiền hoặc giá trị (đồng)', 'Hiện vật', 'Số tham chiếu', 'Nội dung', 'Ghi chú'];
const cells = (p: PublicReceipt) => [p.number, p.day, p.time, p.donor, p.channel, p.amount, p.goods, p.ref, p.note, p.mark];

/** Every confirmed receipt of a campaign in statement order, read a batch at a time. */
async function* allReceipts(db: Kysely<Database>, campaign: ReliefCampaignRow): AsyncGenerator<PublicReceipt> {
  const ledger = new ReliefLedgerRepository(db, campaign.site_id);
  let after: { day: string; id: number } | null = null;
  for (;;) {
    const rows = await ledger.confirmedInDayOrder(campaign.id, after, 2000);
    if (rows.length === 0) return;
    const reversed = await ledger.reversedReceipts(rows.filter((r) => r.reverses_id === null).map((r) => r.id));
    for (const r of rows) yield publicReceipt(r, reversed.get(r.id));
    after = { day: rows.at(-1)!.received_on, id: rows.at(-1)!.id };
  }
}

/** The public statement as CSV (UTF-8 with BOM, so spreadsheet programs read Vietnamese), streamed. */
export function statementCsv(db: Kysely<Database>, campaign: ReliefCampaignRow): Readable {
  async function* lines() {
    yield `\uFEFF${HEADERS.map(csvCell).join(',')}\r\n`;
    let chunk = '';
    for await (const receipt of allReceipts(db, campaign)) {
      chunk += `${cells(receipt).map(csvCell).join(',')}\r\n`;
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  return Readable.from(lines());
}

/** The public statement as an XLSX workbook, written as a stream. */
export async function writeStatementXlsx(db: Kysely<Database>, campaign: ReliefCampaignRow, output: NodeJS.WritableStream): Promise<void> {
  // exceljs is loaded when a workbook is asked for, so commands that never write one do not carry it in memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output as unknown as import('node:stream').Stream,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('Sao kê');
  sheet.columns = HEADERS.map((header, i) => ({ header, width: [8, 12, 7, 28, 14, 18, 16, 20, 48, 30][i] }));
  sheet.getColumn(6).numFmt = '#,##0';
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const receipt of allReceipts(db, campaign)) sheet.addRow(cells(receipt)).commit();
  sheet.commit();
  await workbook.commit();
}
