import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OFFICIAL_HOLIDAYS_2026 } from '../../src/services/questions/holidays.ts';
import { addWorkingDays, formatDay, isWorkingDay, vietnamDayOf } from '../../src/services/questions/working-days.ts';

const TET_2026 = new Set(OFFICIAL_HOLIDAYS_2026.map((h) => h.day));

describe('working days', () => {
  it('skips Saturday and Sunday', () => {
    // Friday 06/03/2026 + 1 working day = Monday 09/03/2026.
    assert.equal(addWorkingDays('2026-03-06', 1, new Set()), '2026-03-09');
    assert.equal(addWorkingDays('2026-03-02', 15, new Set()), '2026-03-23');
  });

  it('does not count the day of receipt', () => {
    assert.equal(addWorkingDays('2026-03-02', 1, new Set()), '2026-03-03');
  });

  it('a question received the day before Tết 2026 is due 15 working days after Tết ends', () => {
    // Received Friday 13/02; 14–22/02 is Tết; counting starts Monday 23/02.
    assert.equal(addWorkingDays('2026-02-13', 15, TET_2026), '2026-03-13');
    // Without the holidays it would have been due a week earlier.
    assert.equal(addWorkingDays('2026-02-13', 15, new Set()), '2026-03-06');
  });

  it('a question received during Tết starts counting after it', () => {
    assert.equal(addWorkingDays('2026-02-18', 1, TET_2026), '2026-02-23');
  });

  it('skips a holiday that falls on a weekday, and the 2-day National Day 2026', () => {
    assert.equal(isWorkingDay('2026-09-01', TET_2026), false);
    assert.equal(isWorkingDay('2026-09-02', TET_2026), false);
    // Monday 31/08 + 1 working day: Tue 01/09 and Wed 02/09 are off → Thursday 03/09.
    assert.equal(addWorkingDays('2026-08-31', 1, TET_2026), '2026-09-03');
  });

  it('the official 2026 list has Tết from 14/02 to 22/02 inclusive, and Giỗ Tổ on 26/04', () => {
    const tet = OFFICIAL_HOLIDAYS_2026.filter((h) => h.name === 'Tết Nguyên đán').map((h) => h.day);
    assert.equal(tet.length, 9);
    assert.equal(tet[0], '2026-02-14');
    assert.equal(tet.at(-1), '2026-02-22');
    assert.ok(TET_2026.has('2026-04-26') && TET_2026.has('2026-01-01') && TET_2026.has('2026-04-30') && TET_2026.has('2026-05-01'));
  });

  it('the day of an instant is its day in Vietnam', () => {
    // 18:30 UTC on 12/02 is already 01:30 on 13/02 in Hà Nội.
    assert.equal(vietnamDayOf(new Date('2026-02-12T18:30:00Z')), '2026-02-13');
    assert.equal(formatDay('2026-03-13'), '13/03/2026');
  });
});
