import { describe, expect, it } from 'vitest';
import {
  fillTemplate,
  nextSendTime,
  rate,
  requestFlags,
  sampleSize,
  scannerFlags,
  smtpOutcome,
  timingFlags,
  windowEndsAt,
} from './rules.js';
import { findTokens, makeToken, readToken, tokenKey } from './tokens.js';

const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
const delivered = new Date('2026-06-01T00:00:00Z');
const secondsAfter = (s: number) => new Date(delivered.getTime() + s * 1000);

describe('scanner flags', () => {
  it.each([
    ['a person in a browser, a minute after delivery', 'GET', CHROME, secondsAfter(60), []],
    [
      'Gmail’s image proxy is a person opening the mail',
      'GET',
      'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
      secondsAfter(60),
      [],
    ],
    [
      'Outlook desktop is a person',
      'GET',
      'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.5000; Pro)',
      secondsAfter(60),
      [],
    ],
    [
      'Bing preview',
      'GET',
      'Mozilla/5.0 (compatible; bingbot/2.0; BingPreview/1.0b)',
      secondsAfter(60),
      ['scanner_agent'],
    ],
    ['Barracuda', 'GET', 'Barracuda Sentinel (EE)', secondsAfter(60), ['scanner_agent']],
    ['Proofpoint', 'GET', 'Mozilla/5.0 Proofpoint URL Defense', secondsAfter(60), ['scanner_agent']],
    ['Mimecast', 'GET', 'Mimecast-URL-Protect/1.0', secondsAfter(60), ['scanner_agent']],
    ['curl', 'GET', 'curl/8.5.0', secondsAfter(60), ['scanner_agent']],
    ['python-requests', 'GET', 'python-requests/2.31', secondsAfter(60), ['scanner_agent']],
    ['headless Chrome', 'GET', 'Mozilla/5.0 HeadlessChrome/120.0', secondsAfter(60), ['scanner_agent']],
    ['no user agent', 'GET', null, secondsAfter(60), ['no_agent']],
    ['a HEAD request', 'HEAD', CHROME, secondsAfter(60), ['head_request']],
    ['two seconds after delivery', 'GET', CHROME, secondsAfter(2), ['too_soon']],
    ['exactly at the end of the window', 'GET', CHROME, secondsAfter(10), []],
    ['before delivery', 'GET', CHROME, secondsAfter(-5), ['before_delivery']],
    [
      'HEAD by curl at once',
      'HEAD',
      'curl/8',
      secondsAfter(1),
      ['scanner_agent', 'head_request', 'too_soon'],
    ],
  ] as const)('%s', (_label, method, ua, at, expected) => {
    expect(scannerFlags({ method, userAgent: ua, at, deliveredAt: delivered, windowSeconds: 10 })).toEqual(
      expected,
    );
  });

  it('an event while delivery is not yet recorded is flagged as before delivery', () => {
    expect(timingFlags(secondsAfter(100), null, 10)).toEqual(['before_delivery']);
  });

  it('a window of zero seconds flags nothing after delivery', () => {
    expect(timingFlags(secondsAfter(0), delivered, 0)).toEqual([]);
  });

  it('request flags alone ignore timing', () => {
    expect(requestFlags('GET', CHROME)).toEqual([]);
    expect(requestFlags('head', CHROME)).toEqual(['head_request']);
  });
});

describe('send window (Japan time)', () => {
  const w = { start: '09:00', end: '17:00', startAt: null };
  it.each([
    ['inside the window: now', '2026-06-01T01:00:00Z', '2026-06-01T01:00:00Z'],
    ['before 9:00 JST: at 9:00', '2026-05-31T23:00:00Z', '2026-06-01T00:00:00Z'],
    ['after 17:00 JST: next day 9:00', '2026-06-01T09:30:00Z', '2026-06-02T00:00:00Z'],
    ['just before midnight JST: next day 9:00', '2026-06-01T14:59:00Z', '2026-06-02T00:00:00Z'],
  ])('%s', (_l, now, expected) => {
    expect(nextSendTime(new Date(now), w).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('waits for the start time', () => {
    const startAt = new Date('2026-06-03T02:00:00Z');
    expect(nextSendTime(new Date('2026-06-01T01:00:00Z'), { ...w, startAt })).toEqual(startAt);
  });

  it('a whole-day window never waits', () => {
    const now = new Date('2026-06-01T20:00:00Z');
    expect(nextSendTime(now, { start: '00:00', end: '24:00', startAt: null })).toEqual(now);
    expect(windowEndsAt(now, { start: '00:00', end: '24:00' })).toBeNull();
  });

  it('a window over midnight', () => {
    const w2 = { start: '22:00', end: '06:00', startAt: null };
    expect(nextSendTime(new Date('2026-06-01T14:00:00Z'), w2)).toEqual(new Date('2026-06-01T14:00:00Z')); // 23:00 JST
    expect(nextSendTime(new Date('2026-06-01T03:00:00Z'), w2)).toEqual(new Date('2026-06-01T13:00:00Z')); // 12:00 → 22:00
  });

  it('the window ends at 17:00 JST of the same day', () => {
    expect(windowEndsAt(new Date('2026-06-01T01:00:00Z'), w)).toEqual(new Date('2026-06-01T08:00:00Z'));
  });

  // The Japanese day, not the server's nor UTC's: 00:30 JST is still "before 09:30" of the new JST day.
  it.each([
    [
      '08:30–17:45, 17:50 JST: next day 08:30',
      '08:30',
      '17:45',
      '2026-06-01T08:50:00Z',
      '2026-06-01T23:30:00Z',
    ],
    [
      '08:30–17:45, 00:30 JST (UTC still the day before): 08:30',
      '08:30',
      '17:45',
      '2026-05-31T15:30:00Z',
      '2026-05-31T23:30:00Z',
    ],
    ['09:00–24:00, 23:59 JST: now', '09:00', '24:00', '2026-06-01T14:59:00Z', '2026-06-01T14:59:00Z'],
  ])('minutes and days in Japan time: %s', (_l, start, end, now, expected) => {
    expect(nextSendTime(new Date(now), { start, end, startAt: null })).toEqual(new Date(expected));
  });

  it.each([
    ['08:30–17:45 at 09:00 JST', '08:30', '17:45', '2026-06-01T00:00:00Z', '2026-06-01T08:45:00Z'],
    [
      '09:00–24:00 at 23:00 JST: the next JST midnight',
      '09:00',
      '24:00',
      '2026-06-01T14:00:00Z',
      '2026-06-01T15:00:00Z',
    ],
    [
      '22:00–06:00 at 23:30 JST: 06:00 the next day',
      '22:00',
      '06:00',
      '2026-06-01T14:30:00Z',
      '2026-06-01T21:00:00Z',
    ],
    [
      '22:00–06:00 at 02:00 JST: 06:00 the same day',
      '22:00',
      '06:00',
      '2026-06-01T17:00:00Z',
      '2026-06-01T21:00:00Z',
    ],
  ])('the window ends: %s', (_l, start, end, at, expected) => {
    expect(windowEndsAt(new Date(at), { start, end })).toEqual(new Date(expected));
  });
});

describe('targets, outcomes, rates, templates', () => {
  it.each([
    [0, 50, 0],
    [10, 100, 10],
    [10, 10, 1],
    [3, 10, 1],
    [180_000, 10, 18_000],
  ])('a %d-person sample at %d %% takes %d', (n, pct, k) => {
    expect(sampleSize(n, pct)).toBe(k);
  });

  it('a 5xx refusal is a bounce, a 4xx or a broken connection a failure', () => {
    expect(smtpOutcome(null)).toBe('sent');
    expect(smtpOutcome({ responseCode: 550 })).toBe('bounced');
    expect(smtpOutcome({ responseCode: 451 })).toBe('failed');
    expect(smtpOutcome({})).toBe('failed');
  });

  it('a rate of nothing delivered is unknown, not zero', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(1, 4)).toBe(0.25);
  });

  it('fills known placeholders and leaves others', () => {
    expect(fillTemplate('{{name}} 様 {{ url }} {{other}}', { name: '山田', url: 'http://x' })).toBe(
      '山田 様 http://x {{other}}',
    );
  });
});

describe('tracking tokens', () => {
  const key = tokenKey(Buffer.alloc(32, 1));
  it('round-trips a recipient id and is 32 characters (128-bit MAC)', () => {
    const t = makeToken(key, 123456789);
    expect(t).toHaveLength(32);
    expect(readToken(key, t)).toBe(123456789);
  });
  it('refuses a changed character, another key, wrong lengths', () => {
    const t = makeToken(key, 42);
    const flipped = (t[10] === 'A' ? 'B' : 'A') + t.slice(1);
    expect(readToken(key, `${t.slice(0, 10)}${flipped[0]}${t.slice(11)}`)).toBeNull();
    expect(readToken(tokenKey(Buffer.alloc(32, 2)), t)).toBeNull();
    expect(readToken(key, t.slice(1))).toBeNull();
    expect(readToken(key, `${t}x`)).toBeNull();
    expect(readToken(key, '!'.repeat(32))).toBeNull();
  });
  it('finds tokens inside URLs and headers of a forwarded message', () => {
    const a = makeToken(key, 7);
    const b = makeToken(key, 8);
    const text = `X-Mamoru-Ref: ${a}\n> https://m.example/api/v1/t/c/${b}\n${'z'.repeat(40)}`;
    expect(findTokens(key, text).sort()).toEqual([7, 8]);
  });
});
