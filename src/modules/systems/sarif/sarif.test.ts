import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInJapan } from '../../../lib/dates.js';
import { buildTestApp, type Client, type TestApp } from '../../../test/app.js';
import { buildAgencyTree, loginAs } from '../../../test/factories.js';
import { schemaErrors } from '../../../test/json-schema.js';
import { systemHosts, systems } from '../schema.js';
import { findingsToSarif, ruleIdOf, type SarifFindingRow } from './sarif.js';
import type { SarifResult } from './types.js';

const row = (over: Partial<SarifFindingRow>): SarifFindingRow => ({
  id: '11111111-2222-4333-8444-555555555555',
  systemCode: 'SYS1',
  systemName: '共通基盤',
  hostLabel: 'www.example.go.jp:443',
  source: 'testssl',
  title: 'SSLv3 が有効',
  band: 'high',
  cvssScore: 7.5,
  cvssVector: null,
  description: 'offered',
  recommendation: '',
  evidence: { testsslId: 'SSLv3', cve: 'CVE-2014-3566' },
  foundOn: '2026-04-10',
  targetDate: '2026-04-24',
  status: 'open',
  acceptedReason: null,
  ...over,
});

describe('findingsToSarif', () => {
  const log = findingsToSarif([
    row({}),
    row({ id: '21111111-2222-4333-8444-555555555555', hostLabel: '192.0.2.10:443' }),
    row({
      id: '31111111-2222-4333-8444-555555555555',
      source: 'zap',
      title: 'X-Frame-Options ヘッダなし',
      band: 'medium',
      evidence: { pluginId: '10020', cwe: 'CWE-1021', uris: ['https://www.example.go.jp/login'] },
      status: 'accepted',
      acceptedReason: '別の対策あり',
    }),
  ]);

  it('validates against the SARIF subset schema', () => {
    expect(schemaErrors('sarif', log)).toEqual([]);
  });

  it('makes one run per tool and one rule per finding kind, shared by findings of that kind', () => {
    expect(log.runs.map((r) => r.tool.driver.name)).toEqual(['testssl.sh', 'OWASP ZAP']);
    const [testssl, zap] = log.runs;
    expect(testssl!.tool.driver.rules.map((r) => r.id)).toEqual(['SSLv3']);
    expect(testssl!.results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['SSLv3', 0, 'error'],
      ['SSLv3', 0, 'error'],
    ]);
    expect(zap!.tool.driver.rules[0]).toMatchObject({ id: 'zap-10020', properties: { tags: ['CWE-1021'] } });
  });

  it('locates a URL as an artifact and a host as a logical location; an accepted risk is suppressed', () => {
    const [testssl, zap] = log.runs;
    expect(testssl!.results[0]!.locations).toEqual([
      {
        logicalLocations: [
          { name: 'SYS1', fullyQualifiedName: 'SYS1 共通基盤', kind: 'module' },
          { name: 'www.example.go.jp:443', kind: 'resource' },
        ],
      },
    ]);
    const z = zap!.results[0]!;
    expect(z.level).toBe('warning');
    expect(z.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'https://www.example.go.jp/login' },
    });
    expect(z.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: '別の対策あり' }]);
  });

  it('names a kind by its title when the scanner gave no id', () => {
    expect(ruleIdOf({ source: 'probe', evidence: {}, title: 'TLS  1.0 有効' })).toBe('title:tls 1.0 有効');
  });

  it('the schema refuses a result without a message, or an unknown level', () => {
    const bad = structuredClone(log) as { runs: { results: Partial<SarifResult>[] }[] };
    delete bad.runs[0]!.results[0]!.message;
    bad.runs[0]!.results[1]!.level = 'critical' as SarifResult['level'];
    expect(schemaErrors('sarif', bad)).toHaveLength(2);
  });
});

describe('GET /findings/export?format=sarif', () => {
  let t: TestApp;
  let manager: Client;
  let viewerA2: Client;
  let other: Client;

  beforeAll(async () => {
    t = await buildTestApp();
    const tree = await buildAgencyTree(t);
    manager = (await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer'] })).client;
    viewerA2 = (await loginAs(t, { unit: tree.divA2, roles: ['division_security_officer'] })).client;
    other = (await buildAgencyTree(t)).admin.client;
    const [sys] = await t.sys.db
      .insert(systems)
      .values({ tenantId: tree.tenant.id, unitId: tree.divA1.id, code: 'SYS1', name: '共通基盤' })
      .returning();
    await t.sys.db.insert(systemHosts).values({
      tenantId: tree.tenant.id,
      systemId: sys!.id,
      role: 'web',
      name: 'www',
      addresses: ['192.0.2.10'],
      domains: ['www.example.go.jp'],
    });
    const upload = (file: string, query: string) =>
      manager.request({
        method: 'POST',
        url: `/api/v1/findings/import?${query}&dryRun=false&foundOn=${todayInJapan()}`,
        payload: file,
        headers: { 'content-type': 'text/plain' },
      });
    const testssl = JSON.stringify([
      { id: 'SSLv3', ip: 'www.example.go.jp/192.0.2.10', port: '443', severity: 'HIGH', finding: 'offered' },
    ]);
    expect((await upload(testssl, 'format=testssl&fileName=t.json')).statusCode).toBe(200);
    const zap = JSON.stringify({
      site: [
        {
          '@host': 'www.example.go.jp',
          alerts: [
            {
              name: 'クリックジャッキング対策なし',
              riskcode: '2',
              pluginid: '10020',
              cweid: '1021',
              instances: [{ uri: 'https://www.example.go.jp/' }],
            },
          ],
        },
      ],
    });
    expect((await upload(zap, 'format=zap&fileName=z.json')).statusCode).toBe(200);
    // A diagnosis company's CSV is not scanner output: it stays out of SARIF.
    const csv = 'system_code,host,title,severity\nSYS1,www,手作業の指摘,low\n';
    expect((await upload(csv, 'format=csv&fileName=c.csv')).statusCode).toBe(200);
  });
  afterAll(() => t.close());

  it('exports the scanner findings only, valid against the schema', async () => {
    const res = await manager.get('/api/v1/findings/export?format=sarif');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/sarif+json');
    const log = res.json();
    expect(schemaErrors('sarif', log)).toEqual([]);
    expect(log.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)).toEqual([
      'testssl.sh',
      'OWASP ZAP',
    ]);
    expect(res.body).not.toContain('手作業の指摘');
  });

  it('gives those who may not see the system, and other agencies, an empty log', async () => {
    for (const c of [viewerA2, other]) {
      const res = await c.get('/api/v1/findings/export?format=sarif');
      expect(res.statusCode).toBe(200);
      expect(res.json().runs).toEqual([]);
    }
  });
});
