/**
 * The benchmark's bank statement and query mix: donors with Vietnamese names
 * (family names as common as in the population: Nguyễn about 38 %), transfer
 * notes in unaccented capitals as banks write them, amounts that people give
 * (200.000 far more often than 3.700.000), two months of days; and the
 * searches residents make of it. Row i depends only on (seed, i).
 */
import fs from 'node:fs';
import type { StatementQuery } from '../../src/services/relief/statement.ts';
import { foldVietnamese } from '../../src/text/vietnamese.ts';
import { Rng } from '../prng.ts';

const FAMILY: Array<[string, number]> = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 5],
  ['Phan', 4.5],
  ['Vũ', 3.9],
  ['Võ', 3.9],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Trương', 1],
  ['Đinh', 0.8],
  ['Lâm', 0.7],
  ['Tô', 0.4],
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Minh', 'Thanh', 'Ngọc', 'Đức', 'Quốc', 'Thu', 'Kim', 'Hoàng', 'Xuân', 'Công', 'Bảo', 'Gia'];
const GIVEN = [
  'An',
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Duy',
  'Giang',
  'Hà',
  'Hải',
  'Hạnh',
  'Hiếu',
  'Hoa',
  'Hùng',
  'Hương',
  'Huy',
  'Khánh',
  'Khoa',
  'Lan',
  'Linh',
  'Long',
  'Mai',
  'Minh',
  'Nam',
  'Nga',
  'Ngân',
  'Nhung',
  'Phong',
  'Phúc',
  'Phương',
  'Quân',
  'Quang',
  'Sơn',
  'Tâm',
  'Thảo',
  'Thắng',
  'Thủy',
  'Trang',
  'Trung',
  'Tuấn',
  'Vy',
  'Yến',
];
const AMOUNTS: Array<[number, number]> = [
  [50_000, 10],
  [100_000, 22],
  [200_000, 25],
  [300_000, 6],
  [500_000, 18],
  [1_000_000, 10],
  [2_000_000, 4],
  [5_000_000, 2],
  [10_000_000, 1],
  [3_700_000, 0.3],
  [150_000, 1.7],
];
const NOTES = [
  'CHUYEN TIEN UNG HO DONG BAO BI BAO LU',
  'UNG HO MIEN BAC',
  'UNG HO BAO YAGI',
  'CHUYEN KHOAN UNG HO NGUOI DAN VUNG LU',
  'GUI CHUT LONG VE MIEN BAC',
];

function weighted<T>(rng: Rng, items: Array<[T, number]>): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rng.next() * total;
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
}

/** One generated transfer: what the queries are drawn from. */
export interface Donation {
  name: string;
  day: string;
  amount: number;
  ref: string;
}

/** Writes the statement as a Vietcombank-style CSV, row by row; returns every donation (small: a few MB). */
export async function writeStatement(file: string, rows: number, seed: number): Promise<Donation[]> {
  const rng = new Rng(seed);
  const out = fs.createWriteStream(file);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('\uFEFFNGÂN HÀNG TMCP NGOẠI THƯƠNG VIỆT NAM\r\nSAO KÊ TÀI KHOẢN\r\n\r\nNgày giao dịch,Số tham chiếu,Số tiền ghi có,Nội dung chi tiết\r\n');
  const donations: Donation[] = [];
  for (let i = 0; i < rows; i++) {
    const name = `${weighted(rng, FAMILY)} ${rng.pick(MIDDLE)} ${rng.pick(GIVEN)}`;
    const day = `${String(rng.int(1, 30)).padStart(2, '0')}/${rng.chance(0.7) ? '09' : '10'}/2024`;
    const amount = weighted(rng, AMOUNTS);
    const ref = `FT24${String(i).padStart(10, '0')}`;
    donations.push({ name, day, amount, ref });
    const note = `${foldVietnamese(name).toUpperCase()} ${rng.pick(NOTES)}`;
    await write(
      `${day} ${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00,${ref},"${amount.toLocaleString('de-DE')}",${note}\r\n`,
    );
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return donations;
}

export const QUERY_CLASSES = [
  'name-accented',
  'name-unaccented',
  'given-name',
  'common-word',
  'amount',
  'amount-range',
  'days',
  'reference',
  'name-amount',
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

const blank: StatementQuery = { ten: '', tien: '', tu: '', den: '', ma: '' };

/** The searches residents make, PER_CLASS of each, shuffled. */
export function makeQueries(rng: Rng, donations: Donation[], perClass: number): Array<{ cls: QueryClass; query: StatementQuery }> {
  const queries: Array<{ cls: QueryClass; query: StatementQuery }> = [];
  const any = () => donations[rng.int(0, donations.length - 1)]!;
  for (let i = 0; i < perClass; i++) {
    const d = any();
    const start = rng.int(1, 24);
    queries.push(
      { cls: 'name-accented', query: { ...blank, ten: d.name } },
      { cls: 'name-unaccented', query: { ...blank, ten: foldVietnamese(d.name) } },
      { cls: 'given-name', query: { ...blank, ten: d.name.split(' ').at(-1)! } },
      { cls: 'common-word', query: { ...blank, ten: rng.pick(['Nguyễn', 'van', 'thi', 'ung ho']) } },
      { cls: 'amount', query: { ...blank, tien: d.amount.toLocaleString('de-DE') } },
      { cls: 'amount-range', query: { ...blank, tien: `${(d.amount / 2).toLocaleString('de-DE')}-${(d.amount * 2).toLocaleString('de-DE')}` } },
      { cls: 'days', query: { ...blank, tu: `${String(start).padStart(2, '0')}/09/2024`, den: `${String(start + 6).padStart(2, '0')}/09/2024` } },
      { cls: 'reference', query: { ...blank, ma: d.ref } },
      { cls: 'name-amount', query: { ...blank, ten: foldVietnamese(d.name), tien: d.amount.toLocaleString('de-DE') } },
    );
  }
  return rng.shuffle(queries);
}
