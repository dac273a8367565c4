import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, apiTokens } from '../modules/accounts/schema.js';
import { orgUnits } from '../modules/org/schema.js';
import { roleAssignments } from '../modules/roles/schema.js';
import { auditSampleEntries, campaignMembers, policyChanges } from '../modules/selfcheck/schema.js';
import { buildTestApp, type Client, type TestApp } from '../test/app.js';
import { buildAgencyTree, buildPerson, loginAs, roleByKey } from '../test/factories.js';
import { answerAll, buildOpenCampaign } from '../test/selfcheck.js';

// The permission model's promises, tried on every route:
// an agency's user never reads or changes another agency's anything, and a division head sees only
// their own division's subtree.

let t: TestApp;
let a: Awaited<ReturnType<typeof buildAgencyTree>>;
let b: Awaited<ReturnType<typeof buildAgencyTree>>;
let ids: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  a = await buildAgencyTree(t);
  b = await buildAgencyTree(t);
  const victim = await buildPerson(t, { unit: a.divA1, name: '秘密 花子', roles: ['staff'] });
  const [victimAccount] = await t.sys.db
    .select()
    .from(accounts)
    .where(eq(accounts.personId, victim.person.id));
  const [assignment] = await t.sys.db
    .select()
    .from(roleAssignments)
    .where(eq(roleAssignments.personId, victim.person.id));
  const tokenRes = await a.admin.client.post('/api/v1/me/tokens', { name: 'a-token', scopes: ['org.read'] });
  const role = await roleByKey(t.sys, a.tenant.id, 'staff');
  // Agency A's self-check: its own catalog version, policy, an open campaign, a questionnaire, a sample.
  const shipped = (
    (await a.admin.client.get('/api/v1/selfcheck/catalogs')).json().items as {
      id: string;
      shipped: boolean;
    }[]
  ).find((v) => v.shipped)!;
  const yaml = (
    await a.admin.client.get(`/api/v1/selfcheck/catalogs/${shipped.id}/export?format=yaml`)
  ).body.replace(/^(\s*)code: .*$/m, '$1code: a-own');
  const imported = await a.admin.client.request({
    method: 'POST',
    url: '/api/v1/selfcheck/catalogs/import',
    payload: yaml,
    headers: { 'content-type': 'application/yaml' },
  });
  const { campaignId, policyId } = await buildOpenCampaign(a.admin.client);
  const [member] = await t.sys.db
    .select()
    .from(campaignMembers)
    .where(eq(campaignMembers.personId, victim.person.id));
  await answerAll(a.admin.client, campaignId);
  const sample = await a.admin.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, {
    seed: 1,
    perRole: 1,
    itemsPerMember: 1,
  });
  const [entry] = await t.sys.db.select().from(auditSampleEntries);
  const [change] = await t.sys.db.select().from(policyChanges);
  ids = {
    unit: a.divA1.id,
    person: victim.person.id,
    account: victimAccount!.id,
    assignment: assignment!.id,
    role: role.id,
    token: tokenRes.json().id,
    catalogVersion: imported.json().versionId,
    policy: policyId,
    campaign: campaignId,
    member: member!.id,
    sample: sample.json().id,
    entry: entry?.id ?? '00000000-0000-4000-8000-000000000000',
    change: change?.id ?? '00000000-0000-4000-8000-000000000000',
  };
});
afterAll(() => t.close());

/** For each route: the path parameters and body an attacker in agency B would send, aimed at agency A. */
function attack(method: string, url: string): { url: string; body?: unknown } | null {
  const table: Record<string, { id?: keyof typeof ids; body?: unknown }> = {
    'GET /api/v1/org/units/:id': { id: 'unit' },
    'POST /api/v1/org/units': {
      body: { parentId: ids.unit, code: 'X-ATTACK', nameJa: '侵入', kind: 'division' },
    },
    'PATCH /api/v1/org/units/:id': { id: 'unit', body: { nameJa: '乗っ取り' } },
    'GET /api/v1/people/:id': { id: 'person' },
    'POST /api/v1/people': { body: { staffNo: 'ATK1', name: '侵入者', unitId: ids.unit } },
    'PATCH /api/v1/people/:id': { id: 'person', body: { name: '乗っ取り' } },
    'GET /api/v1/roles/:id/holders': { id: 'role' },
    'PATCH /api/v1/roles/:id': { id: 'role', body: { nameJa: '乗っ取り' } },
    'POST /api/v1/people/:id/roles': { id: 'person', body: { roleId: ids.role, unitId: ids.unit } },
    'DELETE /api/v1/role-assignments/:id': { id: 'assignment' },
    'PATCH /api/v1/accounts/:id': { id: 'account', body: { disabled: true } },
    'POST /api/v1/accounts/:id/reset-password': { id: 'account' },
    'POST /api/v1/accounts/:id/unlock': { id: 'account' },
    'POST /api/v1/accounts/:id/reset-totp': { id: 'account' },
    'POST /api/v1/accounts': { body: { personId: ids.person, login: 'attacker-made' } },
    'DELETE /api/v1/me/tokens/:id': { id: 'token' },
    'GET /api/v1/selfcheck/catalogs/:id': { id: 'catalogVersion' },
    'GET /api/v1/selfcheck/catalogs/:id/export': { id: 'catalogVersion' },
    'POST /api/v1/selfcheck/policies': { body: { name: '侵入', catalogVersionId: ids.catalogVersion } },
    'GET /api/v1/selfcheck/policies/:id': { id: 'policy' },
    'PUT /api/v1/selfcheck/policies/:id/changes': {
      id: 'policy',
      body: { kind: 'not_applicable', itemId: '3.1.1(1)(a)', reason: '侵入' },
    },
    'DELETE /api/v1/selfcheck/policies/:id/changes/:changeId': { id: 'policy' },
    'GET /api/v1/selfcheck/policies/:id/differences.xlsx': { id: 'policy' },
    'POST /api/v1/selfcheck/campaigns': {
      body: {
        policyId: ids.policy,
        title: '侵入',
        fiscalYear: 2026,
        startsOn: '2026-01-01',
        endsOn: '2026-02-01',
      },
    },
    'GET /api/v1/selfcheck/campaigns/:id': { id: 'campaign' },
    'PATCH /api/v1/selfcheck/campaigns/:id': { id: 'campaign', body: { title: '乗っ取り' } },
    'POST /api/v1/selfcheck/campaigns/:id/transition': { id: 'campaign', body: { to: 'closed' } },
    'GET /api/v1/selfcheck/campaigns/:id/changes-after-close': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/progress': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/pending': { id: 'campaign' },
    'POST /api/v1/selfcheck/campaigns/:id/reminders': { id: 'campaign', body: {} },
    'GET /api/v1/selfcheck/campaigns/:id/results': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/results/export': { id: 'campaign' },
    'POST /api/v1/selfcheck/campaigns/:id/samples': { id: 'campaign', body: { seed: 1, perRole: 1 } },
    'GET /api/v1/selfcheck/campaigns/:id/samples': { id: 'campaign' },
    'GET /api/v1/selfcheck/campaigns/:id/samples/:sampleId': { id: 'campaign' },
    'PATCH /api/v1/selfcheck/campaigns/:id/samples/:sampleId/entries/:entryId': {
      id: 'campaign',
      body: { verified: false },
    },
    'GET /api/v1/selfcheck/questionnaires/:id': { id: 'member' },
    'PUT /api/v1/selfcheck/questionnaires/:id/answers': { id: 'member', body: { answers: {} } },
    // The central body's routes: an agency user holds no central.read at all.
    'GET /api/v1/central/submissions': {},
    'GET /api/v1/central/submissions/:id': { id: 'campaign' },
    'GET /api/v1/central/selfcheck': {},
  };
  const entry = table[`${method} ${url}`];
  if (!entry) return null;
  const filled = (entry.id ? url.replace(':id', ids[entry.id]!) : url)
    .replace(':sampleId', ids.sample!)
    .replace(':entryId', ids.entry!)
    .replace(':changeId', ids.change!);
  return { url: url.endsWith('/central/selfcheck') ? `${filled}?fiscalYear=2026` : filled, body: entry.body };
}

// Routes that take no foreign identifier: they are checked for leaking agency A's data in their answer.
const LISTS = new Set([
  'GET /api/v1/org/units',
  'GET /api/v1/people',
  'GET /api/v1/roles',
  'GET /api/v1/accounts',
  'GET /api/v1/audit-events',
  'GET /api/v1/audit-events/verify',
  'GET /api/v1/me',
  'GET /api/v1/me/tokens',
  'GET /api/v1/auth/session',
  'GET /api/health',
  'GET /api/v1/selfcheck/catalogs',
  'GET /api/v1/selfcheck/policies',
  'GET /api/v1/selfcheck/campaigns',
  'GET /api/v1/selfcheck/my',
]);
// Routes that only act on the caller's own session or account, or take files for the caller's own agency.
const SELF_ONLY = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/totp',
  'POST /api/v1/auth/logout',
  'PATCH /api/v1/me',
  'POST /api/v1/me/password',
  'POST /api/v1/me/totp/setup',
  'POST /api/v1/me/totp/enable',
  'POST /api/v1/me/totp/disable',
  'POST /api/v1/me/tokens',
  'POST /api/v1/roles',
  'POST /api/v1/imports/org',
  'POST /api/v1/imports/staff',
  'POST /api/v1/selfcheck/catalogs/import',
]);

describe('an agency administrator cannot reach another agency', () => {
  it('every route is covered by this sweep', () => {
    const uncovered = t.app.mamoruRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !LISTS.has(k) && !SELF_ONLY.has(k) && !attack(k.split(' ')[0]!, k.split(' ')[1]!));
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
      });
      outcomes.push(`${r.method} ${r.url} → ${res.statusCode}`);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${r.method} ${r.url}`).toBeLessThan(500);
      expect(res.body).not.toContain('秘密 花子');
    }
    expect(outcomes.length).toBeGreaterThan(10);
    // Nothing of agency A changed.
    const [unit] = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.id, ids.unit!));
    expect(unit!.nameJa).not.toBe('乗っ取り');
    const [acc] = await t.sys.db.select().from(accounts).where(eq(accounts.id, ids.account!));
    expect(acc!.disabledAt).toBeNull();
    const [tok] = await t.sys.db.select().from(apiTokens).where(eq(apiTokens.id, ids.token!));
    expect(tok!.revokedAt).toBeNull();
  });

  it('sees none of agency A in any list', async () => {
    for (const key of LISTS) {
      const url = key.split(' ')[1]!;
      const res = await b.admin.client.get(url === '/api/v1/people' ? `${url}?q=秘密` : url);
      expect(res.statusCode, key).toBeLessThan(300);
      expect(res.body, key).not.toContain('秘密 花子');
      expect(res.body, key).not.toContain(a.tenant.nameJa);
      expect(res.body, key).not.toContain(a.divA1.id);
    }
  });

  it('cannot use an API token of agency B on agency A either', async () => {
    const res = await b.admin.client.post('/api/v1/me/tokens', { name: 'b', scopes: ['org.read'] });
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
