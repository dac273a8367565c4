import { describe, expect, it } from 'vitest';
import {
  componentKey,
  cpeParts,
  fieldChanges,
  isAddress,
  isCpe23,
  isDomainName,
  isEndOfSupport,
  overTarget,
  reviewedInFiscalYear,
} from './rules.js';

describe('componentKey', () => {
  it.each([
    ['Apache HTTP Server', 'apache_http_server'],
    ['  Microsoft  ', 'microsoft'],
    ['Ｏｐｅｎ-SSL', 'open_ssl'],
  ])('%s → %s', (name, key) => expect(componentKey(name)).toBe(key));
});

describe('addresses (hosts by role with addresses, 001 L11109-11198)', () => {
  it.each([
    ['192.0.2.10', true],
    ['2001:db8::1', true],
    ['::1', true],
    ['256.1.1.1', false],
    ['192.0.2.0/24', false],
    ['192.0.2.1:443', false],
    ['www.example.go.jp', false],
    ['', false],
  ])('%s → %s', (s, ok) => expect(isAddress(s)).toBe(ok));
});

describe('domain names', () => {
  it.each([
    ['www.example.go.jp', true],
    ['mail.example.go.jp.', true],
    ['*.example.go.jp', true],
    ['xn--eckwd4c7c.jp', true],
    ['localhost', false],
    ['-bad.example.jp', false],
    ['bad-.example.jp', false],
    ['a..jp', false],
    ['192.0.2.1', false],
    ['www.*.jp', false],
    [`${'a'.repeat(64)}.jp`, false],
    ['exa mple.jp', false],
  ])('%s → %s', (s, ok) => expect(isDomainName(s)).toBe(ok));
});

describe('CPE 2.3 names (advisory matching by exact CPE, issue #14)', () => {
  it.each([
    ['cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*', true],
    ['cpe:2.3:o:microsoft:windows_xp:-:sp3:*:*:*:*:*:*', true],
    ['cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*', true],
    ['cpe:2.3:a:apache:http_server:2.4.57', false],
    ['cpe:/a:apache:http_server:2.4.57', false],
    ['cpe:2.3:x:apache:http_server:2.4.57:*:*:*:*:*:*:*', false],
    ['cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*:*', false],
    ['cpe:2.3:a::http_server:2.4.57:*:*:*:*:*:*:*', false],
  ])('%s → %s', (s, ok) => expect(isCpe23(s)).toBe(ok));

  it('splits vendor, product and version, unescaping', () => {
    expect(cpeParts('cpe:2.3:a:vendor:prod\\:uct:1.0:*:*:*:*:*:*:*')).toEqual({
      part: 'a',
      vendor: 'vendor',
      product: 'prod:uct',
      version: '1.0',
    });
    expect(cpeParts('nope')).toBeNull();
  });
});

describe('yearly review by fiscal year (April to March)', () => {
  it.each([
    [null, '2026-06-01', false],
    ['2026-04-01', '2027-03-31', true],
    ['2026-03-31', '2026-04-01', false],
    ['2025-10-01', '2026-02-01', true],
  ] as const)('reviewed %s, today %s → %s', (on, today, ok) =>
    expect(reviewedInFiscalYear(on, today)).toBe(ok),
  );
});

describe('end of support (EoS trackers, 001 L14566-14608)', () => {
  it.each([
    [null, '2014-04-09', false],
    ['2014-04-09', '2014-04-09', false],
    ['2014-04-08', '2014-04-09', true],
  ] as const)('EoS %s on %s → %s', (eos, today, past) => expect(isEndOfSupport(eos, today)).toBe(past));
});

describe('consolidation target (サーバ集約化, 001 L3131-3143)', () => {
  it.each([
    [600, null, null],
    [600, 500, 100],
    [400, 500, 0],
  ] as const)('%s servers, target %s → over by %s', (n, target, over) =>
    expect(overTarget(n, target)).toBe(over),
  );
});

describe('fieldChanges', () => {
  it('lists only changed fields with before and after', () => {
    expect(
      fieldChanges(
        { name: 'A', internetFacing: false, cloud: { used: false }, purpose: 'x' } as Record<string, unknown>,
        { name: 'A', internetFacing: true, cloud: { used: true }, purpose: undefined },
      ),
    ).toEqual({ internetFacing: [false, true], cloud: [{ used: false }, { used: true }] });
  });
});
