import { describe, expect, it } from 'vitest';
import {
  auditedMeaning,
  batchSize,
  canTransition,
  countAnswered,
  DEFAULT_ANSWER_OPTIONS,
  emptyAnswers,
  exclusionOf,
  fiscalYearOf,
  isComplete,
  itemsForRole,
  meaningTable,
  metricReading,
  openBlocker,
  type PreparingAction,
  readAnswer,
  sameValue,
  waitsForMembers,
  withdrawsApproval,
  writeAnswers,
} from './campaign-rules.js';
import type { CampaignState } from './schema.js';

describe('campaign states', () => {
  const cases: [CampaignState, CampaignState, boolean][] = [
    ['draft', 'open', true],
    ['draft', 'closed', false],
    ['draft', 'published', false],
    ['open', 'closed', true],
    ['open', 'draft', false],
    ['open', 'published', false],
    ['closed', 'published', true],
    ['closed', 'open', true],
    ['closed', 'draft', false],
    ['published', 'open', false],
    ['published', 'closed', false],
  ];
  it.each(cases)('%s → %s is %s', (from, to, ok) => expect(canTransition(from, to)).toBe(ok));
});

describe('while an opened campaign’s questionnaires are still being created', () => {
  const cases: [PreparingAction, boolean][] = [
    ['answer', false], // whoever's questionnaire exists answers; the others read 準備中
    ['progress', false], // shown as far as created, with the job's progress bar
    ['results', false],
    ['list', false],
    ['edit_wording', false],
    ['remind', true], // would mail only the first batches
    ['close', true], // questionnaires appearing after the close would move the figures
  ];
  it.each(cases)('%s waits for the questionnaires: %s', (action, waits) => {
    expect(waitsForMembers(action, true)).toBe(waits);
    expect(waitsForMembers(action, false)).toBe(false);
  });
});

describe('batches of the materialise job', () => {
  it('start small, so the first questionnaires exist at once, then double up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => batchSize(n))).toEqual([
      1000, 2000, 4000, 8000, 16000, 25000, 25000,
    ]);
    expect(batchSize(1000, 3, 12)).toBe(12);
  });
});

describe('packed answers', () => {
  it('starts unanswered, writes, reads and clears', () => {
    let p = emptyAnswers(5);
    expect(p).toBe('.....');
    p = writeAnswers(p, [
      [0, 0],
      [3, 3],
    ]);
    expect(p).toBe('0..3.');
    expect(readAnswer(p, 0)).toBe(0);
    expect(readAnswer(p, 1)).toBeNull();
    expect(readAnswer(p, 3)).toBe(3);
    expect(writeAnswers(p, [[0, null]])).toBe('...3.');
  });

  it('refuses positions outside the questionnaire and impossible options', () => {
    expect(() => writeAnswers('...', [[3, 0]])).toThrow(RangeError);
    expect(() => writeAnswers('...', [[0, 10]])).toThrow(RangeError);
  });

  it.each([
    ['0.1.', [0, 2], true],
    ['0.1.', [0, 1], false],
    ['....', [], true],
    ['0123', [0, 1, 2, 3], true],
  ] as const)('%s complete for %j is %s', (packed, req, ok) => expect(isComplete(packed, req)).toBe(ok));

  it('counts answered required items', () => expect(countAnswered('0.1.', [0, 1, 2, 3])).toBe(2));

  it('maps option characters to meanings', () => {
    const t = meaningTable(DEFAULT_ANSWER_OPTIONS);
    expect(['0', '1', '2', '3', '.'].map((c) => t[c.charCodeAt(0)] ?? null)).toEqual([
      'implemented',
      'not_implemented',
      'not_implemented',
      'no_duty',
      null,
    ]);
  });
});

describe('items per role', () => {
  const items = [
    { itemId: '3.1.1(1)(a)', roles: ['staff', 'division_security_officer'] },
    { itemId: '3.1.1(2)(a)', roles: ['staff'] },
    { itemId: '2.1.1(1)(a)', roles: ['ciso'] },
  ];
  it('gives a role the items assigned to it', () =>
    expect(itemsForRole(items, 'staff', 'all').map((i) => i.itemId)).toEqual(['3.1.1(1)(a)', '3.1.1(2)(a)']));
  it('narrows to a focus set', () =>
    expect(itemsForRole(items, 'staff', ['3.1.1(2)(a)', '2.1.1(1)(a)']).map((i) => i.itemId)).toEqual([
      '3.1.1(2)(a)',
    ]));
  it('gives nothing to a role no item names', () =>
    expect(itemsForRole(items, 'security_advisor', undefined)).toEqual([]));
});

describe('exclusions and fiscal years', () => {
  it.each([
    ['active', ['long_leave', 'excluded'], null],
    ['long_leave', ['long_leave', 'excluded'], 'long_leave'],
    ['excluded', ['long_leave', 'excluded'], 'excluded'],
    ['long_leave', ['excluded'], null],
  ] as const)('%s with %j → %s', (status, excluded, result) =>
    expect(exclusionOf(status, excluded)).toBe(result),
  );

  it.each([
    ['2026-03-31', 2025],
    ['2026-04-01', 2026],
    ['2027-01-15', 2026],
  ] as const)('%s is in fiscal year %i', (d, fy) =>
    expect(fiscalYearOf(new Date(`${d}T00:00:00Z`))).toBe(fy),
  );
});

describe('the plan and its approval (002 L265-267, 003 L531-535)', () => {
  const approvedAt = new Date('2026-10-01T00:00:00Z');
  it.each([
    ['draft', null, 'plan_not_approved'],
    ['draft', approvedAt, null],
    // Reopening after closing extends an approved campaign; it needs no new approval.
    ['closed', null, null],
  ] as const)('opening from %s with approval %s → %s', (from, at, blocker) =>
    expect(openBlocker(from, { planApprovedAt: at })).toBe(blocker),
  );

  const before = {
    title: 'A',
    startsOn: '2026-11-01',
    endsOn: '2026-12-15',
    scopeUnitIds: ['u1'],
    itemsPerRole: { staff: 'all', ciso: ['1.1'] },
    instructions: '',
  };
  it.each([
    [{ title: 'B' }, false, 'wording'],
    [{ instructions: '締切厳守' }, false, 'wording'],
    [{ reminderEveryDays: 7 }, false, 'reminders'],
    [{ startsOn: '2026-11-01' }, false, 'the same period'],
    [{ itemsPerRole: { ciso: ['1.1'], staff: 'all' } }, false, 'the same items in another key order'],
    [{ endsOn: '2027-01-15' }, true, '実施時期'],
    [{ scopeUnitIds: [] }, true, '対象'],
    [{ itemsPerRole: { staff: ['3.1.1(1)(a)'] } }, true, '点検内容'],
  ] as [Record<string, unknown>, boolean, string][])(
    'changing %j withdraws the approval: %s (%s)',
    (change, result) => expect(withdrawsApproval(change, before)).toBe(result),
  );

  it('compares JSON whatever the key order (jsonb reorders keys)', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(sameValue({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameValue(null, { a: 1 })).toBe(false);
  });
});

describe('metric definitions in the engine', () => {
  it.each([
    // NISC: mean of item rates, 該当なし not counted (004 L722-742).
    ['nisc', 'nisc', false],
    // METI: submitters who implemented all their items (000 L1036-1040).
    ['meti', 'meti_all_items', false],
    // Cabinet Office: people who implemented (002 L536); 該当なし passes in 到達率 (002 L567-569).
    ['cabinet_office', 'meti_all_items', true],
  ] as const)('%s reads as %s with naPasses %s', (def, variant, naPasses) =>
    expect(metricReading(def)).toEqual({ variant, naPasses }),
  );
});

describe('answers as the audit found them (002 L463-466)', () => {
  it.each([
    ['implemented', null, 'implemented'],
    ['implemented', true, 'implemented'],
    ['implemented', false, 'not_implemented'],
    ['no_duty', false, 'not_implemented'],
    ['not_implemented', false, 'not_implemented'],
    ['not_implemented', true, 'not_implemented'],
  ] as const)('%s verified %s counts as %s', (answer, verified, result) =>
    expect(auditedMeaning(answer, verified)).toBe(result),
  );
});
