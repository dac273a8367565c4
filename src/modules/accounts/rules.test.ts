import { describe, expect, it } from 'vitest';
import {
  effectiveSessionPolicy,
  loginThrottled,
  readOidcIdentity,
  sessionState,
  startsThrottle,
  type ThrottlePolicy,
  type ThrottleScope,
  throttleDelaySeconds,
} from './rules.js';

const policy: ThrottlePolicy = {
  pairMaxFailures: 5,
  addressMaxFailures: 100,
  accountMaxFailures: 50,
  delaySeconds: 30,
  maxDelayMinutes: 15,
  memoryHours: 24,
};

describe('throttleDelaySeconds', () => {
  const cases: [ThrottleScope, number, number][] = [
    ['pair', 4, 0], // below the threshold: no wait
    ['pair', 5, 30], // the threshold: the first wait
    ['pair', 6, 60], // doubling with each further failure
    ['pair', 7, 120],
    ['pair', 10, 900], // 960 s capped at 15 minutes
    ['pair', 1000, 900],
    ['address', 99, 0],
    ['address', 100, 30],
    ['address', 101, 60],
    ['account', 49, 0],
    ['account', 50, 30], // across addresses it only slows down: always the first wait
    ['account', 500, 30],
  ];
  it.each(cases)('%s after %i failures waits %i s', (scope, failures, seconds) => {
    expect(throttleDelaySeconds(scope, failures, policy)).toBe(seconds);
  });

  it('never throttles a scope whose ceiling is 0 (turned off)', () => {
    expect(throttleDelaySeconds('address', 10_000, { ...policy, addressMaxFailures: 0 })).toBe(0);
    expect(throttleDelaySeconds('account', 10_000, { ...policy, accountMaxFailures: 0 })).toBe(0);
  });

  it('marks only the failure that starts a wait (audited once)', () => {
    expect([4, 5, 6].map((n) => startsThrottle('pair', n, policy))).toEqual([false, true, false]);
  });
});

describe('loginThrottled', () => {
  const now = new Date('2026-12-06T00:00:00Z');
  const later = new Date(now.getTime() + 60_000);
  const earlier = new Date(now.getTime() - 60_000);
  const row = (blockedUntil: Date | null, lastSuccessAt: Date | null = null) => ({
    blockedUntil,
    lastSuccessAt,
  });
  const cases: [string, Parameters<typeof loginThrottled>[0], boolean][] = [
    ['nothing recorded', {}, false],
    ['this address waits for this account', { pair: row(later) }, true],
    ['the wait is over', { pair: row(earlier) }, false],
    ['this address waits for every login', { address: row(later) }, true],
    ['the account is slowed, address never used', { account: row(later) }, true],
    [
      'the account is slowed, but the owner’s known address',
      { pair: row(null, earlier), account: row(later) },
      false,
    ],
    ['a known address that is itself waiting', { pair: row(later, earlier), account: row(later) }, true],
    [
      'an address known long ago (over 90 days) is new again',
      { pair: row(null, new Date(now.getTime() - 91 * 86_400_000)), account: row(later) },
      true,
    ],
  ];
  it.each(cases)('%s → %s', (_name, rows, throttled) => {
    expect(loginThrottled(rows, now)).toBe(throttled);
  });
});

describe('sessionState', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const later = new Date(now.getTime() + 3_600_000);
  const p = { idleMinutes: 30, absoluteHours: 2 };
  it.each([
    ['in use', { createdAt: ago(60), lastSeenAt: ago(1), expiresAt: later }, 'valid'],
    [
      'unused past the idle limit',
      { createdAt: ago(60), lastSeenAt: ago(31), expiresAt: later },
      'idle_expired',
    ],
    ['past its expiry', { createdAt: ago(60), lastSeenAt: ago(1), expiresAt: ago(1) }, 'expired'],
    // A policy shortened after login ends the session even before its recorded expiry.
    [
      'older than the absolute limit',
      { createdAt: ago(120), lastSeenAt: ago(1), expiresAt: later },
      'expired',
    ],
  ] as const)('%s', (_name, s, expected) => {
    expect(sessionState(s, now, p)).toBe(expected);
  });
});

describe('effectiveSessionPolicy', () => {
  const server = { idleMinutes: 30, absoluteHours: 12 };
  it("takes the agency's values where set, the server's otherwise", () => {
    expect(effectiveSessionPolicy(server, { sessionIdleMinutes: null, sessionAbsoluteHours: null })).toEqual(
      server,
    );
    expect(effectiveSessionPolicy(server, { sessionIdleMinutes: 10, sessionAbsoluteHours: null })).toEqual({
      idleMinutes: 10,
      absoluteHours: 12,
    });
  });
});

describe('readOidcIdentity', () => {
  const claims = { staffNumber: 'employee_number', email: 'email', name: 'name' };
  const byStaff = { match: 'staff_number' as const, claims };
  const byMail = { match: 'email' as const, claims };
  it('reads the staff number, the mail (lower case) and the name', () => {
    expect(
      readOidcIdentity({ sub: 's1', employee_number: ' A-1 ', email: 'X@Ex.jp', name: '名前' }, byStaff),
    ).toEqual({ subject: 's1', key: 'A-1', staffNumber: 'A-1', email: 'x@ex.jp', name: '名前' });
    expect(readOidcIdentity({ sub: 's1', email: 'X@Ex.jp' }, byMail)).toMatchObject({ key: 'x@ex.jp' });
  });
  it('accepts a numeric staff number', () => {
    expect(readOidcIdentity({ sub: 's1', employee_number: 1234 }, byStaff)).toMatchObject({ key: '1234' });
  });
  it('refuses when the matched claim or the subject is missing or empty', () => {
    expect(readOidcIdentity({ sub: 's1', email: 'a@b.jp' }, byStaff)).toBe('claim_missing');
    expect(readOidcIdentity({ sub: 's1', employee_number: '  ' }, byStaff)).toBe('claim_missing');
    expect(readOidcIdentity({ employee_number: 'A-1' }, byStaff)).toBe('claim_missing');
  });
  it('refuses matching by a mail the provider marks unverified', () => {
    expect(readOidcIdentity({ sub: 's1', email: 'a@b.jp', email_verified: false }, byMail)).toBe(
      'email_unverified',
    );
    expect(readOidcIdentity({ sub: 's1', email: 'a@b.jp', email_verified: true }, byMail)).toMatchObject({
      key: 'a@b.jp',
    });
  });
});
