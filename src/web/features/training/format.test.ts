import { describe, expect, it } from 'vitest';
import { formatPercent } from '../../../lib/percent.js';
import { byUrgency, recentFiscalYears } from './format.js';
import type { MyAssignment } from './types.js';

const a = (title: string, status: MyAssignment['status'], dueOn: string | null) =>
  ({ id: title, course: { title }, status, dueOn }) as MyAssignment;

describe('byUrgency', () => {
  it('puts overdue first, then the nearest due date, then none', () => {
    const list = [
      a('c', 'not_started', null),
      a('b', 'in_progress', '2026-05-01'),
      a('a', 'overdue', '2026-04-01'),
    ];
    expect(list.sort(byUrgency).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
  it('orders by title when the due dates are equal', () => {
    const list = [a('y', 'not_started', null), a('x', 'not_started', null)];
    expect(list.sort(byUrgency).map((x) => x.id)).toEqual(['x', 'y']);
  });
});

describe('completion rates as shown', () => {
  // The API sends rates as fractions 0..1; the card and the report format them with lib/percent.ts.
  it.each([
    [null, '—'],
    [0.68, '68.0%'],
    [0.5, '50.0%'],
    [0.9999, '100.0%'],
    [2 / 3, '66.7%'],
  ])('%s → %s', (x, s) => {
    expect(formatPercent(x, 'en')).toBe(s);
  });
});

describe('recentFiscalYears', () => {
  it('offers this fiscal year first, then earlier ones', () => {
    expect(recentFiscalYears(2026, 3)).toEqual([2026, 2025, 2024]);
  });
});
