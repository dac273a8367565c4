import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayInJapan,
  daysBetween,
  fiscalQuarter,
  fiscalYearOf,
  fiscalYearOfDay,
  fiscalYearSpan,
  hourInJapan,
  instantInJapan,
  quarterRange,
  startOfDayInJapan,
  todayInJapan,
} from './dates.js';

describe('Japanese calendar days', () => {
  // 00:30 JST is still the previous day in UTC: the day must be Japan's.
  it.each([
    ['2026-12-05T15:30:00Z', '2026-12-06'], // 00:30 JST
    ['2026-12-05T14:59:59Z', '2026-12-05'], // 23:59:59 JST
    ['2026-12-05T15:00:00Z', '2026-12-06'], // 00:00 JST
    ['2027-03-31T15:30:00Z', '2027-04-01'], // 00:30 JST on the first day of FY2027
  ])('%s is %s in Japan', (iso, day) => {
    expect(dayInJapan(new Date(iso))).toBe(day);
    expect(todayInJapan(new Date(iso))).toBe(day);
  });

  it('reads the Japanese clock hour', () => {
    expect(hourInJapan(new Date('2026-12-05T15:30:00Z'))).toBe(0);
    expect(hourInJapan(new Date('2026-12-06T00:00:00Z'))).toBe(9);
  });

  it('turns Japanese days and times into instants', () => {
    expect(startOfDayInJapan('2026-12-06').toISOString()).toBe('2026-12-05T15:00:00.000Z');
    expect(instantInJapan('2026-12-06', 9).toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });

  it.each([
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-03-01', -1, '2027-02-28'],
    ['2028-02-28', 1, '2028-02-29'],
  ])('%s plus %i day is %s', (day, n, out) => expect(addDays(day, n)).toBe(out));

  it('counts days between', () => {
    expect(daysBetween('2026-12-06', '2027-01-05')).toBe(30);
    expect(daysBetween('2027-01-05', '2026-12-06')).toBe(-30);
  });

  it('refuses text that is not a day', () => {
    expect(() => addDays('2026/12/06', 1)).toThrow(RangeError);
  });
});

describe('fiscal years (April–March)', () => {
  it.each([
    ['2027-03-31', 2026],
    ['2027-04-01', 2027],
    ['2026-12-06', 2026],
  ])('%s is in FY%i', (day, fy) => expect(fiscalYearOfDay(day)).toBe(fy));

  it('an instant at 00:30 JST on 1 April belongs to the new fiscal year', () => {
    expect(fiscalYearOf(new Date('2027-03-31T15:30:00Z'))).toBe(2027);
    expect(fiscalYearOf(new Date('2027-03-31T14:30:00Z'))).toBe(2026);
  });

  it('spans 1 April 00:00 JST to the next 1 April', () => {
    const { start, end } = fiscalYearSpan(2026);
    expect(start.toISOString()).toBe('2026-03-31T15:00:00.000Z');
    expect(end.toISOString()).toBe('2027-03-31T15:00:00.000Z');
  });

  it.each([
    ['2026-04-01', 2026, 1],
    ['2026-09-30', 2026, 2],
    ['2026-12-06', 2026, 3],
    ['2027-03-31', 2026, 4],
  ])('%s is FY%i Q%i', (day, fy, q) => expect(fiscalQuarter(day)).toEqual({ fiscalYear: fy, quarter: q }));

  it.each([
    [1, '2026-04-01', '2026-06-30'],
    [3, '2026-10-01', '2026-12-31'],
    [4, '2027-01-01', '2027-03-31'],
  ] as const)('Q%i of FY2026 runs %s to %s', (q, from, to) =>
    expect(quarterRange(2026, q)).toEqual({ from, to }),
  );
});
