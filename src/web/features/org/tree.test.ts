import { describe, expect, it } from 'vitest';
import type { Unit } from '../../app/types.js';
import { buildForest, filterForest, initialExpanded } from './tree.js';

function unit(id: string, parent: Unit | null, peopleCount = 0, nameJa = id): Unit {
  const path = `${parent ? parent.path : '/'}${id}/`;
  return {
    id,
    parentId: parent?.id ?? null,
    code: id,
    nameJa,
    nameEn: null,
    kind: parent ? 'division' : 'root',
    depth: path.split('/').filter(Boolean).length,
    path,
    sortOrder: 0,
    abolished: false,
    peopleCount,
  };
}

const root = unit('root', null, 1);
const bureau = unit('bureau', root, 2);
const div1 = unit('div1', bureau, 10, '総務課');
const div2 = unit('div2', bureau, 5, '会計課');
const all = [root, bureau, div1, div2];

describe('the org tree', () => {
  it('nests units under their parents in the server order', () => {
    const { nodes } = buildForest(all);
    expect(nodes.map((n) => n.value)).toEqual(['root']);
    expect(nodes[0]!.children![0]!.children!.map((n) => n.value)).toEqual(['div1', 'div2']);
  });

  it('counts the people of a whole subtree', () => {
    const { totals } = buildForest(all);
    expect(totals.get('root')).toBe(18);
    expect(totals.get('bureau')).toBe(17);
    expect(totals.get('div2')).toBe(5);
  });

  it('puts units whose parent is out of scope at the top', () => {
    const { nodes } = buildForest([bureau, div1]);
    expect(nodes.map((n) => n.value)).toEqual(['bureau']);
  });

  it('opens only the top level, plus the way to a selected unit', () => {
    const forest = buildForest(all);
    expect(initialExpanded(forest)).toEqual({ root: true });
    expect(initialExpanded(forest, div1)).toEqual({ root: true, bureau: true });
  });

  it('filters to matching units and their ancestors, expanded', () => {
    const { nodes } = buildForest(all);
    const filtered = filterForest(nodes, (id) => id === 'div2');
    expect(filtered.nodes[0]!.children![0]!.children!.map((n) => n.value)).toEqual(['div2']);
    expect(filtered.expanded).toEqual({ root: true, bureau: true });
  });
});
