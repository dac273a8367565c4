/**
 * The one percentage formatter (server exports and the web app). Every rate in Mamoru is a
 * fraction 0..1; it is shown to 0.1 %, the precision of the published reports (000 L1020-1095),
 * and "—" when there is no denominator.
 */
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string): Intl.NumberFormat {
  const key = locale.startsWith('en') ? 'en-GB' : 'ja-JP';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(key, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
    formatters.set(key, f);
  }
  return f;
}

export function formatPercent(fraction: number | null | undefined, locale = 'ja'): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return formatter(locale).format(fraction);
}

/** The rate as a number of percent to 0.1 (for charts); null stays null so no bar is drawn. */
export function percentValue(fraction: number | null | undefined): number | null {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return null;
  return Math.round(fraction * 1000) / 10;
}
