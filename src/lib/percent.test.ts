import { describe, expect, it } from 'vitest';
import { formatPercent, percentValue } from './percent.js';

describe('formatPercent', () => {
  it.each([
    [0.68, 'ja', '68.0%'],
    [0.68, 'en', '68.0%'],
    [1, 'ja', '100.0%'],
    [0.12345, 'ja', '12.3%'],
    [0.00049, 'ja', '0.0%'],
    [0, 'ja', '0.0%'],
  ])('%f in %s is %s', (x, lang, out) => expect(formatPercent(x, lang)).toBe(out));

  it('shows a dash without a denominator', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(undefined)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('gives chart values in percent', () => {
    expect(percentValue(0.6789)).toBe(67.9);
    expect(percentValue(null)).toBeNull();
  });
});
