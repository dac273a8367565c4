import semver from 'semver';

// Version ranges of affected products: vendor version strings compared segment by segment, `vers:`
// ranges (the package-url VERS notation CSAF 2.0 uses in product_version_range), semantic-version
// ranges (the semver package) and "all versions before X".

type Token = number | string;

/**
 * Splits a vendor version into numeric and alphabetic segments: "2.4.41" → [2, 4, 41],
 * "12.1.0.2.0" → [12, 1, 0, 2, 0], "1.1.1k" → [1, 1, 1, "k"], "9.0-rc1" → [9, 0, "rc", 1].
 */
export function versionTokens(v: string): Token[] {
  const out: Token[] = [];
  for (const m of v
    .trim()
    .toLowerCase()
    .matchAll(/\d+|[a-z]+/g)) {
    out.push(/^\d/.test(m[0]) ? Number(m[0]) : m[0]);
  }
  return out;
}

/** Pre-release markers: "2.0rc1" < "2.0" (anything else after the numbers is a later build, "1.1.1k" > "1.1.1"). */
const PRE = new Set(['a', 'alpha', 'b', 'beta', 'c', 'rc', 'pre', 'preview', 'dev', 'snapshot', 'm']);

/** Numbers compare numerically, segment by segment; missing numeric segments count as 0 ("1.0" = "1.0.0"). */
export function compareTokens(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return tail(y!);
    if (y === undefined) return -tail(x);
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : 1;
    if (typeof x === 'number') return typeof y === 'string' && PRE.has(y) ? 1 : -1;
    if (typeof y === 'number') return PRE.has(x) ? -1 : 1;
    const px = PRE.has(x);
    const py = PRE.has(y);
    if (px !== py) return px ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** How `a` (shorter, run out) compares with a version that continues with `next`. */
function tail(next: Token): number {
  if (next === 0) return 0; // further zeros are decided later in the loop; 0 alone is equal
  if (typeof next === 'string' && PRE.has(next)) return 1;
  return -1;
}

export function compareVersions(a: string, b: string): number {
  return compareTokens(versionTokens(a), versionTokens(b));
}

export type VersOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export interface VersConstraint {
  op: VersOp;
  version: string;
}
export interface VersRange {
  scheme: string;
  /** null = `*`, every version. */
  constraints: VersConstraint[] | null;
}

export type VersParse = { ok: true; range: VersRange } | { ok: false; reason: string };

/** Parses `vers:generic/>=1.0|<2.3.4` (also `vers:npm/…`, `vers:semver/…`, `vers:generic/*`). */
export function parseVers(s: string): VersParse {
  const m = /^vers:([a-z0-9.+-]+)\/(.+)$/i.exec(s.trim());
  if (!m) return { ok: false, reason: `"${s}" is not a vers: range (vers:<scheme>/<constraints>)` };
  const scheme = m[1]!.toLowerCase();
  const body = m[2]!.replace(/\s+/g, '');
  if (body === '*') return { ok: true, range: { scheme, constraints: null } };
  const constraints: VersConstraint[] = [];
  for (const part of body.split('|')) {
    const c = /^(!=|<=|>=|<|>|=)?(.+)$/.exec(part);
    if (!c?.[2] || /[<>=!|*]/.test(c[2])) return { ok: false, reason: `bad constraint "${part}" in ${s}` };
    constraints.push({ op: (c[1] ?? '=') as VersOp, version: decodeURIComponent(c[2]) });
  }
  return { ok: true, range: { scheme, constraints } };
}

const SEMVER_SCHEMES = new Set(['npm', 'semver', 'cargo', 'nuget', 'golang', 'composer']);

/** A comparator for the scheme: semantic versions where the scheme uses them and both parse, else segments. */
function comparatorFor(scheme: string): (a: string, b: string) => number {
  if (!SEMVER_SCHEMES.has(scheme)) return compareVersions;
  return (a, b) => (semver.valid(a) && semver.valid(b) ? semver.compare(a, b) : compareVersions(a, b));
}

/**
 * Whether `version` lies in the range, by the VERS algorithm: equalities and exclusions first, then the
 * comparators sorted by version form intervals (a lone `<` opens at −∞, a lone `>` closes at +∞).
 */
export function versContains(range: VersRange, version: string): boolean {
  if (range.constraints === null) return true;
  const cmp = comparatorFor(range.scheme);
  for (const c of range.constraints) {
    if (c.op === '=' && cmp(version, c.version) === 0) return true;
    if (c.op === '!=' && cmp(version, c.version) === 0) return false;
  }
  const bounds = range.constraints
    .filter((c) => c.op !== '=' && c.op !== '!=')
    .sort((a, b) => cmp(a.version, b.version));
  if (bounds.length === 0) return range.constraints.every((c) => c.op === '!=');
  const holds = (c: VersConstraint) => {
    const d = cmp(version, c.version);
    switch (c.op) {
      case '<':
        return d < 0;
      case '<=':
        return d <= 0;
      case '>':
        return d > 0;
      default:
        return d >= 0;
    }
  };
  const lower = (c: VersConstraint) => c.op === '>' || c.op === '>=';
  for (let i = 0; i < bounds.length; i++) {
    const c = bounds[i]!;
    if (lower(c)) {
      const next = bounds[i + 1];
      if (next && !lower(next)) {
        if (holds(c) && holds(next)) return true;
        i++;
      } else if (!next && holds(c)) return true;
    } else if (i === 0 && holds(c)) return true;
  }
  return false;
}

/** How an advisory says which versions of a product are affected. */
export type VersionRange =
  | { type: 'exact'; version: string }
  | { type: 'vers'; vers: string }
  | { type: 'semver'; range: string }
  | { type: 'before'; version: string; inclusive?: boolean }
  | { type: 'all' };

/** A range prepared once (parsed vers, semver Range) so matching 10,000 advisories stays cheap. */
export type CompiledRange = (version: string, tokens: readonly Token[]) => boolean;

export function compileRange(r: VersionRange): CompiledRange {
  switch (r.type) {
    case 'all':
      return () => true;
    case 'exact': {
      const t = versionTokens(r.version);
      return (_v, tokens) => compareTokens(tokens, t) === 0;
    }
    case 'before': {
      const t = versionTokens(r.version);
      return r.inclusive ? (_v, tk) => compareTokens(tk, t) <= 0 : (_v, tk) => compareTokens(tk, t) < 0;
    }
    case 'semver': {
      const range = new semver.Range(r.range, { loose: true });
      return (v) => {
        const c = semver.valid(v, { loose: true }) ?? semver.coerce(v)?.version ?? null;
        return c !== null && range.test(c);
      };
    }
    case 'vers': {
      const p = parseVers(r.vers);
      if (!p.ok) throw new Error(p.reason);
      return (v) => versContains(p.range, v);
    }
  }
}

/** Why a range given by a person or a file is unusable, or null when it is fine. */
export function rangeProblem(r: VersionRange): string | null {
  if (r.type === 'vers') {
    const p = parseVers(r.vers);
    return p.ok ? null : p.reason;
  }
  if (r.type === 'semver')
    return semver.validRange(r.range, { loose: true }) ? null : `"${r.range}" is not a semver range`;
  if ((r.type === 'exact' || r.type === 'before') && versionTokens(r.version).length === 0)
    return `"${r.version}" is not a version`;
  return null;
}
