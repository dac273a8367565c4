import type { Overview } from '../types.js';

export interface OverviewRow {
  unitId: string;
  unitName: string;
  /** Entries in force (proposed, returned, confirmed) per confidentiality level. */
  byLevel: Map<number, number>;
  total: number;
  proposed: number;
}

/**
 * The CISO's table: one row per unit, a column per confidentiality level, archived entries left out
 * (they are no longer held). Rows in the server's order; levels ascending.
 */
export function overviewTable(o: Overview): {
  rows: OverviewRow[];
  levels: number[];
  totals: Map<number, number>;
} {
  const rows = new Map<string, OverviewRow>();
  const levels = new Set<number>();
  const totals = new Map<number, number>();
  for (const item of o.items) {
    if (item.status === 'archived') continue;
    let row = rows.get(item.unitId);
    if (!row) {
      row = { unitId: item.unitId, unitName: item.unitName, byLevel: new Map(), total: 0, proposed: 0 };
      rows.set(item.unitId, row);
    }
    levels.add(item.confidentiality);
    row.byLevel.set(item.confidentiality, (row.byLevel.get(item.confidentiality) ?? 0) + item.count);
    row.total += item.count;
    if (item.status === 'proposed') row.proposed += item.count;
    totals.set(item.confidentiality, (totals.get(item.confidentiality) ?? 0) + item.count);
  }
  return { rows: [...rows.values()], levels: [...levels].sort((a, b) => a - b), totals };
}
