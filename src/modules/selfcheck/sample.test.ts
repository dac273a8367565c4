import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { auditSamples } from './schema.js';

// Auditing the self-check as the Cabinet Office does it (002 L453-470): sample units, then per role
// the numbers the auditor sets, then per answer whether it was true; the sample's 実施率 and 到達率
// beside the agency's.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let auditor: Awaited<ReturnType<typeof loginAs>>;
let campaignId: string;

const draw = (c: Client, body: unknown) => c.post(`/api/v1/selfcheck/campaigns/${campaignId}/samples`, body);
const detail = async (c: Client, id: string) =>
  (await c.get(`/api/v1/selfcheck/campaigns/${campaignId}/samples/${id}`)).json();

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  auditor = await loginAs(t, { unit: tree.root, roles: ['audit_officer'] });
  const staffA = [
    ...(await Promise.all([1, 2, 3].map(() => loginAs(t, { unit: tree.divA1, roles: ['staff'] })))),
    await loginAs(t, { unit: tree.divA2, roles: ['staff'] }),
  ];
  const officerA = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
  const staffB = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
  ({ campaignId } = await buildOpenCampaign(tree.admin.client));
  for (const p of [...staffA, officerA]) await answerAll(p.client, campaignId);
  // Bureau B's one staff member has implemented nothing: the agency's rates fall below 100 %.
  await answerAll(staffB.client, campaignId, () => 'not_implemented');
});
afterAll(() => t.close());

describe('drawing a sample', () => {
  it('in picked units, per role the numbers set: reproducible for a seed', async () => {
    const body = {
      seed: 2011,
      units: { mode: 'picked', unitIds: [tree.bureauA.id] },
      roleCounts: { staff: 3, division_security_officer: 1 },
    };
    const a = await draw(auditor.client, body);
    expect(a.statusCode).toBe(201);
    const b = await draw(auditor.client, body);
    const [sa, sb] = [await detail(auditor.client, a.json().id), await detail(auditor.client, b.json().id)];
    const key = (s: { entries: { staffNo: string; itemId: string }[] }) =>
      s.entries.map((e) => `${e.staffNo}:${e.itemId}`);
    expect(key(sa)).toEqual(key(sb));
    expect(sa.unitMode).toBe('picked');
    expect(sa.units.map((u: { id: string }) => u.id)).toEqual([tree.bureauA.id]);
    expect(sa.roleCounts).toEqual(body.roleCounts);
    expect(sa.summary.people).toBe(4);
    // Every answer of each sampled person is checked unless itemsPerMember limits it.
    expect(sa.entries.every((e: { unitName: string }) => ['第一課', '第二課'].includes(e.unitName))).toBe(
      true,
    );
    expect(sa.summary.entries).toBeGreaterThan(4);
  });

  it('drawn among units of a kind with the seed; only units with submitters count', async () => {
    const res = await draw(auditor.client, {
      seed: 5,
      units: { mode: 'drawn', kind: 'bureau', count: 2 },
      roleCounts: { staff: 5 },
      itemsPerMember: 1,
    });
    expect(res.statusCode).toBe(201);
    const s = await detail(auditor.client, res.json().id);
    expect(s.units.map((u: { id: string }) => u.id).sort()).toEqual(
      [tree.bureauA.id, tree.bureauB.id].sort(),
    );
    expect(s.entries).toHaveLength(5);
    expect(s.itemsPerMember).toBe(1);
  });
});

describe('a sample larger than its population', () => {
  it('names the role and the units that are short', async () => {
    const res = await draw(auditor.client, {
      seed: 1,
      units: { mode: 'picked', unitIds: [tree.bureauA.id] },
      // Bureau A has five staff submitters: four staff and the division head, who answers as staff too (001 L2774).
      roleCounts: { staff: 6, security_officer: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('sample_too_large');
    const errors = res.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual(['body.roleCounts.security_officer', 'body.roleCounts.staff']);
    expect(errors[1]!.message).toContain('第一局');
    expect(errors[1]!.message).toContain('5');
  });

  it('names the units when more are asked than have submitters', async () => {
    const res = await draw(auditor.client, {
      seed: 1,
      units: { mode: 'drawn', kind: 'bureau', count: 3 },
      roleCounts: { staff: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('body.units.count');
  });
});

describe('bad input', () => {
  it.each([
    [{ seed: 1 }, 'body.roleCounts'],
    [{ seed: 1, roleCounts: { staff: 0 } }, 'body.roleCounts'],
    [{ seed: -1, roleCounts: { staff: 1 } }, 'body.seed'],
    [
      { seed: 1, roleCounts: { staff: 1 }, units: { mode: 'drawn', kind: 'root', count: 1 } },
      'body.units.kind',
    ],
  ])('%j is a 400 naming %s', async (body, path) => {
    const res = await draw(auditor.client, body);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it('a unit of another agency is a 400 naming the field', async () => {
    const other = await buildAgencyTree(t);
    const res = await draw(auditor.client, {
      seed: 1,
      units: { mode: 'picked', unitIds: [other.bureauA.id] },
      roleCounts: { staff: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.units.unitIds');
  });
});

describe("the sample's rates beside the agency's", () => {
  it('shows 実施率 and 到達率 by the plan definition, and as verified', async () => {
    const id = (
      await draw(auditor.client, {
        seed: 3,
        units: { mode: 'picked', unitIds: [tree.bureauA.id] },
        roleCounts: { staff: 2 },
      })
    ).json().id;
    const s = await detail(auditor.client, id);
    expect(s.rates).toMatchObject({ definition: 'nisc', variant: 'nisc', naPasses: false });
    // Bureau A implemented everything; the agency includes bureau B's member who implemented nothing.
    expect(s.rates.overall.sample.implementation.nisc).toBe(1);
    expect(s.rates.overall.sample.attainment['100']).toBe(1);
    expect(s.rates.overall.agency.implementation.nisc).toBeLessThan(1);
    expect(s.rates.overall.agency.attainment['100']).toBeLessThan(1);
    expect(s.rates.groups.staff.agency.attainment['100']).toBe(0);
    expect(s.rates.groups.staff.sample.captured).toBe(2);
    // An answer found untrue lowers the verified rates only.
    const entry = s.entries[0];
    const v = await auditor.client.patch(
      `/api/v1/selfcheck/campaigns/${campaignId}/samples/${id}/entries/${entry.id}`,
      { verified: false, note: '証跡なし' },
    );
    expect(v.statusCode).toBe(204);
    const after = await detail(auditor.client, id);
    expect(after.rates.overall.sample.implementation.nisc).toBe(1);
    expect(after.rates.overall.verified.implementation.nisc).toBeLessThan(1);
    expect(after.rates.overall.verified.attainment['100']).toBeLessThan(1);
    expect(after.summary).toMatchObject({ checked: 1, confirmed: 0 });
  });
});

describe('who may sample', () => {
  it('not a security officer without selfcheck.audit', async () => {
    const officer = await loginAs(t, { unit: tree.bureauA, roles: ['security_officer'] });
    expect((await draw(officer.client, { seed: 1, roleCounts: { staff: 1 } })).statusCode).toBe(403);
    expect((await officer.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/samples`)).statusCode).toBe(
      403,
    );
  });

  it('not the auditor of another agency', async () => {
    const other = await buildAgencyTree(t);
    const foreign = await loginAs(t, { unit: other.root, roles: ['audit_officer'] });
    expect((await draw(foreign.client, { seed: 1, roleCounts: { staff: 1 } })).statusCode).toBe(404);
  });
});

describe('samples drawn before role counts', () => {
  it('stay readable: one number per role, the whole agency', async () => {
    const [legacy] = await t.sys.db
      .insert(auditSamples)
      .values({ campaignId, seed: 9, perRole: 2, itemsPerMember: 3, roleCounts: { staff: 2 } })
      .returning();
    const list = (await auditor.client.get(`/api/v1/selfcheck/campaigns/${campaignId}/samples`)).json().items;
    expect(list.find((s: { id: string }) => s.id === legacy!.id)).toMatchObject({
      perRole: 2,
      itemsPerMember: 3,
      unitMode: 'all',
      units: [],
    });
    const s = await detail(auditor.client, legacy!.id);
    expect(s.summary.entries).toBe(0);
    expect(s.rates.overall.sample).toBeNull();
  });
});
