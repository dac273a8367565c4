import { describe, expect, it } from 'vitest';
import {
  canTransition,
  countAnswered,
  DEFAULT_ANSWER_OPTIONS,
  emptyAnswers,
  exclusionOf,
  fiscalYearOf,
  isComplete,
  itemsForRole,
  meaningTable,
  readAnswer,
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
