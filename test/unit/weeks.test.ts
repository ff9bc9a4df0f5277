import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addDays,
  addWeeks,
  currentWeek,
  dayName,
  displayDay,
  isValidDay,
  isoWeekOf,
  parseDisplayDay,
  parseWeekKey,
  vietnamToday,
  weekDays,
  weekKey,
  weekStart,
  weeksInYear,
} from '../../src/services/calendars/weeks.ts';

describe('ISO weeks', () => {
  it("week 1 of 2026 starts on Monday 29/12/2025, the week of the year's first Thursday", () => {
    assert.equal(weekStart({ year: 2026, week: 1 }), '2025-12-29');
    assert.deepEqual(isoWeekOf('2025-12-29'), { year: 2026, week: 1 });
    assert.deepEqual(isoWeekOf('2026-01-01'), { year: 2026, week: 1 });
    assert.deepEqual(isoWeekOf('2026-01-04'), { year: 2026, week: 1 });
    assert.deepEqual(isoWeekOf('2026-01-05'), { year: 2026, week: 2 });
  });

  it('2026 has 53 weeks (it starts on a Thursday); 2025 and 2027 have 52; 2020 (leap, from Wednesday) has 53', () => {
    assert.equal(weeksInYear(2026), 53);
    assert.equal(weeksInYear(2025), 52);
    assert.equal(weeksInYear(2027), 52);
    assert.equal(weeksInYear(2020), 53);
    assert.equal(weeksInYear(2015), 53);
    assert.deepEqual(weekDays({ year: 2026, week: 53 }), ['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
  });

  it('days at a year end belong to the week of their Thursday', () => {
    assert.deepEqual(isoWeekOf('2027-01-03'), { year: 2026, week: 53 });
    assert.deepEqual(isoWeekOf('2027-01-04'), { year: 2027, week: 1 });
    assert.deepEqual(isoWeekOf('2024-12-30'), { year: 2025, week: 1 });
    assert.deepEqual(isoWeekOf('2021-01-03'), { year: 2020, week: 53 });
  });

  it('week 48 of 2026 runs from 23/11/2026 to 29/11/2026, Thứ Hai to Chủ nhật', () => {
    const days = weekDays({ year: 2026, week: 48 });
    assert.equal(days.length, 7);
    assert.equal(displayDay(days[0]!), '23/11/2026');
    assert.equal(displayDay(days[6]!), '29/11/2026');
    assert.deepEqual(days.map(dayName), ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật']);
  });

  it('moves by weeks across year ends', () => {
    assert.deepEqual(addWeeks({ year: 2026, week: 53 }, 1), { year: 2027, week: 1 });
    assert.deepEqual(addWeeks({ year: 2027, week: 1 }, -1), { year: 2026, week: 53 });
    assert.deepEqual(addWeeks({ year: 2025, week: 52 }, 1), { year: 2026, week: 1 });
    assert.deepEqual(addWeeks({ year: 2026, week: 1 }, -1), { year: 2025, week: 52 });
    assert.deepEqual(addWeeks({ year: 2026, week: 48 }, 0), { year: 2026, week: 48 });
  });

  it('reads and writes week keys; malformed is a format problem, a week that does not exist is out of range', () => {
    assert.equal(weekKey({ year: 2026, week: 5 }), '2026-W05');
    assert.deepEqual(parseWeekKey('2026-W48'), { ok: true, week: { year: 2026, week: 48 } });
    assert.deepEqual(parseWeekKey('2026-w53'), { ok: true, week: { year: 2026, week: 53 } });
    assert.deepEqual(parseWeekKey('2025-W53'), { ok: false, reason: 'range' });
    assert.deepEqual(parseWeekKey('2026-W00'), { ok: false, reason: 'range' });
    assert.deepEqual(parseWeekKey('2026-W54'), { ok: false, reason: 'range' });
    for (const bad of ['2026W48', '2026-48', 'tuan-48', '2026-W4', '', '2026-W048']) assert.deepEqual(parseWeekKey(bad), { ok: false, reason: 'format' }, bad);
  });

  it('today is the day in Vietnam: 17:00 UTC is already midnight of the next day', () => {
    assert.equal(vietnamToday(new Date('2026-11-22T16:59:59Z')), '2026-11-22');
    assert.equal(vietnamToday(new Date('2026-11-22T17:00:00Z')), '2026-11-23');
    // Sunday 23:59 in Hà Nội is still week 47; one minute later Monday opens week 48.
    assert.deepEqual(currentWeek(new Date('2026-11-22T16:59:00Z')), { year: 2026, week: 47 });
    assert.deepEqual(currentWeek(new Date('2026-11-22T17:00:00Z')), { year: 2026, week: 48 });
    // New Year's Eve at 23:30 UTC is 1/1/2027 06:30 in Vietnam, still week 53 of 2026.
    assert.deepEqual(currentWeek(new Date('2026-12-31T23:30:00Z')), { year: 2026, week: 53 });
    assert.equal(vietnamToday(new Date('2026-12-31T23:30:00Z')), '2027-01-01');
  });

  it('parses display days and refuses days that do not exist', () => {
    assert.equal(parseDisplayDay('23/11/2026'), '2026-11-23');
    assert.equal(parseDisplayDay(' 5/1/2026 '), '2026-01-05');
    assert.equal(parseDisplayDay('2026-11-23'), '2026-11-23');
    assert.equal(parseDisplayDay('29/02/2026'), null);
    assert.equal(parseDisplayDay('29/02/2028'), '2028-02-29');
    assert.equal(parseDisplayDay('31/04/2026'), null);
    assert.equal(parseDisplayDay('23-11-2026'), null);
    assert.equal(isValidDay('2026-13-01'), false);
    assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  });
});
