import { describe, expect, it } from 'vitest';
import {
  canRevise,
  canWithdraw,
  decide,
  expiresWithin,
  expiryReminder,
  statusOn,
  validPeriod,
} from './rules.js';

const period = { fromOn: '2026-04-01', toOn: '2027-03-31' };

describe('status from the period on the Japanese calendar (002 L223: exceptions have a period)', () => {
  it.each([
    ['approved', '2026-03-31', 'upcoming'],
    ['approved', '2026-04-01', 'active'],
    ['approved', '2027-03-31', 'active'], // the last day still counts
    ['approved', '2027-04-01', 'expired'],
    ['requested', '2027-04-01', 'requested'],
    ['returned', '2026-06-01', 'returned'],
    ['rejected', '2026-06-01', 'rejected'],
    ['withdrawn', '2026-06-01', 'withdrawn'],
  ] as const)('%s on %s → %s', (state, today, expected) => {
    expect(statusOn({ state, ...period }, today)).toBe(expected);
  });
});

describe('decisions by the 情報セキュリティ責任者 (002 L279)', () => {
  it.each([
    ['requested', 'approve', 'approved'],
    ['requested', 'reject', 'rejected'],
    ['requested', 'return', 'returned'],
    ['returned', 'approve', null],
    ['approved', 'reject', null],
    ['withdrawn', 'approve', null],
  ] as const)('%s + %s → %s', (state, d, expected) => {
    expect(decide(state, d)).toBe(expected);
  });
  it.each([
    ['requested', true],
    ['returned', true],
    ['approved', false],
    ['rejected', false],
    ['withdrawn', false],
  ] as const)('%s can be revised/withdrawn by the requester: %s', (state, expected) => {
    expect(canRevise(state)).toBe(expected);
    expect(canWithdraw(state)).toBe(expected);
  });
});

describe('periods and reminders', () => {
  it.each([
    ['2026-04-01', '2026-04-01', true],
    ['2026-04-02', '2026-04-01', false],
  ])('%s–%s valid: %s', (from, to, expected) => {
    expect(validPeriod(from, to)).toBe(expected);
  });
  it.each([
    ['2027-03-31', '2027-01-01', null],
    ['2027-03-31', '2027-03-01', '30'],
    ['2027-03-31', '2027-03-24', '7'],
    ['2027-03-31', '2027-03-31', '7'],
    ['2027-03-31', '2027-04-01', 'expired'],
  ])('ending %s, today %s → %s', (toOn, today, expected) => {
    expect(expiryReminder(toOn, today)).toBe(expected);
  });
  it.each([
    ['2027-03-31', '2027-03-01', true],
    ['2027-03-31', '2027-02-28', false],
    ['2027-03-31', '2027-04-01', false],
  ])('ending %s expires within 30 days of %s: %s', (toOn, today, expected) => {
    expect(expiresWithin(toOn, today, 30)).toBe(expected);
  });
});
