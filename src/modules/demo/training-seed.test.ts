import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { verifyAuditTrail } from '../audit/service.js';
import { generateDemo } from './generate.js';
import { seedDemo } from './seed.js';

const PASSWORD = 'demo-seed-test-password';
const plan = generateDemo({ staff: 300, seed: 5 });
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

describe('the demo training', () => {
  it('installs the three starter courses and shows a realistic completion of the basic course', async () => {
    const admin = await login('admin');
    const courses = (await admin.get('/api/v1/training/courses')).json().items;
    expect(courses.map((c: { key: string }) => c.key).sort()).toEqual([
      'basic',
      'division_officer',
      'targeted_mail',
    ]);
    const basic = courses.find((c: { key: string }) => c.key === 'basic');
    const completion = (
      await admin.get(`/api/v1/training/completion?courseId=${basic.id}&fiscalYear=2026`)
    ).json();
    expect(completion.total.assigned).toBeGreaterThan(250);
    expect(completion.total.rate).toBeGreaterThan(0.5);
    expect(completion.total.rate).toBeLessThan(0.85);
    expect(completion.total.offline).toBeGreaterThan(0);
    expect(completion.total.overdue).toBeGreaterThan(0);
    const people = (
      await admin.get(`/api/v1/training/completion/people?courseId=${basic.id}&fiscalYear=2026&pageSize=200`)
    ).json();
    const statuses = new Set(people.items.map((p: { status: string }) => p.status));
    expect(statuses.has('completed')).toBe(true);
    expect(statuses.size).toBeGreaterThanOrEqual(2);
    const vias = new Set(people.items.map((p: { completedVia: string | null }) => p.completedVia));
    expect(vias.has('classroom') && vias.has('test')).toBe(true);
    const quarterly = (
      await admin.get(
        `/api/v1/training/completion/quarterly?courseId=${basic.id}&fiscalYear=2026&from=2026-04-01&to=2026-12-31`,
      )
    ).json();
    const rates = quarterly.quarters.map((q: { rate: number }) => q.rate);
    expect(rates[1]).toBeGreaterThan(rates[0]);
    const sessions = (await admin.get(`/api/v1/training/courses/${basic.id}/sessions`)).json();
    expect(sessions.items[0].attended).toBeGreaterThan(0);
    expect((await verifyAuditTrail(t.sys)).ok).toBe(true);
  });

  it('keeps FY2025 as history next to FY2026, with offline completions and survey answers', async () => {
    const admin = await login('admin');
    const courses = (await admin.get('/api/v1/training/courses')).json().items;
    const basic = courses.find((c: { key: string }) => c.key === 'basic');
    const last = (await admin.get(`/api/v1/training/completion?courseId=${basic.id}&fiscalYear=2025`)).json();
    expect(last.total.assigned).toBeGreaterThan(200);
    expect(last.total.rate).toBeGreaterThan(0.8);
    expect(last.total.offline).toBeGreaterThan(0);
    const survey = (
      await admin.get(`/api/v1/training/courses/${basic.id}/survey/results?fiscalYear=2025`)
    ).json();
    expect(survey.small).toBe(false);
    expect(survey.questions[0].mean).toBeGreaterThan(2);
    const rules = (await admin.get('/api/v1/training/rules')).json().items;
    expect(rules.some((r: { everyFiscalYear: boolean }) => r.everyFiscalYear)).toBe(true);
  });

  it('keeps some division officers short of the perfect score the officer course requires', async () => {
    const admin = await login('admin');
    const courses = (await admin.get('/api/v1/training/courses')).json().items;
    const officer = courses.find((c: { key: string }) => c.key === 'division_officer');
    const list = (
      await admin.get(`/api/v1/training/completion/people?courseId=${officer.id}&pageSize=200`)
    ).json();
    expect(list.total).toBeGreaterThan(0);
    for (const p of list.items) expect(p.attempts).toBeGreaterThanOrEqual(1);
    const done = list.items.filter((p: { status: string }) => p.status === 'completed');
    for (const p of done) expect(p.bestScore).toBe(100);
    expect(
      list.items.some(
        (p: { status: string; bestScore: number }) => p.status !== 'completed' && p.bestScore < 100,
      ),
    ).toBe(true);
  });

  it('lets a demo staff member see their own assignment', async () => {
    const staffNo = plan.people.find(
      (p) => p.staffNo !== plan.adminStaffNo && p.status === 'active',
    )!.staffNo;
    const me = await login(staffNo);
    const my = (await me.get('/api/v1/training/my')).json();
    expect(my.open.length + my.completed.length).toBeGreaterThanOrEqual(1);
  });
});
