// Pure rules of the central body's side: which submission counts, what a statement contributes to the
// national tables (001 ch. II), and the government means. No I/O.
import type { AnnualStatement } from '../report/figures-model.js';
import { meanOfRates } from '../selfcheck/metrics-compare.js';

export interface Rates {
  coverage: number | null;
  nisc: number | null;
  attainment100: number | null;
  attainment95: number | null;
  attainment90: number | null;
}
export const RATE_KEYS = ['coverage', 'nisc', 'attainment100', 'attainment95', 'attainment90'] as const;

/** What one agency's statement contributes to the national tables. */
export interface AgencyFigures {
  selfcheck: { definition: string; overall: Rates; groups: Record<string, Rates> } | null;
  /** Ordinary staff's 実施率 by the eight areas (001 L2883-2904). */
  staffAreas: Record<string, number | null> | null;
  /** Chapter → metric group → NISC 実施率. */
  chapters: Record<string, Record<string, number | null>>;
  /** Item code → the agency's rate of that item. */
  items: Record<string, { title: string; rate: number | null }>;
  inspection: {
    grades: { A: number; B: number; C: number; D: number };
    /** Item code → met / applicable over the year's rounds. */
    items: Record<string, { title: string; applicable: number; met: number; rate: number | null }>;
    rate: number | null;
  } | null;
  drills: {
    drills: number;
    delivered: number;
    opened: number;
    openRate: number | null;
    reportRate: number | null;
  } | null;
  training: { assigned: number; completed: number; rate: number | null } | null;
  incidents: Record<string, number> | null;
}

const ratio = (num: number, den: number) => (den ? num / den : null);

function ratesOf(f: {
  coverage: number | null;
  implementation: { nisc: number | null };
  attainment: { '100': number | null; '95': number | null; '90': number | null };
}): Rates {
  return {
    coverage: f.coverage,
    nisc: f.implementation.nisc,
    attainment100: f.attainment['100'],
    attainment95: f.attainment['95'],
    attainment90: f.attainment['90'],
  };
}

export function agencyFigures(s: AnnualStatement): AgencyFigures {
  const sc = s.selfcheck;
  const chapters: AgencyFigures['chapters'] = {};
  for (const c of sc?.chapters ?? [])
    chapters[c.chapterNo] = Object.fromEntries(
      Object.entries(c.groups).map(([g, f]) => [g, f.implementation.nisc]),
    );
  let inspection: AgencyFigures['inspection'] = null;
  if (s.inspections && s.inspections.rounds.length > 0) {
    const grades = { A: 0, B: 0, C: 0, D: 0 };
    const items: NonNullable<AgencyFigures['inspection']>['items'] = {};
    for (const r of s.inspections.rounds) {
      for (const g of ['A', 'B', 'C', 'D'] as const) grades[g] += r.grades[g];
      for (const it of r.items) {
        const sum = items[it.code] ?? { title: it.title, applicable: 0, met: 0, rate: null };
        sum.applicable += it.applicable;
        sum.met += it.met;
        items[it.code] = sum;
      }
    }
    let applicable = 0;
    let met = 0;
    for (const it of Object.values(items)) {
      it.rate = ratio(it.met, it.applicable);
      applicable += it.applicable;
      met += it.met;
    }
    inspection = { grades, items, rate: ratio(met, applicable) };
  }
  let drills: AgencyFigures['drills'] = null;
  if (s.drills && s.drills.drills.length > 0) {
    const sum = (k: 'delivered' | 'opened' | 'reported') => s.drills!.drills.reduce((n, d) => n + d[k], 0);
    const delivered = sum('delivered');
    // NISC's 開封率 over the year: opened ÷ delivered, all drills of the agency together.
    drills = {
      drills: s.drills.drills.length,
      delivered,
      opened: sum('opened'),
      openRate: ratio(sum('opened'), delivered),
      reportRate: ratio(sum('reported'), delivered),
    };
  }
  return {
    selfcheck: sc
      ? {
          definition: sc.definition,
          overall: ratesOf(sc.overall),
          groups: Object.fromEntries(Object.entries(sc.groups).map(([g, f]) => [g, ratesOf(f)])),
        }
      : null,
    staffAreas: sc?.staffAreas ? Object.fromEntries(sc.staffAreas.map((a) => [a.area, a.nisc])) : null,
    chapters,
    items: Object.fromEntries((sc?.items ?? []).map((i) => [i.code, { title: i.title, rate: i.rate }])),
    inspection,
    drills,
    training: s.training ? { ...s.training.overall } : null,
    incidents: s.incidents ? Object.fromEntries(s.incidents.byType.map((t) => [t.type, t.count])) : null,
  };
}

/** The figures placed beside each other: government means and one agency's own. */
export interface Comparable {
  selfcheck: { overall: Rates; groups: Record<string, Rates> };
  staffAreas: Record<string, number | null>;
  chapters: Record<string, Record<string, number | null>>;
  inspectionRate: number | null;
  drillOpenRate: number | null;
  drillReportRate: number | null;
  trainingRate: number | null;
}

const meanRates = (list: (Rates | null | undefined)[]): Rates =>
  Object.fromEntries(
    RATE_KEYS.map((k) => [k, meanOfRates(list.map((r) => r?.[k] ?? null))]),
  ) as unknown as Rates;

const keysOf = (list: (Record<string, unknown> | null | undefined)[]) => [
  ...new Set(list.flatMap((r) => Object.keys(r ?? {}))),
];

/** Government means: the UNWEIGHTED mean over agencies of each agency's rate (001 L2859), nulls skipped. */
export function governmentMeans(list: readonly AgencyFigures[]): Comparable {
  const groups = keysOf(list.map((a) => a.selfcheck?.groups));
  const areas = keysOf(list.map((a) => a.staffAreas));
  const chapters = keysOf(list.map((a) => a.chapters));
  return {
    selfcheck: {
      overall: meanRates(list.map((a) => a.selfcheck?.overall)),
      groups: Object.fromEntries(groups.map((g) => [g, meanRates(list.map((a) => a.selfcheck?.groups[g]))])),
    },
    staffAreas: Object.fromEntries(
      areas.map((k) => [k, meanOfRates(list.map((a) => a.staffAreas?.[k] ?? null))]),
    ),
    chapters: Object.fromEntries(
      chapters.map((c) => {
        const gs = keysOf(list.map((a) => a.chapters[c]));
        return [
          c,
          Object.fromEntries(gs.map((g) => [g, meanOfRates(list.map((a) => a.chapters[c]?.[g] ?? null))])),
        ];
      }),
    ),
    inspectionRate: meanOfRates(list.map((a) => a.inspection?.rate ?? null)),
    drillOpenRate: meanOfRates(list.map((a) => a.drills?.openRate ?? null)),
    drillReportRate: meanOfRates(list.map((a) => a.drills?.reportRate ?? null)),
    trainingRate: meanOfRates(list.map((a) => a.training?.rate ?? null)),
  };
}

/** One agency's own figures in the same shape as the means. */
export function comparableOf(a: AgencyFigures): Comparable {
  return {
    selfcheck: a.selfcheck
      ? { overall: a.selfcheck.overall, groups: a.selfcheck.groups }
      : { overall: meanRates([]), groups: {} },
    staffAreas: a.staffAreas ?? {},
    chapters: a.chapters,
    inspectionRate: a.inspection?.rate ?? null,
    drillOpenRate: a.drills?.openRate ?? null,
    drillReportRate: a.drills?.reportRate ?? null,
    trainingRate: a.training?.rate ?? null,
  };
}

export interface WeakItem {
  code: string;
  title: string;
  meanRate: number;
  /** How many agencies' self-checks have the item (the mean is over these only). */
  agencies: number;
}

/** The weakest items across the government: mean item rate over the agencies that have the item, lowest first. */
export function weakestItems(list: readonly AgencyFigures[], limit = 20): WeakItem[] {
  const byCode = new Map<string, { title: string; rates: number[] }>();
  for (const a of list)
    for (const [code, it] of Object.entries(a.items)) {
      if (it.rate === null) continue;
      const e = byCode.get(code) ?? { title: it.title, rates: [] };
      e.rates.push(it.rate);
      byCode.set(code, e);
    }
  return [...byCode.entries()]
    .map(([code, e]) => ({ code, title: e.title, meanRate: meanOfRates(e.rates)!, agencies: e.rates.length }))
    .sort((x, y) => x.meanRate - y.meanRate || y.agencies - x.agencies || x.code.localeCompare(y.code))
    .slice(0, limit);
}

/** The common item codes (001 L2784-2790) a statement's self-check lacks. */
export function missingCommonCodes(statementCodes: readonly string[], common: readonly string[]): string[] {
  const have = new Set(statementCodes);
  return [...new Set(common)].filter((c) => !have.has(c)).sort();
}

/** Keeps the latest version per agency (rows already sorted or not); the agency key names whose figures. */
export function latestPerAgency<T extends { agencyKey: string; version: number; submittedAt: Date }>(
  rows: readonly T[],
): T[] {
  const latest = new Map<string, T>();
  for (const r of rows) {
    const seen = latest.get(r.agencyKey);
    if (!seen || r.version > seen.version || (r.version === seen.version && r.submittedAt > seen.submittedAt))
      latest.set(r.agencyKey, r);
  }
  return [...latest.values()];
}
