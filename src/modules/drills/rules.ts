// Pure rules of targeted-email drills: who is a scanner, when mail may go out, how figures are built.
// No I/O here (STYLE.md pattern 1).

import { addDays, dayInJapan, instantInJapan, startOfDayInJapan } from '../../lib/dates.js';

/**
 * User agents of mail scanners and link pre-fetchers that fetch every URL in a message before (or
 * instead of) a person (Gophish issues #973, #2115, #2446, #2961). GoogleImageProxy is deliberately
 * NOT listed: Gmail fetches images through it when a person opens the mail, so it is a real open.
 * Microsoft Defender Safe Links sends browser-like agents; the timing rules catch it instead.
 */
export const SCANNER_AGENTS: { name: string; pattern: RegExp }[] = [
  { name: 'bing-preview', pattern: /bingpreview/i },
  { name: 'microsoft-office-discovery', pattern: /microsoft office (existence|protocol) discovery/i },
  { name: 'barracuda', pattern: /barracuda/i },
  { name: 'proofpoint', pattern: /proofpoint/i },
  { name: 'mimecast', pattern: /mimecast/i },
  { name: 'trend-micro', pattern: /trend ?micro|interscan/i },
  { name: 'symantec', pattern: /symantec|messagelabs/i },
  { name: 'fireeye', pattern: /fireeye|trellix/i },
  { name: 'forcepoint', pattern: /forcepoint|websense/i },
  { name: 'zscaler', pattern: /zscaler/i },
  { name: 'palo-alto', pattern: /palo ?alto|cortex/i },
  {
    name: 'link-preview',
    pattern:
      /skypeuripreview|slackbot|facebookexternalhit|twitterbot|linkedinbot|whatsapp|discordbot|teamsbot/i,
  },
  { name: 'headless-browser', pattern: /headlesschrome|phantomjs|puppeteer|playwright|selenium/i },
  {
    name: 'http-library',
    pattern:
      /^(curl|wget|python-requests|python-urllib|python-httpx|aiohttp|go-http-client|java|okhttp|libwww-perl|apache-httpclient|node-fetch|axios|undici)\b/i,
  },
  { name: 'crawler', pattern: /\b(bot|crawler|spider|scanner)\b/i },
];

export type ScannerFlag = 'scanner_agent' | 'no_agent' | 'head_request' | 'before_delivery' | 'too_soon';

export interface EventSighting {
  method: string;
  userAgent: string | null;
  at: Date;
  /** When the relay accepted the mail; null when it has not been recorded as delivered. */
  deliveredAt: Date | null;
  /** Events less than this many seconds after delivery are flagged. */
  windowSeconds: number;
}

/** Why an event looks automatic. Empty: counted as a person. Every figure is also shown with them. */
export function scannerFlags(e: EventSighting): ScannerFlag[] {
  return [...requestFlags(e.method, e.userAgent), ...timingFlags(e.at, e.deliveredAt, e.windowSeconds)];
}

/** What the request itself shows (agent, method): decided in the request, before the event is queued. */
export function requestFlags(method: string, userAgent: string | null): ScannerFlag[] {
  const flags: ScannerFlag[] = [];
  const ua = userAgent?.trim() ?? '';
  if (!ua) flags.push('no_agent');
  else if (SCANNER_AGENTS.some((s) => s.pattern.test(ua))) flags.push('scanner_agent');
  if (method.toUpperCase() === 'HEAD') flags.push('head_request');
  return flags;
}

/** What the timing shows: before the relay accepted the mail, or within seconds of it. */
export function timingFlags(at: Date, deliveredAt: Date | null, windowSeconds: number): ScannerFlag[] {
  if (!deliveredAt || at.getTime() < deliveredAt.getTime()) return ['before_delivery'];
  if (at.getTime() - deliveredAt.getTime() < windowSeconds * 1000) return ['too_soon'];
  return [];
}

// --- send window --------------------------------------------------------------------------------

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** The Japanese day of `t` and the minutes since that day began (Asia/Tokyo, src/lib/dates.ts). */
function japaneseClock(t: Date): { day: string; minute: number } {
  const day = dayInJapan(t);
  return { day, minute: (t.getTime() - startOfDayInJapan(day).getTime()) / 60_000 };
}

/** The instant `minutes` after a Japanese day began (1440 = the next day's 00:00). */
function atMinute(day: string, minutes: number): Date {
  const m = minutes % 1440;
  return instantInJapan(addDays(day, Math.floor(minutes / 1440)), Math.floor(m / 60), m % 60);
}

/**
 * The earliest moment at or after `now` when mail may go: inside the daily window (Japan time) and
 * not before the drill's start. A window ending at or before its start (e.g. "22:00"–"06:00") spans midnight.
 */
export function nextSendTime(now: Date, w: { start: string; end: string; startAt: Date | null }): Date {
  const t = w.startAt && w.startAt > now ? w.startAt : now;
  const s = minutesOf(w.start);
  const e = minutesOf(w.end);
  if (s === e || (s === 0 && e >= 1440)) return t;
  const { day, minute } = japaneseClock(t);
  const inside = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (inside) return t;
  const today = atMinute(day, s);
  return today > t ? today : atMinute(addDays(day, 1), s);
}

/** The end of the window the moment `t` is in (mail stops there until the next day). */
export function windowEndsAt(t: Date, w: { start: string; end: string }): Date | null {
  const s = minutesOf(w.start);
  const e = minutesOf(w.end);
  if (s === e || (s === 0 && e >= 1440)) return null;
  const { day, minute } = japaneseClock(t);
  return atMinute(s > e && Math.floor(minute) >= s ? addDays(day, 1) : day, e);
}

// --- targets ------------------------------------------------------------------------------------

/** How many of `n` eligible people a sample of `percent` takes (at least one when any). */
export function sampleSize(n: number, percent: number): number {
  if (n === 0 || percent <= 0) return 0;
  if (percent >= 100) return n;
  return Math.max(1, Math.round((n * percent) / 100));
}

// --- outcomes -----------------------------------------------------------------------------------

export type SmtpOutcome = 'sent' | 'failed' | 'bounced';

/** A permanent refusal (5xx) is a bounce; anything else (4xx, connection) a failure that may be retried. */
export function smtpOutcome(err: { responseCode?: number | undefined } | null): SmtpOutcome {
  if (!err) return 'sent';
  return err.responseCode && err.responseCode >= 500 ? 'bounced' : 'failed';
}

/** A rate, or null when nothing was delivered (never a division by zero shown as 0 %). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

// --- templates ----------------------------------------------------------------------------------

/** Fills {{name}}, {{url}}, {{unit}} in a lure text; unknown placeholders stay as they are. */
export function fillTemplate(text: string, vars: Record<string, string>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (all, key: string) => vars[key] ?? all);
}

// Drill pages and mail bodies escape with the one server-side escape (src/lib/html.ts).
export { escapeHtml } from '../../lib/html.js';
