import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs, PASSWORD, roleByKey } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { auditEvents } from '../audit/schema.js';
import { people, tenants } from '../org/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { rebuildCounters } from './campaign-counters.js';
import { campaignMembers, submissions } from './schema.js';

// People, not questionnaires (000 L1030, 000 L1036); every staff member answers (001 L2774); the
// viewer's every subtree; small groups withheld on screen and merged upward when figures leave.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let campaignId: string;
let head: Awaited<ReturnType<typeof loginAs>>;
let viewer: Awaited<ReturnType<typeof loginAs>>;
let partTime: string;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  // Five people in each of two divisions, none with an explicit role: they are staff all the same.
  const a1 = [];
  for (let i = 0; i < 5; i++) a1.push(await loginAs(t, { unit: tree.divA1 }));
  for (let i = 0; i < 5; i++) await buildPerson(t, { unit: tree.divB1, account: false });
  partTime = a1[0]!.person.id;
  await t.sys.db.update(people).set({ employmentType: 'part_time' }).where(eq(people.id, partTime));
  // The head of the first division holds the division role only, and answers as staff too.
  head = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
  // An auditor of two divisions (selfcheck.view there, not agency-wide), working in a third one.
  viewer = await loginAs(t, { unit: tree.divA2, roles: ['audit_officer'], roleUnit: tree.divA1 });
  const auditor = await roleByKey(t.sys, tree.tenant.id, 'audit_officer');
  await t.sys.db.insert(roleAssignments).values({
    tenantId: tree.tenant.id,
    personId: viewer.person.id,
    roleId: auditor.id,
    unitId: tree.divB1.id,
  });
  await viewer.client.login(viewer.login, PASSWORD);
  await t.sys.db
    .insert(tenants)
    .values({ code: 'nisc', kind: 'central', nameJa: '内閣サイバーセキュリティセンター' });
  campaignId = (await buildOpenCampaign(admin)).campaignId;
  for (const p of a1) await answerAll(p.client, campaignId);
  // The head submits the staff questionnaire only.
  const mine = (await head.client.get('/api/v1/selfcheck/my')).json().items as {
    memberId: string;
    roleKey: string;
  }[];
  expect(mine.map((q) => q.roleKey).sort()).toEqual(['division_security_officer', 'staff']);
  await answerAll(head.client, campaignId, () => 'implemented');
  await t.sys.db
    .update(campaignMembers)
    .set({ state: 'draft', submittedAt: null })
    .where(
      and(
        eq(campaignMembers.campaignId, campaignId),
        eq(campaignMembers.personId, head.person.id),
        eq(campaignMembers.roleKey, 'division_security_officer'),
      ),
    );
  // Written past the answer service (no route withdraws a submission): the counters follow by recount.
  await rebuildCounters(t.sys.db, campaignId);
});
afterAll(() => t.close());

describe('every staff member answers (001 L2774)', () => {
  it('gives everyone of the agency the staff questionnaire at their unit, part-time staff included', async () => {
    const members = await t.sys.db
      .select()
      .from(campaignMembers)
      .where(eq(campaignMembers.campaignId, campaignId));
    const staff = members.filter((m) => m.roleKey === 'staff');
    // admin, 5 + 5 staff, the head, the auditor: 13 people without needing a staff role.
    expect(staff).toHaveLength(13);
    expect(staff.find((m) => m.personId === partTime)?.unitId).toBe(tree.divA1.id);
    expect(members.filter((m) => m.personId === head.person.id)).toHaveLength(2);
  });
});

describe('people, not questionnaires (000 L1030, 000 L1036)', () => {
  it('counts people in the campaign list', async () => {
    const c = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}`)).json();
    // 14 questionnaires of 13 people; the head, who submitted one of two, has not submitted yet.
    expect(c.counts).toMatchObject({ inScope: 13, submitted: 5 });
  });

  it('counts a person with two roles once overall and once in each group', async () => {
    const r = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect([r.overall.inScope, r.overall.captured]).toEqual([13, 5]);
    expect([r.groups.staff.inScope, r.groups.staff.captured]).toEqual([13, 6]);
    expect([r.groups.managers.inScope, r.groups.managers.captured]).toEqual([1, 0]);
    const divA1 = r.units.find((u: { unitId: string }) => u.unitId === tree.divA1.id);
    expect([divA1.figures.inScope, divA1.figures.captured]).toEqual([6, 5]);
  });

  it('shows the staff-area table with the eight areas', async () => {
    const r = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.staffAreas).toHaveLength(8);
    expect(r.staffAreas.some((a: { nisc: number | null }) => a.nisc === 1)).toBe(true);
  });
});

describe('scope across all subtrees', () => {
  it('shows a viewer of two divisions both of them and nothing else', async () => {
    const r = (await viewer.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.rootUnitIds.sort()).toEqual([tree.divA1.id, tree.divB1.id].sort());
    expect(r.units.map((u: { unitId: string }) => u.unitId).sort()).toEqual(
      [tree.divA1.id, tree.divB1.id].sort(),
    );
    // 6 people in the first division and 5 in the other; not the admin, not the auditor (divA2).
    expect(r.overall.inScope).toBe(11);
    const p = (await viewer.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/progress`)).json();
    expect(p.children.map((c: { unitId: string }) => c.unitId).sort()).toEqual(
      [tree.divA1.id, tree.divB1.id].sort(),
    );
    // People (000 L1030): the head holds two questionnaires and counts once, in progress (one of two
    // submitted); 6 in the first division, 5 in the other.
    expect(p.unit).toMatchObject({ inScope: 11, submitted: 5, draft: 1, notStarted: 5 });
    const a1 = p.children.find((c: { unitId: string }) => c.unitId === tree.divA1.id);
    expect(a1).toMatchObject({ inScope: 6, submitted: 5, draft: 1, notStarted: 0 });
    const pending = (await viewer.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/pending`)).json();
    expect(pending.total).toBe(6); // the head's division questionnaire and the second division's five
    const other = await viewer.client.get(
      `/api/v1/selfcheck/campaigns/${campaignId}/results?unitId=${tree.divA2.id}`,
    );
    expect(other.statusCode).toBe(404);
  });
});

describe('small groups (minimum group size)', () => {
  it('withholds a group of fewer people from a viewer not allowed to see individual results', async () => {
    const r = (await viewer.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.minGroupSize).toBe(5);
    expect(r.groups.managers).toMatchObject({ inScope: 1, suppressed: true, captured: null, coverage: null });
    expect(r.roles.division_security_officer.suppressed).toBe(true);
    expect(r.groups.staff.suppressed).toBeUndefined();
    expect(r.groups.staff.coverage).not.toBeNull();
  });

  it('shows it to the security office (selfcheck.manage agency-wide)', async () => {
    const r = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.minGroupSize).toBeNull();
    expect(r.groups.managers.suppressed).toBeUndefined();
    expect(r.groups.managers.coverage).toBe(0);
  });

  it('merges small units upward in the export', async () => {
    const csv = await admin.get(
      `/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=csv&table=units`,
    );
    const lines = csv.body.split('\r\n');
    // divA2 (the auditor alone) merges into its bureau; the five-person divisions stay.
    expect(lines.some((l) => l.startsWith(`${tree.divA2.code},`))).toBe(false);
    expect(lines.some((l) => l.startsWith(`${tree.divB1.code},`))).toBe(true);
    expect(lines.some((l) => l.includes('上位に統合'))).toBe(true);
  });

  it('merges small roles and groups before the figures go to the central body', async () => {
    for (const to of ['closed', 'published'])
      expect(
        (
          await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, {
            to,
            ...(to === 'published' ? { submitToCentral: true } : {}),
          })
        ).statusCode,
      ).toBe(200);
    const [s] = await t.sys.db.select().from(submissions).where(eq(submissions.fromTenantId, tree.tenant.id));
    const payload = s!.payload as {
      groups: Record<string, { inScope: number }>;
      roles: Record<string, { inScope: number }>;
      merged: { groups: string[]; roles: string[] };
      staffAreas: unknown[];
    };
    for (const f of [...Object.values(payload.groups), ...Object.values(payload.roles)])
      expect(f.inScope).toBeGreaterThanOrEqual(5);
    expect(payload.merged.roles).toContain('division_security_officer');
    expect(payload.merged.groups).toContain('managers');
    expect(payload.staffAreas).toHaveLength(8);
  });
});

describe('the agency setting of the minimum group size', () => {
  it('may be changed by org.manage agency-wide only, within 1..100, audited', async () => {
    expect((await admin.get('/api/v1/org/settings')).json()).toMatchObject({ minGroupSize: 5 });
    expect((await head.client.patch('/api/v1/org/settings', { minGroupSize: 1 })).statusCode).toBe(403);
    expect((await viewer.client.patch('/api/v1/org/settings', { minGroupSize: 1 })).statusCode).toBe(403);
    expect((await admin.patch('/api/v1/org/settings', { minGroupSize: 0 })).statusCode).toBe(400);
    expect((await admin.patch('/api/v1/org/settings', { minGroupSize: 101 })).statusCode).toBe(400);
    const ok = await admin.patch('/api/v1/org/settings', { minGroupSize: 1 });
    expect(ok.json()).toMatchObject({ minGroupSize: 1 });
    const events = await t.sys.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'tenant.settings_update'));
    expect(events.map((e) => e.after)).toEqual([
      { minGroupSize: 1, sessionIdleMinutes: null, sessionAbsoluteHours: null },
    ]);
    const r = (await viewer.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(r.groups.managers.suppressed).toBeUndefined();
  });
});
