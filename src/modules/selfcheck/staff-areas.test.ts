import { describe, expect, it } from 'vitest';
import { STAFF_AREAS } from './catalog-model.js';
import { staffAreaFigures } from './staff-areas.js';

const item = (id: string, duty: number, implemented: number) => ({
  item: id,
  duty,
  implemented,
  rate: duty ? implemented / duty : null,
});

describe('staff-area table (001 L2883-2904, 000 L1109-1113)', () => {
  const areaOf = new Map<string, string | null>([
    ['a1', '情報の作成と入手'],
    ['a2', '情報の作成と入手'],
    ['b1', '情報の利用'],
    ['x', null],
  ]);
  const rows = staffAreaFigures(
    [item('a1', 2, 1), item('a2', 4, 4), item('b1', 10, 9), item('x', 5, 0)],
    areaOf,
  );
  it('has the eight areas of the national report, in its order', () => {
    expect(rows.map((r) => r.area)).toEqual(STAFF_AREAS.map((a) => a.ja));
  });
  it.each([
    // rule, area, items, nisc (mean of item rates), pooled, weakest
    ['mean of item rates (004 L722-742)', '情報の作成と入手', 2, 0.75, 5 / 6, true],
    ['one item', '情報の利用', 1, 0.9, 0.9, false],
    ['no item of the area: no rate', '情報の消去', 0, null, null, false],
  ] as const)('%s: %s', (_rule, area, items, nisc, pooled, weakest) => {
    const r = rows.find((x) => x.area === area)!;
    expect([r.items, r.nisc, r.pooled, r.weakest]).toEqual([items, nisc, pooled, weakest]);
  });
  it('items without an area tag count in no area', () => {
    expect(rows.reduce((n, r) => n + r.duty, 0)).toBe(16);
  });
});
