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
