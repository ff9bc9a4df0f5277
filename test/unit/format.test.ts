import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findWrittenDate, formatDate, formatDateTime, formatFileSize, formatMoney, formatNumber, parseDisplayDate } from '../../src/text/format.ts';

describe('Vietnamese formats', () => {
  it('shows dates as dd/mm/yyyy in Vietnam time, not UTC', () => {
    // 18/09 17:30 UTC is already 19/09 00:30 in Hồ Chí Minh City.
    assert.equal(formatDate('2024-09-18T17:30:00Z'), '19/09/2024');
    assert.equal(formatDate(new Date('2020-01-13T01:00:00Z')), '13/01/2020');
    assert.equal(formatDateTime('2024-09-18T17:30:00Z'), '19/09/2024 00:30');
  });

  it('agrees with Intl for Asia/Ho_Chi_Minh on every kind of instant, before and after the 1975 change to UTC+07:00', () => {
    const intl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const expected = (date: Date) => {
      const p = Object.fromEntries(intl.formatToParts(date).map((part) => [part.type, part.value]));
      return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
    };
    // The change itself (16:00 UTC on 12/06/1975), the turn of days and years, and a seeded spread up to 2100.
    const instants = [
      Date.UTC(1975, 5, 12, 15, 59),
      Date.UTC(1975, 5, 12, 16, 0),
      Date.UTC(1975, 5, 12, 16, 59),
      Date.UTC(1975, 5, 12, 17, 0),
      Date.UTC(1970, 0, 1, 16, 30),
      Date.UTC(1999, 11, 31, 16, 59),
      Date.UTC(1999, 11, 31, 17, 0),
      Date.UTC(2024, 1, 28, 17, 0),
    ];
    let seed = 20251;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      instants.push(Date.UTC(1960, 0, 1) + Math.floor((seed / 2 ** 31) * (Date.UTC(2100, 0, 1) - Date.UTC(1960, 0, 1))));
    }
    for (const ms of instants) {
      const date = new Date(ms);
      assert.equal(formatDateTime(date), expected(date), date.toISOString());
      assert.equal(formatDate(date.toISOString()), expected(date).slice(0, 10), date.toISOString());
    }
    assert.throws(() => formatDate('không phải ngày'), RangeError);
  });

  it('groups thousands with dots and uses a decimal comma', () => {
    assert.equal(formatNumber(21090), '21.090');
    assert.equal(formatNumber(527.8), '527,8');
    assert.equal(formatMoney(1151800), '1.151.800đ');
    assert.equal(formatMoney(438000000), '438.000.000đ');
  });

  it('parses dd/mm/yyyy and refuses days that do not exist', () => {
    assert.equal(parseDisplayDate('13/01/2020')?.toISOString(), '2020-01-13T01:00:00.000Z');
    assert.equal(parseDisplayDate('31/02/2024'), null);
    assert.equal(parseDisplayDate('2020-01-13'), null);
    assert.equal(parseDisplayDate('13/13/2020'), null);
  });

  it('reads a date written in words from a report', () => {
    assert.equal(formatDate(findWrittenDate('Sáng ngày 13 tháng 01 năm 2020, tại Hội trường')!), '13/01/2020');
    assert.equal(findWrittenDate('Không có ngày nào ở đây'), null);
    assert.equal(findWrittenDate('ngày 31 tháng 02 năm 2020'), null);
  });
});

describe('formatFileSize', () => {
  it('shows kilobytes and megabytes with a decimal comma', () => {
    assert.equal(formatFileSize(1000), '1 KB');
    assert.equal(formatFileSize(839_680), '820 KB');
    assert.equal(formatFileSize(1_258_291), '1,2 MB');
  });
});
