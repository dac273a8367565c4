// Pure rules of auditing the self-check as the Cabinet Office does it (002 L453-470): sample bureaus or
// divisions first, then per role the number of people the auditor set in those units (e.g. 情報セキュリティ
// 責任者 1, 課室情報セキュリティ責任者 1, 情報システムセキュリティ責任者・同管理者 各2, 職員 45).
import { sample } from '../../lib/random.js';

export interface SampleUnit {
  id: string;
  path: string;
}

export interface SampleMember {
  id: string;
  roleKey: string;
  unitPath: string;
}

export interface Shortfall {
  roleKey: string;
  requested: number;
  available: number;
}

/** Units drawn with the seed over a stable order (by path), so the same seed gives the same units. */
export function drawUnits<U extends SampleUnit>(
  rng: () => number,
  population: readonly U[],
  count: number,
): U[] {
  const ordered = [...population].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return sample(rng, ordered, count).sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** The members inside the sampled units' subtrees (no units = the whole agency). */
export function withinUnits<M extends SampleMember>(
  members: readonly M[],
  units: readonly SampleUnit[],
): M[] {
  if (units.length === 0) return [...members];
  return members.filter((m) => units.some((u) => m.unitPath.startsWith(u.path)));
}

/** Every role whose requested number exceeds the people available to sample. */
export function shortfalls(
  requested: Readonly<Record<string, number>>,
  members: readonly SampleMember[],
): Shortfall[] {
  const available = new Map<string, number>();
  for (const m of members) available.set(m.roleKey, (available.get(m.roleKey) ?? 0) + 1);
  return Object.entries(requested)
    .filter(([role, n]) => n > (available.get(role) ?? 0))
    .map(([roleKey, n]) => ({ roleKey, requested: n, available: available.get(roleKey) ?? 0 }))
    .sort((a, b) => (a.roleKey < b.roleKey ? -1 : 1));
}

/**
 * Per role (in key order) the requested number of people, drawn over a stable order (by id). The caller
 * checks shortfalls first; a role asked for 0 is not sampled.
 */
export function drawPeople<M extends SampleMember>(
  rng: () => number,
  members: readonly M[],
  requested: Readonly<Record<string, number>>,
): M[] {
  const out: M[] = [];
  for (const role of Object.keys(requested).sort()) {
    const pool = members.filter((m) => m.roleKey === role).sort((a, b) => (a.id < b.id ? -1 : 1));
    out.push(...sample(rng, pool, requested[role]!));
  }
  return out;
}
