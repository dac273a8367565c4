import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { generateDemo } from './generate.js';
import { seedDemo } from './seed.js';

const PASSWORD = 'demo-seed-test-password';
const plan = generateDemo({ staff: 600, seed: 5 });
let t: TestApp;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp({ login: { maxFailures: 5, lockMinutes: 15, ratePerMinute: 1000 } });
  await seedDemo(t.sys, { plan, password: PASSWORD });
  admin = new Client(t.app);
  await admin.login('admin', PASSWORD);
});
afterAll(() => t.close());

describe('the demo drills', () => {
  it('has two finished drills whose 開封率 look like NISC’s rounds (001 L11443-11445), scanners flagged apart', async () => {
    const list = (await admin.get('/api/v1/drills')).json().items as {
      id: string;
      title: string;
      state: string;
    }[];
    expect(list.map((d) => d.state)).toEqual(['done', 'done']);
    const latest = list.find((d) => d.title.startsWith('令和8年度'))!;
    const r = (await admin.get(`/api/v1/drills/${latest.id}/results`)).json();
    expect(r.overall.delivered).toBeGreaterThan(400);
    expect(r.overall.people.openRate).toBeGreaterThan(0.05);
    expect(r.overall.people.openRate).toBeLessThan(0.16);
    expect(r.overall.people.mailDisplayRate).toBeGreaterThan(r.overall.people.openRate);
    expect(r.overall.all.opened).toBeGreaterThan(r.overall.people.opened);
    expect(r.overall.people.reported).toBeGreaterThan(0);
    expect(r.units.length).toBeGreaterThan(1);
    const compare = (await admin.get(`/api/v1/drills/${latest.id}/compare`)).json();
    expect(compare.items).toHaveLength(2);
    expect(compare.items[1].overall.people.openRate).toBeGreaterThan(
      compare.items[0].overall.people.openRate,
    );
    const summary = (await admin.get('/api/v1/drills/summary')).json();
    expect(summary.drill.id).toBe(latest.id);
  });

  it('gave the follow-up course to those who opened the lure', async () => {
    const list = (await admin.get('/api/v1/drills')).json().items as { id: string }[];
    const people = (
      await admin.get(`/api/v1/drills/${list[0]!.id}/recipients?status=opened&pageSize=500`)
    ).json();
    expect(people.total).toBeGreaterThan(0);
    expect(people.items.every((p: { followUpAt: string | null }) => p.followUpAt !== null)).toBe(true);
  });
});
