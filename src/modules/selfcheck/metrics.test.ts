import { describe, expect, it } from 'vitest';
import { crowd, headline, I, member, N, nulls, rates, run, X } from './metrics.fixtures.js';
import {
  type Answer,
  compareItemIds,
  createMetricsAccumulator,
  type Figures,
  type MemberInput,
  type MetricsOptions,
} from './metrics.js';

describe('figures of one group', () => {
  const cases: {
    rule: string;
    members: MemberInput[];
    opts?: MetricsOptions;
    expected: ReturnType<typeof headline>;
  }[] = [
    {
      rule: '004 L722-742: nisc is the simple mean of item rates (75 %), pooled is 86/112',
      members: crowd({ a: [2, 1], b: [100, 75], c: [10, 10] }),
      expected: {
        inScope: 100,
        captured: 100,
        coverage: 1,
        // 26 people fell short somewhere: person 1 on item a, persons 75-99 on item b.
        implementation: { nisc: 0.75, pooled: 86 / 112, meti_all_items: 74 / 100 },
        attainment: { '100': 1 / 3, '95': 1 / 3, '90': 1 / 3 },
      },
    },
    {
      rule: '該当なし is no duty by default: an item answered only 該当なし has no rate',
      members: [member({ a: I, b: X }), member({ a: N, b: X })],
      expected: {
        inScope: 2,
        captured: 2,
        coverage: 1,
        implementation: { nisc: 0.5, pooled: 0.5, meti_all_items: 0.5 },
        attainment: { '100': 0, '95': 0, '90': 0 },
      },
    },
    {
      rule: 'naPasses (002 L567): 該当なし counts as a duty answer that was implemented',
      members: [member({ a: I, b: X }), member({ a: N, b: X })],
      opts: { naPasses: true },
      expected: {
        inScope: 2,
        captured: 2,
        coverage: 1,
        implementation: { nisc: 0.75, pooled: 0.75, meti_all_items: 0.5 },
        attainment: { '100': 0.5, '95': 0.5, '90': 0.5 },
      },
    },
    {
      rule: 'no duty-holder at all: every implementation rate and attainment is null',
      members: [member({ a: X, b: X }), member({ a: X })],
      expected: {
        inScope: 2,
        captured: 2,
        coverage: 1,
        implementation: { nisc: null, pooled: null, meti_all_items: 1 },
        attainment: nulls,
      },
    },
    {
      rule: 'nobody captured: coverage 0, everything else null',
      members: [member({}, { submitted: false }), member({ a: I }, { submitted: false })],
      expected: {
        inScope: 2,
        captured: 0,
        coverage: 0,
        implementation: { nisc: null, pooled: null, meti_all_items: null },
        attainment: nulls,
      },
    },
    {
      rule: 'excluded people (out of scope) count nowhere, answers included',
      members: [member({ a: I }), member({ a: N }, { inScope: false }), member({}, { submitted: false })],
      expected: {
        inScope: 2,
        captured: 1,
        coverage: 0.5,
        implementation: { nisc: 1, pooled: 1, meti_all_items: 1 },
        attainment: { '100': 1, '95': 1, '90': 1 },
      },
    },
    {
      rule: 'meti_all_items: a submitter whose items are all 該当なし implemented all their duty items',
      members: [member({ a: X, b: X }), member({ a: I, b: I }), member({ a: I, b: N })],
      expected: {
        inScope: 3,
        captured: 3,
        coverage: 1,
        implementation: { nisc: 0.75, pooled: 0.75, meti_all_items: 2 / 3 },
        attainment: { '100': 0.5, '95': 0.5, '90': 0.5 },
      },
    },
    {
      rule: '到達率 compares exactly: 95.0 % attains 95, 94.5 % does not; 90.0 % attains 90, 89.9 % does not',
      members: crowd({ a: [20, 19], b: [200, 189], c: [10, 9], d: [1000, 899], e: [5, 5] }),
      expected: {
        inScope: 1000,
        captured: 1000,
        coverage: 1,
        implementation: {
          nisc: 0.9388, // (0.95 + 0.945 + 0.9 + 0.899 + 1) / 5
          pooled: 1121 / 1235,
          // Short somewhere: person 9 (c), 19 (a), 189-199 (b), 899-999 (d).
          meti_all_items: 886 / 1000,
        },
        attainment: { '100': 1 / 5, '95': 2 / 5, '90': 4 / 5 },
      },
    },
    {
      rule: 'float traps do not matter: 57/60 is exactly 95 %, 29/100 is exactly 29 %',
      members: crowd({ a: [60, 57], b: [100, 29] }),
      expected: {
        inScope: 100,
        captured: 100,
        coverage: 1,
        implementation: { nisc: 0.62, pooled: 86 / 160, meti_all_items: 29 / 100 },
        attainment: { '100': 0, '95': 0.5, '90': 0.5 },
      },
    },
  ];

  it.each(cases)('$rule', ({ members, opts, expected }) => {
    const result = run(members, opts);
    expect(headline(result.groups.staff!)).toEqual(expected);
    expect(headline(result.overall)).toEqual(expected);
  });

  it('lists per-item counts and rates, weakest first', () => {
    const result = run(crowd({ a: [2, 1], b: [100, 75], c: [10, 10] }));
    expect(rates(result.overall)).toEqual([
      ['a', 2, 1, 0.5],
      ['b', 100, 75, 0.75],
      ['c', 10, 10, 1],
    ]);
  });

  it('with naPasses an item answered only 該当なし gets a rate of 100 %', () => {
    const members = [member({ a: I, b: X }), member({ a: N, b: X })];
    expect(rates(run(members).overall)).toEqual([
      ['a', 2, 1, 0.5],
      ['b', 0, 0, null],
    ]);
    expect(rates(run(members, { naPasses: true }).overall)).toEqual([
      ['a', 2, 1, 0.5],
      ['b', 2, 2, 1],
    ]);
    expect(run(members, { naPasses: true }).naPasses).toBe(true);
  });
});

describe('order of items', () => {
  it('sorts weakest first, ties in natural item order, items without duty-holders last', () => {
    const members = crowd({
      '10.1': [2, 1],
      '9.1': [4, 2],
      '6.2.4(1)(b)': [3, 3],
      '6.2.4(1)(a)': [1, 1],
      '8.2.1(1)(a)': [1, 0],
      '7.1.3(1)(c)': [0, 0, 1],
      '4.1.1(2)(a)': [0, 0, 1],
    });
    // Rates: 0, 0.5, 0.5, 1, 1, null, null.
    expect(
      run(members)
        .overall.items.map((it) => it.item)
        .join(' '),
    ).toBe('8.2.1(1)(a) 9.1 10.1 6.2.4(1)(a) 6.2.4(1)(b) 4.1.1(2)(a) 7.1.3(1)(c)');
  });

  it('compares item ids naturally', () => {
    const ids = ['10.1', '9.1', '6.2.4(1)(b)', '6.2.4(1)(a)', '6.2.4(2)(a)', '6.2.10', '6.2.9'];
    expect(ids.sort(compareItemIds).join(' ')).toBe(
      '6.2.4(1)(a) 6.2.4(1)(b) 6.2.4(2)(a) 6.2.9 6.2.10 9.1 10.1',
    );
  });
});

describe('dimensions', () => {
  const tree = (unitPath: string[], answers: Record<string, Answer>, over: Partial<MemberInput> = {}) =>
    member(answers, { unitPath, ...over });
  const members = [
    tree(['省', '局A', '課1'], { a: I, b: I }),
    tree(['省', '局A', '課1'], { a: N, b: I }),
    tree(['省', '局A', '課2'], {}, { submitted: false }),
    tree(['省', '局B', '課3'], { a: I, b: N }),
    tree(['省', '局A'], { x: I }, { group: 'managers', role: '情報セキュリティ責任者' }),
    tree(['省', '局A', '課1'], { x: N, y: X }, { group: 'managers', role: '課室情報セキュリティ責任者' }),
  ];
  const result = run(members);

  it.each([
    { unit: '省', inScope: 6, captured: 5, nisc: 11 / 18 }, // items a 2/3, b 2/3, x 1/2
    { unit: '局A', inScope: 5, captured: 4, nisc: 2 / 3 }, // a 1/2, b 2/2, x 1/2
    { unit: '課1', inScope: 3, captured: 3, nisc: 0.5 }, // a 1/2, b 2/2, x 0/1
    { unit: '課2', inScope: 1, captured: 0, nisc: null },
    { unit: '局B', inScope: 1, captured: 1, nisc: 0.5 },
  ])('unit $unit counts every member below it', ({ unit, inScope, captured, nisc }) => {
    const f = result.units[unit]!;
    expect([f.inScope, f.captured, f.coverage]).toEqual([inScope, captured, captured / inScope]);
    expect(f.implementation.nisc).toBe(nisc);
  });

  it('leaves out per-item lists of units not asked for, with the same headline figures', () => {
    const acc = createMetricsAccumulator({ unitItems: (unit) => unit === '局A' });
    for (const m of members) acc.addMember(m);
    const lean = acc.result();
    expect(lean.units.課1!.items).toEqual([]);
    expect(lean.units.局A!.items).toEqual(result.units.局A!.items);
    for (const unit of ['省', '局A', '課1', '課2', '局B']) {
      expect(headline(lean.units[unit]!)).toEqual(headline(result.units[unit]!));
    }
  });

  it('splits by metric group and by role', () => {
    expect(Object.keys(result.groups)).toEqual(['staff', 'managers']);
    expect(headline(result.groups.managers!).implementation).toEqual({
      nisc: 0.5,
      pooled: 0.5,
      meti_all_items: 0.5,
    });
    expect(result.roles.課室情報セキュリティ責任者!.items.map((it) => it.item)).toEqual(['x', 'y']);
    expect(result.roles.行政事務従事者!.inScope).toBe(4);
  });

  it('counts a person with several roles once per role in overall', () => {
    const both = run([
      member({ a: I }, { group: 'managers', role: '課室情報セキュリティ責任者' }),
      member({ a: N }),
    ]);
    expect(headline(both.overall)).toMatchObject({ inScope: 2, captured: 2, implementation: { nisc: 0.5 } });
    expect(both.groups.managers!.implementation.nisc).toBe(1);
  });

  it('gives group × chapter figures with the chapter’s own items and meti_all_items', () => {
    const chapterOf = (item: string) => `第${item.split('.')[0]}章`;
    const byChapter = run(
      [
        member({ '2.1': I, '2.2': I, '3.1': N }),
        member({ '2.1': I, '2.2': N, '3.1': N }),
        member({ '2.1': X, '3.1': I }),
        member({}, { submitted: false }),
      ],
      { chapterOf },
    ).chapters.staff!;
    expect(Object.keys(byChapter)).toEqual(['第2章', '第3章']);
    expect(headline(byChapter.第2章!)).toEqual({
      inScope: 4,
      captured: 3,
      coverage: 0.75,
      implementation: { nisc: 0.75, pooled: 0.75, meti_all_items: 2 / 3 },
      attainment: { '100': 0.5, '95': 0.5, '90': 0.5 },
    });
    expect(rates(byChapter.第3章!)).toEqual([['3.1', 3, 1, 1 / 3]]);
    expect(byChapter.第3章!.implementation.meti_all_items).toBe(1 / 3);
  });

  it('has no chapters without chapterOf', () => {
    expect(result.chapters).toEqual({});
  });
});

describe('pre-aggregated counts', () => {
  it('give the same result as the members they summarise', () => {
    const chapterOf = (item: string) => item.slice(0, 1);
    const members = [
      member({ '1a': I, '1b': N, '2a': X }, { unitPath: ['u', 'v'] }),
      member({ '1a': I, '1b': I, '2a': N }, { unitPath: ['u', 'v'] }),
      member({}, { unitPath: ['u', 'v'], submitted: false }),
    ];
    const acc = createMetricsAccumulator({ chapterOf });
    acc.addAggregate({
      group: 'staff',
      role: '行政事務従事者',
      unitPath: ['u', 'v'],
      inScope: 3,
      captured: 2,
      notAllImplemented: 2,
      notAllImplementedByChapter: [
        ['1', 1],
        ['2', 1],
      ],
      items: [
        ['1a', { implemented: 2, notImplemented: 0, noDuty: 0 }],
        ['1b', { implemented: 1, notImplemented: 1, noDuty: 0 }],
        ['2a', { implemented: 0, notImplemented: 1, noDuty: 1 }],
      ],
    });
    expect(acc.result()).toEqual(run(members, { chapterOf }));
  });

  it.each([
    { inScope: 1, captured: 2, notAllImplemented: 0 },
    { inScope: 2, captured: 1, notAllImplemented: 2 },
    { inScope: -1, captured: 0, notAllImplemented: 0 },
    { inScope: 1.5, captured: 0, notAllImplemented: 0 },
  ])('refuses inconsistent counts %o', (counts) => {
    const acc = createMetricsAccumulator();
    const placement = { group: 'staff', role: '行政事務従事者', unitPath: [] };
    expect(() => acc.addAggregate({ ...placement, ...counts, items: [] })).toThrow(RangeError);
  });

  it('refuses an answer outside the three kinds', () => {
    const bad = member({ a: 'yes' as Answer });
    expect(() => run([bad])).toThrow(TypeError);
  });
});

describe('people, not questionnaires (000 L1030, 000 L1036, 003 L551-566)', () => {
  // p1 is a 課室長 and a staff member at the same division; p2 and p3 are staff only.
  const mgr = (answers: Record<string, Answer>, over: Partial<MemberInput> = {}) =>
    member(answers, {
      group: 'managers',
      role: '課室情報セキュリティ責任者',
      unitPath: ['root', 'div'],
      ...over,
    });
  const staff = (answers: Record<string, Answer>, over: Partial<MemberInput> = {}) =>
    member(answers, { unitPath: ['root', 'div'], ...over });
  const cases: {
    rule: string;
    members: MemberInput[];
    /** [population, inScope, captured, allImplemented] */
    expected: [pick: (r: ReturnType<typeof run>) => Figures | undefined, number, number, number][];
  }[] = [
    {
      rule: 'two roles in two groups: one person overall, one in each group',
      members: [
        mgr({ m1: I }, { personId: 'p1' }),
        staff({ s1: N }, { personId: 'p1' }),
        staff({ s1: I }, { personId: 'p2' }),
      ],
      expected: [
        [(r) => r.overall, 2, 2, 1],
        [(r) => r.groups.managers, 1, 1, 1],
        [(r) => r.groups.staff, 2, 2, 1],
        [(r) => r.units.div, 2, 2, 1],
      ],
    },
    {
      rule: 'two roles in one group: the person counts once in that group',
      members: [
        staff({ s1: I }, { personId: 'p1', role: '行政事務従事者' }),
        staff({ s2: N }, { personId: 'p1', role: '臨時の事務従事者' }),
        staff({ s1: I }, { personId: 'p2' }),
      ],
      expected: [
        [(r) => r.groups.staff, 2, 2, 1],
        [(r) => r.roles['行政事務従事者'], 2, 2, 2],
        [(r) => r.roles['臨時の事務従事者'], 1, 1, 0],
        [(r) => r.overall, 2, 2, 1],
      ],
    },
    {
      rule: 'submitted one of two roles: not yet captured overall, captured in the group submitted',
      members: [
        mgr({ m1: I }, { personId: 'p1' }),
        staff({ s1: I }, { personId: 'p1', submitted: false }),
        staff({ s1: I }, { personId: 'p2' }),
      ],
      expected: [
        [(r) => r.overall, 2, 1, 1],
        [(r) => r.groups.managers, 1, 1, 1],
        [(r) => r.groups.staff, 2, 1, 1],
        [(r) => r.units.div, 2, 1, 1],
      ],
    },
    {
      rule: 'roles held at two units: the person counts once at the common parent, once in each unit',
      members: [
        mgr({ m1: N }, { personId: 'p1', unitPath: ['root', 'divA'] }),
        staff({ s1: I }, { personId: 'p1', unitPath: ['root', 'divB'] }),
      ],
      expected: [
        [(r) => r.units.root, 1, 1, 0],
        [(r) => r.units.divA, 1, 1, 0],
        [(r) => r.units.divB, 1, 1, 1],
      ],
    },
    {
      rule: 'without person ids every questionnaire is its own person (as before)',
      members: [mgr({ m1: I }), staff({ s1: N })],
      expected: [[(r) => r.overall, 2, 2, 1]],
    },
  ];
  it.each(cases)('$rule', ({ members, expected }) => {
    const r = run(members);
    for (const [pick, inScope, captured, all] of expected) {
      const f = pick(r)!;
      expect([f.inScope, f.captured, f.allImplemented]).toEqual([inScope, captured, all]);
    }
  });

  it('item rates still count answers of every submitted questionnaire', () => {
    const r = run([
      staff({ s1: I }, { personId: 'p1', role: 'a' }),
      staff({ s1: N }, { personId: 'p1', role: 'b', submitted: true }),
    ]);
    expect(rates(r.overall)).toEqual([['s1', 2, 1, 0.5]]);
  });

  it('per chapter, a person failing the chapter in either role fails it once', () => {
    const r = run(
      [
        staff({ '1.1': N }, { personId: 'p1', role: 'a' }),
        staff({ '1.2': N }, { personId: 'p1', role: 'b' }),
        staff({ '1.1': I }, { personId: 'p2', role: 'a' }),
      ],
      { chapterOf: (id) => id.split('.')[0]! },
    );
    expect(r.chapters.staff!['1']!.implementation.meti_all_items).toBe(1 / 2);
  });
});
