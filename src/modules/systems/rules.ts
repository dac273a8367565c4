// Pure rules of the information-system ledger.
import { isIP } from 'node:net';
import { fiscalYearOfDay } from '../../lib/dates.js';
import { stableStringify } from '../../lib/stable-json.js';

/** Normalise a vendor or product name for matching: NFKC, lower case, spaces and hyphens as underscores. */
export function componentKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** An IPv4 or IPv6 address (no prefix length, no port). */
export function isAddress(s: string): boolean {
  return isIP(s) !== 0;
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;

/**
 * A DNS name as a host or mail domain is written: labels of letters, digits and hyphens, at least two
 * labels, at most 253 characters, an optional trailing dot; `*.` allowed as the first label (certificates).
 */
export function isDomainName(s: string): boolean {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (labels.length < 2) return false;
  return labels.every((l, i) => (i === 0 && l === '*') || LABEL.test(l)) && !/^\d+$/.test(labels.at(-1)!);
}

// CPE 2.3 formatted string: "cpe:2.3:" then 11 components (part first), each `*`, `-` or a value in
// which ':' only appears escaped (NISTIR 7695 §6.2).
const CPE_COMPONENT = String.raw`(?:\\.|[^:\\])+`;
const CPE23 = new RegExp(`^cpe:2\\.3:[aho\\*\\-](?::${CPE_COMPONENT}){10}$`);

/** A CPE 2.3 formatted string such as `cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*`. */
export function isCpe23(s: string): boolean {
  return CPE23.test(s);
}

/** vendor, product and version of a CPE 2.3 string (unescaped), or null when it is not one. */
export function cpeParts(
  s: string,
): { part: string; vendor: string; product: string; version: string } | null {
  if (!isCpe23(s)) return null;
  const parts = s.match(new RegExp(`${CPE_COMPONENT}`, 'g'))!;
  // parts[0] = "cpe", [1] = "2.3", [2] = part, [3] vendor, [4] product, [5] version
  const un = (x: string) => x.replace(/\\(.)/g, '$1');
  return { part: parts[2]!, vendor: un(parts[3]!), product: un(parts[4]!), version: un(parts[5]!) };
}

/** The yearly review is done for the fiscal year of `today` when the entry was confirmed in it. */
export function reviewedInFiscalYear(reviewedOn: string | null, today: string): boolean {
  return reviewedOn !== null && fiscalYearOfDay(reviewedOn) === fiscalYearOfDay(today);
}

/** Software past its vendor's end of support on `today` (the day itself still supported). */
export function isEndOfSupport(endOfSupport: string | null, today: string): boolean {
  return endOfSupport !== null && endOfSupport < today;
}

/**
 * Server counts against the consolidation target (サーバ集約化計画: halve public web and mail servers,
 * 001 L3131-3143): how many are over the target, null when no target is set.
 */
export function overTarget(count: number, target: number | null): number | null {
  if (target === null) return null;
  return Math.max(0, count - target);
}

/** Field → [before, after] for the fields whose value changed (deep equality on JSON values). */
export function fieldChanges<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [k, v] of Object.entries(after)) {
    if (v === undefined) continue;
    const was = before[k];
    if (stableStringify(was ?? null) !== stableStringify(v ?? null)) out[k] = [was ?? null, v ?? null];
  }
  return out;
}
