import type { ProbeCheck } from './inspection-data/shipped-sets.js';
import type { HttpProbeResult, MailProbeResult, TlsProbeResult } from './probe/types.js';

// Pure rules of the focused inspection (重点検査): the A–D grade and what a probe says about an item.

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

/** The sources' description of each grade (表５, 000 L1144-1169; 表２, 003 L699-709). */
export const GRADE_DESCRIPTIONS: Record<Grade, { range: string; ja: string; en: string }> = {
  A: {
    range: 'x = 100%',
    ja: '適切に実施すべき対策について、全ての項目で統一基準に準拠した対策が実施されている。',
    en: 'Every measure that must be taken is taken in line with the Common Standards.',
  },
  B: {
    range: '80% ≦ x < 100%',
    ja: '適切に実施すべき対策について、概ね全ての項目で統一基準に準拠した対策が実施されているが、一部の項目で不十分なものが含まれている。',
    en: 'Almost every measure is taken in line with the Common Standards, but some items are insufficient.',
  },
  C: {
    range: '60% ≦ x < 80%',
    ja: '適切に実施すべき対策について、不備の項目が一部に見られるなど、対策が遅れている。',
    en: 'Some items are deficient: the measures are behind.',
  },
  D: {
    range: 'x < 60%',
    ja: '適切に実施すべき対策について、不備の項目が相当数見られるなど、対策が著しく遅れている。',
    en: 'Many items are deficient: the measures are far behind.',
  },
};

/**
 * x = met ÷ applicable: A at 100 %, B at 80 ≤ x < 100, C at 60 ≤ x < 80, D below (000 L1148-1169).
 * Compared in integers (met × 100 against applicable × 80), so 4 of 5 is B, never C by float error.
 * Nothing applicable → no grade.
 */
export function gradeOf(met: number, applicable: number): Grade | null {
  if (!Number.isInteger(met) || !Number.isInteger(applicable) || met < 0 || met > applicable) {
    throw new RangeError(`met ${met} of ${applicable}`);
  }
  if (applicable === 0) return null;
  if (met === applicable) return 'A';
  if (met * 100 >= applicable * 80) return 'B';
  if (met * 100 >= applicable * 60) return 'C';
  return 'D';
}

export const ANSWER_STATUSES = ['met', 'not_met', 'na'] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export interface Tally {
  met: number;
  notMet: number;
  na: number;
  unanswered: number;
  /** Items that count: met + not met (not applicable ones do not). */
  applicable: number;
  grade: Grade | null;
}

/** Counts answers of one host (or many) and grades them; unanswered items keep the grade open. */
export function tally(statuses: readonly (AnswerStatus | null)[]): Tally {
  let met = 0;
  let notMet = 0;
  let na = 0;
  for (const s of statuses) {
    if (s === 'met') met++;
    else if (s === 'not_met') notMet++;
    else if (s === 'na') na++;
  }
  return tallyCounts({ met, notMet, na }, statuses.length);
}

/** The same tally from counted answers (a database aggregate) over a set of `items` items. */
export function tallyCounts(c: { met: number; notMet: number; na: number }, items: number): Tally {
  const unanswered = items - c.met - c.notMet - c.na;
  if (unanswered < 0) throw new RangeError(`${c.met + c.notMet + c.na} answers of ${items} items`);
  const applicable = c.met + c.notMet;
  return { ...c, unanswered, applicable, grade: unanswered > 0 ? null : gradeOf(c.met, applicable) };
}

/** Sums of several tallies (a division's hosts), graded on the pooled items. */
export function pool(tallies: readonly Tally[]): Tally {
  const sum = { met: 0, notMet: 0, na: 0, unanswered: 0 };
  for (const t of tallies) {
    sum.met += t.met;
    sum.notMet += t.notMet;
    sum.na += t.na;
    sum.unanswered += t.unanswered;
  }
  const applicable = sum.met + sum.notMet;
  return { ...sum, applicable, grade: sum.unanswered > 0 ? null : gradeOf(sum.met, applicable) };
}

/** Better, same or worse than the previous round (003 L713-717): A is best. */
export function gradeTrend(current: Grade | null, previous: Grade | null): 'up' | 'same' | 'down' | null {
  if (!current || !previous) return null;
  const d = GRADES.indexOf(previous) - GRADES.indexOf(current);
  return d > 0 ? 'up' : d < 0 ? 'down' : 'same';
}

export interface LatestProbes {
  tls?: { id: string; result: TlsProbeResult } | null;
  http?: { id: string; result: HttpProbeResult } | null;
  mail?: { id: string; result: MailProbeResult } | null;
}

export interface ProbeVerdict {
  status: 'met' | 'not_met';
  probeRunId: string;
  /** One line for the evidence column, e.g. "SSLv2: 無効 / disabled". */
  summary: string;
}

const on = (b: boolean) => (b ? '有効 / enabled' : '無効 / disabled');

/** What the host's latest probe runs say about an item; null when no run of that kind is there. */
export function probeVerdict(check: ProbeCheck, probes: LatestProbes): ProbeVerdict | null {
  const [kind] = check.split('.') as ['tls' | 'http' | 'mail'];
  const run = probes[kind];
  if (!run) return null;
  const verdict = (ok: boolean, summary: string): ProbeVerdict => ({
    status: ok ? 'met' : 'not_met',
    probeRunId: run.id,
    summary,
  });
  switch (check) {
    case 'tls.sslv2_disabled': {
      const r = (run.result as TlsProbeResult).protocols;
      return verdict(!r.SSLv2, `SSLv2: ${on(r.SSLv2)}`);
    }
    case 'tls.ssl_disabled': {
      const r = (run.result as TlsProbeResult).protocols;
      return verdict(!r.SSLv2 && !r.SSLv3, `SSLv2: ${on(r.SSLv2)}, SSLv3: ${on(r.SSLv3)}`);
    }
    case 'tls.no_weak_ciphers': {
      const w = (run.result as TlsProbeResult).weakCiphers;
      const accepted = Object.entries(w)
        .filter(([, v]) => v)
        .map(([k]) => k);
      return verdict(
        accepted.length === 0,
        accepted.length ? `弱い暗号 / weak suites: ${accepted.join(', ')}` : '弱い暗号なし / no weak suites',
      );
    }
    case 'tls.certificate_sound': {
      const c = (run.result as TlsProbeResult).certificate;
      if (!c) return verdict(false, '証明書なし / no certificate');
      const faults = [
        c.daysLeft < 0 ? 'expired' : null,
        c.sha1 ? 'SHA-1' : null,
        c.keyType === 'RSA' && c.keyBits < 2048 ? `RSA${c.keyBits}` : null,
        c.selfSigned ? 'self-signed' : null,
        c.nameMatches ? null : 'name mismatch',
      ].filter((x): x is string => x !== null);
      return verdict(
        faults.length === 0,
        faults.length
          ? `証明書の問題 / certificate: ${faults.join(', ')}`
          : `${c.signatureAlgorithm}, ${c.keyType} ${c.keyBits}, ${c.daysLeft} days left`,
      );
    }
    case 'http.https_redirect': {
      const r = run.result as HttpProbeResult;
      return verdict(r.redirectsToHttps, `HTTPS redirect: ${r.redirectsToHttps ? 'yes' : 'no'}`);
    }
    case 'http.hsts': {
      const r = run.result as HttpProbeResult;
      return verdict(
        r.hsts !== null && r.hsts.maxAge > 0,
        r.hsts ? `HSTS max-age=${r.hsts.maxAge}` : 'HSTS: none',
      );
    }
    case 'http.no_version_disclosure': {
      const r = run.result as HttpProbeResult;
      return verdict(
        r.disclosure.length === 0,
        r.disclosure.length ? r.disclosure.map((d) => `${d.header}: ${d.value}`).join('; ') : 'no disclosure',
      );
    }
    case 'mail.spf_published': {
      const r = run.result as MailProbeResult;
      // A record that ends in +all or ?all authorises everyone: published, but no protection (001 L11718-11729).
      return verdict(r.spf.all === '-all' || r.spf.all === '~all', `SPF ${r.domain}: ${r.spf.all}`);
    }
    case 'mail.spf_hard_fail': {
      const r = run.result as MailProbeResult;
      return verdict(r.spf.all === '-all', `SPF ${r.domain}: ${r.spf.all}`);
    }
    case 'mail.dmarc_enforced': {
      const r = run.result as MailProbeResult;
      return verdict(
        r.dmarc.policy === 'quarantine' || r.dmarc.policy === 'reject',
        `DMARC ${r.domain}: p=${r.dmarc.policy}`,
      );
    }
  }
}
