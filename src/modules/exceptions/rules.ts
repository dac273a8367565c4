import { daysBetween } from '../../lib/dates.js';
import type { ExceptionState } from './schema.js';

// Pure rules of exceptions (例外措置, 002 L223, L279): status from dates on the Japanese calendar,
// decisions, and when the holder is reminded. No I/O.

/** What the register shows: an approved exception is upcoming, active or expired by its period. */
export type ExceptionStatus = Exclude<ExceptionState, 'approved'> | 'upcoming' | 'active' | 'expired';

export function statusOn(
  e: { state: ExceptionState; fromOn: string; toOn: string },
  today: string,
): ExceptionStatus {
  if (e.state !== 'approved') return e.state;
  if (today < e.fromOn) return 'upcoming';
  if (today > e.toOn) return 'expired';
  return 'active';
}

export function validPeriod(fromOn: string, toOn: string): boolean {
  return fromOn <= toOn;
}

export type Decision = 'approve' | 'reject' | 'return';

const DECIDED: Record<Decision, ExceptionState> = {
  approve: 'approved',
  reject: 'rejected',
  return: 'returned',
};

/** Only a pending request is decided (002 L279: the 情報セキュリティ責任者 permits it or not). */
export function decide(state: ExceptionState, d: Decision): ExceptionState | null {
  return state === 'requested' ? DECIDED[d] : null;
}

/** The requester edits and resubmits a returned request, or edits a pending one. */
export function canRevise(state: ExceptionState): boolean {
  return state === 'requested' || state === 'returned';
}

export function canWithdraw(state: ExceptionState): boolean {
  return state === 'requested' || state === 'returned';
}

/** Days of notice before an approved exception ends. */
export const EXPIRY_NOTICE_DAYS = [30, 7] as const;

/**
 * The reminder an approved exception ending on `toOn` is owed today: "30" within a month, "7"
 * within a week, "expired" after its last day; one mail per threshold.
 */
export function expiryReminder(toOn: string, today: string): string | null {
  const left = daysBetween(today, toOn);
  if (left < 0) return 'expired';
  const reached = EXPIRY_NOTICE_DAYS.filter((d) => left <= d);
  return reached.length ? String(Math.min(...reached)) : null;
}

/** Ending within `days` days and not yet expired (the dashboard's "expiring" card). */
export function expiresWithin(toOn: string, today: string, days: number): boolean {
  const left = daysBetween(today, toOn);
  return left >= 0 && left <= days;
}
