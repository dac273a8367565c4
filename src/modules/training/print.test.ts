import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './print.js';

describe('markdownToHtml (print)', () => {
  it.each([
    ['# 見出し', '<h3>見出し</h3>'],
    ['本文 **強調** と `code`', '<p>本文 <strong>強調</strong> と <code>code</code></p>'],
    ['- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>'],
    ['1. a\n2. b', '<ol>\n<li>a</li>\n<li>b</li>\n</ol>'],
    ['- a\n  続き', '<ul>\n<li>a 続き</li>\n</ul>'],
    ['一行目\n二行目', '<p>一行目<br>二行目</p>'],
    ['![図](https://example.jp/a.png)', '<p><img alt="図" src="https://example.jp/a.png"></p>'],
    [
      '![図](/api/v1/training/images/x)',
      '<p><img alt="図" src="https://m.example/api/v1/training/images/x"></p>',
    ],
    ['[サイト](https://example.jp)', '<p>サイト（https://example.jp）</p>'],
  ])('%j → %j', (md, html) => expect(markdownToHtml(md, 'https://m.example')).toBe(html));

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '![x](javascript:alert(1))',
    '[x](javascript:alert(1))',
    '![x" onerror="alert(1)](https://example.jp/a.png)',
  ])('never passes markup or script URLs through: %j', (md) => {
    const html = markdownToHtml(md);
    for (const [, tag, attrs] of html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)) {
      expect(['p', 'br', 'img', 'strong', 'code', 'ul', 'ol', 'li', 'h3']).toContain(tag);
      // every attribute is a quoted alt or src; quotes inside values are escaped
      const names = [...attrs!.matchAll(/\s([a-z-]+)="[^"]*"/gi)].map((m) => m[1]);
      expect(attrs!.replace(/\s([a-z-]+)="[^"]*"/gi, '').trim()).toBe('');
      for (const n of names) expect(['alt', 'src']).toContain(n);
      expect(attrs).not.toMatch(/src="\s*javascript:/i);
    }
  });
});
