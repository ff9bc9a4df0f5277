import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectColumns, fieldOfHeader } from '../../src/services/relief/bank-columns.ts';
import { normalizeRef, parseAmount, parseQuantity, parseStatementDate } from '../../src/services/relief/bank-values.ts';
import { sniffDelimiter } from '../../src/services/relief/statement-file.ts';

describe('bank statement values', () => {
  it('reads amounts as Vietnamese banks write them', () => {
    for (const [text, value] of [
      ['1.000.000', 1_000_000],
      ['50,000', 50_000],
      ['50000', 50_000],
      ['200.000,00', 200_000],
      ['1,000,000.00', 1_000_000],
      ['50000.00', 50_000],
      ['+50,000', 50_000],
      ['-20.000', -20_000],
      ['(20.000)', -20_000],
      ['200.000 VND', 200_000],
      ['200.000đ', 200_000],
    ] as const) {
      assert.equal(parseAmount(text), value, text);
    }
    for (const text of ['12abc', '1,5', '1.00.000', '', '1.000,000.5', '0,50']) assert.equal(parseAmount(text), null, text);
    assert.equal(parseAmount(200_000), 200_000);
    assert.equal(parseAmount(0.5), null);
  });

  it('reads dates dd/mm/yyyy with or without a time, and refuses days that do not exist', () => {
    assert.deepEqual(parseStatementDate('05/09/2024'), { day: '2024-09-05', time: '' });
    assert.deepEqual(parseStatementDate('5/9/2024 08:07:59'), { day: '2024-09-05', time: '08:07' });
    assert.deepEqual(parseStatementDate('05-09-2024 23:15'), { day: '2024-09-05', time: '23:15' });
    assert.deepEqual(parseStatementDate('2024-09-05'), { day: '2024-09-05', time: '' });
    assert.deepEqual(parseStatementDate(new Date(Date.UTC(2024, 8, 5, 8, 30))), { day: '2024-09-05', time: '08:30' });
    for (const text of ['31/02/2024', '32/13/2024', 'Tổng cộng', '05/09/2024 25:00']) assert.equal(parseStatementDate(text), null, text);
  });

  it('reads quantities of goods with the Vietnamese decimal comma, in thousandths', () => {
    assert.equal(parseQuantity('21.090'), 21_090_000);
    assert.equal(parseQuantity('12,5'), 12_500);
    assert.equal(parseQuantity('40'), 40_000);
    assert.equal(parseQuantity('0'), null);
    assert.equal(parseQuantity('mười'), null);
  });

  it('keeps bank references in one form', () => {
    assert.equal(normalizeRef(' ft24251 000777 '), 'FT24251000777');
  });
});

describe('bank statement columns', () => {
  it('names each field from the headers of different banks', () => {
    assert.equal(fieldOfHeader('Ngày giao dịch'), 'date');
    assert.equal(fieldOfHeader('NGAY HIEU LUC'), 'date');
    assert.equal(fieldOfHeader('Số tiền ghi có (VND)'), 'credit');
    assert.equal(fieldOfHeader('Phát sinh có'), 'credit');
    assert.equal(fieldOfHeader('Ghi nợ'), 'debit');
    assert.equal(fieldOfHeader('Số tham chiếu'), 'ref');
    assert.equal(fieldOfHeader('Mã giao dịch'), 'ref');
    assert.equal(fieldOfHeader('Nội dung chi tiết'), 'note');
    assert.equal(fieldOfHeader('Diễn giải'), 'note');
    assert.equal(fieldOfHeader('Tên tài khoản đối ứng'), 'donor');
    assert.equal(fieldOfHeader('Số dư'), null);
  });

  it('finds the header row under title rows, and prefers the columns remembered for the account', () => {
    const rows = [
      ['NGÂN HÀNG TMCP NGOẠI THƯƠNG'],
      ['SAO KÊ TÀI KHOẢN'],
      [],
      ['STT', 'Ngày giao dịch', 'Số tham chiếu', 'Số tiền ghi có', 'Nội dung chi tiết'],
      ['1', '05/09/2024', 'FT1', '200.000', 'X'],
    ];
    assert.deepEqual(detectColumns(rows), { headerRow: 4, headers: rows[3], columns: { date: 1, ref: 2, credit: 3, note: 4 } });
    const odd = [['Thời điểm', 'Mã số', 'Tiền vào', 'Ghi chú']];
    assert.equal(detectColumns(odd), null);
    assert.deepEqual(detectColumns(odd, { date: 'Thời điểm', credit: 'Tiền vào', ref: 'Mã số' })?.columns, { date: 0, credit: 2, ref: 1 });
  });

  it('tells the delimiter of a CSV by its lines', () => {
    assert.equal(sniffDelimiter('Tiêu đề\nNgày;Số tiền;Nội dung\n05/09/2024;200.000;"A, B"'), ';');
    assert.equal(sniffDelimiter('Ngày,Số tiền,Nội dung\n05/09/2024,"200.000",A'), ',');
    assert.equal(sniffDelimiter('Ngày\tSố tiền\n05/09/2024\t200.000'), '\t');
  });
});
