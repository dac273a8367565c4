/** A share as a percentage to 0.1 % (the precision the drill reports use, e.g. 10.1 %); "—" without a whole. */
export function pct(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** The same share as a number of percent for charts (null: nothing to draw). */
export function pctValue(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Seconds as "2時間5分" / "2 h 5 min" (time to the first report); under a minute counts as seconds. */
export function formatElapsed(seconds: number | null | undefined, lang: string): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  const en = lang === 'en';
  if (s < 60) return en ? `${s} s` : `${s}秒`;
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const parts: string[] = [];
  if (days) parts.push(en ? `${days} d` : `${days}日`);
  if (hours) parts.push(en ? `${hours} h` : `${hours}時間`);
  if (minutes && !days) parts.push(en ? `${minutes} min` : `${minutes}分`);
  return parts.join(en ? ' ' : '');
}

/** The change from an earlier drill in percentage points, signed ("+1.2 pt", "−0.5 pt"). */
export function pointDelta(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const d = Math.round((now - before) * 10) / 10;
  return `${d > 0 ? '+' : d < 0 ? '−' : '±'}${Math.abs(d).toFixed(1)} pt`;
}

/** A rate (0..1) as a percentage to 0.1 %; "—" when there is no denominator. */
export function rateText(x: number | null | undefined): string {
  if (x === null || x === undefined) return '—';
  return `${(Math.round(x * 1000) / 10).toFixed(1)}%`;
}

/** A rate (0..1) as percent for charts and differences. */
export function ratePct(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 1000) / 10;
}
