// Pure rules of an agency policy: a catalog version plus the agency's changes (000 L574-700). The
// differences are what an annual report lists as 「政府機関統一基準群と…ポリシーの差異」.
import type { PolicyChangeKind, PolicyItemContent } from './schema.js';

export interface PolicyItem extends PolicyItemContent {
  itemId: string;
  /** Where the item comes from: the catalog as is, tightened by the agency, or added by it. */
  origin: 'catalog' | 'tightened' | 'added';
}

export interface PolicyChange {
  kind: PolicyChangeKind;
  itemId: string;
  content: PolicyItemContent | null;
  reason: string;
}

export interface ChangeProblem {
  itemId: string;
  problem: 'unknown_item' | 'already_in_catalog' | 'content_required';
}

/** Checks a change against the base catalog before it is saved. */
export function checkChange(
  base: ReadonlyMap<string, unknown>,
  change: Omit<PolicyChange, 'reason'>,
): ChangeProblem | null {
  const inCatalog = base.has(change.itemId);
  if (change.kind === 'add' && inCatalog) return { itemId: change.itemId, problem: 'already_in_catalog' };
  if (change.kind !== 'add' && !inCatalog) return { itemId: change.itemId, problem: 'unknown_item' };
  if (change.kind !== 'not_applicable' && !change.content)
    return { itemId: change.itemId, problem: 'content_required' };
  return null;
}

/** The policy's items: catalog items, minus those not applicable, tightened ones replaced, added ones appended. */
export function effectiveItems(
  base: readonly (PolicyItemContent & { itemId: string })[],
  changes: readonly PolicyChange[],
): PolicyItem[] {
  const byItem = new Map(changes.map((c) => [c.itemId, c]));
  const out: PolicyItem[] = [];
  for (const item of base) {
    const change = byItem.get(item.itemId);
    if (change?.kind === 'not_applicable') continue;
    if (change?.kind === 'tighten' && change.content)
      out.push({ ...change.content, itemId: item.itemId, origin: 'tightened' });
    else out.push({ ...item, origin: 'catalog' });
  }
  for (const c of changes)
    if (c.kind === 'add' && c.content) out.push({ ...c.content, itemId: c.itemId, origin: 'added' });
  return out;
}

export interface DifferenceRow {
  itemId: string;
  kind: PolicyChangeKind;
  standard: { title: string; text: string } | null;
  policy: { title: string; text: string } | null;
  reason: string;
}

/** The differences table, in catalog order, added items last. */
export function differences(
  base: readonly (PolicyItemContent & { itemId: string })[],
  changes: readonly PolicyChange[],
): DifferenceRow[] {
  const baseById = new Map(base.map((b) => [b.itemId, b]));
  const order = new Map(base.map((b, i) => [b.itemId, i]));
  return [...changes]
    .sort(
      (a, b) =>
        (order.get(a.itemId) ?? Number.MAX_SAFE_INTEGER) - (order.get(b.itemId) ?? Number.MAX_SAFE_INTEGER) ||
        a.itemId.localeCompare(b.itemId),
    )
    .map((c) => {
      const std = baseById.get(c.itemId);
      return {
        itemId: c.itemId,
        kind: c.kind,
        standard: std ? { title: std.title, text: std.text } : null,
        policy:
          c.kind === 'not_applicable' || !c.content ? null : { title: c.content.title, text: c.content.text },
        reason: c.reason,
      };
    });
}
