import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInJapan } from '../../lib/dates.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { systemFindings } from './finding-schema.js';
import { systemHosts, systemProbeRuns, systems } from './schema.js';

// Diagnosis findings through the API: imports (all or nothing, refused with the line or JSON path),
// re-test on the next year's import, the owner's answer, verified closure, views and who may not call.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let manager: Client; // system.manage over bureau A (chief_security_officer)
let viewerA2: Client; // system.view over division A2 only
let staff: Client;
let owner: Client; // the security officer of SYS1, no permission of their own
let ownerPersonId: string;
let other: Client; // system.manage in another agency
let sys1: string;
let sys2: string;
let www: string;
let mail: string;

async function insertSystem(tenantId: string, unitId: string, code: string, officer: string | null = null) {
  const [s] = await t.sys.db
    .insert(systems)
    .values({ tenantId, unitId, code, name: `システム ${code}`, securityOfficerId: officer })
    .returning();
  return s!.id;
}

async function insertHost(
  tenantId: string,
  systemId: string,
  name: string,
  addresses: string[],
  domains: string[],
  role: 'web' | 'mail' = 'web',
) {
  const [h] = await t.sys.db
    .insert(systemHosts)
    .values({ tenantId, systemId, role, name, addresses, domains })
    .returning();
  return h!.id;
}

function upload(c: Client, file: string, query: string) {
  return c.request({
    method: 'POST',
    url: `/api/v1/findings/import?${query}`,
    payload: file,
    headers: { 'content-type': 'text/plain' },
  });
}

const CSV_2025 = [
  'system_code,host,title,cvss_score,cvss_vector,severity,description,recommendation,found_on',
  'SYS1,www,SQLインジェクション,9.8,,,検索画面,プレースホルダを使う,2026-04-10',
  'SYS1,www,クロスサイトスクリプティング,,CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N,,,,2026-04-10',
  'SYS2,,管理画面のパスワードが弱い,,,high,,,2026-04-10',
].join('\n');

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  manager = (await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer'] })).client;
  viewerA2 = (await loginAs(t, { unit: tree.divA2, roles: ['division_security_officer'] })).client;
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  const o = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  owner = o.client;
  ownerPersonId = o.person.id;
  const tid = tree.tenant.id;
  sys1 = await insertSystem(tid, tree.divA1.id, 'SYS1', ownerPersonId);
  sys2 = await insertSystem(tid, tree.divA1.id, 'SYS2');
  www = await insertHost(tid, sys1, 'www', ['192.0.2.10'], ['www.example.go.jp']);
  mail = await insertHost(tid, sys1, 'mail', ['192.0.2.25'], ['example.go.jp'], 'mail');
  // Another agency with a host of the same name: never matched, never visible.
  const otherTree = await buildAgencyTree(t);
  other = otherTree.admin.client;
  const otherSys = await insertSystem(otherTree.tenant.id, otherTree.divA1.id, 'SYS1');
  await insertHost(otherTree.tenant.id, otherSys, 'www', ['192.0.2.99'], ['www.other.go.jp']);
});
afterAll(async () => t.close());

describe('CSV import', () => {
  it('dry-runs, then imports, with the CVSS band → target date and the owner', async () => {
    const dry = await upload(manager, CSV_2025, 'format=csv&fileName=2025.csv');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      importId: null,
      counts: { new: 3, present: 0, absent: 0 },
    });
    expect((await t.sys.db.select().from(systemFindings)).length).toBe(0);

    const res = await upload(manager, CSV_2025, 'format=csv&fileName=2025.csv&dryRun=false');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.new).toBe(3);
    const list = await manager.get(`/api/v1/findings?systemId=${sys1}`);
    const items = list.json().items as {
      title: string;
      band: string;
      cvssScore: number;
      targetDate: string;
      ownerId: string;
      hostId: string;
    }[];
    expect(items.map((i) => [i.title, i.band, i.cvssScore, i.targetDate])).toEqual([
      ['SQLインジェクション', 'high', 9.8, '2026-04-24'],
      ['クロスサイトスクリプティング', 'medium', 6.1, '2026-07-09'],
    ]);
    expect(items.every((i) => i.ownerId === ownerPersonId && i.hostId === www)).toBe(true);
  });

  it('refuses an unknown system or host naming the file and line; nothing imported', async () => {
    const before = (await t.sys.db.select().from(systemFindings)).length;
    const csv = 'system_code,host,title,severity\nSYS1,www,A,high\nNOPE,,B,high\nSYS1,db9,C,low\n';
    const res = await upload(manager, csv, 'format=csv&fileName=bad.csv&dryRun=false');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('import_invalid');
    expect(res.json().errors.map((e: { path: string; line: number }) => [e.path, e.line])).toEqual([
      ['bad.csv: line 3', 3],
      ['bad.csv: line 4', 4],
    ]);
    expect((await t.sys.db.select().from(systemFindings)).length).toBe(before);
    // The explicit option imports the rest and lists the unmatched rows.
    const listed = await upload(manager, csv, 'format=csv&fileName=bad.csv&unmatched=list');
    expect(listed.json().unassigned.map((u: { reason: string }) => u.reason)).toEqual([
      'unknown_system',
      'unknown_host',
    ]);
  });

  it('refuses a malformed file naming the line and column', async () => {
    const res = await upload(
      manager,
      'system_code,title,cvss_score\nSYS1,x,12\n',
      'format=csv&fileName=m.csv',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({
      path: 'm.csv: line 2, column cvss_score',
      line: 2,
      column: 'cvss_score',
    });
  });

  it('re-import of next year: still present stays open, absent is "not found in re-test"', async () => {
    const next = [
      'system_code,host,title,cvss_score,found_on',
      'SYS1,www,SQLインジェクション,9.8,2027-04-10',
      'SYS2,,管理画面のパスワードが弱い,8.0,2027-04-10',
    ].join('\n');
    const res = await upload(manager, next, 'format=csv&fileName=2026.csv&dryRun=false');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ new: 0, present: 2, absent: 1 });
    const rows = await t.sys.db.select().from(systemFindings).where(eq(systemFindings.systemId, sys1));
    const sqli = rows.find((r) => r.title === 'SQLインジェクション')!;
    const xss = rows.find((r) => r.title === 'クロスサイトスクリプティング')!;
    expect([sqli.status, sqli.retest, sqli.foundOn]).toEqual(['open', 'present', '2026-04-10']);
    expect([xss.status, xss.retest]).toEqual(['open', 'absent']);
  });
});

describe('scanner files and probe runs', () => {
  it('imports testssl.sh JSON, matching the address or domain of a ledger host', async () => {
    const json = JSON.stringify([
      {
        id: 'SSLv3',
        ip: 'www.example.go.jp/192.0.2.10',
        port: '443',
        severity: 'HIGH',
        finding: 'offered',
        cve: 'CVE-2014-3566',
      },
      {
        id: 'cipherlist_3DES_IDEA',
        ip: '192.0.2.10/192.0.2.10',
        port: '443',
        severity: 'MEDIUM',
        finding: 'offered',
      },
      { id: 'TLS1_3', ip: 'www.example.go.jp/192.0.2.10', port: '443', severity: 'OK', finding: 'offered' },
    ]);
    const res = await upload(
      manager,
      json,
      `format=testssl&fileName=testssl.json&dryRun=false&foundOn=${todayInJapan()}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts).toMatchObject({ new: 2, skipped: 1 });
    expect(res.json().items.map((i: { hostLabel: string }) => i.hostLabel)).toEqual([
      'www.example.go.jp:443',
      '192.0.2.10:443',
    ]);
  });

  it('refuses a testssl host outside the ledger naming the JSON path (another agency’s host too)', async () => {
    const json = JSON.stringify([
      { id: 'SSLv3', ip: 'www.other.go.jp/192.0.2.99', port: '443', severity: 'HIGH', finding: 'offered' },
    ]);
    const res = await upload(manager, json, 'format=testssl&fileName=t.json');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('t.json: $[0]');
    const bad = await upload(manager, '[{"id":"x"}]', 'format=testssl&fileName=t.json');
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('t.json: $[0].ip');
  });

  it('imports a ZAP report on the site host', async () => {
    const json = JSON.stringify({
      site: [
        {
          '@name': 'https://www.example.go.jp',
          '@host': 'www.example.go.jp',
          '@port': '443',
          alerts: [
            {
              pluginid: '10038',
              name: 'CSP Header Not Set',
              riskcode: '2',
              solution: '<p>Set CSP</p>',
              cweid: '693',
              instances: [{ uri: 'https://www.example.go.jp/' }],
            },
          ],
        },
      ],
    });
    const res = await upload(manager, json, 'format=zap&fileName=zap.json&dryRun=false');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({ action: 'new', band: 'medium', systemCode: 'SYS1' });
    const bad = await upload(
      manager,
      '{"site":[{"@host":"www.example.go.jp","alerts":[{"name":"x","riskcode":"9"}]}]}',
      'format=zap&fileName=z.json',
    );
    expect(bad.json().errors[0].path).toBe('z.json: $.site[0].alerts[0].riskcode');
  });

  it('turns a probe run’s bad verdicts into findings, and the next good run re-tests them', async () => {
    const tid = tree.tenant.id;
    const [run] = await t.sys.db
      .insert(systemProbeRuns)
      .values({
        tenantId: tid,
        systemId: sys1,
        hostId: mail,
        kind: 'mail',
        target: 'example.go.jp',
        result: {
          domain: 'example.go.jp',
          mx: ['mx.example.go.jp'],
          spf: { record: null, all: 'none' },
          dmarc: { record: 'v=DMARC1; p=reject', policy: 'reject' },
        },
        finishedAt: new Date(),
      })
      .returning();
    const dry = await manager.post(`/api/v1/findings/from-probe/${run!.id}`, { dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().items.map((i: { title: string; action: string }) => [i.title, i.action])).toEqual([
      ['SPF レコードがない', 'new'],
    ]);
    expect(
      (await manager.post(`/api/v1/findings/from-probe/${run!.id}`, { dryRun: false })).json().counts.new,
    ).toBe(1);
    const [good] = await t.sys.db
      .insert(systemProbeRuns)
      .values({
        tenantId: tid,
        systemId: sys1,
        hostId: mail,
        kind: 'mail',
        target: 'example.go.jp',
        result: {
          domain: 'example.go.jp',
          mx: [],
          spf: { record: 'v=spf1 -all', all: '-all' },
          dmarc: { record: 'v=DMARC1; p=reject', policy: 'reject' },
        },
        finishedAt: new Date(),
      })
      .returning();
    const again = await manager.post(`/api/v1/findings/from-probe/${good!.id}`, { dryRun: false });
    expect(again.json().counts).toMatchObject({ new: 0, absent: 1 });
    // Another agency's manager cannot use this run: the same 404 as a random id.
    expect((await other.post(`/api/v1/findings/from-probe/${good!.id}`, { dryRun: true })).statusCode).toBe(
      404,
    );
    expect(
      (await manager.post(`/api/v1/findings/from-probe/${crypto.randomUUID()}`, { dryRun: true })).statusCode,
    ).toBe(404);
  });
});

describe('the owner answers, the manager verifies', () => {
  async function findingId(title: string) {
    const [f] = await t.sys.db.select().from(systemFindings).where(eq(systemFindings.title, title));
    return f!.id;
  }

  it('owner marks fixed; verification needs a re-test; reopen; accept with reason; history', async () => {
    const id = await findingId('SQLインジェクション');
    // The owner (no permission, but the system's security officer) sees and answers their finding.
    expect((await owner.get(`/api/v1/findings/${id}`)).statusCode).toBe(200);
    expect((await owner.get('/api/v1/findings')).json().total).toBeGreaterThan(0);
    expect((await staff.post(`/api/v1/findings/${id}/fix`, { note: 'x' })).statusCode).toBe(404);
    expect((await owner.post(`/api/v1/findings/${id}/fix`, { note: 'パッチ適用' })).json().status).toBe(
      'fixed',
    );
    expect((await owner.post(`/api/v1/findings/${id}/verify`, {})).statusCode).toBe(403);
    // The latest import still found it: cannot be closed without a new re-test.
    expect((await manager.post(`/api/v1/findings/${id}/verify`, {})).statusCode).toBe(409);
    const closed = await manager.post(`/api/v1/findings/${id}/verify`, {
      retestedOn: todayInJapan(),
      note: '再診断で解消を確認',
    });
    expect(closed.json().status).toBe('closed');
    expect((await manager.post(`/api/v1/findings/${id}/reopen`, { note: '再発' })).json().status).toBe(
      'open',
    );
    expect((await manager.post(`/api/v1/findings/${id}/accept`, { reason: '' })).statusCode).toBe(400);
    expect(
      (await manager.post(`/api/v1/findings/${id}/accept`, { reason: '次期更改で対応' })).json().status,
    ).toBe('accepted');
    const detail = (await manager.get(`/api/v1/findings/${id}`)).json();
    expect(detail.acceptedReason).toBe('次期更改で対応');
    expect(detail.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'retest_present',
      'fixed',
      'verified',
      'reopened',
      'accepted',
    ]);
  });

  it('a finding absent in the re-test is verified without a manual re-test', async () => {
    const id = await findingId('クロスサイトスクリプティング');
    expect((await manager.post(`/api/v1/findings/${id}/verify`, {})).json().status).toBe('closed');
  });

  it('verify with outcome reopened sends a fixed finding back', async () => {
    const id = await findingId('管理画面のパスワードが弱い');
    await manager.post(`/api/v1/findings/${id}/fix`, {});
    expect(
      (await manager.post(`/api/v1/findings/${id}/verify`, { outcome: 'reopened', note: 'まだ弱い' })).json()
        .status,
    ).toBe('open');
  });
});

describe('views and who may not call', () => {
  it('summarises outstanding findings by division and age; the critical card counts CVSS ≥ 7', async () => {
    const id = (
      await t.sys.db
        .select()
        .from(systemFindings)
        .where(eq(systemFindings.title, '管理画面のパスワードが弱い'))
    )[0]!.id;
    await t.sys.db
      .update(systemFindings)
      .set({ foundOn: addDays(todayInJapan(), -200), targetDate: addDays(todayInJapan(), -1) })
      .where(eq(systemFindings.id, id));
    const s = (await manager.get('/api/v1/findings/summary')).json();
    expect(s.units).toHaveLength(1);
    expect(s.units[0]).toMatchObject({ unitId: tree.divA1.id, overdue: 1 });
    expect(s.units[0].ages['181+']).toBe(1);
    const card = (await manager.get('/api/v1/findings/critical')).json();
    expect(card).toMatchObject({ overdue: 1 });
    expect(card.open).toBeGreaterThanOrEqual(2);
    const overdue = (await manager.get('/api/v1/findings?overdue=true')).json();
    expect(overdue.items.map((i: { id: string }) => i.id)).toEqual([id]);
    const paged = (await manager.get('/api/v1/findings?pageSize=2&page=2')).json();
    expect(paged.items.length).toBeLessThanOrEqual(2);
    expect(
      (await manager.get('/api/v1/findings?q=SQL'))
        .json()
        .items.every((i: { title: string }) => i.title.includes('SQL')),
    ).toBe(true);
  });

  it('hides findings from other units, other agencies and staff', async () => {
    const [f] = await t.sys.db.select().from(systemFindings).limit(1);
    expect((await viewerA2.get('/api/v1/findings')).json().total).toBe(0);
    expect((await viewerA2.get(`/api/v1/findings/${f!.id}`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/findings')).json().total).toBe(0);
    expect((await staff.get(`/api/v1/findings/${f!.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/findings/${f!.id}`)).statusCode).toBe(404);
    expect((await other.get('/api/v1/findings')).json().total).toBe(0);
    expect((await other.post(`/api/v1/findings/${f!.id}/reopen`, { note: 'x' })).statusCode).toBe(404);
    expect((await staff.get('/api/v1/findings/critical')).json()).toEqual({ open: 0, overdue: 0 });
  });

  it('refuses imports, manual entries, verification and the policy to those without system.manage', async () => {
    const [f] = await t.sys.db.select().from(systemFindings).limit(1);
    for (const c of [viewerA2, staff, owner]) {
      expect((await upload(c, CSV_2025, 'format=csv&fileName=x.csv')).statusCode).toBe(403);
      expect((await c.post('/api/v1/findings', { systemId: sys1, title: 'x', band: 'low' })).statusCode).toBe(
        403,
      );
      expect((await c.post(`/api/v1/findings/${f!.id}/verify`, {})).statusCode).toBe(403);
      expect(
        (
          await c.request({
            method: 'PUT',
            url: '/api/v1/findings/policy',
            payload: { highDays: 1, mediumDays: 2, lowDays: 3, infoDays: 4 },
          })
        ).statusCode,
      ).toBe(403);
    }
    // A manager of bureau A only is not agency-wide: the policy is refused.
    expect(
      (
        await manager.request({
          method: 'PUT',
          url: '/api/v1/findings/policy',
          payload: { highDays: 1, mediumDays: 2, lowDays: 3, infoDays: 4 },
        })
      ).statusCode,
    ).toBe(403);
    // Another agency's manager: SYS1 of this agency is unknown to them.
    expect(
      (await other.post('/api/v1/findings', { systemId: sys1, title: 'x', band: 'low' })).statusCode,
    ).toBe(404);
    const signedOut = await t.app.inject({ method: 'GET', url: '/api/v1/findings' });
    expect(signedOut.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/findings/critical' })).statusCode).toBe(401);
  });

  it('the agency administrator sets the days per band; new findings use them', async () => {
    const put = await tree.admin.client.request({
      method: 'PUT',
      url: '/api/v1/findings/policy',
      payload: { highDays: 7, mediumDays: 60, lowDays: 120, infoDays: 365 },
    });
    expect(put.statusCode, put.body).toBe(200);
    const created = await tree.admin.client.post('/api/v1/findings', {
      systemId: sys2,
      title: '手入力',
      band: 'high',
      foundOn: '2026-12-01',
    });
    expect(created.statusCode, created.body).toBe(201);
    const got = (await tree.admin.client.get(`/api/v1/findings/${created.json().id}`)).json();
    expect(got.targetDate).toBe('2026-12-08');
    expect(
      (await tree.admin.client.post('/api/v1/findings', { systemId: sys2, title: '手入力', band: 'high' }))
        .statusCode,
    ).toBe(409);
  });
});
