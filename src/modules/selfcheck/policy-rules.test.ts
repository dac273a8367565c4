import { describe, expect, it } from 'vitest';
import { checkChange, differences, effectiveItems, type PolicyChange } from './policy-rules.js';
import type { PolicyItemContent } from './schema.js';

const item = (itemId: string, title: string, roles = ['staff']): PolicyItemContent & { itemId: string } => ({
  itemId,
  chapterNo: '3',
  chapterTitle: '情報の取扱い',
  sectionNo: '3.1',
  sectionTitle: '情報の取扱い',
  title,
  text: `${title}の本文`,
  roles,
  level: 'basic',
  tags: [],
});
const base = [item('3.1.1(1)(a)', '格付'), item('3.1.1(2)(a)', '移送'), item('8.2.1(1)(a)', '私物端末')];
const baseMap = new Map(base.map((b) => [b.itemId, b]));

describe('checking a change', () => {
  it.each([
    [{ kind: 'add', itemId: '3.1.1(1)(a)', content: item('x', 'y') }, 'already_in_catalog'],
    [{ kind: 'tighten', itemId: '9.9.9', content: item('x', 'y') }, 'unknown_item'],
    [{ kind: 'not_applicable', itemId: '9.9.9', content: null }, 'unknown_item'],
    [{ kind: 'tighten', itemId: '3.1.1(2)(a)', content: null }, 'content_required'],
    [{ kind: 'add', itemId: 'METI-1', content: null }, 'content_required'],
    [{ kind: 'add', itemId: 'METI-1', content: item('x', 'y') }, null],
    [{ kind: 'not_applicable', itemId: '8.2.1(1)(a)', content: null }, null],
  ] as const)('%j → %s', (change, problem) =>
    expect(checkChange(baseMap, change as Omit<PolicyChange, 'reason'>)?.problem ?? null).toBe(problem),
  );
});

describe('a policy derived from a catalog', () => {
  const changes: PolicyChange[] = [
    {
      kind: 'tighten',
      itemId: '3.1.1(2)(a)',
      content: { ...item('3.1.1(2)(a)', '移送（許可制）') },
      reason: '機密性2も許可制とするため',
    },
    {
      kind: 'not_applicable',
      itemId: '8.2.1(1)(a)',
      content: null,
      reason: '私物端末の利用を認めていないため',
    },
    {
      kind: 'add',
      itemId: '3.1.1(9)(a)-METI',
      content: item('3.1.1(9)(a)-METI', '機密性4の通し番号'),
      reason: '機密性4を設けるため',
    },
  ];

  it('drops not-applicable items, replaces tightened ones, appends added ones', () => {
    const items = effectiveItems(base, changes);
    expect(items.map((i) => [i.itemId, i.origin, i.title])).toEqual([
      ['3.1.1(1)(a)', 'catalog', '格付'],
      ['3.1.1(2)(a)', 'tightened', '移送（許可制）'],
      ['3.1.1(9)(a)-METI', 'added', '機密性4の通し番号'],
    ]);
  });

  it('lists the differences from the standard in catalog order, additions last, each with its reason', () => {
    const rows = differences(base, changes);
    expect(
      rows.map((r) => [r.itemId, r.kind, r.standard?.title ?? null, r.policy?.title ?? null, r.reason]),
    ).toEqual([
      ['3.1.1(2)(a)', 'tighten', '移送', '移送（許可制）', '機密性2も許可制とするため'],
      ['8.2.1(1)(a)', 'not_applicable', '私物端末', null, '私物端末の利用を認めていないため'],
      ['3.1.1(9)(a)-METI', 'add', null, '機密性4の通し番号', '機密性4を設けるため'],
    ]);
  });

  it('is the catalog itself when there are no changes', () => {
    expect(effectiveItems(base, []).map((i) => i.origin)).toEqual(['catalog', 'catalog', 'catalog']);
    expect(differences(base, [])).toEqual([]);
  });
});
