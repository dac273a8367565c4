import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { verifyAuditTrail } from '../audit/service.js';
import { demoDivisions } from './classification-seed.js';
import { generateDemo } from './generate.js';
import { seedDemo } from './seed.js';

const PASSWORD = 'demo-seed-test-password';
const plan = generateDemo({ staff: 300, seed: 5 });
const [first, second] = demoDivisions(plan);
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 1000 } });
  await seedDemo(t.sys, { plan, password: PASSWORD });
});
afterAll(() => t.close());

async function login(staffNo: string) {
  const c = new Client(t.app);
  await c.login(staffNo.toLowerCase(), PASSWORD);
  return c;
}

describe('the demo register', () => {
  it('classifies under the agency’s own copy of METI’s policy', async () => {
    const admin = await login('admin');
    const list = (await admin.get('/api/v1/classification/policies')).json();
    const active = list.items.find((p: { active: boolean }) => p.active);
    expect(active).toMatchObject({ shipped: false, basedOn: 'meti-2011' });
  });

  it('gives the first division’s head a classification to confirm and a request to decide', async () => {
    const head = await login(first!.headStaffNo);
    const desk = (await head.get('/api/v1/classification/dashboard')).json();
    expect(desk.pendingConfirmations.count).toBe(1);
    expect(desk.pendingRequests.count).toBe(1);
    expect(desk.pendingRequests.items[0]).toMatchObject({
      action: 'provide',
      status: 'pending',
      confidentiality: 3,
    });
    const entries = (await head.get('/api/v1/classification/entries?pageSize=50')).json();
    const statuses = entries.items.map((e: { status: string }) => e.status).sort();
    expect(statuses).toEqual(['confirmed', 'confirmed', 'confirmed', 'proposed', 'returned']);
    // The 機密性4 entry took a serial number from the agency counter.
    const secret = entries.items.find((e: { confidentiality: number }) => e.confidentiality === 4);
    expect(secret.serialNo).toMatch(/^\d{4}-000001$/);
  });

  it('leaves one entry returned with the head’s correction comment for its owner', async () => {
    const owner = await login(first!.staffNos[2]!);
    const returned = (await owner.get('/api/v1/classification/entries?status=returned')).json();
    expect(returned.total).toBe(1);
    expect(returned.items[0].correctionComment).toContain('機密性2で足ります');
    expect(returned.items[0].can.edit).toBe(true);
  });

  it('has an approved request to carry out the budget papers', async () => {
    const requester = await login(first!.staffNos[0]!);
    const mine = (await requester.get('/api/v1/classification/requests?queue=mine')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ action: 'transport', status: 'approved' });
    expect(mine.items[0].steps[0]).toMatchObject({
      decision: 'approved',
      roleName: '課室情報セキュリティ責任者',
    });
  });

  it('keeps 機密性3 entries out of sight of colleagues outside their access scope', async () => {
    const colleague = await login(first!.staffNos[2]!);
    const seen = (await colleague.get('/api/v1/classification/entries?confidentiality=3')).json();
    // Only the memo they registered themselves, not the personnel records restricted to their owner.
    expect(seen.items.map((e: { title: string }) => e.title)).toEqual(['関係団体との打合せメモ（11月5日）']);
    const other = await login(second!.staffNos[0]!);
    const theirs = (await other.get('/api/v1/classification/entries?pageSize=50')).json();
    expect(theirs.items.every((e: { unitId: string }) => e.unitId === theirs.items[0].unitId)).toBe(true);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditTrail(t.sys)).ok).toBe(true);
  });
});
