import { formatPercent } from '../../lib/percent.js';

/** Dates and times in the UI language, in Japan's time zone (the agencies' working time). */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

/**
 * Percentages: the web app formats every rate through src/lib/percent.ts, the same formatter as the
 * exports, so a figure reads the same on screen and on paper. Rates are fractions 0..1.
 */
export { formatPercent, percentValue } from '../../lib/percent.js';

/**
 * A value that is already a number of percent (a chart's axis or bar, made by `percentValue`), in the
 * same notation as `formatPercent`; never multiplied by 100 again.
 */
export function formatPercentNumber(percent: number | null | undefined, lang: string): string {
  return formatPercent(percent === null || percent === undefined ? percent : percent / 100, lang);
}
