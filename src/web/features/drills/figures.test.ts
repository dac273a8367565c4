import { describe, expect, it } from 'vitest';
import { formatElapsed, pointDelta } from './figures.js';

describe('formatElapsed', () => {
  it.each([
    [null, 'ja', '—'],
    [42, 'ja', '42秒'],
    [42, 'en', '42 s'],
    [3 * 60, 'ja', '3分'],
    [2 * 3600 + 5 * 60, 'ja', '2時間5分'],
    [2 * 3600 + 5 * 60, 'en', '2 h 5 min'],
    [86_400 + 3600 + 60, 'ja', '1日1時間'],
  ] as const)('%s s in %s → %s', (s, lang, out) => {
    expect(formatElapsed(s, lang)).toBe(out);
  });
});

describe('pointDelta', () => {
  it.each([
    [16.3, 10.1, '+6.2 pt'],
    [10.1, 16.3, '−6.2 pt'],
    [5, 5, '±0.0 pt'],
    [null, 5, '—'],
  ])('%s vs %s → %s', (a, b, out) => {
    expect(pointDelta(a, b)).toBe(out);
  });
});
