// CVSS v3.0/v3.1 base metrics: parse a vector, compute its base score, verify a stated score.
// Formulas and weights from the FIRST CVSS v3.1 specification §7.1 and §7.4 (Roundup as in Appendix A);
// the bands that drive target dates are the sources' 7.0–10.0 and 4.0–6.9 (001 L11788-11796).

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const;
/** Privileges Required weighs more when the scope changes. */
const PR = { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } } as const;

const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;
const ALLOWED: Record<(typeof BASE_METRICS)[number], readonly string[]> = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};
/** Temporal and environmental metrics may follow the base ones; they do not change the base score. */
const OPTIONAL = new Set([
  'E',
  'RL',
  'RC',
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MPR',
  'MUI',
  'MS',
  'MC',
  'MI',
  'MA',
]);

export type CvssBase = Record<(typeof BASE_METRICS)[number], string> & { version: '3.0' | '3.1' };

export type CvssParse = { ok: true; metrics: CvssBase } | { ok: false; reason: string };

/** Parses `CVSS:3.1/AV:N/AC:L/…`; every base metric exactly once, nothing unknown. */
export function parseCvssVector(vector: string): CvssParse {
  const parts = vector.trim().split('/');
  const head = /^CVSS:(3\.[01])$/.exec(parts[0] ?? '');
  if (!head) return { ok: false, reason: 'the vector must start with CVSS:3.0/ or CVSS:3.1/' };
  const seen = new Map<string, string>();
  for (const p of parts.slice(1)) {
    const [k, v, extra] = p.split(':');
    if (!k || v === undefined || extra !== undefined) return { ok: false, reason: `malformed metric "${p}"` };
    if (seen.has(k)) return { ok: false, reason: `metric ${k} appears twice` };
    const allowed = ALLOWED[k as keyof typeof ALLOWED];
    if (allowed) {
      if (!allowed.includes(v)) return { ok: false, reason: `${k}:${v} is not a valid value` };
    } else if (!OPTIONAL.has(k)) return { ok: false, reason: `unknown metric ${k}` };
    seen.set(k, v);
  }
  const missing = BASE_METRICS.filter((m) => !seen.has(m));
  if (missing.length) return { ok: false, reason: `missing base metric(s) ${missing.join(', ')}` };
  const metrics = Object.fromEntries(BASE_METRICS.map((m) => [m, seen.get(m)!])) as CvssBase;
  metrics.version = head[1] as '3.0' | '3.1';
  return { ok: true, metrics };
}

/** Round up to one decimal, robust to floating point (CVSS v3.1 Appendix A). */
export function roundUp(x: number): number {
  const i = Math.round(x * 100000);
  return i % 10000 === 0 ? i / 100000 : (Math.floor(i / 10000) + 1) / 10;
}

export function baseScore(m: CvssBase): number {
  const changed = m.S === 'C';
  const w = (k: 'C' | 'I' | 'A') => WEIGHTS[k][m[k] as 'H'];
  const iss = 1 - (1 - w('C')) * (1 - w('I')) * (1 - w('A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability =
    8.22 *
    WEIGHTS.AV[m.AV as 'N'] *
    WEIGHTS.AC[m.AC as 'L'] *
    PR[changed ? 'C' : 'U'][m.PR as 'N'] *
    WEIGHTS.UI[m.UI as 'N'];
  if (impact <= 0) return 0;
  return changed
    ? roundUp(Math.min(1.08 * (impact + exploitability), 10))
    : roundUp(Math.min(impact + exploitability, 10));
}

export type CvssCheck = { ok: true; score: number } | { ok: false; reason: string };

/** The vector's base score; when a score is stated too it must agree with the vector. */
export function checkCvss(vector: string, stated?: number | null): CvssCheck {
  const p = parseCvssVector(vector);
  if (!p.ok) return p;
  const score = baseScore(p.metrics);
  if (stated !== undefined && stated !== null && Math.abs(stated - score) > 0.05)
    return { ok: false, reason: `the base score ${stated} does not match the vector (${score})` };
  return { ok: true, score };
}

export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** Qualitative severity rating scale (CVSS v3.1 §5). */
export function severityOf(score: number): Severity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}
