import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisoryResponses } from '../modules/systems/advisory-schema.js';
import { buildTestApp, type Client, type TestApp } from '../test/app.js';
import {
  attack as attackIn,
  buildIsolationWorld,
  expectAgencyAUnchanged,
  type IsolationWorld,
  LISTS,
  PUBLIC_TRACKING,
  SELF_ONLY,
} from '../test/authz-fixture.js';
import { buildPerson, loginAs } from '../test/factories.js';

// The permission model's promises, tried on every route:
// an agency's user never reads or changes another agency's anything, and a division head sees only
// their own division's subtree. The fixture and the per-route requests live in src/test/authz-fixture.ts.

let t: TestApp;
let w: IsolationWorld;
let a: IsolationWorld['a'];
let b: IsolationWorld['b'];
let ids: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildIsolationWorld(t);
  ({ a, b, ids } = w);
}, 180_000);
afterAll(() => t.close());

const attack = (method: string, url: string) => attackIn(w, method, url);

describe('an agency administrator cannot reach another agency', () => {
  it('every route is covered by this sweep', () => {
    const uncovered = t.app.mamoruRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter(
        (k) =>
          !LISTS.has(k) &&
          !SELF_ONLY.has(k) &&
          !PUBLIC_TRACKING.has(k) &&
          !attack(k.split(' ')[0]!, k.split(' ')[1]!),
      );
    expect(uncovered).toEqual([]);
  });

  it('gets "not found" (never data, never a change) on every route aimed at agency A', async () => {
    const outcomes: string[] = [];
    for (const r of t.app.mamoruRoutes) {
      const target = attack(r.method, r.url);
      if (!target) continue;
      const res = await b.admin.client.request({
        method: r.method as 'GET',
        url: target.url,
        ...(target.body !== undefined ? { payload: target.body as object } : {}),
        ...(target.headers ? { headers: target.headers } : {}),
      });
      outcomes.push(`${r.method} ${r.url} → ${res.statusCode}`);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500);
      expect(res.body).not.toContain('秘密 花子');
    }
    expect(outcomes.length).toBeGreaterThan(10);
    // Nothing of agency A changed.
    await expectAgencyAUnchanged(t, w);
  });

  it('sees none of agency A in any list', async () => {
    for (const key of LISTS) {
      const url = key
        .split(' ')[1]!
        .replace(':fy', '2026')
        .replace(':fiscalYear', '2026')
        .replace(':key', 'summary.evaluation');
      const res = await b.admin.client.get(url === '/api/v1/people' ? `${url}?q=秘密` : url);
      expect(res.statusCode, key).toBeLessThan(300);
      expect(res.body, key).not.toContain('秘密 花子');
      expect(res.body, key).not.toContain(a.tenant.nameJa);
      expect(res.body, key).not.toContain(a.divA1.id);
    }
  });

  it("writes its own annual report, never agency A's", async () => {
    const url = '/api/v1/reports/annual/2026';
    const mine = await b.admin.client.put(`${url}/narratives/summary.evaluation`, { body: 'B の評価' });
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain('秘密 花子');
    expect((await b.admin.client.post(`${url}/request-approval`)).statusCode).toBe(200);
    const theirs = (await a.admin.client.get(url)).json();
    expect(theirs.state).toBe('draft');
    expect(theirs.narratives[0]).toMatchObject({ text: '秘密 花子 の評価', version: 1 });
  });

  it("counts none of agency A on its dashboards, and its advisories never match agency A's ledger", async () => {
    expect((await a.admin.client.get('/api/v1/vendors/dashboard')).json()).toMatchObject({
      reconfirmOverdue: 2,
      contractsWithOpenChecks: 1,
    });
    expect((await b.admin.client.get('/api/v1/vendors/dashboard')).json()).toEqual({
      reconfirmDue: 0,
      reconfirmOverdue: 0,
      certificatesExpiring: 0,
      contractsWithOpenChecks: 0,
    });
    expect((await a.admin.client.get('/api/v1/advisories/card')).json()).toMatchObject({ open: 1 });
    expect((await b.admin.client.get('/api/v1/advisories/card')).json()).toEqual({
      open: 0,
      overdueCritical: 0,
    });
    const res = await b.admin.client.post('/api/v1/advisories', {
      trackingId: 'CVE-2026-7778',
      title: '侵入',
      products: [
        { vendor: 'Apache', product: 'HTTP Server', ranges: [{ type: 'vers', vers: 'vers:all/*' }] },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().affectedSystems).toBe(0);
    const responses = await t.sys.db
      .select()
      .from(advisoryResponses)
      .where(eq(advisoryResponses.systemId, ids.system!));
    expect(responses.map((r) => r.advisoryId)).toEqual([ids.advisory]);
  });

  it('cannot use an API token of agency B on agency A either', async () => {
    const res = await b.admin.client.post('/api/v1/me/tokens', { name: 'b', scopes: ['org.read', 'self'] });
    const token = res.json().token as string;
    const get = await t.app.inject({
      method: 'GET',
      url: `/api/v1/people/${ids.person}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.statusCode).toBe(404);
  });
});

describe('a division head sees only their division', () => {
  let head: Client;
  beforeAll(async () => {
    head = (await loginAs(t, { unit: a.divA1, roles: ['division_security_officer'] })).client;
  });

  it('lists units and people of their own subtree only', async () => {
    await buildPerson(t, { unit: a.divA2, name: '隣課 職員' });
    const units = (await head.get('/api/v1/org/units')).json().items as { id: string }[];
    expect(units.map((u) => u.id)).toEqual([a.divA1.id]);
    const list = await head.get('/api/v1/people?pageSize=200');
    expect(list.body).toContain('秘密 花子');
    expect(list.body).not.toContain('隣課 職員');
  });

  it('gets "not found" for a person or unit of the neighbouring division', async () => {
    const neighbour = await buildPerson(t, { unit: a.divA2 });
    expect((await head.get(`/api/v1/people/${neighbour.person.id}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/org/units/${a.divA2.id}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/people?unitId=${a.divA2.id}`)).statusCode).toBe(404);
  });

  it('cannot change people, roles or accounts (no such permission)', async () => {
    expect((await head.patch(`/api/v1/people/${ids.person}`, { name: '変更' })).statusCode).toBe(403);
    expect(
      (await head.post(`/api/v1/people/${ids.person}/roles`, { roleId: ids.role, unitId: ids.unit }))
        .statusCode,
    ).toBe(403);
    expect((await head.get('/api/v1/accounts')).statusCode).toBe(403);
    expect((await head.get('/api/v1/audit-events')).statusCode).toBe(403);
  });

  it('can still read their own profile', async () => {
    const me = (await head.get('/api/v1/me')).json();
    expect((await head.get(`/api/v1/people/${me.person.id}`)).statusCode).toBe(200);
  });
});

describe('a bureau security officer sees the whole bureau', () => {
  it('lists both divisions of the bureau but not the other bureau', async () => {
    const officer = await loginAs(t, { unit: a.bureauA, roles: ['security_officer'] });
    const ids2 = ((await officer.client.get('/api/v1/org/units')).json().items as { id: string }[])
      .map((u) => u.id)
      .sort();
    expect(ids2).toEqual([a.bureauA.id, a.divA1.id, a.divA2.id].sort());
  });
});
