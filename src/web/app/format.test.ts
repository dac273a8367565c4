import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pct, pctValue } from '../features/selfcheck/format.js';
import { pct as trainingPct } from '../features/training/format.js';
import { formatPercent, formatPercentNumber, percentValue } from './format.js';

// Every rate is a fraction 0..1 shown to 0.1 %, the precision of the reports (000 L1020-1095).
describe('percentages in the web app', () => {
  it.each([
    [0.68, 'ja', '68.0%'],
    [0.68, 'en', '68.0%'],
    [27 / 28, 'ja', '96.4%'],
    [0.9999, 'ja', '100.0%'],
    [0, 'en', '0.0%'],
    [null, 'ja', '—'],
    [undefined, 'en', '—'],
    [Number.NaN, 'ja', '—'],
  ])('%s in %s reads %s, through pct of the self-check and of training alike', (x, lang, text) => {
    expect(formatPercent(x, lang)).toBe(text);
    expect(pct(x, lang)).toBe(text);
    expect(trainingPct(x, lang)).toBe(text);
  });

  it('formats in the UI language when none is given (Japanese before i18n starts)', () => {
    expect(pct(0.5)).toBe(formatPercent(0.5, 'ja'));
  });

  it('gives charts the number of percent and reads it back without multiplying again', () => {
    expect(pctValue(0.6789)).toBe(67.9);
    expect(percentValue(0.68)).toBe(68);
    // A value already in percent (a chart bar, a drill's sample share) is never 6800.0%.
    expect(formatPercentNumber(68, 'ja')).toBe('68.0%');
    expect(formatPercentNumber(percentValue(0.6789), 'en')).toBe('67.9%');
    expect(formatPercentNumber(null, 'ja')).toBe('—');
  });
});

// One formatter: no page builds "…%" by hand (toFixed, or a template ending in %), so a change of
// notation or a fix reaches every figure.
describe('the web source', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) return files(p);
      return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [p] : [];
    });
  const handMade = [/toFixed\([^)]*\)\}?\s*%/, /\}%`/, /\+ '%'/];

  it('formats no percentage by hand', () => {
    const offenders = files(root).flatMap((f) => {
      const lines = fs.readFileSync(f, 'utf8').split('\n');
      return lines.flatMap((line, i) =>
        handMade.some((re) => re.test(line)) ? [`${path.relative(root, f)}:${i + 1}: ${line.trim()}`] : [],
      );
    });
    expect(offenders).toEqual([]);
  });
});
