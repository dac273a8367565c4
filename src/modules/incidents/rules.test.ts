import { describe, expect, it } from 'vitest';
import {
  currentStepIndex,
  DEFAULT_FLOW,
  type FlowStep,
  flowProblems,
  heldMinutes,
  listMonth,
  listSummary,
  mayCompleteStep,
  mustNotifyNisc,
  resolveStep,
  sniffAttachment,
} from './rules.js';

describe('the default flow (002 L692-778)', () => {
  it('has the Cabinet Office’s 13 steps, ① to ⑬, and no problems', () => {
    expect(DEFAULT_FLOW).toHaveLength(13);
    expect(DEFAULT_FLOW[0]!.nameJa).toMatch(/^①報告/);
    expect(DEFAULT_FLOW[12]!.nameJa).toMatch(/^⑬報告/);
    expect(flowProblems(DEFAULT_FLOW)).toEqual([]);
  });
  it('has the prevention plan approved by the 情報セキュリティ責任者 (⑨) and ⑦ with NISC outside', () => {
    expect(DEFAULT_FLOW[8]).toMatchObject({ resolver: 'unit_role', roleKey: 'security_officer' });
    expect(DEFAULT_FLOW[6]!.resolver).toBe('external');
  });
  it.each([
    [[], 'empty'],
    [[{ key: 'a', nameJa: 'a', nameEn: 'a', resolver: 'unit_role', roleKey: null }], 'needs a role'],
    [
      [
        { key: 'a', nameJa: 'a', nameEn: 'a', resolver: 'csirt', roleKey: null },
        { key: 'a', nameJa: 'b', nameEn: 'b', resolver: 'csirt', roleKey: null },
      ],
      'duplicate',
    ],
  ] as [FlowStep[], string][])('refuses a broken flow (%#)', (steps, problem) => {
    expect(flowProblems(steps).join()).toContain(problem);
  });
});

describe('resolving a step to people', () => {
  // chain: division → bureau → root
  const holders = new Map([
    ['div', new Map([['division_security_officer', ['p-div']]])],
    ['bureau', new Map([['security_officer', ['p-bureau']]])],
    [
      'root',
      new Map([
        ['ciso', ['p-ciso']],
        ['security_officer', ['p-root-so']],
      ]),
    ],
  ]);
  const chain = ['div', 'bureau', 'root'];
  const step = (resolver: FlowStep['resolver'], roleKey: string | null): FlowStep => ({
    key: 'k',
    nameJa: 'k',
    nameEn: 'k',
    resolver,
    roleKey,
  });
  it.each([
    [
      'the division head at the reporting unit',
      step('unit_role', 'division_security_officer'),
      [],
      ['p-div'],
    ],
    [
      'the nearest security officer (bureau, not root)',
      step('unit_role', 'security_officer'),
      [],
      ['p-bureau'],
    ],
    ['the CISO at the root', step('root_role', 'ciso'), [], ['p-ciso']],
    [
      'the system’s officer from the ledger',
      step('system_officer', 'division_security_officer'),
      ['p-sys'],
      ['p-sys'],
    ],
    [
      'the division head when no system is known',
      step('system_officer', 'division_security_officer'),
      [],
      ['p-div'],
    ],
    ['nobody for a CSIRT step', step('csirt', null), [], []],
    ['nobody for an external step', step('external', null), [], []],
    ['nobody when no one holds the role', step('unit_role', 'auditor'), [], []],
  ] as const)('resolves %s', (_name, s, officers, expected) => {
    expect(resolveStep(s, chain, holders, officers)).toEqual(expected);
  });

  it('lets only the holders do a role step, and only the CSIRT a CSIRT step or an unheld one', () => {
    expect(mayCompleteStep({ resolver: 'unit_role', holderIds: ['a'] }, 'a', false)).toBe(true);
    expect(mayCompleteStep({ resolver: 'unit_role', holderIds: ['a'] }, 'b', true)).toBe(false);
    expect(mayCompleteStep({ resolver: 'csirt', holderIds: [] }, 'b', true)).toBe(true);
    expect(mayCompleteStep({ resolver: 'external', holderIds: [] }, 'b', false)).toBe(false);
    expect(mayCompleteStep({ resolver: 'unit_role', holderIds: [] }, 'b', true)).toBe(true);
  });
});

describe('flow progress', () => {
  it('is at the first step not done, and null when all are done', () => {
    const d = new Date();
    expect(currentStepIndex([{ doneAt: d }, { doneAt: null }, { doneAt: null }])).toBe(1);
    expect(currentStepIndex([{ doneAt: d }])).toBeNull();
  });
  it('counts whole minutes held, never negative', () => {
    expect(heldMinutes(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T01:30:59Z'))).toBe(90);
    expect(heldMinutes(new Date('2026-01-01T01:00:00Z'), new Date('2026-01-01T00:00:00Z'))).toBe(0);
  });
});

describe('the duty to notify NISC (001 L14437-14449)', () => {
  it.each([
    ['external_attack', true],
    ['unintended_leak', false],
    ['insider', false],
    ['other', false],
    [null, false],
  ] as const)('%s → %s', (type, expected) => expect(mustNotifyNisc(type)).toBe(expected));
});

describe('the year’s list in the national report’s shape (001 L15108-15120)', () => {
  it('writes the month as 2013年4月 and the summary as 【概要】…【対応等】…', () => {
    expect(listMonth('2013-04-15')).toBe('2013年4月');
    expect(listSummary('誤送信', '再発防止')).toBe('【概要】誤送信\n【対応等】再発防止');
    expect(listSummary('誤送信', null)).toBe('【概要】誤送信');
  });
});

describe('attachment sniffing', () => {
  const b = (...x: number[]) => new Uint8Array(x);
  it.each([
    ['png', b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['jpeg', b(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['pdf', new TextEncoder().encode('%PDF-1.7'), 'application/pdf'],
    ['text', new TextEncoder().encode('ログ 2026-01-01 login failed'), 'text/plain'],
    ['html disguised as text', new TextEncoder().encode('  <script>alert(1)</script>'), null],
    ['binary', b(0x4d, 0x5a, 0x90, 0x00), null],
    ['invalid utf-8', b(0xc3, 0x28), null],
  ] as const)('%s → %s', (_n, bytes, expected) => expect(sniffAttachment(bytes)).toBe(expected));
});
