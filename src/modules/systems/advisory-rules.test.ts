import { describe, expect, it } from 'vitest';
import { type CsafError, parseCsaf, rangeFromText } from './advisory-csaf.js';
import { baseScore, checkCvss, parseCvssVector, severityOf } from './advisory-cvss.js';
import { ComponentIndex, type MatchComponent, matchAdvisories, parseCpe } from './advisory-match.js';
import {
  answerProblem,
  bandsProblem,
  certificateNeedsMigration,
  DEFAULT_ADVISORY_POLICY,
  isOverdue,
  targetDate,
} from './advisory-rules.js';
import {
  compareVersions,
  compileRange,
  parseVers,
  rangeHas,
  type VersionRange,
  versionTokens,
} from './advisory-versions.js';

describe('CVSS v3 base score (FIRST v3.1 §7; bands 001 L11788-11796)', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N', 6.4],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O', 9.8],
  ])('%s → %s', (vector, score) => {
    const p = parseCvssVector(vector);
    expect(p.ok).toBe(true);
    if (p.ok) expect(baseScore(p.metrics)).toBe(score);
  });

  it.each([
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'must start'],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', 'must start'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'missing base metric(s) A'],
    ['CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'AV:X'],
    ['CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'twice'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1', 'unknown metric'],
  ])('refuses %s', (vector, reason) => {
    const p = parseCvssVector(vector);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.reason).toContain(reason);
  });

  it('a stated score must agree with the vector', () => {
    expect(checkCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8)).toEqual({ ok: true, score: 9.8 });
    expect(checkCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 7.5).ok).toBe(false);
  });

  it.each([
    [0, 'none'],
    [3.9, 'low'],
    [4, 'medium'],
    [6.9, 'medium'],
    [7, 'high'],
    [9, 'critical'],
  ] as const)('severity of %s is %s', (s, sev) => expect(severityOf(s)).toBe(sev));
});

describe('vendor versions compare numerically segment by segment', () => {
  it.each([
    ['2.4.41', '2.4.9', 1],
    ['10.0.19041', '10.0.9200', 1],
    ['12.1.0.2.0', '12.1.0.10.0', -1],
    ['1.0', '1.0.0', 0],
    ['1.1.1k', '1.1.1', 1],
    ['1.1.1k', '1.1.1l', -1],
    ['2.0rc1', '2.0', -1],
    ['9.0-beta2', '9.0-beta10', -1],
    ['7.4p1', '7.4', 1],
  ] as const)('%s vs %s → %s', (a, b, want) => {
    expect(Math.sign(compareVersions(a, b))).toBe(want);
    expect(Math.sign(compareVersions(b, a)) + 0).toBe(0 - want + 0);
  });
});

describe('version ranges', () => {
  const has = (r: VersionRange, v: string) => rangeHas(compileRange(r), versionTokens(v));
  it.each([
    [{ type: 'vers', vers: 'vers:generic/>=1.0|<2.3.4' }, '2.3.3', true],
    [{ type: 'vers', vers: 'vers:generic/>=1.0|<2.3.4' }, '2.3.4', false],
    [{ type: 'vers', vers: 'vers:generic/>=1.0|<2.3.4' }, '0.9', false],
    [{ type: 'vers', vers: 'vers:generic/<2.4.42' }, '2.4.41', true],
    [{ type: 'vers', vers: 'vers:generic/<2.4.42' }, '2.4.100', false],
    [{ type: 'vers', vers: 'vers:generic/>=2.0|<2.2|>=3.0|<3.1.5' }, '3.1.2', true],
    [{ type: 'vers', vers: 'vers:generic/>=2.0|<2.2|>=3.0|<3.1.5' }, '2.5', false],
    [{ type: 'vers', vers: 'vers:generic/>=12.1.0.2.0' }, '12.1.0.10.0', true],
    [{ type: 'vers', vers: 'vers:generic/1.2.3|1.2.5' }, '1.2.5', true],
    [{ type: 'vers', vers: 'vers:generic/1.2.3|1.2.5' }, '1.2.4', false],
    [{ type: 'vers', vers: 'vers:generic/>=1.0|!=1.5|<2.0' }, '1.5', false],
    [{ type: 'vers', vers: 'vers:npm/>=4.0.0|<4.17.21' }, '4.17.20', true],
    [{ type: 'vers', vers: 'vers:generic/*' }, 'anything', true],
    [{ type: 'semver', range: '>=2.0.0 <2.15.0' }, '2.14.1', true],
    [{ type: 'semver', range: '>=2.0.0 <2.15.0' }, '2.15.0', false],
    [{ type: 'semver', range: '^1.2.0' }, '1.9.0', true],
    [{ type: 'before', version: '10.0.19041' }, '10.0.18363', true],
    [{ type: 'before', version: '10.0.19041' }, '10.0.19041', false],
    [{ type: 'before', version: '10.0.19041', inclusive: true }, '10.0.19041', true],
    [{ type: 'exact', version: '2.4.41' }, '2.4.41', true],
    [{ type: 'exact', version: '2.4.41' }, '2.4.4', false],
    [{ type: 'all' }, '1', true],
  ] as [VersionRange, string, boolean][])('%j contains %s: %s', (r, v, want) => expect(has(r, v)).toBe(want));

  it('refuses malformed vers', () => {
    expect(parseVers('generic/>=1.0').ok).toBe(false);
    expect(parseVers('vers:generic/>=1.0|<<2').ok).toBe(false);
  });
});

describe('matching advisories to ledger components (000 L829-851)', () => {
  const comps: MatchComponent[] = [
    {
      id: 'c1',
      systemId: 's1',
      vendorKey: 'apache',
      productKey: 'http_server',
      version: '2.4.41',
      cpe: null,
    },
    {
      id: 'c2',
      systemId: 's2',
      vendorKey: 'apache',
      productKey: 'apache_http_server',
      version: '2.4.58',
      cpe: 'cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*',
    },
    {
      id: 'c3',
      systemId: 's3',
      vendorKey: 'oracle',
      productKey: 'database',
      version: '12.1.0.2.0',
      cpe: null,
    },
    {
      id: 'c4',
      systemId: 's3',
      vendorKey: 'microsoft',
      productKey: 'windows_10',
      version: '10.0.18363',
      cpe: null,
    },
    { id: 'c5', systemId: 's4', vendorKey: 'other', productKey: 'http_server', version: '2.4.41', cpe: null },
    { id: 'c6', systemId: 's5', vendorKey: 'openbsd', productKey: 'openssh', version: '', cpe: null },
  ];
  const index = new ComponentIndex(comps);
  const systemsOf = (products: Parameters<typeof matchAdvisories>[0][number]['products']) =>
    matchAdvisories([{ id: 'a', products }], index)
      .map((m) => `${m.systemId}:${m.componentIds.join(',')}`)
      .sort();

  it('an exact CPE with wildcard parts matches a component with that CPE', () => {
    expect(
      systemsOf([
        { vendor: '', product: '', cpe: 'cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*', ranges: [] },
      ]),
    ).toEqual(['s2:c2']);
    expect(
      systemsOf([
        { vendor: '', product: '', cpe: 'cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*', ranges: [] },
      ]),
    ).toEqual([]);
  });

  it('a CPE pattern with a range matches by CPE vendor/product, and by key where there is no CPE', () => {
    expect(
      systemsOf([
        {
          vendor: '',
          product: '',
          cpe: 'cpe:2.3:a:apache:http_server:*:*:*:*:*:*:*:*',
          ranges: [{ type: 'vers', vers: 'vers:generic/<2.4.60' }],
        },
      ]),
    ).toEqual(['s1:c1', 's2:c2']);
  });

  it('vendor/product keys with a range: the vendor must agree too', () => {
    // s4 runs an http_server of another vendor: not affected.
    expect(
      systemsOf([
        {
          vendor: 'Apache',
          product: 'HTTP Server',
          cpe: null,
          ranges: [{ type: 'before', version: '2.4.50' }],
        },
      ]),
    ).toEqual(['s1:c1']);
    expect(
      systemsOf([
        {
          vendor: 'Apache',
          product: 'http_server',
          cpe: null,
          ranges: [{ type: 'before', version: '2.4.50' }],
        },
      ]),
    ).toEqual(['s1:c1']);
  });

  it('dotted vendor versions (Oracle, Windows builds)', () => {
    expect(
      systemsOf([
        {
          vendor: 'Oracle',
          product: 'Database',
          cpe: null,
          ranges: [{ type: 'vers', vers: 'vers:generic/>=12.1.0.1.0|<=12.1.0.2.0' }],
        },
      ]),
    ).toEqual(['s3:c3']);
    expect(
      systemsOf([
        {
          vendor: 'Microsoft',
          product: 'Windows 10',
          cpe: null,
          ranges: [{ type: 'before', version: '10.0.19041' }],
        },
      ]),
    ).toEqual(['s3:c4']);
  });

  it('a component of unknown version may be affected, so its owner is asked', () => {
    expect(
      systemsOf([
        { vendor: 'OpenBSD', product: 'OpenSSH', cpe: null, ranges: [{ type: 'before', version: '9.8' }] },
      ]),
    ).toEqual(['s5:c6']);
  });

  it('one match per system, listing every affected component', () => {
    const m = matchAdvisories(
      [
        {
          id: 'a',
          products: [
            { vendor: 'Oracle', product: 'Database', cpe: null, ranges: [] },
            { vendor: 'Microsoft', product: 'Windows 10', cpe: null, ranges: [] },
          ],
        },
      ],
      index,
    );
    expect(m).toEqual([{ advisoryId: 'a', systemId: 's3', componentIds: ['c3', 'c4'] }]);
  });

  it('parses CPE 2.2 URIs and refuses junk', () => {
    expect(parseCpe('cpe:/a:apache:http_server:2.4.41')?.slice(0, 4)).toEqual([
      'a',
      'apache',
      'http_server',
      '2.4.41',
    ]);
    expect(parseCpe('cpe:2.3:a:apache')).toBeNull();
    expect(parseCpe('apache')).toBeNull();
  });
});

describe('target dates by CVSS band (001 L11788-11796)', () => {
  const p = DEFAULT_ADVISORY_POLICY;
  it.each([
    [9.8, '2026-04-04'],
    [7.0, '2026-04-04'],
    [6.9, '2026-05-01'],
    [4.0, '2026-05-01'],
    [3.9, '2026-06-30'],
    [null, '2026-05-01'],
  ])('score %s notified 2026-04-01 → due %s', (score, due) =>
    expect(targetDate(p, score, '2026-04-01')).toBe(due),
  );

  it('an open response past its target date is overdue; an answered one is not', () => {
    expect(isOverdue({ status: 'open', targetDate: '2026-04-04' }, '2026-04-05')).toBe(true);
    expect(isOverdue({ status: 'open', targetDate: '2026-04-04' }, '2026-04-04')).toBe(false);
    expect(isOverdue({ status: 'patched', targetDate: '2026-04-04' }, '2026-05-01')).toBe(false);
  });

  it('bands must run from the highest score down to 0', () => {
    expect(bandsProblem(p.bands)).toBeNull();
    expect(
      bandsProblem([
        { minScore: 4, days: 30 },
        { minScore: 7, days: 3 },
        { minScore: 0, days: 90 },
      ]),
    ).toMatch(/highest/);
    expect(bandsProblem([{ minScore: 7, days: 3 }])).toMatch(/0/);
  });

  it('accepting a risk needs a reason', () => {
    expect(answerProblem('open', 'risk_accepted', ' ')).toMatch(/reason/);
    expect(answerProblem('open', 'risk_accepted', '閉域網のため')).toBeNull();
    expect(answerProblem('open', 'patched', '')).toBeNull();
  });
});

describe('SHA-1/RSA1024 → SHA-256/RSA2048 migration (001 L11831-11849)', () => {
  const m = DEFAULT_ADVISORY_POLICY.migrations[0]!;
  it.each([
    [{ signatureAlgorithm: 'sha1WithRSAEncryption', keyType: 'RSA', keyBits: 2048 }, ['signature:sha1']],
    [{ signatureAlgorithm: 'SHA-1', keyType: 'RSA', keyBits: 1024 }, ['signature:sha1', 'rsa:1024']],
    [{ signatureAlgorithm: 'sha256WithRSAEncryption', keyType: 'RSA', keyBits: 1024 }, ['rsa:1024']],
    [{ signatureAlgorithm: 'sha256WithRSAEncryption', keyType: 'RSA', keyBits: 2048 }, []],
    [{ signatureAlgorithm: 'ecdsa-with-SHA256', keyType: 'EC', keyBits: 256 }, []],
  ])('%j → %j', (c, why) => expect(certificateNeedsMigration(m, c)).toEqual(why));
});

describe('CSAF 2.0 product tree and JVN mapping', () => {
  const doc = (tree: unknown, affected: string[], trackingId = 'VENDOR-SA-1') => ({
    document: {
      csaf_version: '2.0',
      title: 't',
      tracking: { id: trackingId, initial_release_date: '2026-01-15T00:00:00Z' },
    },
    product_tree: tree,
    vulnerabilities: [{ cve: 'CVE-2026-12345', product_status: { known_affected: affected } }],
  });

  it('reads nested vendor / product_name / product_version(_range) branches and full_product_names', () => {
    const a = parseCsaf(
      doc(
        {
          branches: [
            {
              category: 'vendor',
              name: 'Oracle',
              branches: [
                {
                  category: 'product_family',
                  name: 'Database',
                  branches: [
                    {
                      category: 'product_name',
                      name: 'Database Server',
                      branches: [
                        {
                          category: 'product_version',
                          name: '12.1.0.2.0',
                          product: { product_id: 'p1', name: 'x' },
                        },
                        {
                          category: 'product_version_range',
                          name: 'all versions before 19.3',
                          product: { product_id: 'p2', name: 'y' },
                        },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
          full_product_names: [
            {
              product_id: 'p3',
              name: 'Windows 10',
              product_identification_helper: { cpe: 'cpe:/o:microsoft:windows_10:1909' },
            },
          ],
        },
        ['p1', 'p2', 'p3'],
      ),
    );
    expect(a.source).toBe('csaf');
    expect(a.published).toBe('2026-01-15');
    expect(a.cves).toEqual(['CVE-2026-12345']);
    expect(a.products).toEqual([
      {
        vendor: 'Oracle',
        product: 'Database Server',
        cpe: null,
        ranges: [{ type: 'exact', version: '12.1.0.2.0' }],
      },
      {
        vendor: 'Oracle',
        product: 'Database Server',
        cpe: null,
        ranges: [{ type: 'before', version: '19.3' }],
      },
      { vendor: '', product: 'Windows 10', cpe: 'cpe:/o:microsoft:windows_10:1909', ranges: [] },
    ]);
  });

  it('a JVNDB tracking id is recorded as a JVN advisory', () => {
    const a = parseCsaf(
      doc({ full_product_names: [{ product_id: 'p', name: 'x' }] }, ['p'], 'JVNDB-2026-000001'),
    );
    expect(a.source).toBe('jvn');
  });

  it.each([
    ['vers:generic/<1.2', { type: 'vers', vers: 'vers:generic/<1.2' }],
    ['<2.3.4', { type: 'before', version: '2.3.4' }],
    ['prior to 9.8p1', { type: 'before', version: '9.8p1' }],
    ['<= 3.0', { type: 'before', version: '3.0', inclusive: true }],
    ['2.4.50 より前', { type: 'before', version: '2.4.50', inclusive: false }],
    ['all versions', { type: 'all' }],
    ['someday', null],
  ])('product_version_range "%s" → %j', (text, range) => expect(rangeFromText(text)).toEqual(range));

  it('names every problem by its JSON path', () => {
    try {
      parseCsaf({ document: { csaf_version: '2.0', title: '', tracking: {} }, vulnerabilities: [] });
      expect.unreachable();
    } catch (e) {
      expect((e as CsafError).problems.map((p) => p.path)).toEqual([
        '$.document.tracking.id',
        '$.document.title',
        '$.vulnerabilities',
      ]);
    }
  });
});
