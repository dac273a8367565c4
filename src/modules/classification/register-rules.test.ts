import { describe, expect, it } from 'vitest';
import {
  addMonths,
  canTransition,
  type EntryOp,
  entryAbilities,
  formatSerial,
  isReviewDue,
  nextReviewOn,
  requestStatusAt,
  requestStatusFromSteps,
  type StepState,
  statusAfter,
  validUntilFor,
} from './register-rules.js';
import type { EntryStatus } from './register-schema.js';

describe('entry status transitions (000 L740-800)', () => {
  const cases: [EntryOp, EntryStatus, EntryStatus | null][] = [
    ['edit', 'proposed', 'proposed'],
    ['edit', 'returned', 'proposed'],
    ['edit', 'confirmed', null],
    ['edit', 'archived', null],
    ['confirm', 'proposed', 'confirmed'],
    ['confirm', 'returned', null],
    ['confirm', 'confirmed', null],
    ['return', 'proposed', 'returned'],
    ['return', 'returned', null],
    ['return', 'confirmed', null],
    ['review', 'confirmed', 'confirmed'],
    ['review', 'proposed', null],
    ['archive', 'proposed', 'archived'],
    ['archive', 'returned', 'archived'],
    ['archive', 'confirmed', 'archived'],
    ['archive', 'archived', null],
  ];
  it.each(cases)('%s from %s → %s', (op, from, to) => {
    expect(canTransition(op, from)).toBe(to !== null);
    if (to) expect(statusAfter(op, from)).toBe(to);
    else expect(() => statusAfter(op, from)).toThrow(RangeError);
  });
});

describe('who may act on an entry they can see', () => {
  const cases: [EntryStatus, { isOwner: boolean; isConfirmer: boolean }, string[]][] = [
    ['proposed', { isOwner: true, isConfirmer: false }, ['edit', 'archive', 'request']],
    ['proposed', { isOwner: false, isConfirmer: true }, ['confirm', 'archive', 'request']],
    ['returned', { isOwner: true, isConfirmer: false }, ['edit', 'archive', 'request']],
    ['confirmed', { isOwner: true, isConfirmer: false }, ['review', 'archive', 'request']],
    ['confirmed', { isOwner: false, isConfirmer: false }, ['request']],
    ['archived', { isOwner: true, isConfirmer: true }, []],
  ];
  it.each(cases)('%s, %o → %o', (status, who, allowed) => {
    const a = entryAbilities(status, who);
    expect(
      Object.entries(a)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .sort(),
    ).toEqual([...allowed].sort());
  });
});

describe('review dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-04-15', 12, '2027-04-15'],
    ['2026-11-30', 3, '2027-02-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });
  it('has no date when the level has no periodic review', () => {
    expect(nextReviewOn('2026-04-01', null)).toBeNull();
  });
  it.each([
    ['confirmed', '2026-04-01', '2026-04-01', true],
    ['confirmed', '2026-04-02', '2026-04-01', false],
    ['confirmed', null, '2026-04-01', false],
    ['proposed', '2020-01-01', '2026-04-01', false],
    ['archived', '2020-01-01', '2026-04-01', false],
  ] as const)('%s due %s on %s → %s', (status, due, today, expected) => {
    expect(isReviewDue(status, due, today)).toBe(expected);
  });
});

describe('serial numbers and approvals', () => {
  it('writes the year of issue before the agency-wide number', () => {
    expect(formatSerial(new Date('2026-05-01T00:00:00Z'), 123)).toBe('2026-000123');
    // 00:30 JST on 1 January is still 31 December in UTC: the year is Japan's.
    expect(formatSerial(new Date('2026-12-31T15:30:00Z'), 7)).toBe('2027-000007');
  });

  it('defaults validity to 30 days and caps it at a year', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(validUntilFor(now, null).toISOString()).toBe('2026-01-31T00:00:00.000Z');
    expect(validUntilFor(now, new Date('2030-01-01T00:00:00Z')).toISOString()).toBe(
      '2027-01-01T00:00:00.000Z',
    );
    expect(validUntilFor(now, new Date('2026-02-01T00:00:00Z')).toISOString()).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });

  it('reads an approved request past its validity as expired, and nothing else', () => {
    const now = new Date('2026-01-10T00:00:00Z');
    const past = new Date('2026-01-09T00:00:00Z');
    const future = new Date('2026-01-11T00:00:00Z');
    expect(requestStatusAt('approved', past, now)).toBe('expired');
    expect(requestStatusAt('approved', future, now)).toBe('approved');
    expect(requestStatusAt('pending', past, now)).toBe('pending');
    expect(requestStatusAt('notified', past, now)).toBe('notified');
  });

  const p = (decision: StepState['decision']): StepState => ({ kind: 'permission', decision });
  const n: StepState = { kind: 'notification', decision: 'notified' };
  it.each([
    [[n], 'notified'],
    [[p(null)], 'pending'],
    [[p('approved'), p(null)], 'pending'],
    [[p('approved'), p('approved'), n], 'approved'],
    [[p('approved'), p('rejected')], 'rejected'],
    [[p(null), p('rejected')], 'rejected'],
  ] as const)('steps %j → %s', (steps, expected) => {
    expect(requestStatusFromSteps([...steps])).toBe(expected);
  });
});
