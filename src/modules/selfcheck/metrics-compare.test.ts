import { describe, expect, it } from 'vitest';
import { type Answer, createMetricsAccumulator, type MemberInput } from './metrics.js';
import { crossUnitFigures, meanOfRates, poolFigures, yearOverYear } from './metrics-compare.js';

const [I, N, X] = ['implemented', 'not_implemented', 'no_duty'] as const;

const member = (unit: string, answers: Record<string, Answer>, submitted = true): MemberInput => ({
  group: 'staff',
  role: '行政事務従事者',
  unitPath: ['省', unit],
  inScope: true,
  submitted,
  answers: Object.entries(answers),
});

function run(members: MemberInput[]) {
  const acc = createMetricsAccumulator();
  for (const m of members) acc.addMember(m);
  return acc.result();
}

// 局A: 10 people, item a 9/10; 局B: 2 people, item a 0/2, one of them also item b 1/1; 局C: nobody answered.
const members = [
  ...Array.from({ length: 10 }, (_, j) => member('局A', { a: j < 9 ? I : N })),
  member('局B', { a: N, b: I }),
  member('局B', { a: N, b: X }),
  member('局C', {}, false),
];
const result = run(members);
const bureaus = ['局A', '局B', '局C'].map((u) => result.units[u]!);

describe('cross-unit figures', () => {
  it('pooled over disjoint units equal the figures of their parent', () => {
    expect(poolFigures(bureaus)).toEqual(result.units.省);
    expect(crossUnitFigures(bureaus).pooled).toEqual(result.units.省);
  });

  it('the mean is of unit rates, not weighted by headcount and skipping null (001 L2859)', () => {
    const { mean } = crossUnitFigures(bureaus);
    // 局A 0.9 and 局B (0/2 + 1/1) / 2 = 0.5; 局C has no rate.
    expect(mean.implementation.nisc).toBe(0.7);
    expect(mean.implementation.pooled).toBe((0.9 + 1 / 3) / 2);
    expect(mean.coverage).toBe((1 + 1 + 0) / 3);
    expect(mean.attainment).toEqual({ '100': 0.25, '95': 0.25, '90': 0.75 });
    expect(result.units.省!.implementation.pooled).toBe(10 / 13);
  });

  it.each([
    [[0.5, null, 1], 0.75],
    [[null, null], null],
    [[], null],
    [[0], 0],
  ])('meanOfRates(%j) is %s', (rates, mean) => {
    expect(meanOfRates(rates)).toBe(mean);
  });
});

describe('year over year', () => {
  const previous = run([member('局A', { a: I, c: I }), member('局A', { a: N, c: X })]).overall;
  const current = run([member('局A', { a: I, b: N }), member('局A', { a: I, b: X })]).overall;

  it('gives current − previous per item id, null when either side has no rate', () => {
    expect(yearOverYear(current, previous).items).toEqual([
      { item: 'b', current: 0, previous: null, change: null },
      { item: 'a', current: 1, previous: 0.5, change: 0.5 },
      { item: 'c', current: null, previous: 1, change: null },
    ]);
  });

  it('gives the change of every headline figure', () => {
    const change = yearOverYear(current, previous);
    expect(change.coverage).toBe(0);
    expect(change.implementation).toEqual({
      nisc: 0.5 - 0.75,
      pooled: 2 / 3 - 2 / 3,
      meti_all_items: 0.5 - 0.5,
    });
    expect(change.attainment['100']).toBe(0.5 - 0.5);
  });

  it('is null where a figure had no denominator', () => {
    const empty = run([member('局A', {}, false)]).overall;
    expect(yearOverYear(empty, previous).implementation.nisc).toBeNull();
    expect(yearOverYear(empty, previous).coverage).toBe(0 - 1);
  });
});
