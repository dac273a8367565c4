/**
 * Small groups: an aggregate over fewer people than the tenant's minimum group size would reveal
 * individuals (a unit's only 課室情報セキュリティ責任者). Such figures are shown only to those allowed
 * to see individual results, and are merged upward in exports and in what goes to the central body.
 */
export function isSmallGroup(people: number, minGroupSize: number): boolean {
  return people > 0 && people < minGroupSize;
}

export interface Mergeable {
  /** The row's own people (not counting rows below it). */
  people: number;
  /** The key of the row its figures merge into when it is small; null at the top. */
  parentKey: string | null;
  key: string;
}

/**
 * For rows arranged in a tree (units), the key each small row's figures go to: the nearest ancestor
 * whose merged group reaches the minimum. Rows that are large enough map to themselves. Rows whose
 * chain never reaches the minimum map to the top (null parent) row.
 */
export function mergeTargets<T extends Mergeable>(
  rows: readonly T[],
  minGroupSize: number,
): Map<string, string> {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const merged = new Map<string, number>(rows.map((r) => [r.key, r.people]));
  const target = new Map<string, string>();
  // Deepest first, so that a small child adds its people to its parent before the parent is judged.
  const depth = (r: T): number => {
    let d = 0;
    for (let p = r.parentKey; p && byKey.has(p); p = byKey.get(p)!.parentKey) d++;
    return d;
  };
  const ordered = [...rows].sort((a, b) => depth(b) - depth(a));
  for (const r of ordered) {
    const n = merged.get(r.key) ?? 0;
    if (!isSmallGroup(n, minGroupSize) || !r.parentKey || !byKey.has(r.parentKey)) {
      target.set(r.key, r.key);
      continue;
    }
    merged.set(r.parentKey, (merged.get(r.parentKey) ?? 0) + n);
    merged.set(r.key, 0);
    target.set(r.key, r.parentKey);
  }
  // Follow chains: a child merged into a parent that itself merged further up.
  const resolve = (k: string): string => {
    let t = k;
    for (let guard = 0; guard < rows.length + 1; guard++) {
      const next = target.get(t) ?? t;
      if (next === t) return t;
      t = next;
    }
    return t;
  };
  return new Map(rows.map((r) => [r.key, resolve(r.key)]));
}
