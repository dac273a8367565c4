import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../lib/random.js';
import { drawPeople, drawUnits, shortfalls, withinUnits } from './sample-rules.js';

// Auditing the self-check as the Cabinet Office did in FY2011 (002 L459-463): in the sampled bureaus,
// 情報セキュリティ責任者 1, 課室情報セキュリティ責任者 1, 情報システムセキュリティ責任者 and 同管理者 2 each, 職員 45.
const CABINET_OFFICE = {
  security_officer: 1,
  division_security_officer: 1,
  system_security_officer: 2,
  system_security_administrator: 2,
  staff: 45,
};

const units = [
  { id: 'b1', path: '/r/b1/' },
  { id: 'b2', path: '/r/b2/' },
  { id: 'b3', path: '/r/b3/' },
];

function bureau(path: string, n: { [role: string]: number }) {
  return Object.entries(n).flatMap(([roleKey, k]) =>
    Array.from({ length: k }, (_, i) => ({
      id: `${path}${roleKey}${i}`,
      roleKey,
      unitPath: `${path}d${i % 3}/`,
    })),
  );
}
const members = [
  ...bureau('/r/b1/', { ...CABINET_OFFICE, staff: 60 }),
  ...bureau('/r/b2/', { ...CABINET_OFFICE, staff: 30 }),
  ...bureau('/r/b3/', { security_officer: 1, staff: 10 }),
];

describe('sample units', () => {
  it('are the same for the same seed, whatever the order they come in', () => {
    const a = drawUnits(mulberry32(7), units, 2).map((u) => u.id);
    const b = drawUnits(mulberry32(7), [...units].reverse(), 2).map((u) => u.id);
    expect(a).toEqual(b);
    expect(a).toHaveLength(2);
  });

  it('limit the people to their subtrees (no units = the whole agency)', () => {
    expect(withinUnits(members, [units[1]!]).every((m) => m.unitPath.startsWith('/r/b2/'))).toBe(true);
    expect(withinUnits(members, [])).toHaveLength(members.length);
  });
});

describe('a sample larger than its population', () => {
  it.each([
    ['bureau 1', [units[0]!], []],
    ['bureau 2 (30 staff)', [units[1]!], [{ roleKey: 'staff', requested: 45, available: 30 }]],
    [
      'bureau 3 (no division or system officers)',
      [units[2]!],
      [
        { roleKey: 'division_security_officer', requested: 1, available: 0 },
        { roleKey: 'staff', requested: 45, available: 10 },
        { roleKey: 'system_security_administrator', requested: 2, available: 0 },
        { roleKey: 'system_security_officer', requested: 2, available: 0 },
      ],
    ],
    [
      'bureaus 2 and 3 together (40 staff)',
      [units[1]!, units[2]!],
      [{ roleKey: 'staff', requested: 45, available: 40 }],
    ],
  ] as const)('in %s: the shortfalls', (_name, chosen, expected) =>
    expect(shortfalls(CABINET_OFFICE, withinUnits(members, chosen))).toEqual(expected),
  );
});

describe('sample people', () => {
  const pool = withinUnits(members, [units[0]!]);
  it('per role the numbers the auditor set (1 / 1 / 2 + 2 / 45)', () => {
    const drawn = drawPeople(mulberry32(1), pool, CABINET_OFFICE);
    const count = (role: string) => drawn.filter((m) => m.roleKey === role).length;
    expect(Object.keys(CABINET_OFFICE).map(count)).toEqual([1, 1, 2, 2, 45]);
    expect(new Set(drawn.map((m) => m.id)).size).toBe(drawn.length);
  });

  it('are reproducible for a seed and differ for another', () => {
    const ids = (seed: number, input = pool) =>
      drawPeople(mulberry32(seed), input, CABINET_OFFICE).map((m) => m.id);
    expect(ids(1)).toEqual(ids(1, [...pool].reverse()));
    expect(ids(1)).not.toEqual(ids(2));
  });

  it('skip a role asked for 0', () =>
    expect(drawPeople(mulberry32(1), pool, { staff: 0, security_officer: 1 })).toHaveLength(1));
});
