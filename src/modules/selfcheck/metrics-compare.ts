/**
 * Comparisons of self-check figures the campaign service needs: across units (pooled by headcount and as
 * the unweighted mean of unit rates) and year over year. Pure, like metrics.ts.
 */
import {
  compareItemIds,
  compareRates,
  type Figures,
  figuresFromItems,
  type Headline,
  type ItemFigure,
} from './metrics.js';

const ratio = (num: number, den: number) => (den ? num / den : null);

/** Figures over disjoint sets (e.g. all bureaus) pooled by headcount: counts summed, items by item id. */
export function poolFigures(list: readonly Figures[]): Figures {
  const byItem = new Map<string, ItemFigure>();
  for (const it of list.flatMap((f) => f.items)) {
    const sum = byItem.get(it.item) ?? { item: it.item, duty: 0, implemented: 0, rate: null };
    byItem.set(it.item, { ...sum, duty: sum.duty + it.duty, implemented: sum.implemented + it.implemented });
  }
  const items = [...byItem.values()]
    .map((it) => ({ ...it, rate: ratio(it.implemented, it.duty) }))
    .sort((a, b) => compareRates(a, b) || compareItemIds(a.item, b.item));
  const sum = (pick: (f: Figures) => number) => list.reduce((s, f) => s + pick(f), 0);
  return figuresFromItems(
    sum((f) => f.inScope),
    sum((f) => f.captured),
    sum((f) => f.allImplemented),
    items,
  );
}

/** Unweighted mean, skipping nulls (cross-agency averages are not weighted by headcount, 001 L2859). */
export function meanOfRates(rates: Iterable<number | null>): number | null {
  const known = [...rates].filter((r): r is number => r !== null);
  return known.length ? known.reduce((s, r) => s + r, 0) / known.length : null;
}

/** A Headline whose every figure is `pick` applied to that figure's accessor. */
function headline(pick: (get: (f: Headline) => number | null) => number | null): Headline {
  return {
    coverage: pick((f) => f.coverage),
    implementation: {
      nisc: pick((f) => f.implementation.nisc),
      pooled: pick((f) => f.implementation.pooled),
      meti_all_items: pick((f) => f.implementation.meti_all_items),
    },
    attainment: {
      '100': pick((f) => f.attainment['100']),
      '95': pick((f) => f.attainment['95']),
      '90': pick((f) => f.attainment['90']),
    },
  };
}

/** Cross-unit figures both ways: pooled by headcount, and the unweighted mean of each unit's rate. */
export function crossUnitFigures(units: readonly Figures[]): { pooled: Figures; mean: Headline } {
  return { pooled: poolFigures(units), mean: headline((get) => meanOfRates(units.map(get))) };
}

export interface ItemChange {
  item: string;
  current: number | null;
  previous: number | null;
  change: number | null;
}

const change = (current: number | null, previous: number | null) =>
  current === null || previous === null ? null : current - previous;

/** Year-over-year: current − previous for every headline figure and item id (null if either is null). */
export function yearOverYear(current: Figures, previous: Figures): Headline & { items: ItemChange[] } {
  const before = new Map(previous.items.map((it) => [it.item, it.rate] as const));
  const now = new Set(current.items.map((it) => it.item));
  const items: ItemChange[] = current.items.map((it) => {
    const prev = before.get(it.item) ?? null;
    return { item: it.item, current: it.rate, previous: prev, change: change(it.rate, prev) };
  });
  // Items dropped since last year stay visible, after this year's, in natural order.
  const gone = previous.items
    .filter((it) => !now.has(it.item))
    .sort((a, b) => compareItemIds(a.item, b.item));
  for (const it of gone) items.push({ item: it.item, current: null, previous: it.rate, change: null });
  return { ...headline((get) => change(get(current), get(previous))), items };
}
