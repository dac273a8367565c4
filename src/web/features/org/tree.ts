import type { TreeNodeData } from '@mantine/core';
import type { Unit } from '../../app/types.js';

export interface UnitForest {
  /** Tree data for Mantine's Tree; labels are drawn from `units`, so the data does not change with language. */
  nodes: TreeNodeData[];
  /** People in each unit and everything below it. */
  totals: Map<string, number>;
}

/**
 * Rebuilds the tree from the flat list (GET /org/units). Roots are the units whose parent is not visible,
 * so a user whose scope is one bureau sees that bureau at the top. Children keep the server's order.
 */
export function buildForest(units: Unit[]): UnitForest {
  const byId = new Map(units.map((u) => [u.id, u]));
  const nodeOf = new Map<string, TreeNodeData & { children: TreeNodeData[] }>();
  for (const u of units) nodeOf.set(u.id, { value: u.id, label: u.nameJa, children: [] });
  const nodes: TreeNodeData[] = [];
  for (const u of units) {
    const node = nodeOf.get(u.id)!;
    const parent = u.parentId ? nodeOf.get(u.parentId) : undefined;
    if (parent) parent.children.push(node);
    else nodes.push(node);
  }
  const totals = new Map<string, number>();
  for (const u of [...units].sort((a, b) => b.depth - a.depth)) {
    const total = (totals.get(u.id) ?? 0) + u.peopleCount;
    totals.set(u.id, total);
    if (u.parentId && byId.has(u.parentId)) totals.set(u.parentId, (totals.get(u.parentId) ?? 0) + total);
  }
  return { nodes, totals };
}

/** Ids of a unit's ancestors, from its materialised path ("/root/…/self/"). */
export function ancestorIds(unit: Unit): string[] {
  return unit.path.split('/').filter(Boolean).slice(0, -1);
}

/**
 * What is open at first: the top of the tree (so bureaus show, collapsed), plus the way down to the
 * selected unit.
 */
export function initialExpanded(forest: UnitForest, selected?: Unit): Record<string, boolean> {
  const state: Record<string, boolean> = {};
  for (const root of forest.nodes) state[root.value] = true;
  if (selected) for (const id of ancestorIds(selected)) state[id] = true;
  return state;
}

/** The part of the tree whose units match, with their ancestors; everything in it expanded. */
export function filterForest(
  nodes: TreeNodeData[],
  matches: (id: string) => boolean,
): { nodes: TreeNodeData[]; expanded: Record<string, boolean> } {
  const expanded: Record<string, boolean> = {};
  const walk = (list: TreeNodeData[]): TreeNodeData[] =>
    list.flatMap((node) => {
      const children = walk(node.children ?? []);
      if (children.length > 0) expanded[node.value] = true;
      return children.length > 0 || matches(node.value) ? [{ ...node, children }] : [];
    });
  return { nodes: walk(nodes), expanded };
}

/** "Bureau / Division" (the root left out) to tell apart units with the same name in a picker. */
export function pathLabel(unit: Unit, index: Map<string, Unit>, nameOf: (u: Unit) => string): string {
  const chain = [...ancestorIds(unit).map((id) => index.get(id)), unit].filter(
    (u): u is Unit => !!u && u.kind !== 'root',
  );
  return chain.length > 0 ? chain.map(nameOf).join(' / ') : nameOf(unit);
}
