import {
  type CompiledRange,
  compareTokens,
  compileRange,
  rangeHas,
  rangeProblem,
  type VersionRange,
  versionTokens,
} from './advisory-versions.js';
import { componentKey } from './rules.js';

// Which ledger components an advisory affects (000 L829-851: the ledger is what lets the office alert
// the right owners at once). Pure: the service loads components and advisories, this decides.

/** An affected product of an advisory: a CPE pattern, or vendor/product names, with version ranges. */
export interface AffectedProduct {
  vendor: string;
  product: string;
  /** CPE 2.3 formatted string (or 2.2 URI); `*` parts match anything. */
  cpe: string | null;
  /** Empty: the CPE's version decides (`*` = all versions), or every version when there is no CPE. */
  ranges: VersionRange[];
}

export interface MatchAdvisory {
  id: string;
  products: AffectedProduct[];
}

export interface MatchComponent {
  id: string;
  systemId: string;
  vendorKey: string;
  productKey: string;
  version: string;
  cpe: string | null;
}

export interface AdvisoryMatch {
  advisoryId: string;
  systemId: string;
  componentIds: string[];
}

/** CPE 2.3 attributes after `cpe:2.3:`: part, vendor, product, version, update, edition, language, sw_edition, target_sw, target_hw, other. */
export type CpeParts = string[];
const CPE_FIELDS = 11;

/** Parses a CPE 2.3 formatted string or a 2.2 URI into 11 lower-cased attributes; null when it is neither. */
export function parseCpe(cpe: string): CpeParts | null {
  const s = cpe.trim().toLowerCase();
  let parts: string[];
  if (s.startsWith('cpe:2.3:')) {
    parts = s.slice(8).split(/(?<!\\):/);
    if (parts.length !== CPE_FIELDS) return null;
  } else if (s.startsWith('cpe:/')) {
    parts = s
      .slice(5)
      .split(':')
      .map((p) => (p === '' ? '*' : p));
    if (parts.length > 7 || parts.length < 1) return null;
    while (parts.length < CPE_FIELDS) parts.push('*');
  } else return null;
  if (!/^[aoh*]$/.test(parts[0]!) || parts.some((p) => p === '')) return null;
  return parts;
}

/** One attribute: `*` (ANY) in the pattern matches anything, `-` (NA) only NA, otherwise equal. */
function attrMatches(pattern: string, value: string): boolean {
  return pattern === '*' || pattern === value;
}

/** Exact CPE match of a component's CPE against an advisory's pattern; `skipVersion` when ranges decide. */
export function cpeMatches(pattern: CpeParts, target: CpeParts, skipVersion = false): boolean {
  for (let i = 0; i < CPE_FIELDS; i++) {
    if (skipVersion && i === 3) continue;
    if (!attrMatches(pattern[i]!, target[i]!)) return false;
  }
  return true;
}

interface PreparedComponent {
  c: MatchComponent;
  cpe: CpeParts | null;
  /** The version to test ranges against: the ledger's, else the CPE's. */
  version: string;
  tokens: ReturnType<typeof versionTokens>;
  vendorKeys: Set<string>;
}

interface PreparedProduct {
  vendorKey: string;
  productKey: string;
  cpe: CpeParts | null;
  ranges: CompiledRange[];
  exact: ReturnType<typeof versionTokens> | null;
}

function prepareProduct(p: AffectedProduct): PreparedProduct {
  const cpe = p.cpe ? parseCpe(p.cpe) : null;
  const cpeVersion = cpe?.[3];
  return {
    vendorKey: cpe && cpe[1] !== '*' ? cpe[1]! : componentKey(p.vendor),
    productKey: cpe && cpe[2] !== '*' ? cpe[2]! : componentKey(p.product),
    cpe,
    ranges: p.ranges.map(compileRange),
    exact: cpeVersion && cpeVersion !== '*' && cpeVersion !== '-' ? versionTokens(cpeVersion) : null,
  };
}

function prepareComponent(c: MatchComponent): PreparedComponent {
  const cpe = c.cpe ? parseCpe(c.cpe) : null;
  const version = c.version || (cpe && cpe[3] !== '*' && cpe[3] !== '-' ? cpe[3]! : '');
  return {
    c,
    cpe,
    version,
    tokens: versionTokens(version),
    vendorKeys: new Set([c.vendorKey, ...(cpe ? [cpe[1]!] : [])]),
  };
}

/** Components indexed by product key (the ledger's key and its CPE's product), so each advisory looks at few. */
export class ComponentIndex {
  private readonly byProduct = new Map<string, PreparedComponent[]>();

  constructor(components: readonly MatchComponent[]) {
    for (const c of components) {
      const prepared = prepareComponent(c);
      const keys = new Set([c.productKey, ...(prepared.cpe ? [prepared.cpe[2]!] : [])]);
      for (const k of keys) {
        const list = this.byProduct.get(k);
        if (list) list.push(prepared);
        else this.byProduct.set(k, [prepared]);
      }
    }
  }

  candidates(productKey: string): readonly PreparedComponent[] {
    return this.byProduct.get(productKey) ?? [];
  }
}

function affects(p: PreparedProduct, x: PreparedComponent): boolean {
  const hasRanges = p.ranges.length > 0;
  if (p.cpe && x.cpe) {
    if (!cpeMatches(p.cpe, x.cpe, hasRanges)) return false;
  } else if (p.vendorKey !== '' && p.vendorKey !== '*' && !x.vendorKeys.has(p.vendorKey)) return false;
  // A component whose version the ledger does not know may be affected: its owner is asked to answer.
  if (x.version === '') return true;
  if (hasRanges) {
    for (const r of p.ranges) if (rangeHas(r, x.tokens)) return true;
    return false;
  }
  if (p.exact && !(p.cpe && x.cpe)) return compareTokens(x.tokens, p.exact) === 0;
  return true;
}

/** Every (advisory, system) pair affected, with the components that make it so. */
export function matchAdvisories(
  advisories: readonly MatchAdvisory[],
  index: ComponentIndex,
): AdvisoryMatch[] {
  const out: AdvisoryMatch[] = [];
  for (const a of advisories) {
    const bySystem = new Map<string, string[]>();
    for (const product of a.products) {
      const p = prepareProduct(product);
      for (const x of index.candidates(p.productKey)) {
        if (!affects(p, x)) continue;
        const ids = bySystem.get(x.c.systemId);
        if (!ids) bySystem.set(x.c.systemId, [x.c.id]);
        else if (!ids.includes(x.c.id)) ids.push(x.c.id);
      }
    }
    for (const [systemId, componentIds] of bySystem) out.push({ advisoryId: a.id, systemId, componentIds });
  }
  return out;
}

/** The naive reference: every advisory product against every component, no index (the benchmark's baseline). */
export function matchNaive(
  advisories: readonly MatchAdvisory[],
  components: readonly MatchComponent[],
): number {
  const all = components.map(prepareComponent);
  let pairs = 0;
  for (const a of advisories) {
    const systems = new Set<string>();
    for (const product of a.products) {
      const p = prepareProduct(product);
      for (const x of all)
        if ((x.c.productKey === p.productKey || x.cpe?.[2] === p.productKey) && affects(p, x))
          systems.add(x.c.systemId);
    }
    pairs += systems.size;
  }
  return pairs;
}

/** What is wrong with products given by a person or a file (an unusable CPE or range, no name); problems name the field. */
export function productProblems(
  products: readonly AffectedProduct[],
  prefix: string,
): { path: string; message: string }[] {
  const errors: { path: string; message: string }[] = [];
  products.forEach((p, i) => {
    if (p.cpe && !parseCpe(p.cpe)) errors.push({ path: `${prefix}[${i}].cpe`, message: 'not a CPE name' });
    if (!p.cpe && !p.product.trim())
      errors.push({ path: `${prefix}[${i}]`, message: 'a product name or a CPE is needed' });
    p.ranges.forEach((r, j) => {
      const bad = rangeProblem(r);
      if (bad) errors.push({ path: `${prefix}[${i}].ranges[${j}]`, message: bad });
    });
  });
  return errors;
}
