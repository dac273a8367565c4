import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { verifyAuditTrail } from '../audit/service.js';
import { generateDemo } from './generate.js';
import { seedDemo } from './seed.js';
import { type SelfcheckSeedResult, seedDemoSelfcheck } from './selfcheck-seed.js';

const PASSWORD = 'demo-seed-test-password';
const plan = generateDemo({ staff: 300, seed: 3 });
const visitor = plan.people.find((p) => p.status === 'active' && p.staffNo !== plan.adminStaffNo)!.staffNo;
let t: TestApp;
let result: SelfcheckSeedResult;
let admin: Client;

beforeAll(async () => {
  // 300 staff above the product's limit for opening at once: the seed must not leave its campaigns'
  // questionnaires to the background job (it closed last year's before they existed, at 50,000 staff).
  t = await buildTestApp({
    login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 1000 },
    selfcheck: { syncOpenMaxPeople: 10 },
  });
  const seeded = await seedDemo(t.sys, { plan, password: PASSWORD });
  result = await seedDemoSelfcheck(t.sys, { tenantId: seeded.tenantId, seed: 3, visitorStaffNos: [visitor] });
  admin = new Client(t.app);
  await admin.login('admin', PASSWORD);
});
afterAll(() => t.close());

describe('the demo self-check', () => {
  it('has a published campaign last year and an open one this year with most staff answered', async () => {
    const campaigns = (await admin.get('/api/v1/selfcheck/campaigns')).json().items as {
      id: string;
      state: string;
      counts: { inScope: number; submitted: number };
    }[];
    const current = campaigns.find((c) => c.id === result.campaignId)!;
    const previous = campaigns.find((c) => c.id === result.previousCampaignId)!;
    expect(previous.state).toBe('published');
    expect(current.state).toBe('open');
    expect(current.counts.submitted / current.counts.inScope).toBeGreaterThan(0.6);
    expect(current.counts.submitted / current.counts.inScope).toBeLessThan(0.95);
  });

  it('opened both campaigns on a plan the CISO approved (002 L265-267)', async () => {
    for (const id of [result.previousCampaignId, result.campaignId]) {
      const c = (await admin.get(`/api/v1/selfcheck/campaigns/${id}`)).json();
      expect(c.plan.metricDefinition).toBe('nisc');
      expect(c.plan.timing).toMatch(/11月/);
      expect(c.approval.approvedBy).toBeTruthy();
      expect(Date.parse(c.approval.approvedAt)).not.toBeNaN();
    }
  });

  it('shows realistic results with a comparison to last year', async () => {
    const r = (await admin.get(`/api/v1/selfcheck/campaigns/${result.campaignId}/results`)).json();
    expect(r.groups.staff.implementation.nisc).toBeGreaterThan(0.85);
    expect(r.groups.staff.implementation.nisc).toBeLessThan(1);
    expect(r.previous.fiscalYear).toBe(2025);
    expect(r.overall.items[0].rate).toBeLessThan(r.overall.items.at(-1).rate ?? 1);
  });

  it('shows the staff-area table with plausible figures, the weakest area marked', async () => {
    const r = (await admin.get(`/api/v1/selfcheck/campaigns/${result.campaignId}/results`)).json();
    const areas = r.staffAreas as { area: string; nisc: number; weakest: boolean }[];
    expect(areas).toHaveLength(8);
    for (const a of areas) expect(a.nisc).toBeGreaterThan(0.7);
    for (const a of areas) expect(a.nisc).toBeLessThan(1);
    expect(areas.filter((a) => a.weakest).map((a) => a.area)).toEqual(['情報の作成と入手']);
  });

  it('leaves the administrator and the visitor staff with questionnaires to answer', async () => {
    const mine = (await admin.get('/api/v1/selfcheck/my')).json().items as {
      campaignId: string;
      state: string;
    }[];
    expect(mine.find((q) => q.campaignId === result.campaignId)!.state).toBe('not_started');
    const staff = new Client(t.app);
    await staff.login(visitor.toLowerCase(), PASSWORD);
    const theirs = (await staff.get('/api/v1/selfcheck/my')).json().items as {
      campaignId: string;
      state: string;
    }[];
    expect(theirs.find((q) => q.campaignId === result.campaignId)!.state).toBe('not_started');
  });

  it('submitted last year’s figures to the central body, which compares agencies', async () => {
    const nisc = new Client(t.app);
    await nisc.login('nisc', PASSWORD);
    const cmp = (await nisc.get('/api/v1/central/selfcheck?fiscalYear=2025')).json();
    expect(cmp.agencies.map((a: { agencyCode: string }) => a.agencyCode)).toEqual(['demo']);
    expect(cmp.governmentMean.overall.nisc).toBe(cmp.agencies[0].overall.nisc);
    // …and sees nothing else of the agency.
    expect((await nisc.get('/api/v1/selfcheck/campaigns')).statusCode).toBe(403);
    expect((await nisc.get('/api/v1/people')).statusCode).toBe(403);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditTrail(t.sys)).ok).toBe(true);
  });
});
