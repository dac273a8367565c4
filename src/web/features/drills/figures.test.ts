import { describe, expect, it } from 'vitest';
import { formatElapsed, pct, pctValue, pointDelta } from './figures.js';

describe('pct', () => {
  it.each([
    [101, 1000, '10.1%'],
    [1, 3, '33.3%'],
    [0, 5, '0.0%'],
    [3, 0, '—'],
  ])('%i of %i → %s', (p, w, s) => {
    expect(pct(p, w)).toBe(s);
  });
  it('gives no chart value without a whole', () => {
    expect(pctValue(1, 0)).toBeNull();
    expect(pctValue(163, 1000)).toBe(16.3);
  });
});

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

describe('rateText', () => {
  it('shows a rate to 0.1 % and nothing without a denominator', async () => {
    const { rateText, ratePct } = await import('./figures.js');
    expect(rateText(0.101)).toBe('10.1%');
    expect(rateText(null)).toBe('—');
    expect(ratePct(0.1634)).toBe(16.3);
  });
});
