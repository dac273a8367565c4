import { describe, expect, it } from 'vitest';
import {
  addDays,
  assignmentStatus,
  completionOverQuarters,
  completionRate,
  drawAttempt,
  fiscalQuarter,
  isPass,
  isRight,
  quarterRange,
  quartersBetween,
  ruleMatches,
  scorePercent,
} from './rules.js';

describe('isRight', () => {
  it.each([
    ['single', ['a'], ['a'], true],
    ['single', ['a'], ['b'], false],
    ['single', ['a'], [], false],
    ['single', ['a'], ['a', 'b'], false],
    ['multiple', ['a', 'c'], ['c', 'a'], true],
    ['multiple', ['a', 'c'], ['a'], false],
    ['multiple', ['a', 'c'], ['a', 'b', 'c'], false],
    ['multiple', ['a', 'c'], ['a', 'a'], false],
    ['multiple', ['a', 'c'], [], false],
    ['multiple', ['b'], ['b'], true],
  ] as const)('%s correct %j chosen %j → %s', (kind, correct, chosen, want) => {
    expect(isRight(kind, correct, chosen)).toBe(want);
  });
});

describe('scorePercent and isPass', () => {
  it.each([
    [10, 10, 100],
    [9, 10, 90],
    [2, 3, 66],
    [0, 0, 0],
  ])('%i of %i → %i %%', (c, t, want) => expect(scorePercent(c, t)).toBe(want));

  it.each([
    [{ passMark: 80, perfectScoreRequired: false }, 8, 10, true],
    [{ passMark: 80, perfectScoreRequired: false }, 7, 10, false],
    [{ passMark: 67, perfectScoreRequired: false }, 2, 3, false], // 66.7 % < 67 %
    [{ passMark: 66, perfectScoreRequired: false }, 2, 3, true],
    [{ passMark: 80, perfectScoreRequired: true }, 9, 10, false],
    [{ passMark: 80, perfectScoreRequired: true }, 10, 10, true],
    [{ passMark: 0, perfectScoreRequired: false }, 0, 0, false],
  ])('%j with %i/%i → %s', (course, c, t, want) => expect(isPass(course, c, t)).toBe(want));
});

describe('drawAttempt', () => {
  const qs = Array.from({ length: 10 }, (_, i) => ({ id: `q${i}`, choiceIds: ['a', 'b', 'c', 'd'] }));

  it('is reproducible from the seed', () => {
    const a = drawAttempt(qs, { count: 5, shuffle: true, seed: 42 });
    expect(drawAttempt(qs, { count: 5, shuffle: true, seed: 42 })).toEqual(a);
    expect(a).toHaveLength(5);
    expect(new Set(a.map((q) => q.questionId)).size).toBe(5);
  });
  it('differs between seeds', () => {
    const draws = new Set(
      [1, 2, 3, 4, 5].map((seed) => JSON.stringify(drawAttempt(qs, { count: 5, shuffle: true, seed }))),
    );
    expect(draws.size).toBeGreaterThan(1);
  });
  it('serves all in course order without shuffle', () => {
    const a = drawAttempt(qs, { count: null, shuffle: false, seed: 7 });
    expect(a.map((q) => q.questionId)).toEqual(qs.map((q) => q.id));
    expect(a[0]!.choiceIds).toEqual(['a', 'b', 'c', 'd']);
  });
  it('samples but keeps course order without shuffle', () => {
    const a = drawAttempt(qs, { count: 4, shuffle: false, seed: 9 }).map((q) =>
      Number(q.questionId.slice(1)),
    );
    expect(a).toHaveLength(4);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });
  it('caps the count at the bank size and keeps every choice', () => {
    const a = drawAttempt(qs, { count: 50, shuffle: true, seed: 3 });
    expect(a).toHaveLength(10);
    for (const q of a) expect([...q.choiceIds].sort()).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('ruleMatches', () => {
  const p = { roleKeys: ['staff'], unitPath: '/r/b1/d1/', hiredOn: '2026-04-01', status: 'active' as const };
  it.each([
    [{ roleKeys: [], unitPaths: [], hiredOnOrAfter: null }, p, true],
    [{ roleKeys: ['staff'], unitPaths: [], hiredOnOrAfter: null }, p, true],
    [{ roleKeys: ['division_security_officer'], unitPaths: [], hiredOnOrAfter: null }, p, false],
    [{ roleKeys: [], unitPaths: ['/r/b1/'], hiredOnOrAfter: null }, p, true],
    [{ roleKeys: [], unitPaths: ['/r/b2/'], hiredOnOrAfter: null }, p, false],
    [{ roleKeys: [], unitPaths: ['/r/b2/', '/r/b1/d1/'], hiredOnOrAfter: null }, p, true],
    [{ roleKeys: [], unitPaths: [], hiredOnOrAfter: '2026-04-01' }, p, true],
    [{ roleKeys: [], unitPaths: [], hiredOnOrAfter: '2026-04-02' }, p, false],
    [{ roleKeys: [], unitPaths: [], hiredOnOrAfter: '2026-04-01' }, { ...p, hiredOn: null }, false],
    [{ roleKeys: [], unitPaths: [], hiredOnOrAfter: null }, { ...p, status: 'left' as const }, false],
    [{ roleKeys: [], unitPaths: [], hiredOnOrAfter: null }, { ...p, status: 'long_leave' as const }, true],
  ])('%j matches %j → %s', (rule, subject, want) => expect(ruleMatches(rule, subject)).toBe(want));
});

describe('assignmentStatus', () => {
  const today = '2026-06-10';
  it.each([
    [{ completedAt: new Date(), dueOn: '2026-01-01', attempts: 3 }, 'completed'],
    [{ completedAt: null, dueOn: '2026-06-09', attempts: 0 }, 'overdue'],
    [{ completedAt: null, dueOn: '2026-06-10', attempts: 0 }, 'not_started'],
    [{ completedAt: null, dueOn: null, attempts: 1 }, 'in_progress'],
    [{ completedAt: null, dueOn: '2026-06-09', attempts: 2 }, 'overdue'],
  ])('%j → %s', (a, want) => expect(assignmentStatus(a, today)).toBe(want));
});

describe('fiscal quarters', () => {
  it.each([
    ['2026-04-01', 2026, 1],
    ['2026-06-30', 2026, 1],
    ['2026-07-01', 2026, 2],
    ['2026-12-31', 2026, 3],
    ['2027-01-01', 2026, 4],
    ['2027-03-31', 2026, 4],
  ])('%s → FY%i Q%i', (d, fy, q) => expect(fiscalQuarter(d)).toEqual({ fiscalYear: fy, quarter: q }));

  it.each([
    [2026, 1, '2026-04-01', '2026-06-30'],
    [2026, 3, '2026-10-01', '2026-12-31'],
    [2026, 4, '2027-01-01', '2027-03-31'],
    [2027, 4, '2028-01-01', '2028-03-31'],
  ] as const)('FY%i Q%i is %s–%s', (fy, q, from, to) => expect(quarterRange(fy, q)).toEqual({ from, to }));

  it('lists the quarters between two days across a fiscal year', () => {
    const qs = quartersBetween('2026-02-15', '2026-08-01');
    expect(qs.map((q) => `${q.fiscalYear}Q${q.quarter}`)).toEqual(['2025Q4', '2026Q1', '2026Q2']);
  });
  it('adds days across month ends', () => expect(addDays('2026-01-31', 30)).toBe('2026-03-02'));
});

describe('completion', () => {
  it('rates with one decimal, null without assignments', () => {
    expect(completionRate(3, 2)).toBe(66.7);
    expect(completionRate(0, 0)).toBeNull();
  });
  it('counts, per quarter end, assignments made by then and completed by then', () => {
    const rows = completionOverQuarters(
      [
        { personId: 'p1', assignedOn: '2026-04-10', completedOn: '2026-05-01' },
        { personId: 'p2', assignedOn: '2026-04-10', completedOn: '2026-08-01' },
        { personId: 'p3', assignedOn: '2026-07-05', completedOn: null },
      ],
      quartersBetween('2026-04-01', '2026-09-30'),
    );
    expect(rows.map((r) => [r.assigned, r.completed, r.rate])).toEqual([
      [2, 1, 50],
      [3, 2, 66.7],
    ]);
  });
  it('counts a person once, by their latest assignment as of the quarter end', () => {
    const rows = completionOverQuarters(
      [
        { personId: 'p1', assignedOn: '2026-04-10', completedOn: '2026-05-01' },
        // a follow-up after a drill, still open at the end of Q2
        { personId: 'p1', assignedOn: '2026-08-01', completedOn: null },
      ],
      quartersBetween('2026-04-01', '2026-09-30'),
    );
    expect(rows.map((r) => [r.assigned, r.completed])).toEqual([
      [1, 1],
      [1, 0],
    ]);
  });
});
