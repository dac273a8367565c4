/**
 * The staff-area table: NISC reports ordinary staff's 実施率 in eight areas (001 L2883-2904) and
 * METI remarks on the weakest one (000 L1109-1113). Pure: item figures in, one row per area out.
 */
import { STAFF_AREAS } from './catalog-model.js';
import { figuresFromItems, type ItemFigure } from './metrics.js';

export interface AreaFigure {
  area: string;
  areaEn: string;
  /** Items of the area someone had a duty for. */
  items: number;
  duty: number;
  implemented: number;
  /** NISC: the simple mean of the area's item rates (004 L722-742). */
  nisc: number | null;
  pooled: number | null;
  /** The lowest nisc rate of the table (ties all marked); false when nobody had a duty. */
  weakest: boolean;
}

/** All eight areas in the report's order; areas with no answered item get null rates. */
export function staffAreaFigures(
  items: readonly ItemFigure[],
  areaOf: ReadonlyMap<string, string | null>,
): AreaFigure[] {
  const rows = STAFF_AREAS.map(({ ja, en }) => {
    const own = items.filter((it) => areaOf.get(it.item) === ja && it.duty > 0);
    const f = figuresFromItems(0, 0, 0, own);
    return {
      area: ja,
      areaEn: en,
      items: own.length,
      duty: own.reduce((n, it) => n + it.duty, 0),
      implemented: own.reduce((n, it) => n + it.implemented, 0),
      nisc: f.implementation.nisc,
      pooled: f.implementation.pooled,
      weakest: false,
    };
  });
  const rated = rows.filter((r) => r.nisc !== null).map((r) => r.nisc!);
  const low = rated.length ? Math.min(...rated) : null;
  return rows.map((r) => ({ ...r, weakest: low !== null && r.nisc === low }));
}
