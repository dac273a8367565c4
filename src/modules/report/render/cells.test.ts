import { describe, expect, it } from 'vitest';
import type { Cell, FigureFormat } from '../doc-model.js';
import { cellText, linkHref } from './cells.js';

describe('cellText: one formatter for every output', () => {
  it.each<[Cell, FigureFormat | undefined, 'ja' | 'en', string]>([
    // rates: fractions at 0.1 % through lib/percent (000 L1020-1095)
    [0.8523, 'rate', 'ja', '85.2%'],
    [{ value: 1, format: 'rate' }, undefined, 'en', '100.0%'],
    [{ value: null, format: 'rate' }, 'rate', 'ja', '—'],
    [null, 'count', 'ja', '—'],
    [12345, 'count', 'ja', '12,345'],
    [12345, undefined, 'en', '12,345'],
    [1234567, 'yen', 'ja', '1,234,567円'],
    [1234567, 'yen', 'en', '¥1,234,567'],
    ['2026-04-01', 'date', 'ja', '2026年4月1日'],
    ['2026-04-01', 'date', 'en', '1 Apr 2026'],
    // an instant is shown as its Japanese day: 15:30Z on 31 March is 1 April in Tokyo
    ['2027-03-31T15:30:00Z', 'date', 'ja', '2027年4月1日'],
    [{ value: 0.5, format: 'rate' }, 'count', 'ja', '50.0%'],
    ['<b>総務課</b>', undefined, 'ja', '<b>総務課</b>'],
    ['', 'text', 'ja', '—'],
  ])('%j as %s (%s) → %s', (cell, format, locale, text) => {
    expect(cellText(cell, locale, format)).toBe(text);
  });
});

describe('linkHref: only paths below the app root become links', () => {
  it.each([
    ['/selfcheck/x?a=1', 'https://m.example/', 'https://m.example/selfcheck/x?a=1'],
    ['/selfcheck/x', null, '/selfcheck/x'],
    ['javascript:alert(1)', 'https://m.example', null],
    ['//evil.example/x', 'https://m.example', null],
    ['https://evil.example/x', 'https://m.example', null],
    [undefined, 'https://m.example', null],
  ])('%s with base %s → %s', (link, base, href) => {
    expect(linkHref(link, base)).toBe(href);
  });
});
