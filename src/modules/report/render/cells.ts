// The one place that turns a table cell or fact into the text a reader sees, in the document's locale:
// rates through lib/percent (0.1 %, 000 L1020-1095), counts and yen with thousands separators, days
// on the Japanese calendar (lib/dates). Every renderer (HTML, .docx, .xlsx) shows what this says.
import { dayInJapan } from '../../../lib/dates.js';
import { formatPercent } from '../../../lib/percent.js';
import type { Cell, FigureFormat, ReportDoc } from '../doc-model.js';

type Locale = ReportDoc['locale'];

export const EMPTY = '—';

/** A cell taken apart: its raw value, the format that applies, and its source link. */
export interface ResolvedCell {
  value: number | string | null;
  format: FigureFormat;
  link: string | null;
  note: string | null;
}

/** The cell's own format wins over the column's; a bare number is a count, bare text is text. */
export function resolveCell(cell: Cell, columnFormat?: FigureFormat): ResolvedCell {
  if (cell !== null && typeof cell === 'object') {
    return {
      value: cell.value,
      format: cell.format ?? columnFormat ?? (typeof cell.value === 'number' ? 'count' : 'text'),
      link: cell.link ?? null,
      note: cell.note ?? null,
    };
  }
  return {
    value: cell,
    format: columnFormat ?? (typeof cell === 'number' ? 'count' : 'text'),
    link: null,
    note: null,
  };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'ja-JP', { maximumFractionDigits: digits });
    numberFormats.set(key, f);
  }
  return f;
}

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day (yyyy-mm-dd) or an instant (ISO) as the Japanese calendar day: 2026年4月1日 / 1 Apr 2026. */
export function formatDay(value: string, locale: Locale): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : isoDay(value);
  if (!day) return value;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return locale === 'en' ? `${d} ${EN_MONTHS[m - 1]} ${y}` : `${y}年${m}月${d}日`;
}

function isoDay(value: string): string | null {
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : dayInJapan(new Date(t));
}

/** A value in a format as display text; null (and a rate without denominator) is "—". */
export function formatValue(value: number | string | null, format: FigureFormat, locale: Locale): string {
  if (value === null || value === '') return EMPTY;
  if (typeof value === 'string') return format === 'date' ? formatDay(value, locale) : value;
  if (!Number.isFinite(value)) return EMPTY;
  switch (format) {
    case 'rate':
      return formatPercent(value, locale);
    case 'yen':
      return locale === 'en'
        ? `¥${numberFormat(locale, 0).format(value)}`
        : `${numberFormat(locale, 0).format(value)}円`;
    case 'date':
      return formatDay(new Date(value).toISOString(), locale);
    case 'count':
      return numberFormat(locale, 0).format(value);
    default:
      return numberFormat(locale, 3).format(value);
  }
}

/** The display text of a cell in the document's locale. */
export function cellText(cell: Cell, locale: Locale, columnFormat?: FigureFormat): string {
  const r = resolveCell(cell, columnFormat);
  return formatValue(r.value, r.format, locale);
}

/**
 * The absolute address of a figure's source: baseUrl + link. Only paths below the app's root are
 * links (`/selfcheck/…`); anything else (`javascript:`, `//host`) is dropped, not linked.
 */
export function linkHref(link: string | null | undefined, baseUrl: string | null | undefined): string | null {
  if (!link || !/^\/(?!\/)/.test(link)) return null;
  return (baseUrl ?? '').replace(/\/+$/, '') + link;
}
