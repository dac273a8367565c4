import type { Results } from '../../../app/types.js';
import { isMetricGroup, METRIC_GROUPS, type MetricGroup } from '../format.js';

export type Figures = Results['overall'];
export type ItemFigure = Figures['items'][number];
export type UnitRow = Results['units'][number];

/** The metric groups present in the results, in the reports' order. */
export function groupsOf(r: Results): MetricGroup[] {
  return METRIC_GROUPS.filter((g) => r.groups[g]);
}

/** Other group keys a newer server might send, after the known ones. */
export function otherGroups(r: Results): string[] {
  return Object.keys(r.groups).filter((g) => !isMetricGroup(g));
}

/** 到達率 as counts: items at or above the threshold out of items with a duty-holder, exactly as the engine counts. */
export function attainmentCounts(items: readonly ItemFigure[], threshold: number) {
  const withDuty = items.filter((i) => i.duty > 0);
  return {
    attained: withDuty.filter((i) => i.implemented * 100 >= threshold * i.duty).length,
    of: withDuty.length,
  };
}

/** The unit the results are about: the drilled-into unit, else the agency's root. */
export function topUnitId(r: Results): string | null {
  if (r.rootUnitId) return r.rootUnitId;
  const min = Math.min(...r.units.map((u) => u.depth));
  return r.units.find((u) => u.depth === min)?.unitId ?? null;
}

/** The units one level below the top: the by-unit comparison (crossUnit is computed over these). */
export function childUnits(r: Results): UnitRow[] {
  // A viewer of several subtrees compares those subtrees.
  const roots = r.rootUnitIds ?? [];
  if (roots.length > 1) return r.units.filter((u) => roots.includes(u.unitId));
  const top = topUnitId(r);
  return r.units.filter((u) => u.parentId === top);
}

export function hasChildren(r: Results, unitId: string): boolean {
  return r.units.some((u) => u.parentId === unitId);
}

/** One item's figure in each group that answers it, and overall. */
export function itemAcrossGroups(r: Results, itemId: string) {
  const find = (f: Figures) => f.items.find((i) => i.item === itemId) ?? null;
  return {
    overall: find(r.overall),
    groups: Object.entries(r.groups)
      .map(([g, f]) => ({ group: g, figure: find(f) }))
      .filter((x): x is { group: string; figure: ItemFigure } => x.figure !== null),
    change: r.previous?.overall.items.find((i) => i.item === itemId) ?? null,
  };
}

/** A change in rate as signed percentage points to 0.1 ("+2.3", "−1.0"). */
export function points(change: number): string {
  const v = Math.round(change * 1000) / 10;
  return `${v > 0 ? '+' : ''}${v.toFixed(1)}`;
}

export type SortKey = 'name' | 'inScope' | 'coverage' | 'implementation' | 'attainment';

export function compareNullable(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a - b;
}

/** Whether any figure of the page was withheld for being of fewer people than the minimum group size. */
export function hasSuppressed(r: Results): boolean {
  return (
    !!r.overall.suppressed ||
    Object.values(r.groups).some((f) => f.suppressed) ||
    Object.values(r.roles).some((f) => f.suppressed) ||
    r.units.some((u) => u.figures.suppressed)
  );
}
