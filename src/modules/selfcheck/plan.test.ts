import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { TEST_PLAN } from '../../test/selfcheck.js';
import { auditEvents } from '../audit/schema.js';

// The self-check plan (003 L531-535) and the CISO's approval before the campaign opens (002 L265-267).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let other: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let ciso: Awaited<ReturnType<typeof loginAs>>;
let securityOfficer: Awaited<ReturnType<typeof loginAs>>;
let otherCiso: Awaited<ReturnType<typeof loginAs>>;
let policyId: string;

const put = (c: Client, id: string, payload: object) =>
  c.request({ method: 'PUT', url: `/api/v1/selfcheck/campaigns/${id}/plan`, payload });
const approve = (c: Client, id: string) => c.post(`/api/v1/selfcheck/campaigns/${id}/approval`);
const withdraw = (c: Client, id: string) =>
  c.request({ method: 'DELETE', url: `/api/v1/selfcheck/campaigns/${id}/approval` });
const open = (c: Client, id: string) =>
  c.post(`/api/v1/selfcheck/campaigns/${id}/transition`, { to: 'open' });

async function draft(body: object = {}) {
  const res = await admin.post('/api/v1/selfcheck/campaigns', {
    policyId,
    title: '令和8年度 自己点検',
    fiscalYear: 2026,
    startsOn: '2026-11-01',
    endsOn: '2026-12-15',
    ...body,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function actions(campaignId: string) {
  const rows = await t.sys.db
    .select({ action: auditEvents.action })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, campaignId)));
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  other = await buildAgencyTree(t);
  admin = tree.admin.client;
  ciso = await loginAs(t, { unit: tree.root, roles: ['ciso'], name: '最高 責任者' });
  securityOfficer = await loginAs(t, { unit: tree.bureauA, roles: ['security_officer'] });
  otherCiso = await loginAs(t, { unit: other.root, roles: ['ciso'] });
  const versions = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
    id: string;
    shipped: boolean;
  }[];
  policyId = (
    await admin.post('/api/v1/selfcheck/policies', {
      name: '方針',
      catalogVersionId: versions.find((v) => v.shipped)!.id,
    })
  ).json().id;
});
afterAll(() => t.close());

describe('the plan', () => {
  it('is saved whole; a missing part is a 400 naming the field and nothing is saved', async () => {
    const id = await draft();
    const { evaluation: _e, ...noEvaluation } = TEST_PLAN;
    const bad = await put(admin, id, noEvaluation);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.evaluation');
    const blank = await put(admin, id, { ...TEST_PLAN, policy: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors.map((e: { path: string }) => e.path)).toContain('body.policy');
    expect((await admin.get(`/api/v1/selfcheck/campaigns/${id}`)).json().plan).toBeNull();
    const ok = await put(admin, id, TEST_PLAN);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().plan).toEqual(TEST_PLAN);
    expect(ok.json().approval).toBeNull();
  });

  it('may come with the campaign; a plan missing a part refuses the whole campaign', async () => {
    const { timing: _t, ...noTiming } = TEST_PLAN;
    const bad = await admin.post('/api/v1/selfcheck/campaigns', {
      policyId,
      title: '計画不備',
      fiscalYear: 2026,
      startsOn: '2026-11-01',
      endsOn: '2026-12-15',
      plan: noTiming,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.plan.timing');
    const campaigns = (await admin.get('/api/v1/selfcheck/campaigns')).json().items;
    expect(campaigns.some((c: { title: string }) => c.title === '計画不備')).toBe(false);
    const id = await draft({ plan: { ...TEST_PLAN, metricDefinition: 'cabinet_office' } });
    expect((await admin.get(`/api/v1/selfcheck/campaigns/${id}`)).json().plan.metricDefinition).toBe(
      'cabinet_office',
    );
  });

  it('refuses an unknown metric definition, naming the field', async () => {
    const id = await draft();
    const res = await put(admin, id, { ...TEST_PLAN, metricDefinition: 'pooled' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.metricDefinition');
  });
});

describe('approval', () => {
  it('is needed to open: without it, a 409 problem with a stable code in Japanese and English', async () => {
    const id = await draft({ plan: TEST_PLAN });
    const ja = await open(admin, id);
    expect(ja.statusCode).toBe(409);
    expect(ja.json()).toMatchObject({ code: 'plan_not_approved' });
    expect(ja.json().title).toContain('承認');
    admin.lang = 'en';
    const en = await open(admin, id);
    admin.lang = 'ja';
    expect(en.json().title).toContain('approved');
    expect((await admin.get(`/api/v1/selfcheck/campaigns/${id}`)).json().state).toBe('draft');
  });

  it('by the CISO lets the campaign open; the page shows who approved and when', async () => {
    const id = await draft({ plan: TEST_PLAN });
    const res = await approve(ciso.client, id);
    expect(res.statusCode).toBe(200);
    expect(res.json().approval.approvedBy).toBe('最高 責任者');
    expect(Date.parse(res.json().approval.approvedAt)).not.toBeNaN();
    expect(await actions(id)).toContain('selfcheck.plan_approve');
    expect((await open(admin, id)).statusCode).toBe(200);
    // Extending the deadline of an open campaign keeps the approval that let it open on record.
    const extended = await admin.patch(`/api/v1/selfcheck/campaigns/${id}`, { endsOn: '2027-01-31' });
    expect(extended.json().approval).not.toBeNull();
    // Once open the plan is what was approved: it can no longer change.
    expect((await put(admin, id, { ...TEST_PLAN, timing: '1月' })).statusCode).toBe(409);
    expect((await withdraw(ciso.client, id)).statusCode).toBe(409);
  });

  it('needs a plan to approve', async () => {
    const id = await draft();
    const res = await approve(ciso.client, id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('invalid_state');
  });

  it('is withdrawn by editing the plan, and the withdrawal is audited', async () => {
    const id = await draft({ plan: TEST_PLAN });
    await approve(ciso.client, id);
    const same = await put(admin, id, { ...TEST_PLAN });
    expect(same.json().approval).not.toBeNull(); // saving the same plan changes nothing
    const edited = await put(admin, id, { ...TEST_PLAN, timing: '1月〜2月' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().approval).toBeNull();
    expect(await actions(id)).toEqual(
      expect.arrayContaining(['selfcheck.plan_update', 'selfcheck.plan_withdraw']),
    );
    expect((await open(admin, id)).json().code).toBe('plan_not_approved');
  });

  it('is withdrawn by changing the scope or period the plan covers, not by rewording', async () => {
    const id = await draft({ plan: TEST_PLAN });
    await approve(ciso.client, id);
    const renamed = await admin.patch(`/api/v1/selfcheck/campaigns/${id}`, { title: '改題' });
    expect(renamed.json().approval).not.toBeNull();
    const unchanged = await admin.patch(`/api/v1/selfcheck/campaigns/${id}`, { startsOn: '2026-11-01' });
    expect(unchanged.json().approval).not.toBeNull();
    const moved = await admin.patch(`/api/v1/selfcheck/campaigns/${id}`, { endsOn: '2027-01-15' });
    expect(moved.json().approval).toBeNull();
  });

  it('can be withdrawn by the CISO before opening', async () => {
    const id = await draft({ plan: TEST_PLAN });
    await approve(ciso.client, id);
    const res = await withdraw(ciso.client, id);
    expect(res.statusCode).toBe(200);
    expect(res.json().approval).toBeNull();
    expect((await withdraw(ciso.client, id)).statusCode).toBe(409);
    expect(await actions(id)).toContain('selfcheck.plan_withdraw');
  });
});

describe('who may approve', () => {
  it('not a security officer without selfcheck.approve', async () => {
    const id = await draft({ plan: TEST_PLAN });
    expect((await approve(securityOfficer.client, id)).statusCode).toBe(403);
    expect((await withdraw(securityOfficer.client, id)).statusCode).toBe(403);
    expect((await admin.get(`/api/v1/selfcheck/campaigns/${id}`)).json().approval).toBeNull();
  });

  it('not the CISO of another agency (not found, nothing approved)', async () => {
    const id = await draft({ plan: TEST_PLAN });
    expect((await approve(otherCiso.client, id)).statusCode).toBe(404);
    expect((await admin.get(`/api/v1/selfcheck/campaigns/${id}`)).json().approval).toBeNull();
  });

  it('not the CISO writing the plan: that needs selfcheck.manage', async () => {
    const id = await draft();
    expect((await put(ciso.client, id, TEST_PLAN)).statusCode).toBe(403);
  });

  it('not a delegate holding selfcheck.approve only below the root (agency-wide plans)', async () => {
    const role = await admin.post('/api/v1/roles', {
      key: 'plan_delegate',
      nameJa: '計画承認代理',
      nameEn: 'Plan approval delegate',
      permissions: ['selfcheck.approve'],
    });
    expect(role.statusCode).toBe(201);
    const delegate = await loginAs(t, { unit: tree.bureauA, roles: ['plan_delegate'] });
    const id = await draft({ plan: TEST_PLAN });
    expect((await approve(delegate.client, id)).statusCode).toBe(403);
    const rootDelegate = await loginAs(t, { unit: tree.root, roles: ['plan_delegate'] });
    expect((await approve(rootDelegate.client, id)).statusCode).toBe(200);
  });
});
