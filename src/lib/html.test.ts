import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMarkdown } from './html.js';

const BASE = 'https://m.example';
const md = (text: string) => renderMarkdown(text, { base: BASE, headingOffset: 2 });

/** Every tag of a fragment with its attributes (name → value). */
function tags(html: string) {
  return [...html.matchAll(/<([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/gi)].map((m) => ({
    tag: m[1]!.toLowerCase(),
    attrs: Object.fromEntries([...m[2]!.matchAll(/([a-z-]+)="([^"]*)"/gi)].map((a) => [a[1]!, a[2]!])),
  }));
}

describe('escapeHtml', () => {
  it('escapes the five characters that matter in text and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});

describe('renderMarkdown: ordinary Markdown still renders', () => {
  it.each([
    ['# 見出し', '<h3>見出し</h3>'],
    ['#### 小見出し', '<h6>小見出し</h6>'],
    [
      '本文 **強調** と *斜体* と `code`',
      '<p>本文 <strong>強調</strong> と <em>斜体</em> と <code>code</code></p>',
    ],
    ['- a\n- b', '<ul>\n<li>a</li>\n<li>b</li>\n</ul>'],
    ['1. a\n2. b', '<ol>\n<li>a</li>\n<li>b</li>\n</ol>'],
    ['> 引用', '<blockquote>\n<p>引用</p>\n</blockquote>'],
    ['![図](https://example.jp/a.png)', '<p><img src="https://example.jp/a.png" alt="図" /></p>'],
    [
      '![図](/api/v1/training/images/x)',
      '<p><img src="https://m.example/api/v1/training/images/x" alt="図" /></p>',
    ],
    [
      '[サイト](https://example.jp)',
      '<p><a href="https://example.jp" rel="noopener noreferrer">サイト</a></p>',
    ],
    [
      '[窓口](mailto:soc@example.go.jp)',
      '<p><a href="mailto:soc@example.go.jp" rel="noopener noreferrer">窓口</a></p>',
    ],
    [
      '| 区分 | 例 |\n|:--|--:|\n| 機密性3 | 人事 |',
      '<table>\n<thead>\n<tr>\n<th style="text-align:left">区分</th>\n<th style="text-align:right">例</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:left">機密性3</td>\n<td style="text-align:right">人事</td>\n</tr>\n</tbody>\n</table>',
    ],
  ])('%j', (text, html) => expect(md(text)).toBe(html));
});

describe('renderMarkdown: crafted Markdown never yields an event handler, script or unsafe URL', () => {
  it.each([
    // the finding: the old link rule ran over the <img> the image rule had produced
    '![[x](https://a/](zzz)q)![ onerror=alert(1) x](https://b)',
    '![x](y" onerror="alert(1))',
    '![x](https://a.example/" onerror="alert(1))',
    '![x" onerror="alert(1)](https://example.jp/a.png)',
    '![[x](https://a.example/" onerror="alert(1))](https://example.jp/a.png)',
    '[![x](https://example.jp/a.png" onerror="alert(1))](https://example.jp)',
    '[![x](javascript:alert(1))](javascript:alert(1))',
    '![x](javascript:alert(1))',
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
    '[x](//evil.example/)',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '`<img src=x onerror=alert(1)>`',
    '<svg onload=alert(1)>',
  ])('%j', (text) => {
    const html = md(text);
    for (const { tag, attrs } of tags(html)) {
      expect(['p', 'img', 'a', 'code', 'br', 'em', 'strong']).toContain(tag);
      for (const [name, value] of Object.entries(attrs)) {
        expect(['src', 'alt', 'href', 'rel', 'title']).toContain(name);
        expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
        if (name === 'src') expect(value).toMatch(/^https:\/\//);
      }
    }
    // outside quoted values (where `"` is always escaped), no on…= attribute
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/<script|<svg/i);
  });

  it('keeps images to https and the app’s own image URLs', () => {
    expect(md('![x](http://plain.example/a.png)')).toBe('<p></p>');
    const local = (text: string) => renderMarkdown(text, { base: 'http://localhost:3000' });
    expect(local('![x](/api/v1/training/images/1)')).toBe(
      '<p><img src="http://localhost:3000/api/v1/training/images/1" alt="x" /></p>',
    );
    expect(local('![x](/elsewhere.png)')).toBe('<p></p>');
  });
});
