import { describe, expect, it } from 'vitest';
import { crowd, run } from './metrics.fixtures.js';
import { createMetricsAccumulator, formatPercent } from './metrics.js';

// 実施率 is exact (rationals, BigInt past 2^53); rounding to 0.1 % happens only for display.

describe('exact mean of item rates', () => {
  it.each([
    { rule: '(1/3 + 2/3) / 2 is exactly 0.5', spec: { a: [3, 1], b: [3, 2] }, mean: 0.5 },
    // Summed in floats this gives 0.39999999999999997.
    { rule: '(1/2 + 1/2 + 1/5) / 3 is exactly 0.4', spec: { a: [2, 1], b: [2, 1], c: [5, 1] }, mean: 0.4 },
    {
      rule: '(1/2 + 1/2 + 2/3) / 3 rounds correctly',
      spec: { a: [2, 1], b: [2, 1], c: [3, 2] },
      mean: 5 / 9,
    },
  ] as { rule: string; spec: Record<string, [number, number]>; mean: number }[])(
    '$rule',
    ({ spec, mean }) => {
      expect(run(crowd(spec)).overall.implementation.nisc).toBe(mean);
    },
  );

  it('stays exact when the common denominator outgrows 2^53 (BigInt)', () => {
    // Pairs x/p + (p−x)/p sum to 1, with distinct primes near 300,000: 2 of 6 → exactly 1/3.
    const acc = createMetricsAccumulator();
    const items: [string, { implemented: number; notImplemented: number; noDuty: number }][] = [];
    for (const [k, p] of [299993, 299999, 300007].entries()) {
      const x = 1234 * (k + 1);
      const parts = k < 2 ? [x, p - x] : [0, 0];
      for (const [j, implemented] of parts.entries())
        items.push([`${k}.${j}`, { implemented, notImplemented: p - implemented, noDuty: 0 }]);
    }
    acc.addAggregate({
      group: 'staff',
      role: '行政事務従事者',
      unitPath: [],
      inScope: 300007,
      captured: 300007,
      notAllImplemented: 300007,
      items,
    });
    expect(acc.result().overall.implementation.nisc).toBe(1 / 3);
  });
});

describe('formatPercent', () => {
  it.each([
    [0.75, '75.0%'],
    [86 / 112, '76.8%'],
    [1, '100.0%'],
    [0, '0.0%'],
    [null, '—'],
  ])('formats %s as %s', (x, text) => {
    expect(formatPercent(x, 'ja-JP')).toBe(text);
    expect(formatPercent(x, 'en-US')).toBe(text);
  });
});
