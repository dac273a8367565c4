import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../server/jobs/queue.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs, roleByKey } from '../../test/factories.js';
import { tenants } from '../org/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { closeDrillTransports } from './mailer.js';
import { drillEvents, drillRecipients } from './schema.js';
import { sendJob } from './send.js';
import { drillBody } from './test-helpers.js';

// Whose drill results a viewer sees: every subtree they hold drill.view on (and nothing else), and
// groups smaller than the agency's minimum group size (default 5) only when they may also see
// individual results (tenant-wide drill.manage). In the .xlsx export small units merge upward.
//
// Recipients: root 4 (admin and three viewers), 第一局 directly 3, 第一課 7, 第二課 2 (small),
// 第三課 5 (exactly the minimum: not small).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let drillId: string;
let twoDivs: Client;
let bureauOfficer: Client;
let bureauManager: Client;
let smallHead: Client;

async function staffIn(unit: { id: string; tenantId: string }, n: number) {
  const out = [];
  for (let i = 0; i < n; i++)
    out.push((await buildPerson(t, { unit, roles: ['staff'], account: false })).person);
  return out;
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  const inA1 = await staffIn(tree.divA1, 6);
  const inA2 = await staffIn(tree.divA2, 2);
  await staffIn(tree.bureauA, 3);
  const inB1 = await staffIn(tree.divB1, 5);
  // A division head of 第一課 who also holds the role at 第三課 (two grants of drill.view).
  const head = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
  const role = await roleByKey(t.sys, tree.tenant.id, 'division_security_officer');
  await t.sys.db.insert(roleAssignments).values({
    tenantId: tree.tenant.id,
    personId: head.person.id,
    roleId: role.id,
    unitId: tree.divB1.id,
  });
  twoDivs = head.client;
  bureauOfficer = (await loginAs(t, { unit: tree.root, roleUnit: tree.bureauA, roles: ['security_officer'] }))
    .client;
  bureauManager = (
    await loginAs(t, { unit: tree.root, roleUnit: tree.bureauA, roles: ['chief_security_officer'] })
  ).client;
  smallHead = (
    await loginAs(t, { unit: tree.root, roleUnit: tree.divA2, roles: ['division_security_officer'] })
  ).client;

  const created = await tree.admin.client.post('/api/v1/drills', drillBody());
  drillId = created.json().id;
  expect((await tree.admin.client.post(`/api/v1/drills/${drillId}/schedule`)).statusCode).toBe(200);
  await new Worker(t.sys, [sendJob as never]).drain();

  // 開封 by one person in 第二課 and two in 第一課; one image load in 第三課.
  const rows = await t.sys.db.select().from(drillRecipients).where(eq(drillRecipients.drillId, drillId));
  const rid = (personId: string) => rows.find((r) => r.personId === personId)!.id;
  const at = new Date(Date.now() + 60_000);
  await t.sys.db.insert(drillEvents).values([
    { drillId, recipientId: rid(inA2[0]!.id), kind: 'click', at },
    { drillId, recipientId: rid(inA1[0]!.id), kind: 'click', at },
    { drillId, recipientId: rid(inA1[1]!.id), kind: 'attachment', at },
    { drillId, recipientId: rid(inB1[0]!.id), kind: 'open', at },
  ]);
});
afterAll(async () => {
  closeDrillTransports();
  await t.close();
});

type Row = {
  key: string;
  label: string;
  targeted: number;
  delivered: number | null;
  suppressed: boolean;
  people: { opened: number; mailDisplayed: number } | null;
  all: { opened: number } | null;
};

const results = async (c: Client, query = '') => {
  const res = await c.get(`/api/v1/drills/${drillId}/results${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    unit: { id: string } | null;
    scope: { id: string }[];
    overall: Row;
    units: Row[];
    roles: Row[];
  };
};

async function sheet(c: Client, name: string, query = '') {
  const res = await c.get(`/api/v1/drills/${drillId}/results/export${query}`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.getWorksheet(name)!.eachRow((r, i) => {
    if (i > 1) rows.push((r.values as unknown[]).slice(1));
  });
  return rows;
}

describe('drill results over every subtree a viewer holds', () => {
  it('a head with drill.view on two divisions sees both, and nothing else', async () => {
    const r = await results(twoDivs);
    expect(r.unit).toBeNull();
    expect(r.scope.map((u) => u.id).sort()).toEqual([tree.divA1.id, tree.divB1.id].sort());
    expect(r.overall).toMatchObject({ targeted: 12, delivered: 12, suppressed: false });
    expect(r.overall.people).toMatchObject({ opened: 2, mailDisplayed: 1 });
    expect(r.units.map((u) => [u.key, u.targeted]).sort()).toEqual(
      [
        [tree.divA1.id, 7],
        [tree.divB1.id, 5],
      ].sort(),
    );
    expect((await results(twoDivs, `?unitId=${tree.divB1.id}`)).overall.targeted).toBe(5);
    for (const other of [tree.divA2, tree.bureauA, tree.bureauB, tree.root]) {
      const res = await twoDivs.get(`/api/v1/drills/${drillId}/results?unitId=${other.id}`);
      expect(res.statusCode, other.nameJa).toBe(404);
    }
  });

  it('the same two divisions in the summary card, the comparison and the sending progress', async () => {
    const summary = (await twoDivs.get('/api/v1/drills/summary')).json();
    expect(summary.drill.overall.targeted).toBe(12);
    const compare = (await twoDivs.get(`/api/v1/drills/${drillId}/compare`)).json();
    expect(compare.items[0].overall.targeted).toBe(12);
    expect((await twoDivs.get(`/api/v1/drills/${drillId}/progress`)).json().total).toBe(12);
    const overall = await sheet(twoDivs, '全体');
    expect(overall[0]![1]).toBe(12);
  });
});

describe('small groups in drill aggregates', () => {
  it('withholds a unit below the minimum from a bureau officer: flagged, figures null', async () => {
    const r = await results(bureauOfficer);
    const a2 = r.units.find((u) => u.key === tree.divA2.id)!;
    expect(a2).toMatchObject({ targeted: 2, suppressed: true, delivered: null, people: null, all: null });
    const a1 = r.units.find((u) => u.key === tree.divA1.id)!;
    expect(a1).toMatchObject({ targeted: 7, suppressed: false });
    expect(a1.people!.opened).toBe(2);
    const direct = r.units.find((u) => u.key === tree.bureauA.id)!;
    expect(direct).toMatchObject({ targeted: 3, suppressed: true });
  });

  it('withholds a role held by fewer people than the minimum', async () => {
    const r = await results(twoDivs);
    const heads = r.roles.find((g) => g.key === 'division_security_officer')!;
    expect(heads).toMatchObject({ targeted: 1, suppressed: true, people: null });
    expect(r.roles.find((g) => g.key === 'staff')).toMatchObject({ targeted: 11, suppressed: false });
  });

  it('withholds them from a drill.manage holder below the agency root too (no individual results)', async () => {
    const r = await results(bureauManager);
    expect(r.units.find((u) => u.key === tree.divA2.id)).toMatchObject({ suppressed: true, people: null });
  });

  it('withholds the overall figure when the viewer’s whole scope is small, on the card too', async () => {
    const r = await results(smallHead);
    expect(r.overall).toMatchObject({ targeted: 2, suppressed: true, people: null, all: null });
    const summary = (await smallHead.get('/api/v1/drills/summary')).json();
    expect(summary.drill.overall).toMatchObject({ suppressed: true, people: null });
    const compare = (await smallHead.get(`/api/v1/drills/${drillId}/compare`)).json();
    expect(compare.items[0].overall).toMatchObject({ suppressed: true, people: null });
  });

  it('shows small groups to the drill administrator, who may see individual results', async () => {
    const r = await results(tree.admin.client, `?unitId=${tree.bureauA.id}`);
    const a2 = r.units.find((u) => u.key === tree.divA2.id)!;
    expect(a2).toMatchObject({ targeted: 2, delivered: 2, suppressed: false });
    expect(a2.people!.opened).toBe(1);
  });

  it('merges a small unit into the unit above it in the .xlsx export', async () => {
    for (const [who, query] of [
      [bureauOfficer, ''],
      [tree.admin.client, `?unitId=${tree.bureauA.id}`],
    ] as const) {
      const rows = await sheet(who, '組織別', query);
      const labels = rows.map((r) => String(r[0]));
      expect(labels).not.toContain('第二課');
      const merged = rows.find((r) => String(r[0]).startsWith('第一局（直属）＋第二課'))!;
      // 3 directly in the bureau + 2 in 第二課; 開封 1 (people only, then with flagged events).
      expect(merged.slice(1, 5)).toEqual([5, 5, 1, 20]);
      expect(rows.find((r) => r[0] === '第一課')!.slice(1, 4)).toEqual([7, 7, 2]);
    }
  });

  it('follows the agency’s own minimum group size', async () => {
    await t.sys.db.update(tenants).set({ minGroupSize: 2 }).where(eq(tenants.id, tree.tenant.id));
    try {
      const r = await results(bureauOfficer);
      expect(r.units.find((u) => u.key === tree.divA2.id)).toMatchObject({ suppressed: false });
      expect(r.units.find((u) => u.key === tree.divA2.id)!.people!.opened).toBe(1);
    } finally {
      await t.sys.db.update(tenants).set({ minGroupSize: 5 }).where(eq(tenants.id, tree.tenant.id));
    }
  });
});
