import { describe, expect, it } from 'vitest';
import { CHECK_PHASES, CONTRACT_CHECKS, SNS_CHECKLIST, SPEC_ITEMS } from './checklists.js';
import {
  certificateStatus,
  cloudAccepts,
  cloudLevelAllowed,
  evidenceTypeAllowed,
  nextReconfirmDue,
  openChecks,
  openSnsItems,
  reconfirmStatus,
  specClauses,
  specText,
} from './rules.js';

describe('cloud services never hold 要機密情報 (001 L11001-11003: 機密性2 or above)', () => {
  it.each([
    [1, true],
    [2, false],
    [3, false],
    [0, false],
    [1.5, false],
  ])('level %s allowed as a ceiling: %s', (level, ok) => expect(cloudLevelAllowed(level)).toBe(ok));
  it.each([
    [1, 1, true],
    [1, 2, false],
    [3, 2, false], // a bad ceiling in the data still never lets 要機密情報 through
  ])('ceiling %s accepts level %s: %s', (ceiling, level, ok) =>
    expect(cloudAccepts(ceiling, level)).toBe(ok),
  );
});

describe('re-confirmation status (Japanese calendar days)', () => {
  it.each([
    [null, 'none'],
    ['2026-12-31', 'due_soon'],
    ['2026-12-06', 'due_soon'], // due today: still not overdue
    ['2026-12-05', 'overdue'],
    ['2027-01-05', 'due_soon'], // 30 days ahead
    ['2027-01-06', 'ok'],
  ])('due %s on 2026-12-06 → %s', (due, status) => expect(reconfirmStatus(due, '2026-12-06')).toBe(status));
  it('the next due date is a year after confirmation', () => {
    expect(nextReconfirmDue('2026-12-06')).toBe('2027-12-06');
  });
});

describe('ISMS certificate status (000 L1408-1414)', () => {
  it.each([
    [null, 'none'],
    ['2026-12-05', 'expired'],
    ['2026-12-06', 'expiring'], // valid through its last day
    ['2027-02-04', 'expiring'], // 60 days
    ['2027-02-05', 'valid'],
  ])('expiry %s on 2026-12-06 → %s', (expiry, status) =>
    expect(certificateStatus(expiry, '2026-12-06')).toBe(status),
  );
});

describe('checklists as data', () => {
  it('the SNS checklist has the 17 numbered items of 001 L14190-14392, each with a line in range', () => {
    expect(SNS_CHECKLIST).toHaveLength(17);
    for (const i of SNS_CHECKLIST) {
      const line = Number(i.source.replace('001 L', ''));
      expect(line).toBeGreaterThanOrEqual(14190);
      expect(line).toBeLessThanOrEqual(14392);
    }
    expect(new Set(SNS_CHECKLIST.map((i) => i.key)).size).toBe(17);
  });
  it('the spec items include no tracking (001 L14860) and no advertising (001 L14888)', () => {
    expect(SPEC_ITEMS.find((i) => i.key === 'no_tracking')?.source).toBe('001 L14860');
    expect(SPEC_ITEMS.find((i) => i.key === 'no_advertising')?.source).toBe('001 L14888');
  });
  it('every item cites a source line', () => {
    const all = [...SNS_CHECKLIST, ...SPEC_ITEMS, ...CHECK_PHASES.flatMap((p) => CONTRACT_CHECKS[p])];
    for (const i of all) expect(i.source).toMatch(/^00[01] L\d+$/);
  });
});

describe('open items', () => {
  it('SNS: items answered yes or n/a are closed; no and unanswered are open', () => {
    const open = openSnsItems({
      not_primary_channel: { answer: 'yes', evidence: '' },
      organisation_account: { answer: 'na', evidence: '' },
      unintended_communication: { answer: 'no', evidence: '' },
    });
    expect(open).toHaveLength(15);
    expect(open[0]).toBe('unintended_communication');
  });
  it('contract checks: ok and n/a close an item; ng keeps it open', () => {
    const total = CHECK_PHASES.reduce((n, p) => n + CONTRACT_CHECKS[p].length, 0);
    expect(openChecks([])).toHaveLength(total);
    const open = openChecks([
      { phase: 'contract', itemKey: 'isms', result: 'ok' },
      { phase: 'delivery', itemKey: 'no_tracking', result: 'na' },
      { phase: 'during', itemKey: 'education', result: 'ng' },
      { phase: 'during', itemKey: 'measures', result: null },
    ]);
    expect(open).toHaveLength(total - 2);
    expect(open).toContainEqual({ phase: 'during', itemKey: 'education' });
  });
});

describe('specification clauses', () => {
  it('keeps the checklist order and ignores unknown keys', () => {
    expect(specClauses(['no_advertising', 'x', 'security_measures']).map((c) => c.key)).toEqual([
      'security_measures',
      'no_advertising',
    ]);
  });
  it('text: a heading and numbered clauses; nothing ticked → empty', () => {
    expect(specText([])).toBe('');
    const lines = specText(['go_jp_domain', 'spf_record']).split('\n');
    expect(lines).toEqual([
      '情報セキュリティに関する事項',
      '1. 本業務で構築又は運用するウェブサイトのドメインは「.go.jp」とすること。',
      expect.stringMatching(/^2\. .*SPF/),
    ]);
  });
});

describe('evidence types', () => {
  it.each([
    ['application/pdf', true],
    ['image/png', true],
    ['IMAGE/JPEG', true],
    ['text/plain; charset=utf-8', true],
    ['text/html', false],
    ['image/svg+xml', false],
    ['application/octet-stream', false],
  ])('%s → %s', (type, ok) => expect(evidenceTypeAllowed(type)).toBe(ok));
});
