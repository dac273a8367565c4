// Pure rules of cloud services, SNS accounts and outsourcing contracts. No I/O.
import { addDays, daysBetween } from '../../lib/dates.js';
import { CHECK_PHASES, type CheckPhase, CONTRACT_CHECKS, SNS_CHECKLIST, SPEC_ITEMS } from './checklists.js';

/**
 * The highest confidentiality a terms-of-service cloud service may ever be allowed: 要機密情報
 * (機密性2 or above) must not be handled there (遵守事項 4.1.2(1)(a), 001 L11001-11003).
 */
export const CLOUD_MAX_CONFIDENTIALITY = 1;

export function cloudLevelAllowed(level: number): boolean {
  return Number.isInteger(level) && level >= 1 && level <= CLOUD_MAX_CONFIDENTIALITY;
}

/** Information at `level` may go to a service whose ceiling is `ceiling` (never 要機密情報). */
export function cloudAccepts(ceiling: number, level: number): boolean {
  return level <= Math.min(ceiling, CLOUD_MAX_CONFIDENTIALITY);
}

/** Days before a re-confirmation is due when it shows as "due soon" and reminders start. */
export const RECONFIRM_SOON_DAYS = 30;
/** Default re-confirmation period: yearly. */
export const RECONFIRM_PERIOD_DAYS = 365;
/** Days before an ISMS certificate expires when it is flagged (000 L1408-1414). */
export const CERT_SOON_DAYS = 60;

export type DueStatus = 'none' | 'ok' | 'due_soon' | 'overdue';

/** Where a re-confirmation stands on `today` (YYYY-MM-DD, Japanese calendar). Due on the day = due soon. */
export function reconfirmStatus(
  due: string | null,
  today: string,
  soonDays = RECONFIRM_SOON_DAYS,
): DueStatus {
  if (!due) return 'none';
  const left = daysBetween(today, due);
  if (left < 0) return 'overdue';
  if (left <= soonDays) return 'due_soon';
  return 'ok';
}

/** The next due date after a confirmation on `today`. */
export function nextReconfirmDue(today: string, periodDays = RECONFIRM_PERIOD_DAYS): string {
  return addDays(today, periodDays);
}

export type CertStatus = 'none' | 'valid' | 'expiring' | 'expired';

/** The ISMS certificate on `today`: valid through its expiry day. */
export function certificateStatus(
  expiry: string | null,
  today: string,
  soonDays = CERT_SOON_DAYS,
): CertStatus {
  if (!expiry) return 'none';
  const left = daysBetween(today, expiry);
  if (left < 0) return 'expired';
  if (left <= soonDays) return 'expiring';
  return 'valid';
}

export const ANSWERS = ['yes', 'no', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];

export interface ChecklistAnswer {
  answer: Answer | null;
  evidence: string;
}

/** SNS checklist items not answered yes or n/a, in the checklist's order. */
export function openSnsItems(answers: Record<string, ChecklistAnswer | undefined>): string[] {
  return SNS_CHECKLIST.filter((i) => {
    const a = answers[i.key]?.answer;
    return a !== 'yes' && a !== 'na';
  }).map((i) => i.key);
}

export const CHECK_RESULTS = ['ok', 'ng', 'na'] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

export interface CheckState {
  phase: CheckPhase;
  itemKey: string;
  result: CheckResult | null;
}

/** Open check items of a contract: every item of every phase not checked ok or n/a. */
export function openChecks(done: readonly CheckState[]): { phase: CheckPhase; itemKey: string }[] {
  const byKey = new Map(done.map((d) => [`${d.phase}:${d.itemKey}`, d.result]));
  return CHECK_PHASES.flatMap((phase) =>
    CONTRACT_CHECKS[phase]
      .filter((i) => {
        const r = byKey.get(`${phase}:${i.key}`);
        return r !== 'ok' && r !== 'na';
      })
      .map((i) => ({ phase, itemKey: i.key })),
  );
}

export function isCheckItem(phase: CheckPhase, key: string): boolean {
  return CONTRACT_CHECKS[phase].some((i) => i.key === key);
}

export function isSnsItem(key: string): boolean {
  return SNS_CHECKLIST.some((i) => i.key === key);
}

/** The specification clauses for the ticked items, in the checklist's order; unknown keys are ignored. */
export function specClauses(keys: readonly string[]): { key: string; clause: string; source: string }[] {
  const want = new Set(keys);
  return SPEC_ITEMS.filter((i) => want.has(i.key)).map((i) => ({
    key: i.key,
    clause: i.clause,
    source: i.source,
  }));
}

/** The clauses as text to copy into a specification: a heading and numbered clauses. */
export function specText(keys: readonly string[]): string {
  const clauses = specClauses(keys);
  if (clauses.length === 0) return '';
  return ['情報セキュリティに関する事項', ...clauses.map((c, i) => `${i + 1}. ${c.clause}`)].join('\n');
}

/** Evidence files: small, and only types a browser shows safely or a viewer opens. */
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export const EVIDENCE_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'] as const;

export function evidenceTypeAllowed(type: string): boolean {
  const base = type.split(';')[0]!.trim().toLowerCase();
  return (EVIDENCE_TYPES as readonly string[]).includes(base);
}
