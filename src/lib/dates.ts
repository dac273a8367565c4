import { TZDate } from '@date-fns/tz';
import { addDays as addDaysFn, differenceInCalendarDays, format } from 'date-fns';

/**
 * The one place that turns instants into the agencies' calendar: "today", due dates, review dates
 * and fiscal years are Japanese days (Asia/Tokyo), whatever the server's own time zone. Server and
 * web both import this module; a day is a `yyyy-mm-dd` string, an instant is a `Date`.
 */
export const TIME_ZONE = 'Asia/Tokyo';

/** The Japanese calendar day of an instant: 2026-12-05T15:30Z (00:30 JST on the 6th) → 2026-12-06. */
export function dayInJapan(instant: Date): string {
  return format(new TZDate(instant.getTime(), TIME_ZONE), 'yyyy-MM-dd');
}

/** Today in Japan. */
export function todayInJapan(now: Date = new Date()): string {
  return dayInJapan(now);
}

/** The hour (0–23) of an instant on the Japanese clock, for daily windows. */
export function hourInJapan(instant: Date): number {
  return new TZDate(instant.getTime(), TIME_ZONE).getHours();
}

function parseDay(day: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a yyyy-mm-dd day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The instant a Japanese day starts (00:00 JST), e.g. for "due by the end of" comparisons. */
export function startOfDayInJapan(day: string): Date {
  const [y, m, d] = parseDay(day);
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, TIME_ZONE).getTime());
}

/** A Japanese day and clock time as an instant: (2026-12-06, 9) → 2026-12-06T00:00:00Z. */
export function instantInJapan(day: string, hour = 0, minute = 0): Date {
  const [y, m, d] = parseDay(day);
  return new Date(new TZDate(y, m - 1, d, hour, minute, 0, TIME_ZONE).getTime());
}

/** A day plus (or minus) whole days. */
export function addDays(day: string, days: number): string {
  const [y, m, d] = parseDay(day);
  return format(addDaysFn(new Date(y, m - 1, d), days), 'yyyy-MM-dd');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDay(from);
  const [y2, m2, d2] = parseDay(to);
  return differenceInCalendarDays(new Date(y2, m2 - 1, d2), new Date(y1, m1 - 1, d1));
}

/** The fiscal year (April–March) of a day: 2027-03-31 → 2026, 2027-04-01 → 2027. */
export function fiscalYearOfDay(day: string): number {
  const [y, m] = parseDay(day);
  return m >= 4 ? y : y - 1;
}

/** The fiscal year of an instant, on the Japanese calendar (2026-03-31T15:30Z is 1 April in Japan → 2026). */
export function fiscalYearOf(instant: Date): number {
  return fiscalYearOfDay(dayInJapan(instant));
}

/** First and last day of a fiscal year: 2026 → 2026-04-01 … 2027-03-31. */
export function fiscalYearDays(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear}-04-01`, to: `${fiscalYear + 1}-03-31` };
}

/** The instants a fiscal year spans, [start, end): for filtering timestamps by fiscal year. */
export function fiscalYearSpan(fiscalYear: number): { start: Date; end: Date } {
  return {
    start: startOfDayInJapan(`${fiscalYear}-04-01`),
    end: startOfDayInJapan(`${fiscalYear + 1}-04-01`),
  };
}

export type Quarter = 1 | 2 | 3 | 4;

/** The Japanese fiscal year starts in April: Q1 = Apr–Jun, Q2 = Jul–Sep, Q3 = Oct–Dec, Q4 = Jan–Mar. */
export function fiscalQuarter(day: string): { fiscalYear: number; quarter: Quarter } {
  const [, m] = parseDay(day);
  const quarter = (m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4) as Quarter;
  return { fiscalYear: fiscalYearOfDay(day), quarter };
}

/** First and last day of a fiscal quarter. */
export function quarterRange(fiscalYear: number, quarter: Quarter): { from: string; to: string } {
  const startMonth = quarter === 4 ? 1 : 4 + (quarter - 1) * 3;
  const year = quarter === 4 ? fiscalYear + 1 : fiscalYear;
  const from = `${year}-${String(startMonth).padStart(2, '0')}-01`;
  const nextStart =
    startMonth + 3 > 12
      ? `${year + 1}-${String(startMonth - 9).padStart(2, '0')}-01`
      : `${year}-${String(startMonth + 3).padStart(2, '0')}-01`;
  return { from, to: addDays(nextStart, -1) };
}
