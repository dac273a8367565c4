import { describe, expect, it } from 'vitest';
import { fileTypeAllowed, isCurrent, isSafeUrl, validPeriod } from './rules.js';

// Staff see current material only (003 L1291-1297: 常に最新の情報を掲載).
describe('isCurrent: published and within its period', () => {
  const today = '2026-06-15';
  it.each([
    [{ published: true, publishedFrom: null, publishedUntil: null }, true],
    [{ published: false, publishedFrom: null, publishedUntil: null }, false],
    [{ published: true, publishedFrom: '2026-06-15', publishedUntil: null }, true],
    [{ published: true, publishedFrom: '2026-06-16', publishedUntil: null }, false],
    [{ published: true, publishedFrom: null, publishedUntil: '2026-06-15' }, true],
    [{ published: true, publishedFrom: null, publishedUntil: '2026-06-14' }, false],
    [{ published: false, publishedFrom: '2026-01-01', publishedUntil: '2026-12-31' }, false],
  ])('%o → %s', (item, expected) => expect(isCurrent(item, today)).toBe(expected));
});

describe('isSafeUrl: links are http(s) only', () => {
  it.each([
    ['https://www.nisc.go.jp/', true],
    ['http://intra.example.go.jp/a?b=c', true],
    ['javascript:alert(1)', false],
    ['JavaScript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['file:///etc/passwd', false],
    ['//evil.example/', false],
    ['/relative', false],
    ['mailto:a@example.go.jp', false],
  ])('%s → %s', (url, expected) => expect(isSafeUrl(url)).toBe(expected));
});

describe('fileTypeAllowed: documents, images and text, never HTML or executables', () => {
  it.each([
    ['application/pdf', true],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', true],
    ['text/plain; charset=utf-8', true],
    ['text/html', false],
    ['application/x-msdownload', false],
    ['image/svg+xml', false],
  ])('%s → %s', (type, expected) => expect(fileTypeAllowed(type)).toBe(expected));
});

describe('validPeriod', () => {
  it.each([
    [null, null, true],
    ['2026-04-01', null, true],
    ['2026-04-01', '2026-04-01', true],
    ['2026-04-02', '2026-04-01', false],
  ])('%s..%s → %s', (from, until, expected) => expect(validPeriod(from, until)).toBe(expected));
});
