import { describe, expect, it } from 'vitest';
import { dayInJapan, todayInJapan } from '../../lib/dates.js';
import {
  assignmentStatus,
  completionOverQuarters,
  completionRate,
  drawAttempt,
  isPass,
  isRight,
  quartersBetween,
  ruleAssignsAgain,
  ruleMatches,
  scorePercent,
  surveyResults,
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

describe('quarters between two days', () => {
  // The fiscal calendar itself (fiscalQuarter, quarterRange, addDays) is tested in src/lib/dates.test.ts.
  it('lists the quarters between two days across a fiscal year', () => {
    const qs = quartersBetween('2026-02-15', '2026-08-01');
    expect(qs.map((q) => `${q.fiscalYear}Q${q.quarter}`)).toEqual(['2025Q4', '2026Q1', '2026Q2']);
  });
});

describe('due dates on the Japanese calendar', () => {
  // Due on the 5th: still open all day on the 5th in Japan, overdue from 00:00 JST on the 6th.
  it.each([
    ['2026-12-05T14:59:00Z', 'not_started'], // 23:59 JST on the 5th
    ['2026-12-05T15:30:00Z', 'overdue'], // 00:30 JST on the 6th (still the 5th in UTC)
    ['2026-12-04T23:00:00Z', 'not_started'], // 08:00 JST on the 5th
  ] as const)('due 2026-12-05, at %s → %s', (instant, want) => {
    const today = todayInJapan(new Date(instant));
    expect(assignmentStatus({ completedAt: null, dueOn: '2026-12-05', attempts: 0 }, today)).toBe(want);
  });
  it('takes "today" in Japan, not in UTC', () => {
    expect(dayInJapan(new Date('2026-12-05T15:30:00Z'))).toBe('2026-12-06');
  });
});

describe('re-assignment every fiscal year (003 L390-393)', () => {
  it.each([
    [false, [], 2026, true], // never assigned by the rule
    [false, [2025], 2026, false], // a one-off rule assigns once ever
    [true, [2025], 2026, true], // from 1 April, the new fiscal year's assignment
    [true, [2025, 2026], 2026, false], // already assigned this fiscal year
    [true, [2026], 2026, false],
  ] as const)('every year %s, assigned in %j, now FY%i → %s', (every, years, fy, want) =>
    expect(ruleAssignsAgain(every, years, fy)).toBe(want),
  );
});

describe('completion', () => {
  it.each([
    [100, 68, 0.68],
    [3, 2, 2 / 3],
    [4, 4, 1],
    [5, 0, 0],
    [0, 0, null],
  ])('%i assigned, %i completed → rate %s (a fraction 0..1, never percent)', (a, c, want) =>
    expect(completionRate(a, c)).toBe(want),
  );
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
      [2, 1, 0.5],
      [3, 2, 2 / 3],
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

describe('survey results (003 L401-403)', () => {
  const qs = [
    { id: 'q1', kind: 'scale' as const, text: 'わかりやすさ' },
    { id: 'q2', kind: 'text' as const, text: 'ご意見' },
  ];
  const answers: Record<string, number | string>[] = [
    { q1: 5, q2: '良かった' },
    { q1: 4, q2: '' },
    { q1: 4 },
    { q1: 2, q2: '長い' },
    { q1: 5, q2: '動画が欲しい' },
  ];
  it('aggregates scales (mean, 1–5 distribution) and lists texts when the group is large enough', () => {
    const r = surveyResults(qs, answers, 5);
    expect(r).toMatchObject({ responses: 5, small: false });
    expect(r.questions[0]).toMatchObject({
      answered: 5,
      mean: 4,
      distribution: [0, 1, 0, 2, 2],
      texts: null,
    });
    expect(r.questions[1]).toMatchObject({
      answered: 3,
      mean: null,
      texts: ['良かった', '長い', '動画が欲しい'],
    });
  });
  it.each([
    [4, 5, true],
    [5, 5, false],
    [1, 2, true],
  ])('%i answers with minimum group size %i → only counts: %s', (n, min, small) => {
    const r = surveyResults(qs, answers.slice(0, n), min);
    expect(r.small).toBe(small);
    expect(r.questions[0]!.answered).toBe(n);
    if (small)
      expect(r.questions.every((q) => q.mean === null && q.texts === null && q.distribution === null)).toBe(
        true,
      );
  });
});
