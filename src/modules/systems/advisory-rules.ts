import { addDays } from '../../lib/dates.js';

// Responses to advisories and their target dates. The sources grade by CVSS base score: 7.0–10.0 is
// answered at once, 4.0–6.9 on a plan (001 L11788-11796). The bands and days are the agency's policy data.

export const RESPONSE_STATUSES = ['open', 'patched', 'mitigated', 'not_affected', 'risk_accepted'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
export const ADVISORY_SOURCES = ['manual', 'csaf', 'jvn'] as const;
export type AdvisorySource = (typeof ADVISORY_SOURCES)[number];

export interface CvssBand {
  /** Lowest base score of the band (inclusive). */
  minScore: number;
  /** Days from notification to the target date (0 = the same day). */
  days: number;
}

export interface CryptoMigration {
  key: string;
  label: string;
  /** Certificates signed with these hash algorithms must be replaced (matched in the signature algorithm name). */
  weakHashes: string[];
  /** RSA keys shorter than this must be replaced. */
  minRsaBits: number;
  deadline: string;
}

export interface AdvisoryPolicyData {
  bands: CvssBand[];
  /** Target for advisories without a CVSS score. */
  unscoredDays: number;
  migrations: CryptoMigration[];
}

/**
 * The shipped policy: 7.0–10.0 "at once" (3 days), 4.0–6.9 "on a plan" (30 days), below 90 days
 * (001 L11788-11796); SHA-1/RSA1024 → SHA-256/RSA2048 by the end of FY2013 (001 L11831-11849).
 */
export const DEFAULT_ADVISORY_POLICY: AdvisoryPolicyData = {
  bands: [
    { minScore: 7, days: 3 },
    { minScore: 4, days: 30 },
    { minScore: 0, days: 90 },
  ],
  unscoredDays: 30,
  migrations: [
    {
      key: 'sha1-rsa1024',
      label: 'SHA-1/RSA1024 → SHA-256/RSA2048',
      weakHashes: ['sha1', 'md5'],
      minRsaBits: 2048,
      deadline: '2014-03-31',
    },
  ],
};

/** Bands must be ordered from the highest score down, distinct, and end at 0 so every score has one. */
export function bandsProblem(bands: readonly CvssBand[]): string | null {
  if (bands.length === 0) return 'at least one band is needed';
  for (let i = 1; i < bands.length; i++)
    if (bands[i]!.minScore >= bands[i - 1]!.minScore) return 'bands must go from the highest score down';
  if (bands.at(-1)!.minScore !== 0) return 'the last band must start at 0';
  return null;
}

export function bandFor(bands: readonly CvssBand[], score: number): CvssBand {
  return bands.find((b) => score >= b.minScore) ?? bands.at(-1)!;
}

/** The day a response is due, counted from the day the system was found affected (Japanese calendar). */
export function targetDate(policy: AdvisoryPolicyData, score: number | null, notifiedOn: string): string {
  const days = score === null ? policy.unscoredDays : bandFor(policy.bands, score).days;
  return addDays(notifiedOn, days);
}

/** Open responses past their target date are overdue; answered ones never are. */
export function isOverdue(r: { status: ResponseStatus; targetDate: string }, today: string): boolean {
  return r.status === 'open' && r.targetDate < today;
}

/** Critical for the dashboard: CVSS ≥ 7.0, the band answered at once (001 L11788-11796). */
export const CRITICAL_SCORE = 7;

/** Accepting a risk needs its reason (any answer may be changed, an open one cannot be reopened). */
export function answerProblem(from: ResponseStatus, to: ResponseStatus, reason: string): string | null {
  if (from === to && to === 'open') return 'the response is already open';
  if (to === 'risk_accepted' && reason.trim() === '') return 'a reason is required';
  return null;
}

/** Certificates that must migrate: a weak signature hash or an RSA key below the minimum (001 L11831-11849). */
export function certificateNeedsMigration(
  m: CryptoMigration,
  c: { signatureAlgorithm: string | null; keyType: string | null; keyBits: number | null },
): string[] {
  const why: string[] = [];
  const sig = (c.signatureAlgorithm ?? '').toLowerCase().replace(/[-_\s]/g, '');
  for (const h of m.weakHashes)
    if (sig.includes(h.toLowerCase().replace(/[-_\s]/g, ''))) why.push(`signature:${h}`);
  if ((c.keyType ?? '').toUpperCase() === 'RSA' && c.keyBits !== null && c.keyBits < m.minRsaBits)
    why.push(`rsa:${c.keyBits}`);
  return why;
}
