import { describe, expect, it } from 'vitest';
import { parseFindingsCsv, parseTestssl, parseZap } from './finding-parse.js';
import {
  ageBucket,
  bandOfCvss,
  bandOfSeverity,
  canTransition,
  cvssBaseScore,
  DEFAULT_FINDING_POLICY,
  isOverdue,
  mailVerdicts,
  matchKey,
  targetDate,
  tlsVerdicts,
} from './finding-rules.js';
import type { TlsProbeResult } from './probe/types.js';

describe('CVSS bands (001 L11788-11796)', () => {
  it.each([
    [10.0, 'high'], // 7.0～10.0: 危険性の高い脆弱性 (001 L11790)
    [7.0, 'high'],
    [6.9, 'medium'], // 4.0～6.9: 計画的に対応 (001 L11794-11796)
    [4.0, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, 'info'],
  ] as const)('%s → %s', (score, band) => expect(bandOfCvss(score)).toBe(band));

  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1], // reflected XSS (001 L11794)
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:H/I:H/A:H', 9.1],
  ])('base score of %s is %s', (vector, score) => expect(cvssBaseScore(vector)).toBe(score));

  it.each(['CVSS:2.0/AV:N', 'AV:N/AC:L', 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N'])(
    '%s is not a vector',
    (v) => expect(cvssBaseScore(v)).toBeNull(),
  );

  it.each([
    ['Critical', 'high'],
    ['緊急', 'high'],
    ['中', 'medium'],
    ['low', 'low'],
    ['情報', 'info'],
    ['unknown', null],
  ] as const)('severity %s → %s', (w, band) => expect(bandOfSeverity(w)).toBe(band));
});

describe('target dates, ageing, overdue', () => {
  it('adds the policy days of the band', () => {
    expect(targetDate('2026-04-01', 'high', DEFAULT_FINDING_POLICY)).toBe('2026-04-15');
    expect(targetDate('2026-04-01', 'medium', { ...DEFAULT_FINDING_POLICY, mediumDays: 30 })).toBe(
      '2026-05-01',
    );
  });
  it.each([
    ['2026-12-01', '0-30'],
    ['2026-11-06', '0-30'],
    ['2026-11-05', '31-90'],
    ['2026-09-07', '31-90'],
    ['2026-09-06', '91-180'],
    ['2026-06-09', '91-180'],
    ['2026-06-08', '181+'],
  ] as const)('found %s is %s days old on 2026-12-06', (found, bucket) =>
    expect(ageBucket(found, '2026-12-06')).toBe(bucket),
  );
  it('is overdue only while outstanding', () => {
    expect(isOverdue({ status: 'open', targetDate: '2026-12-05' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ status: 'fixed', targetDate: '2026-12-05' }, '2026-12-06')).toBe(true);
    expect(isOverdue({ status: 'open', targetDate: '2026-12-06' }, '2026-12-06')).toBe(false);
    expect(isOverdue({ status: 'accepted', targetDate: '2026-01-01' }, '2026-12-06')).toBe(false);
  });
});

describe('status machine', () => {
  it.each([
    ['fix', 'open', null, false, true],
    ['fix', 'fixed', null, false, false],
    ['verify', 'fixed', null, false, false], // no re-test yet
    ['verify', 'fixed', 'present', false, false],
    ['verify', 'fixed', 'absent', false, true],
    ['verify', 'open', 'absent', false, true], // not found in re-test, ready to verify
    ['verify', 'fixed', null, true, true], // the verifier's own re-test
    ['verify', 'open', null, true, false],
    ['reopen', 'closed', null, false, true],
    ['reopen', 'open', null, false, false],
    ['accept', 'open', null, false, true],
    ['accept', 'closed', null, false, false],
  ] as const)('%s from %s (retest %s, manual %s) → %s', (action, status, retest, manualRetest, ok) =>
    expect(canTransition(action, { status, retest }, { manualRetest })).toBe(ok),
  );
  it('matches the same finding across years by system/host/source/title', () => {
    expect(matchKey('s', 'h', 'csv', ' SQL  Injection ')).toBe(matchKey('s', 'h', 'csv', 'sql injection'));
    expect(matchKey('s', null, 'csv', 'x')).not.toBe(matchKey('s', 'h', 'csv', 'x'));
  });
});

describe('probe verdicts', () => {
  const ok: TlsProbeResult = {
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
      notAfter: '2027-06-01T00:00:00Z',
      daysLeft: 180,
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      sha1: false,
      selfSigned: false,
      nameMatches: true,
    },
  };
  it('finds nothing on a good server', () => expect(tlsVerdicts(ok)).toEqual([]));
  it('flags SSLv3, RC4, a SHA-1 certificate and an expiring one (001 L11831-11849)', () => {
    const bad = tlsVerdicts({
      ...ok,
      protocols: { ...ok.protocols, SSLv3: true },
      weakCiphers: { ...ok.weakCiphers, RC4: true },
      certificate: { ...ok.certificate!, sha1: true, daysLeft: 10, keyBits: 1024 },
    });
    expect(bad.map((v) => [v.code, v.band])).toEqual([
      ['tls.SSLv3', 'high'],
      ['tls.cipher_RC4', 'medium'],
      ['tls.cert_sha1', 'medium'],
      ['tls.cert_rsa_short', 'medium'],
      ['tls.cert_expiring', 'medium'],
    ]);
  });
  it('flags a missing SPF record (001 L11718-11729)', () => {
    const v = mailVerdicts({
      domain: 'example.go.jp',
      mx: [],
      spf: { record: null, all: 'none' },
      dmarc: { record: null, policy: 'missing' },
    });
    expect(v.map((x) => x.code)).toEqual(['mail.spf_missing', 'mail.dmarc_missing']);
  });
});

describe('file parsing', () => {
  it('reads the CSV layout and names the line and column of every error', () => {
    const csv = [
      'system_code,host,title,cvss_score,cvss_vector,severity,description,recommendation,found_on',
      'SYS1,www,SQL injection,9.8,,,d,r,2026-04-10',
      'SYS1,,XSS,,CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N,,,,2026/4/10',
      'SYS2,,Weak password,,,high,,,',
    ].join('\n');
    const { rows, issues } = parseFindingsCsv(csv);
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.systemCode, r.host, r.band, r.cvssScore, r.foundOn])).toEqual([
      ['SYS1', 'www', 'high', 9.8, '2026-04-10'],
      ['SYS1', '', 'medium', 6.1, '2026-04-10'],
      ['SYS2', '', 'high', null, null],
    ]);
    const bad = parseFindingsCsv('system_code,title,cvss_score,found_on\nS,,11,2026-13-01\n');
    expect(bad.issues.map((i) => i.path)).toEqual([
      'line 2, column title',
      'line 2, column cvss_score',
      'line 2, column found_on',
    ]);
    expect(parseFindingsCsv('system_code,host\n').issues.map((i) => i.column)).toEqual(['title', 'severity']);
  });
  it('reads testssl.sh --jsonfile output, skipping OK/INFO/WARN', () => {
    const json = JSON.stringify([
      { id: 'scanTime', ip: '', port: '', severity: 'INFO', finding: '12' },
      {
        id: 'SSLv3',
        ip: 'www.example.go.jp/192.0.2.10',
        port: '443',
        severity: 'HIGH',
        cve: 'CVE-2014-3566',
        cwe: 'CWE-310',
        finding: 'offered',
      },
      { id: 'TLS1_2', ip: 'www.example.go.jp/192.0.2.10', port: '443', severity: 'OK', finding: 'offered' },
    ]);
    const { rows, issues, skipped } = parseTestssl(json);
    expect(issues).toEqual([]);
    expect(skipped).toBe(2);
    expect(rows).toMatchObject([
      {
        host: 'www.example.go.jp',
        port: '443',
        key: 'SSLv3',
        band: 'high',
        evidence: { address: '192.0.2.10', cve: 'CVE-2014-3566' },
      },
    ]);
    expect(parseTestssl('[{"id":"x","ip":"a","port":"1","severity":"BAD"}]').issues[0]!.path).toBe(
      '$[0].severity',
    );
    expect(parseTestssl('{"scanResult":[]}').issues[0]!.path).toBe('$');
    expect(parseTestssl('[\n{"id": }\n]').issues[0]!.path).toMatch(/^line 2|^\$/);
  });
  it('reads an OWASP ZAP JSON report', () => {
    const json = JSON.stringify({
      site: [
        {
          '@name': 'https://www.example.go.jp',
          '@host': 'www.example.go.jp',
          '@port': '443',
          alerts: [
            {
              pluginid: '40012',
              name: 'Cross Site Scripting (Reflected)',
              riskcode: '3',
              riskdesc: 'High (Medium)',
              desc: '<p>XSS</p>',
              solution: '<p>Escape &amp; validate</p>',
              cweid: '79',
              instances: [{ uri: 'https://www.example.go.jp/search?q=1' }],
            },
            { pluginid: '10096', name: 'Timestamp Disclosure', riskcode: '0' },
            { pluginid: '1', name: 'Bad', riskcode: '7' },
          ],
        },
      ],
    });
    const { rows, issues, skipped } = parseZap(json);
    expect(issues.map((i) => i.path)).toEqual(['$.site[0].alerts[2].riskcode']);
    expect(skipped).toBe(1);
    expect(rows).toMatchObject([
      {
        host: 'www.example.go.jp',
        band: 'high',
        recommendation: 'Escape & validate',
        evidence: { cwe: 'CWE-79', uris: ['https://www.example.go.jp/search?q=1'] },
      },
    ]);
  });
});
