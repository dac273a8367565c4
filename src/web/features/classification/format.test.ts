import { describe, expect, it } from 'vitest';
import {
  confidentialityColor,
  daysUntil,
  levelName,
  levelNeeds,
  restrictionText,
  scopeIsEmpty,
  todayInJapan,
} from './format.js';
import { overviewTable } from './overview/model.js';
import type { ClassificationPolicy } from './types.js';

const level = (
  value: number,
  extra: Partial<ClassificationPolicy['levels']['confidentiality'][number]> = {},
) => ({
  value,
  nameJa: `機密性${value}情報`,
  nameEn: `Confidentiality ${value}`,
  criteriaJa: '基準',
  criteriaEn: 'criteria',
  marking: `機密性${value}情報`,
  requiresAccessScope: value >= 3,
  requiresStorageDesignation: value >= 3,
  serialNumbered: value === 4,
  requiresConfirmation: true,
  reviewIntervalMonths: 12,
  ...extra,
});
const policy = {
  levels: { confidentiality: [level(1), level(2), level(3), level(4)], integrity: [], availability: [] },
  restrictions: [],
} as unknown as ClassificationPolicy;

describe('levels as the UI names them', () => {
  it('takes the name from the policy in the UI language', () => {
    expect(levelName(policy, 'confidentiality', 3, 'ja')).toBe('機密性3情報');
    expect(levelName(policy, 'confidentiality', 3, 'en')).toBe('Confidentiality 3');
  });

  it('falls back to a generic name when the policy lacks the level (or is still loading)', () => {
    expect(levelName(policy, 'integrity', 2, 'ja')).toBe('完全性2');
    expect(levelName(undefined, 'availability', 1, 'en')).toBe('Availability 1');
  });

  it('colours higher confidentiality warmer', () => {
    expect([1, 2, 3, 4, 5].map(confidentialityColor)).toEqual(['gray', 'yellow', 'orange', 'red', 'red']);
  });

  it('says what a level asks of the form: scope and storage at 3, a serial number at 4 (000 L761-790)', () => {
    expect(levelNeeds(policy.levels.confidentiality[1])).toEqual({
      accessScope: false,
      storage: false,
      serial: false,
      confirmation: true,
    });
    expect(levelNeeds(policy.levels.confidentiality[2])).toMatchObject({
      accessScope: true,
      storage: true,
      serial: false,
    });
    expect(levelNeeds(policy.levels.confidentiality[3])).toMatchObject({ serial: true });
    expect(levelNeeds(undefined)).toEqual({
      accessScope: false,
      storage: false,
      serial: false,
      confirmation: false,
    });
  });

  it('needs at least one unit or person in an access scope', () => {
    expect(scopeIsEmpty({ personIds: [], unitIds: [] })).toBe(true);
    expect(scopeIsEmpty({ personIds: ['p'], unitIds: [] })).toBe(false);
    expect(scopeIsEmpty({ personIds: [], unitIds: ['u'] })).toBe(false);
  });
});

describe('restrictions as written', () => {
  const noTakeout = { nameJa: '持出禁止', nameEn: 'Do not take out', param: 'date' as const };
  const noRedistribution = { nameJa: '再配付禁止', nameEn: 'Do not redistribute', param: 'text' as const };

  it('writes a date as the last day it holds and a text as its scope, like the server’s marking', () => {
    expect(restrictionText(noTakeout, 'no_takeout', '2027-03-31', 'ja')).toBe('持出禁止（2027-03-31まで）');
    expect(restrictionText(noRedistribution, 'no_redistribution', '関係課室限り', 'ja')).toBe(
      '再配付禁止（関係課室限り）',
    );
    expect(restrictionText(noTakeout, 'no_takeout', '2027-03-31', 'en')).toBe(
      'Do not take out (until 2027-03-31)',
    );
    expect(restrictionText(noTakeout, 'no_takeout', null, 'ja')).toBe('持出禁止');
  });

  it('shows the key of a restriction the policy no longer defines', () => {
    expect(restrictionText(undefined, 'legacy_rule', null, 'ja')).toBe('legacy_rule');
  });
});

describe('dates in the agencies’ calendar', () => {
  it('takes today in Japan, not in UTC', () => {
    expect(todayInJapan(new Date('2027-03-31T16:00:00Z'))).toBe('2027-04-01');
  });

  it('counts days to a review date, negative when it has passed', () => {
    expect(daysUntil('2026-12-01', '2026-11-22')).toBe(9);
    expect(daysUntil('2026-11-01', '2026-11-22')).toBe(-21);
  });
});

describe('the CISO’s holdings table', () => {
  it('sums levels per unit, counts what awaits confirmation, and leaves archived entries out', () => {
    const t = overviewTable({
      total: 9,
      items: [
        { unitId: 'a', unitName: '総務課', confidentiality: 3, status: 'confirmed', count: 2 },
        { unitId: 'a', unitName: '総務課', confidentiality: 3, status: 'proposed', count: 1 },
        { unitId: 'a', unitName: '総務課', confidentiality: 1, status: 'confirmed', count: 4 },
        { unitId: 'b', unitName: '会計課', confidentiality: 2, status: 'returned', count: 1 },
        { unitId: 'b', unitName: '会計課', confidentiality: 4, status: 'archived', count: 1 },
      ],
    });
    expect(t.levels).toEqual([1, 2, 3]);
    expect(t.rows.map((r) => [r.unitName, r.total, r.proposed, r.byLevel.get(3) ?? 0])).toEqual([
      ['総務課', 7, 1, 3],
      ['会計課', 1, 0, 0],
    ]);
    expect([...t.totals.entries()].sort()).toEqual([
      [1, 4],
      [2, 1],
      [3, 3],
    ]);
  });
});
