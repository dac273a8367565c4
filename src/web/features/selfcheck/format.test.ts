import { describe, expect, it } from 'vitest';
import { fiscalYearOfDay, pct, share, todayInJapan } from './format.js';
import { attainmentCounts, points } from './results/model.js';

describe('figures as the reports print them', () => {
  it('shows rates as percentages to 0.1 % and "—" without a denominator', () => {
    expect(pct(0.95)).toBe('95.0%');
    expect(pct(0.984)).toBe('98.4%');
    expect(pct(27 / 28)).toBe('96.4%');
    expect(pct(1)).toBe('100.0%');
    expect(pct(0)).toBe('0.0%');
    expect(pct(null)).toBe('—');
    expect(share(1, 0)).toBeNull();
  });

  it('signs year-over-year changes in points', () => {
    expect(points(0.023)).toBe('+2.3');
    expect(points(-0.148)).toBe('-14.8');
    expect(points(0)).toBe('0.0');
  });

  it('counts 到達率 items exactly, only items with a duty-holder (000 L1066-1073)', () => {
    const items = [
      { item: 'a', duty: 2, implemented: 1, rate: 0.5 },
      { item: 'b', duty: 100, implemented: 95, rate: 0.95 },
      { item: 'c', duty: 10, implemented: 10, rate: 1 },
      { item: 'd', duty: 0, implemented: 0, rate: null },
    ];
    expect(attainmentCounts(items, 100)).toEqual({ attained: 1, of: 3 });
    expect(attainmentCounts(items, 95)).toEqual({ attained: 2, of: 3 });
    expect(attainmentCounts(items, 90)).toEqual({ attained: 2, of: 3 });
  });
});

describe('the fiscal year', () => {
  it('runs from April to March', () => {
    expect(fiscalYearOfDay('2027-03-31')).toBe(2026);
    expect(fiscalYearOfDay('2027-04-01')).toBe(2027);
  });

  it('takes today in Japan, not in UTC', () => {
    // 2027-03-31T16:00Z is already 1 April in Tokyo.
    expect(todayInJapan(new Date('2027-03-31T16:00:00Z'))).toBe('2027-04-01');
  });
});
