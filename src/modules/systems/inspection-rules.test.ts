import { describe, expect, it } from 'vitest';
import { SHIPPED_SETS } from './inspection-data/shipped-sets.js';
import {
  gradeOf,
  gradeTrend,
  type LatestProbes,
  pool,
  probeVerdict,
  tally,
  tallyCounts,
} from './inspection-rules.js';
import type { TlsProbeResult } from './probe/types.js';

describe('gradeOf: x = met ÷ applicable (000 L1148-1169, 003 L703-709)', () => {
  it.each([
    [5, 5, 'A', 'x = 100 % is A (000 L1148)'],
    [1, 1, 'A', 'a single item met'],
    [4, 5, 'B', 'exactly 80 % is B, not C (000 L1153)'],
    [8, 10, 'B', '80 % again'],
    [99, 100, 'B', 'just under 100 %'],
    [79, 100, 'C', 'just under 80 % (000 L1161)'],
    [3, 5, 'C', 'exactly 60 % is C (000 L1161)'],
    [6, 10, 'C', '60 % again'],
    [59, 100, 'D', 'just under 60 % (000 L1166)'],
    [0, 4, 'D', 'nothing met'],
    [0, 0, null, 'nothing applicable: no grade'],
  ] as const)('%i of %i → %s (%s)', (met, applicable, grade, _why) => {
    expect(gradeOf(met, applicable)).toBe(grade);
  });

  it('compares in integers: 4 of 5 and 80 of 100 are B whatever float error 0.8 * 100 carries', () => {
    for (let n = 5; n <= 1000; n += 5) expect(gradeOf((n * 4) / 5, n)).toBe('B');
    for (let n = 5; n <= 1000; n += 5) expect(gradeOf((n * 3) / 5, n)).toBe('C');
  });

  it('refuses impossible counts', () => {
    expect(() => gradeOf(3, 2)).toThrow(RangeError);
    expect(() => gradeOf(-1, 2)).toThrow(RangeError);
  });
});

describe('tally', () => {
  it.each([
    [['met', 'met', 'na'], { met: 2, applicable: 2, grade: 'A' }, 'not applicable items do not count'],
    [['met', 'met', 'met', 'met', 'not_met'], { met: 4, applicable: 5, grade: 'B' }, '4 of 5'],
    [['met', null], { met: 1, unanswered: 1, grade: null }, 'unanswered items leave the grade open'],
    [['na', 'na'], { applicable: 0, grade: null }, 'all not applicable'],
  ] as const)('%j → %j (%s)', (statuses, expected, _why) => {
    expect(tally(statuses)).toMatchObject(expected);
  });

  it.each([
    [
      { met: 4, notMet: 1, na: 0 },
      5,
      { unanswered: 0, applicable: 5, grade: 'B' },
      'counted like the list (000 L1148-1169)',
    ],
    [
      { met: 3, notMet: 0, na: 1 },
      5,
      { unanswered: 1, grade: null },
      'an item without an answer leaves it open',
    ],
    [{ met: 0, notMet: 0, na: 0 }, 0, { applicable: 0, grade: null }, 'an empty set has no grade'],
  ] as const)('tallyCounts(%j of %i items) → %j (%s)', (c, items, expected, _why) => {
    expect(tallyCounts(c, items)).toMatchObject(expected);
  });

  it('tallyCounts refuses more answers than items', () => {
    expect(() => tallyCounts({ met: 3, notMet: 0, na: 0 }, 2)).toThrow(RangeError);
  });

  it('pools a division: 9 of 10 met over two hosts is B', () => {
    expect(
      pool([tally(['met', 'met', 'met', 'met', 'met']), tally(['met', 'met', 'met', 'met', 'not_met'])]),
    ).toMatchObject({ met: 9, applicable: 10, grade: 'B' });
  });
});

describe('gradeTrend against the previous round (003 L713-717)', () => {
  it.each([
    ['A', 'B', 'up'],
    ['B', 'B', 'same'],
    ['D', 'C', 'down'],
    ['A', null, null],
  ] as const)('%s after %s → %s', (cur, prev, trend) => {
    expect(gradeTrend(cur, prev)).toBe(trend);
  });
});

const tls = (over: Partial<TlsProbeResult> = {}): TlsProbeResult => ({
  target: 'www.example.go.jp:443',
  protocols: {
    SSLv2: false,
    SSLv3: false,
    'TLSv1.0': false,
    'TLSv1.1': false,
    'TLSv1.2': true,
    'TLSv1.3': true,
  },
  weakCiphers: { NULL: false, EXPORT: false, RC4: false, '3DES': false, anonymous: false },
  certificate: {
    notAfter: '2027-06-01T00:00:00.000Z',
    daysLeft: 170,
    keyType: 'RSA',
    keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    sha1: false,
    selfSigned: false,
    nameMatches: true,
  },
  ...over,
});
const withTls = (r: TlsProbeResult): LatestProbes => ({ tls: { id: 'run-1', result: r } });

describe('probeVerdict', () => {
  it.each([
    ['tls.sslv2_disabled', withTls(tls()), 'met'],
    ['tls.sslv2_disabled', withTls(tls({ protocols: { ...tls().protocols, SSLv2: true } })), 'not_met'],
    ['tls.sslv2_disabled', withTls(tls({ protocols: { ...tls().protocols, SSLv3: true } })), 'met'],
    ['tls.ssl_disabled', withTls(tls({ protocols: { ...tls().protocols, SSLv3: true } })), 'not_met'],
    ['tls.no_weak_ciphers', withTls(tls()), 'met'],
    ['tls.no_weak_ciphers', withTls(tls({ weakCiphers: { ...tls().weakCiphers, RC4: true } })), 'not_met'],
    ['tls.certificate_sound', withTls(tls()), 'met'],
    [
      'tls.certificate_sound',
      withTls(tls({ certificate: { ...tls().certificate!, sha1: true } })),
      'not_met',
    ],
    [
      'tls.certificate_sound',
      withTls(tls({ certificate: { ...tls().certificate!, daysLeft: -1 } })),
      'not_met',
    ],
    ['tls.certificate_sound', withTls(tls({ certificate: null })), 'not_met'],
  ] as const)('%s → %s', (check, probes, status) => {
    expect(probeVerdict(check, probes)).toMatchObject({ status, probeRunId: 'run-1' });
  });

  const mail = (all: '-all' | '~all' | '?all' | '+all' | 'none'): LatestProbes => ({
    mail: {
      id: 'm',
      result: {
        domain: 'example.go.jp',
        mx: [],
        spf: { record: null, all },
        dmarc: { record: null, policy: 'missing' },
      },
    },
  });
  it.each([
    ['-all', 'met'],
    ['~all', 'met'],
    ['?all', 'not_met'],
    ['+all', 'not_met'],
    ['none', 'not_met'],
  ] as const)('SPF %s → %s (001 L11718-11729)', (all, status) => {
    expect(probeVerdict('mail.spf_published', mail(all))?.status).toBe(status);
  });

  it('says nothing without a run of that kind', () => {
    expect(probeVerdict('http.hsts', withTls(tls()))).toBeNull();
  });

  it('explains the verdict for the evidence column', () => {
    expect(
      probeVerdict(
        'tls.no_weak_ciphers',
        withTls(tls({ weakCiphers: { ...tls().weakCiphers, RC4: true, '3DES': true } })),
      )?.summary,
    ).toContain('RC4, 3DES');
  });
});

describe('shipped item sets', () => {
  it('cite a seed line for every item and use unique keys', () => {
    for (const s of SHIPPED_SETS) {
      expect(new Set(s.items.map((i) => i.key)).size).toBe(s.items.length);
      for (const i of s.items) expect(i.source).toMatch(/^\d{3} L\d+/);
    }
  });
  it('the web set carries the four DoS sub-items (003 L753-764)', () => {
    const web = SHIPPED_SETS.find((s) => s.key === 'web')!;
    expect(web.items.filter((i) => i.key.startsWith('dos.'))).toHaveLength(4);
  });
});
