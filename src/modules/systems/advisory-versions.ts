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

interface Bound {
  tokens: Token[];
  inclusive: boolean;
}
interface Interval {
  lower: Bound | null;
  upper: Bound | null;
}

/**
 * Every kind of range in one shape, so the matching loop runs one monomorphic test: equalities,
 * exclusions, then intervals over version tokens (`any`: every version not excluded).
 */
export interface CompiledRange {
  eq: Token[][];
  ne: Token[][];
  intervals: Interval[];
  any: boolean;
}

const none = (): CompiledRange => ({ eq: [], ne: [], intervals: [], any: false });

/**
 * A vers range by the VERS algorithm: equalities and exclusions first, then the comparators sorted by
 * version form intervals (a lone `<` opens at −∞, a lone `>` closes at +∞). Versions compare segment by
 * segment whatever the scheme (semantic versions order the same way, pre-releases included).
 */
function compileVers(range: VersRange): CompiledRange {
  const out = none();
  if (range.constraints === null) return { ...out, any: true };
  out.eq = range.constraints.filter((c) => c.op === '=').map((c) => versionTokens(c.version));
  out.ne = range.constraints.filter((c) => c.op === '!=').map((c) => versionTokens(c.version));
  const bounds = range.constraints
    .filter((c) => c.op !== '=' && c.op !== '!=')
    .map((c) => ({ op: c.op, tokens: versionTokens(c.version) }))
    .sort((a, b) => compareTokens(a.tokens, b.tokens));
  const isLower = (op: VersOp) => op === '>' || op === '>=';
  for (let i = 0; i < bounds.length; i++) {
    const c = bounds[i]!;
    const bound = { tokens: c.tokens, inclusive: c.op === '>=' || c.op === '<=' };
    if (isLower(c.op)) {
      const next = bounds[i + 1];
      if (next && !isLower(next.op)) {
        out.intervals.push({ lower: bound, upper: { tokens: next.tokens, inclusive: next.op === '<=' } });
        i++;
      } else if (!next) out.intervals.push({ lower: bound, upper: null });
    } else if (i === 0) out.intervals.push({ lower: null, upper: bound });
  }
  out.any = bounds.length === 0 && out.eq.length === 0;
  return out;
}

/** A semver range as intervals: each comparator set gives its tightest lower and upper bound. */
function compileSemver(range: string): CompiledRange {
  const out = none();
  for (const set of new semver.Range(range, { loose: true }).set) {
    let lower: Bound | null = null;
    let upper: Bound | null = null;
    let exact: Token[] | null = null;
    for (const c of set) {
      if (c.value === '') continue; // the ANY comparator
      const b = {
        tokens: versionTokens(c.semver.version),
        inclusive: c.operator.includes('=') || c.operator === '',
      };
      if (c.operator === '' || c.operator === '=') exact = b.tokens;
      else if (c.operator.startsWith('>')) {
        if (!lower || compareTokens(b.tokens, lower.tokens) > 0) lower = b;
      } else if (!upper || compareTokens(b.tokens, upper.tokens) < 0) upper = b;
    }
    if (exact) out.eq.push(exact);
    else out.intervals.push({ lower, upper });
  }
  return out;
}

/** Whether a version (as tokens) lies in a compiled range. */
export function rangeHas(r: CompiledRange, v: readonly Token[]): boolean {
  for (const t of r.eq) if (compareTokens(v, t) === 0) return true;
  for (const t of r.ne) if (compareTokens(v, t) === 0) return false;
  if (r.any) return true;
  for (const iv of r.intervals) {
    if (iv.lower) {
      const d = compareTokens(v, iv.lower.tokens);
      if (d < 0 || (d === 0 && !iv.lower.inclusive)) continue;
    }
    if (iv.upper) {
      const d = compareTokens(v, iv.upper.tokens);
      if (d > 0 || (d === 0 && !iv.upper.inclusive)) continue;
    }
    return true;
  }
  return false;
}

/** Whether `version` lies in the range (see compileVers). */
export function versContains(range: VersRange, version: string): boolean {
  return rangeHas(compileVers(range), versionTokens(version));
}

/** How an advisory says which versions of a product are affected. */
export type VersionRange =
  | { type: 'exact'; version: string }
  | { type: 'vers'; vers: string }
  | { type: 'semver'; range: string }
  | { type: 'before'; version: string; inclusive?: boolean }
  | { type: 'all' };

/** A range prepared once (parsed vers, semver comparators) so matching 10,000 advisories stays cheap. */
export function compileRange(r: VersionRange): CompiledRange {
  switch (r.type) {
    case 'all':
      return { ...none(), any: true };
    case 'exact':
      return { ...none(), eq: [versionTokens(r.version)] };
    case 'before':
      return {
        ...none(),
        intervals: [
          { lower: null, upper: { tokens: versionTokens(r.version), inclusive: r.inclusive === true } },
        ],
      };
    case 'semver':
      return compileSemver(r.range);
    case 'vers': {
      const p = parseVers(r.vers);
      if (!p.ok) throw new Error(p.reason);
      return compileVers(p.range);
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
