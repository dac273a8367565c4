import { dayInJapan } from '../../lib/dates.js';
import { checkCvss } from './advisory-cvss.js';
import type { AffectedProduct } from './advisory-match.js';
import type { AdvisorySource } from './advisory-rules.js';
import { rangeProblem, type VersionRange } from './advisory-versions.js';

// CSAF 2.0 (OASIS, 2022) security advisories → Mamoru's advisory. Only what matching needs is read:
// document.tracking, the product tree (branches vendor → product_name → product_version /
// product_version_range, nested to any depth, and full_product_names with their CPE), each
// vulnerability's product_status (known_affected, first_affected, last_affected) and scores[].cvss_v3.
// JVN iPedia publishes its JVNDB entries as CSAF 2.0 too: a document whose tracking id starts with
// "JVNDB-" (or whose publisher is IPA/JPCERT) is recorded with source "jvn"; its CVE ids come from
// vulnerabilities[].cve and the JVNDB id is the tracking id.

export interface AdvisoryInput {
  source: AdvisorySource;
  trackingId: string;
  title: string;
  /** ISO date (the day of initial release in Japan's calendar is close enough for a day: UTC date part). */
  published: string | null;
  cves: string[];
  cvssVector: string | null;
  cvssScore: number | null;
  summary: string;
  products: AffectedProduct[];
}

export interface CsafProblem {
  path: string;
  reason: string;
}

export class CsafError extends Error {
  constructor(readonly problems: CsafProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.reason}`).join('; '));
    this.name = 'CsafError';
  }
}

type Json = unknown;
const isObj = (x: Json): x is Record<string, Json> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

interface Leaf {
  vendor: string;
  product: string;
  cpe: string | null;
  ranges: VersionRange[];
}

/** A product_version_range name: `vers:…`, or the free text vendors write ("<2.3.4", "all versions before 2.3"). */
export function rangeFromText(name: string): VersionRange | null {
  const s = name.trim();
  if (s.toLowerCase().startsWith('vers:')) return { type: 'vers', vers: s };
  const before = /^(?:all versions? )?(?:before|prior to|earlier than|<)\s*v?([0-9][\w.+-]*)$/i.exec(s);
  if (before) return { type: 'before', version: before[1]! };
  const upTo = /^(?:<=|up to(?: and including)?|through)\s*v?([0-9][\w.+-]*)$/i.exec(s);
  if (upTo) return { type: 'before', version: upTo[1]!, inclusive: true };
  const ja = /^v?([0-9][\w.+-]*)\s*(より前|未満|以前)/.exec(s);
  if (ja) return { type: 'before', version: ja[1]!, inclusive: ja[2] === '以前' };
  if (/^(all|all versions|\*|全てのバージョン|すべてのバージョン)$/i.test(s)) return { type: 'all' };
  return null;
}

export function parseCsaf(doc: Json): AdvisoryInput {
  const problems: CsafProblem[] = [];
  const fail = (path: string, reason: string) => problems.push({ path, reason });
  if (!isObj(doc)) throw new CsafError([{ path: '$', reason: 'the file is not a JSON object' }]);
  const d = doc.document;
  if (!isObj(d)) throw new CsafError([{ path: '$.document', reason: 'missing' }]);
  if (d.csaf_version !== '2.0') fail('$.document.csaf_version', 'must be "2.0"');
  const tracking = isObj(d.tracking) ? d.tracking : null;
  if (!tracking) fail('$.document.tracking', 'missing');
  const trackingId = typeof tracking?.id === 'string' ? tracking.id.trim() : '';
  if (tracking && !trackingId) fail('$.document.tracking.id', 'missing');
  const title = typeof d.title === 'string' ? d.title.trim() : '';
  if (!title) fail('$.document.title', 'missing');
  const released = tracking?.initial_release_date ?? tracking?.current_release_date;
  let published: string | null = null;
  if (released !== undefined) {
    if (typeof released !== 'string' || Number.isNaN(Date.parse(released)))
      fail('$.document.tracking.initial_release_date', 'not a date-time');
    // The day it was published, as the office reads the calendar (Asia/Tokyo), not in UTC.
    else published = dayInJapan(new Date(released));
  }
  const publisher = isObj(d.publisher) && typeof d.publisher.name === 'string' ? d.publisher.name : '';
  const source: AdvisorySource =
    /^JVNDB-/i.test(trackingId) || /\b(IPA|JPCERT)/i.test(publisher) ? 'jvn' : 'csaf';

  // Product tree: product_id → what it names.
  const leaves = new Map<string, Leaf>();
  const tree = doc.product_tree;
  const helperCpe = (p: Record<string, Json>, path: string): string | null => {
    const h = p.product_identification_helper;
    if (h === undefined) return null;
    if (!isObj(h)) {
      fail(`${path}.product_identification_helper`, 'must be an object');
      return null;
    }
    if (h.cpe === undefined) return null;
    if (typeof h.cpe !== 'string' || !/^cpe:(2\.3:|\/)/i.test(h.cpe)) {
      fail(`${path}.product_identification_helper.cpe`, 'not a CPE name');
      return null;
    }
    return h.cpe;
  };
  const addLeaf = (p: Json, path: string, leaf: Omit<Leaf, 'cpe'>) => {
    if (!isObj(p)) return fail(path, 'must be an object with product_id and name');
    if (typeof p.product_id !== 'string' || !p.product_id) return fail(`${path}.product_id`, 'missing');
    if (leaves.has(p.product_id)) return fail(`${path}.product_id`, `"${p.product_id}" is defined twice`);
    leaves.set(p.product_id, { ...leaf, cpe: helperCpe(p, path) });
  };
  const walk = (
    branches: Json,
    path: string,
    ctx: { vendor: string; product: string; range: VersionRange | null },
  ) => {
    if (!Array.isArray(branches)) return fail(path, 'must be an array');
    for (const [i, b] of branches.entries()) {
      const at = `${path}[${i}]`;
      if (!isObj(b)) {
        fail(at, 'must be an object');
        continue;
      }
      if (typeof b.category !== 'string') {
        fail(`${at}.category`, 'missing');
        continue;
      }
      if (typeof b.name !== 'string' || !b.name.trim()) {
        fail(`${at}.name`, 'missing');
        continue;
      }
      const next = { ...ctx };
      let exact: VersionRange | null = null;
      switch (b.category) {
        case 'vendor':
          next.vendor = b.name;
          break;
        case 'product_name':
        case 'product_family':
          next.product = next.product && b.category === 'product_family' ? next.product : b.name;
          break;
        case 'product_version':
          exact = { type: 'exact', version: b.name };
          break;
        case 'product_version_range': {
          const r = rangeFromText(b.name);
          if (!r) {
            fail(`${at}.name`, `"${b.name}" is not a version range Mamoru understands (use vers:)`);
            continue;
          }
          const bad = rangeProblem(r);
          if (bad) {
            fail(`${at}.name`, bad);
            continue;
          }
          next.range = r;
          break;
        }
        default:
          break; // architecture, language, patch_level, …: narrow nothing Mamoru matches on
      }
      if (b.product !== undefined) {
        const r = exact ?? next.range;
        addLeaf(b.product, `${at}.product`, {
          vendor: next.vendor,
          product: next.product,
          ranges: r ? [r] : [],
        });
      }
      if (b.branches !== undefined)
        walk(b.branches, `${at}.branches`, exact ? { ...next, range: exact } : next);
    }
  };
  if (tree !== undefined) {
    if (!isObj(tree)) fail('$.product_tree', 'must be an object');
    else {
      if (tree.branches !== undefined)
        walk(tree.branches, '$.product_tree.branches', { vendor: '', product: '', range: null });
      if (tree.full_product_names !== undefined) {
        if (!Array.isArray(tree.full_product_names))
          fail('$.product_tree.full_product_names', 'must be an array');
        else
          for (const [i, p] of tree.full_product_names.entries())
            addLeaf(p, `$.product_tree.full_product_names[${i}]`, {
              vendor: '',
              product: isObj(p) && typeof p.name === 'string' ? p.name : '',
              ranges: [],
            });
      }
    }
  }

  // Vulnerabilities: affected product ids, CVEs, the highest CVSS v3 score.
  const affected = new Set<string>();
  const cves: string[] = [];
  let best: { vector: string; score: number } | null = null;
  const vulns = doc.vulnerabilities;
  if (!Array.isArray(vulns) || vulns.length === 0)
    fail('$.vulnerabilities', 'at least one vulnerability is needed');
  else
    for (const [i, v] of vulns.entries()) {
      const at = `$.vulnerabilities[${i}]`;
      if (!isObj(v)) {
        fail(at, 'must be an object');
        continue;
      }
      if (v.cve !== undefined) {
        if (typeof v.cve !== 'string' || !/^CVE-\d{4}-\d{4,}$/.test(v.cve)) fail(`${at}.cve`, 'not a CVE id');
        else if (!cves.includes(v.cve)) cves.push(v.cve);
      }
      const status = v.product_status;
      if (status !== undefined && !isObj(status)) fail(`${at}.product_status`, 'must be an object');
      if (isObj(status))
        for (const key of ['known_affected', 'first_affected', 'last_affected'] as const) {
          const ids = status[key];
          if (ids === undefined) continue;
          if (!Array.isArray(ids)) {
            fail(`${at}.product_status.${key}`, 'must be an array');
            continue;
          }
          ids.forEach((id, j) => {
            if (typeof id !== 'string' || !leaves.has(id))
              fail(`${at}.product_status.${key}[${j}]`, `unknown product_id ${JSON.stringify(id)}`);
            else affected.add(id);
          });
        }
      if (v.scores === undefined) continue;
      if (!Array.isArray(v.scores)) {
        fail(`${at}.scores`, 'must be an array');
        continue;
      }
      for (const [j, s] of v.scores.entries()) {
        const sp = `${at}.scores[${j}]`;
        if (!isObj(s) || s.cvss_v3 === undefined) continue;
        const c = s.cvss_v3;
        if (!isObj(c) || typeof c.vectorString !== 'string') {
          fail(`${sp}.cvss_v3.vectorString`, 'missing');
          continue;
        }
        const stated = typeof c.baseScore === 'number' ? c.baseScore : null;
        const check = checkCvss(c.vectorString, stated);
        if (!check.ok) {
          fail(`${sp}.cvss_v3`, check.reason);
          continue;
        }
        if (!best || check.score > best.score) best = { vector: c.vectorString, score: check.score };
      }
    }
  if (problems.length === 0 && affected.size === 0)
    fail('$.vulnerabilities', 'no product is listed as known_affected, first_affected or last_affected');
  if (problems.length) throw new CsafError(problems);

  const products: AffectedProduct[] = [];
  for (const id of affected) {
    const l = leaves.get(id)!;
    products.push({ vendor: l.vendor, product: l.product, cpe: l.cpe, ranges: l.ranges });
  }
  const notes = Array.isArray(d.notes) ? d.notes : [];
  const summaryNote = notes.find(
    (n) => isObj(n) && (n.category === 'summary' || n.category === 'description'),
  );
  const picked = best as { vector: string; score: number } | null;
  return {
    source,
    trackingId,
    title,
    published,
    cves,
    cvssVector: picked?.vector ?? null,
    cvssScore: picked?.score ?? null,
    summary:
      isObj(summaryNote) && typeof summaryNote.text === 'string' ? summaryNote.text.slice(0, 4000) : '',
    products,
  };
}
