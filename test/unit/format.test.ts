import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findWrittenDate, formatDate, formatDateTime, formatFileSize, formatMoney, formatNumber, parseDisplayDate } from '../../src/text/format.ts';

describe('Vietnamese formats', () => {
  it('shows dates as dd/mm/yyyy in Vietnam time, not UTC', () => {
    // 18/09 17:30 UTC is already 19/09 00:30 in Hồ Chí Minh City.
    assert.equal(formatDate('2024-09-18T17:30:00Z'), '19/09/2024');
    assert.equal(formatDate(new Date('2020-01-13T01:00:00Z')), '13/01/2020');
    assert.equal(formatDateTime('2024-09-18T17:30:00Z'), '00:30 19/09/2024');
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
