import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { attachmentHtml, linksFor, lureMail } from './mailer.js';
import type { drills } from './schema.js';

// The HTML the drill sends (mail body, harmless attachment) is written by hand: every value in it
// goes through the one escape of src/lib/html.ts, so names and texts cannot add markup.

const EVIL = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
const config = { ...loadConfig({}), publicUrl: 'https://m.example' };
const drill = {
  title: `</title>${EVIL}`,
  subject: '件名',
  body: '{{name}} 様\n\n{{unit}}\n{{url}}',
  senderName: '人事課',
  senderAddress: 'kyuyo@example-lure.jp',
  variant: 'single',
  lureKind: 'attachment',
  attachmentName: '資料.html',
} as unknown as typeof drills.$inferSelect;

/** No tag other than the expected ones, and no on…= attribute outside quoted values. */
function expectInert(html: string) {
  expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/<script/i);
  for (const [, tag] of html.matchAll(/<\/?([a-z!]+)/gi))
    expect(['!doctype', 'html', 'head', 'meta', 'title', 'body', 'p', 'br', 'a', 'img']).toContain(
      tag!.toLowerCase(),
    );
}

describe('drill HTML', () => {
  it('escapes the name and unit in the lure mail body', () => {
    const m = lureMail(
      config,
      drill,
      { name: EVIL, email: 'a@example.go.jp', unitName: EVIL },
      'T'.repeat(32),
      '<x@y>',
    );
    const html = String(m.html);
    expectInert(html);
    expect(html).toContain('&lt;script&gt;');
    expect(html.match(/<img /g)).toHaveLength(1); // the open pixel only
  });

  it('escapes the drill title in the attachment', () => {
    const html = attachmentHtml(drill, linksFor(config.publicUrl, 'T'.repeat(32)));
    expectInert(html);
    expect(html).toContain('&lt;/title&gt;');
  });
});
