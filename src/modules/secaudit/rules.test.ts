import { describe, expect, it } from 'vitest';
import { instantInJapan } from '../../lib/dates.js';
import { checkPaper, safeFilename } from './paper-rules.js';
import {
  afterPlanEdit,
  appearsInYear,
  defaultCalendar,
  isCarriedOver,
  isPastDue,
  milestoneReminder,
  nextFindingState,
} from './rules.js';

describe('plan versions (003 L826-832: the plan is approved by the CISO)', () => {
  it.each([
    [
      { state: 'draft' as const, version: 1 },
      { state: 'draft', version: 1 },
    ],
    [
      { state: 'approved' as const, version: 1 },
      { state: 'draft', version: 2 },
    ],
    [
      { state: 'approved' as const, version: 3 },
      { state: 'draft', version: 4 },
    ],
  ])('editing %o gives %o', (plan, expected) => {
    expect(afterPlanEdit(plan)).toEqual(expected);
  });
});

describe('finding states (000 L488-529: respond, then the auditor verifies)', () => {
  it.each([
    ['open', 'respond', 'responded'],
    ['open', 'verify', null], // nothing to verify before the auditee answers
    ['open', 'return', null],
    ['open', 'edit', 'open'],
    ['responded', 'respond', 'responded'],
    ['responded', 'return', 'open'],
    ['responded', 'verify', 'closed'],
    ['closed', 'respond', null],
    ['closed', 'edit', null],
    ['closed', 'verify', null],
  ] as const)('%s + %s → %s', (state, action, expected) => {
    expect(nextFindingState(state, action)).toBe(expected);
  });
});

describe('carry-over across the fiscal-year end, in Japan time (000 L523-529)', () => {
  const lastMinuteOfFy2026 = instantInJapan('2027-03-31', 23, 59); // 2027-03-31T14:59Z
  const firstMinuteOfFy2027 = instantInJapan('2027-04-01', 0, 0); // 2027-03-31T15:00Z
  it.each([
    // [raised in, closed at, year asked, appears, carried over]
    [2026, null, 2026, true, false],
    [2026, null, 2027, true, true],
    [2026, null, 2028, true, true],
    [2026, null, 2025, false, false],
    [2026, lastMinuteOfFy2026, 2026, true, false],
    [2026, lastMinuteOfFy2026, 2027, false, false], // closed on 31 March: stays in its year
    [2026, firstMinuteOfFy2027, 2027, true, true], // closed on 1 April JST (still 31 March UTC): shows in FY2027
    [2026, firstMinuteOfFy2027, 2028, false, false],
  ] as const)(
    'raised FY%i, closed %s: in FY%i → %s (carried %s)',
    (raised, closedAt, year, appears, carried) => {
      const f = { fiscalYear: raised, closedAt };
      expect(appearsInYear(f, year)).toBe(appears);
      expect(isCarriedOver(f, year)).toBe(carried);
    },
  );
});

describe('past due', () => {
  it.each([
    ['open', '2026-12-05', '2026-12-06', true],
    ['open', '2026-12-06', '2026-12-06', false], // due today is not yet late
    ['responded', '2026-12-01', '2026-12-06', true],
    ['closed', '2026-12-01', '2026-12-06', false],
    ['open', null, '2026-12-06', false],
  ] as const)('%s due %s on %s → %s', (state, dueOn, today, expected) => {
    expect(isPastDue({ state, dueOn }, today)).toBe(expected);
  });
});

describe('default calendar (002 L875-962)', () => {
  it('plans in the March before the year, fieldwork Nov–Dec, reports Feb–Mar, responses by April', () => {
    const c = defaultCalendar(2027);
    const due = (step: string) => c.find((m) => m.step === step)?.dueOn;
    expect(due('監査計画承認')).toBe('2027-03-31');
    expect(c.find((m) => m.step === '準拠性監査・自己点検に関する監査')).toMatchObject({
      startOn: '2027-11-01',
      dueOn: '2027-12-28',
    });
    expect(due('報告書作成・提出')).toBe('2028-03-15');
    expect(due('対応計画策定・報告')).toBe('2028-04-30');
    expect(c.every((m) => m.roleLabel.length > 0)).toBe(true);
  });
});

describe('milestone reminders: a week and a day before', () => {
  it.each([
    ['2026-12-20', '2026-12-06', null],
    ['2026-12-13', '2026-12-06', '7'],
    ['2026-12-10', '2026-12-06', '7'],
    ['2026-12-07', '2026-12-06', '1'],
    ['2026-12-06', '2026-12-06', '1'],
    ['2026-12-05', '2026-12-06', null],
  ])('due %s, today %s → %s', (dueOn, today, expected) => {
    expect(milestoneReminder(dueOn, today)).toBe(expected);
  });
});

describe('working papers: content-type allow-list checked against the bytes', () => {
  const pdf = Buffer.from('%PDF-1.7\n...');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  it.each([
    ['application/pdf', pdf, { ok: true, type: 'application/pdf' }],
    ['Application/PDF; foo=bar', pdf, { ok: true, type: 'application/pdf' }],
    ['image/png', png, { ok: true, type: 'image/png' }],
    ['application/pdf', Buffer.from('<html><script>alert(1)</script>'), { ok: false, reason: 'content' }],
    ['text/plain', Buffer.from('監査メモ'), { ok: true, type: 'text/plain' }],
    ['text/plain', Buffer.from('<!DOCTYPE html><p>x'), { ok: false, reason: 'content' }],
    ['text/plain', Buffer.from([0x61, 0, 0x62]), { ok: false, reason: 'content' }],
    ['text/html', Buffer.from('<p>x</p>'), { ok: false, reason: 'type' }],
    ['image/svg+xml', Buffer.from('<svg/>'), { ok: false, reason: 'type' }],
    [undefined, pdf, { ok: false, reason: 'type' }],
    ['application/pdf', Buffer.alloc(0), { ok: false, reason: 'empty' }],
  ])('%s → %o', (type, bytes, expected) => {
    expect(checkPaper(type, bytes)).toEqual(expected);
  });
  it('refuses files over the limit', () => {
    const big = Buffer.concat([pdf, Buffer.alloc(10 * 1024 * 1024)]);
    expect(checkPaper('application/pdf', big)).toEqual({ ok: false, reason: 'size' });
  });
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\work\\調書.pdf', '調書.pdf'],
    ['a"b\r\n.txt', 'ab.txt'],
    ['', 'file'],
  ])('file name %j → %j', (name, expected) => {
    expect(safeFilename(name)).toBe(expected);
  });
});
