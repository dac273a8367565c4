// Pure rules of the information register and of handling requests: status transitions, who may act on
// an entry, review dates, serial numbers, request status and validity. No I/O.

import { dayInJapan } from '../../lib/dates.js';
import type { EntryStatus, StoredRequestStatus } from './register-schema.js';

export type EntryOp = 'edit' | 'confirm' | 'return' | 'review' | 'archive';

/**
 * METI's flow (000 L740-800): staff classify (proposed) → the division head confirms, or returns it with
 * a correction comment (returned) → staff edit, which proposes it again. Confirmed entries are reviewed
 * periodically; any entry may be archived, and an archived entry is final (its serial number stays used).
 */
const TRANSITIONS: Record<EntryOp, { from: EntryStatus[]; to: EntryStatus | null }> = {
  edit: { from: ['proposed', 'returned'], to: 'proposed' },
  confirm: { from: ['proposed'], to: 'confirmed' },
  return: { from: ['proposed'], to: 'returned' },
  review: { from: ['confirmed'], to: null },
  archive: { from: ['proposed', 'returned', 'confirmed'], to: 'archived' },
};

export function canTransition(op: EntryOp, from: EntryStatus): boolean {
  return TRANSITIONS[op].from.includes(from);
}

/** The status after `op`; null when `op` keeps the status. */
export function statusAfter(op: EntryOp, from: EntryStatus): EntryStatus {
  if (!canTransition(op, from)) throw new RangeError(`cannot ${op} a ${from} entry`);
  return TRANSITIONS[op].to ?? from;
}

export interface EntryRoles {
  /** Owner or proposer of the entry. */
  isOwner: boolean;
  /** Holds classification.confirm over the entry's unit (the division head). */
  isConfirmer: boolean;
}

/**
 * Who may do what with an entry the caller can already see. Owners correct their own proposals;
 * only the head confirms or returns; owner or head marks a review or archives.
 */
export function entryAbilities(status: EntryStatus, who: EntryRoles) {
  const any = who.isOwner || who.isConfirmer;
  return {
    edit: who.isOwner && canTransition('edit', status),
    confirm: who.isConfirmer && canTransition('confirm', status),
    review: any && canTransition('review', status),
    archive: any && canTransition('archive', status),
    request: status !== 'archived',
  };
}

/** Adds whole months to an ISO date, clamping to the month's last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The next review date: `from` + the level's interval; null when the level has no periodic review. */
export function nextReviewOn(from: string, intervalMonths: number | null): string | null {
  return intervalMonths == null ? null : addMonths(from, intervalMonths);
}

export function isReviewDue(status: EntryStatus, reviewDueOn: string | null, today: string): boolean {
  return status === 'confirmed' && reviewDueOn != null && reviewDueOn <= today;
}

/**
 * Serial numbers (一連番号, 000 L790): one agency-wide counter, never reset or reused; the year of issue
 * is written in front for people's convenience (`2026-000123`), the number alone is unique.
 */
export function formatSerial(issuedOn: Date, n: number): string {
  return `${dayInJapan(issuedOn).slice(0, 4)}-${String(n).padStart(6, '0')}`;
}

/** Approvals hold 30 days unless asked otherwise, and at most a year. */
export const DEFAULT_VALIDITY_DAYS = 30;
export const MAX_VALIDITY_DAYS = 365;

/** The validity of an approval: the requested end, capped at the maximum; never in the past. */
export function validUntilFor(now: Date, requested: Date | null): Date {
  const max = new Date(now.getTime() + MAX_VALIDITY_DAYS * 86_400_000);
  if (!requested) return new Date(now.getTime() + DEFAULT_VALIDITY_DAYS * 86_400_000);
  return requested > max ? max : requested;
}

/** An approved request past its validity reads as expired everywhere. */
export function requestStatusAt(
  stored: StoredRequestStatus,
  validUntil: Date,
  now: Date,
): StoredRequestStatus | 'expired' {
  return stored === 'approved' && validUntil.getTime() <= now.getTime() ? 'expired' : stored;
}

export interface StepState {
  kind: 'permission' | 'notification';
  decision: 'approved' | 'rejected' | 'notified' | null;
}

/**
 * A request's status from its steps: any rejected permission → rejected; every permission approved
 * → approved; no permission at all → notified (the notifications were recorded at creation).
 */
export function requestStatusFromSteps(steps: StepState[]): StoredRequestStatus {
  const permissions = steps.filter((s) => s.kind === 'permission');
  if (permissions.some((s) => s.decision === 'rejected')) return 'rejected';
  if (permissions.length === 0) return 'notified';
  return permissions.every((s) => s.decision === 'approved') ? 'approved' : 'pending';
}

export function canWithdraw(stored: StoredRequestStatus): boolean {
  return stored === 'pending' || stored === 'approved';
}
