/**
 * Small groups in self-check figures (issue "security holes" item 7): figures of fewer people than the
 * agency's minimum group size would reveal how individuals answered. On screen they are suppressed for
 * anyone not allowed to see individual results; in exports and what goes to the central body they are
 * merged upward for everyone. Pure: payloads in, payloads out.
 */
import { isSmallGroup, mergeTargets } from '../../lib/small-groups.js';
import { type Actor, canTenantWide } from '../../server/policy.js';
import type { Figures, Headline } from './metrics.js';
import type { ResultsPayload } from './results-service.js';

/**
 * Those allowed to see individual results see small groups too: the security office (selfcheck.manage
 * agency-wide: it follows up each person's questionnaire) and the auditors (selfcheck.audit
 * agency-wide: they check individual answers, 002 L453-470).
 */
export function maySeeSmallGroups(actor: Actor): boolean {
  return canTenantWide(actor, 'selfcheck.manage') || canTenantWide(actor, 'selfcheck.audit');
}

type Summary = Omit<Figures, 'items'>;
/** A figure row as shown: a suppressed one keeps its headcount only. */
export type ShownSummary = Omit<Summary, 'captured' | 'allImplemented'> & {
  captured: number | null;
  allImplemented: number | null;
  suppressed?: boolean;
};
export type ShownFigures = ShownSummary & { items: Figures['items'] };

export type ResultsView = Omit<
  ResultsPayload,
  'overall' | 'groups' | 'roles' | 'chapters' | 'units' | 'crossUnit'
> & {
  overall: ShownFigures;
  groups: Record<string, ShownFigures>;
  roles: Record<string, ShownSummary>;
  chapters: Record<string, Record<string, ShownSummary>>;
  units: (Omit<ResultsPayload['units'][number], 'figures'> & { figures: ShownSummary })[];
  crossUnit: { pooled: ShownSummary; mean: Headline } | null;
  /** The agency's minimum; null when the viewer may see small groups (nothing was suppressed). */
  minGroupSize: number | null;
};

const NO_RATES: Headline = {
  coverage: null,
  implementation: { nisc: null, pooled: null, meti_all_items: null },
  attainment: { '100': null, '95': null, '90': null },
};

function hidden(f: Summary): ShownSummary {
  return { inScope: f.inScope, captured: null, allImplemented: null, ...NO_RATES, suppressed: true };
}
const hiddenFigures = (f: Figures): ShownFigures => ({ ...hidden(f), items: [] });

/** The results with every unit, role and group row of fewer people than `min` suppressed. */
export function suppressSmallGroups(r: ResultsPayload, min: number): ResultsView {
  const small = (f: { inScope: number }) => isSmallGroup(f.inScope, min);
  const summary = (f: Summary): ShownSummary => (small(f) ? hidden(f) : f);
  const figures = (f: Figures): ShownFigures => (small(f) ? hiddenFigures(f) : f);
  const map = <A, B>(rec: Record<string, A>, fn: (a: A, k: string) => B) =>
    Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, fn(v, k)]));
  const smallGroup = (g: string) => (r.groups[g] ? small(r.groups[g]) : false);
  const units = r.units.map((u) => ({ ...u, figures: summary(u.figures) }));
  // The mean across units would give away a small unit's rates next to the others.
  const anySmallUnit = r.units.some((u) => small(u.figures));
  const previous = r.previous && {
    ...r.previous,
    overall: small(r.overall) ? { ...r.previous.overall, ...NO_RATES, items: [] } : r.previous.overall,
    groups: map(r.previous.groups, (h, g) => (smallGroup(g) ? NO_RATES : h)),
    figures: {
      overall: small(r.overall) ? NO_RATES : r.previous.figures.overall,
      groups: map(r.previous.figures.groups, (h, g) => (smallGroup(g) ? NO_RATES : h)),
    },
  };
  return {
    ...r,
    overall: figures(r.overall),
    groups: map(r.groups, figures),
    roles: map(r.roles, summary),
    chapters: map(r.chapters, (chs, g) => (smallGroup(g) ? map(chs, hidden) : chs)),
    units,
    crossUnit: r.crossUnit && !anySmallUnit ? r.crossUnit : r.crossUnit && null,
    staffAreas: smallGroup('staff') ? null : (r.staffAreas ?? null),
    previous,
    minGroupSize: min,
  };
}

/**
 * For exports: each small unit merged into its nearest ancestor that is large enough (mergeTargets on
 * each unit's own people), so only units of at least `min` people are listed; each kept unit says how
 * many units were merged into it. Small groups are left out (their people are in the total).
 */
export function mergeSmallForExport(r: ResultsPayload, min: number) {
  const ids = new Set(r.units.map((u) => u.unitId));
  const below = new Map<string, number>();
  for (const u of r.units)
    if (u.parentId && ids.has(u.parentId))
      below.set(u.parentId, (below.get(u.parentId) ?? 0) + u.figures.inScope);
  const targets = mergeTargets(
    r.units.map((u) => ({
      key: u.unitId,
      parentKey: u.parentId && ids.has(u.parentId) ? u.parentId : null,
      people: Math.max(0, u.figures.inScope - (below.get(u.unitId) ?? 0)),
    })),
    min,
  );
  const mergedInto = new Map<string, number>();
  for (const [k, t] of targets) if (k !== t) mergedInto.set(t, (mergedInto.get(t) ?? 0) + 1);
  const units = r.units
    .filter((u) => targets.get(u.unitId) === u.unitId && !isSmallGroup(u.figures.inScope, min))
    .map((u) => ({ ...u, merged: mergedInto.get(u.unitId) ?? 0 }));
  const groups = Object.fromEntries(
    Object.entries(r.groups).filter(([, f]) => !isSmallGroup(f.inScope, min)),
  );
  const mergedGroups = Object.keys(r.groups).filter((g) => !(g in groups));
  const staffAreas = groups.staff ? (r.staffAreas ?? null) : null;
  return { ...r, units, groups, mergedGroups, staffAreas };
}

/**
 * What the central body receives: agency-wide figures; roles and groups of fewer than `min` people are
 * merged upward (a role into its group, a group into the total, which already count them) and only
 * named in `merged`, so `ciso: inScope 1` never leaves the agency.
 */
export function mergeSmallForCentral(r: ResultsPayload, min: number) {
  const keep = <T extends { inScope: number }>(rec: Record<string, T>) =>
    Object.fromEntries(Object.entries(rec).filter(([, f]) => !isSmallGroup(f.inScope, min)));
  const groups = keep(r.groups);
  const roles = keep(r.roles);
  return {
    overall: r.overall,
    groups,
    roles,
    staffAreas: groups.staff ? (r.staffAreas ?? null) : null,
    merged: {
      groups: Object.keys(r.groups).filter((g) => !(g in groups)),
      roles: Object.keys(r.roles).filter((k) => !(k in roles)),
    },
    minGroupSize: min,
  };
}
