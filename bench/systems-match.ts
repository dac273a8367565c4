// `npm run bench:systems:match`: match 10,000 advisories against a ledger of 20,000 components
// (issue #14 goal: < 2 s). Synthetic but realistic: popular products are installed and advised more
// often (Zipf-like), 30 % of components carry a CPE, and advisories mix exact CPEs, CPE patterns with
// vers: ranges, vendor/product keys with vers:, semver ranges and "all versions before X".
// The full match (index + matching) runs ≥ 3 times; the median is reported. The baseline, in the same
// run, is the naive nested loop over all (advisory product × component) pairs on a subset of the
// advisories, scaled up linearly to 10,000.
import {
  ComponentIndex,
  type MatchAdvisory,
  type MatchComponent,
  matchAdvisories,
  matchNaive,
} from '../src/modules/systems/advisory-match.js';
import type { VersionRange } from '../src/modules/systems/advisory-versions.js';

const arg = (name: string, def: number) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const COMPONENTS = arg('components', 20_000);
const ADVISORIES = arg('advisories', 10_000);
const RUNS = Math.max(3, arg('runs', 5));
const NAIVE_SUBSET = arg('naive', 200);
const PRODUCTS = arg('products', 1_500);
/** How strongly installs and advisories concentrate on popular products (1 = uniform). */
const SKEW = arg('skew', 2.5);
const SYSTEMS = 2_000;

// mulberry32: a seeded generator good enough that systems, products and versions are independent.
let seed = 42;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = (n: number) => Math.floor(rnd() * n);
/** Zipf-ish: low indexes (popular products) far more likely. */
const popular = (n: number) => Math.floor(n * rnd() ** SKEW);
const version = () =>
  rnd() < 0.5
    ? `${pick(15)}.${pick(10)}.${pick(60)}`
    : rnd() < 0.5
      ? `${pick(13) + 1}.${pick(3)}.0.${pick(5)}.${pick(3)}`
      : `10.0.${pick(20_000)}`;

const products = Array.from({ length: PRODUCTS }, (_, i) => ({
  vendor: `vendor${i % 400}`,
  product: `product_${i}`,
}));

const components: MatchComponent[] = Array.from({ length: COMPONENTS }, (_, i) => {
  const p = products[popular(PRODUCTS)]!;
  const v = version();
  return {
    id: `c${i}`,
    systemId: `s${pick(SYSTEMS)}`,
    vendorKey: p.vendor,
    productKey: p.product,
    version: v,
    cpe: rnd() < 0.3 ? `cpe:2.3:a:${p.vendor}:${p.product}:${v}:*:*:*:*:*:*:*` : null,
  };
});

function range(): VersionRange {
  const k = rnd();
  if (k < 0.45) return { type: 'vers', vers: `vers:generic/>=${pick(10)}.0|<${version()}` };
  if (k < 0.65) return { type: 'semver', range: `>=${pick(8)}.0.0 <${pick(8) + 8}.${pick(10)}.0` };
  if (k < 0.9) return { type: 'before', version: version() };
  return { type: 'exact', version: version() };
}

const advisories: MatchAdvisory[] = Array.from({ length: ADVISORIES }, (_, i) => ({
  id: `a${i}`,
  products: Array.from({ length: 1 + pick(3) }, () => {
    const p = products[popular(PRODUCTS)]!;
    const k = rnd();
    if (k < 0.25)
      return {
        vendor: '',
        product: '',
        cpe: `cpe:2.3:a:${p.vendor}:${p.product}:${version()}:*:*:*:*:*:*:*`,
        ranges: [],
      };
    if (k < 0.5)
      return {
        vendor: '',
        product: '',
        cpe: `cpe:2.3:a:${p.vendor}:${p.product}:*:*:*:*:*:*:*:*`,
        ranges: [range()],
      };
    return { vendor: p.vendor, product: p.product, cpe: null, ranges: [range()] };
  }),
}));

const times: number[] = [];
let pairs = 0;
for (let r = 0; r < RUNS; r++) {
  const t0 = performance.now();
  const index = new ComponentIndex(components);
  pairs = matchAdvisories(advisories, index).length;
  times.push(performance.now() - t0);
}
const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

const subset = advisories.slice(0, NAIVE_SUBSET);
const n0 = performance.now();
const naivePairs = matchNaive(subset, components);
const naiveMs = ((performance.now() - n0) * ADVISORIES) / NAIVE_SUBSET;
const indexedSubset = matchAdvisories(subset, new ComponentIndex(components)).length;

console.log(`advisories ${ADVISORIES}, components ${COMPONENTS}, affected (advisory, system) pairs ${pairs}`);
console.log(
  `indexed match: runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; median ${median.toFixed(0)} ms (goal < 2000 ms)`,
);
console.log(
  `naive nested loop: ${NAIVE_SUBSET} advisories timed, scaled ×${ADVISORIES / NAIVE_SUBSET} → ~${(naiveMs / 1000).toFixed(1)} s (same pairs on the subset: ${naivePairs === indexedSubset ? 'yes' : `NO ${naivePairs} vs ${indexedSubset}`})`,
);
if (naivePairs !== indexedSubset || median >= 2000) process.exit(1);
