import i18n from 'i18next';
import { formatPercent } from '../../app/format.js';
import type { AssignmentStatus, MyAssignment } from './types.js';

export const STATUS_COLORS: Record<AssignmentStatus, string> = {
  not_started: 'gray',
  in_progress: 'yellow',
  overdue: 'red',
  completed: 'green',
};

/** Open first: overdue, then the nearest due date, then no due date (by title). */
export function byUrgency(a: MyAssignment, b: MyAssignment): number {
  const oa = a.status === 'overdue';
  const ob = b.status === 'overdue';
  if (oa !== ob) return oa ? -1 : 1;
  const da = a.dueOn ?? '9999-12-31';
  const db = b.dueOn ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  return a.course.title.localeCompare(b.course.title);
}

/** The fiscal years a report offers: this one and the four before it, newest first. */
export function recentFiscalYears(current: number, count = 5): number[] {
  return Array.from({ length: count }, (_, i) => current - i);
}

/** A completion rate (0..1) as a percentage to 0.1 %; "—" without anyone assigned (src/lib/percent.ts). */
export function pct(x: number | null | undefined, lang: string = i18n.language): string {
  return formatPercent(x, lang);
}
