import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs } from '../../test/factories.js';
import { submissions } from '../selfcheck/schema.js';
import { submitToCentral } from './service.js';
import { buildStatement, type StatementFigures } from './statement.fixtures.js';

// Issue #11, done when: two agencies and a 独法 submit; the centre's averages are the unweighted means of
// exactly the submitted figures (001 L2859); a resubmission replaces the previous version in the averages
// and both versions stay in history; the 独法's figures reach the centre only through its ministry
// (001 L15064-15078).

const FY = 2026;
let t: TestApp;
let central: Awaited<ReturnType<typeof buildAgency>>;
let analyst: Client;
let a: Awaited<ReturnType<typeof buildAgencyTree>>;
let b: Awaited<ReturnType<typeof buildAgencyTree>>;
let iaa: Awaited<ReturnType<typeof buildAgencyTree>>;
let aChief: Client;
let aCiso: Client;
let aStaff: Client;
let bChief: Client;
let iaaChief: Client;

type Tree = Awaited<ReturnType<typeof buildAgencyTree>>;
function submit(tree: Tree, f: StatementFigures, fiscalYear = FY) {
  return t.sys.db.transaction((tx) =>
    submitToCentral(tx, t.sys, {
      fromTenantId: tree.tenant.id,
      kind: 'annual.statement',
      fiscalYear,
      title: `${fiscalYear}年度 報告`,
      payload: buildStatement(tree.tenant, fiscalYear, f),
    }),
  );
}
const put = (c: Client, url: string, payload: object) => c.request({ method: 'PUT', url, payload });
const national = async () => {
  const res = await analyst.get(`/api/v1/central/national?fiscalYear=${FY}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  t = await buildTestApp();
  central = await buildAgency(t, { kind: 'central', code: 'nisc-t', nameJa: '中央機関' });
  analyst = (await loginAs(t, { unit: central.root, roles: ['central_analyst'] })).client;
  a = await buildAgencyTree(t, { parent: central.tenant });
  b = await buildAgencyTree(t, { parent: central.tenant });
  iaa = await buildAgencyTree(t, { parent: a.tenant });
  aChief = (await loginAs(t, { unit: a.root, roles: ['chief_security_officer'] })).client;
  aCiso = (await loginAs(t, { unit: a.root, roles: ['ciso'] })).client;
  aStaff = (await loginAs(t, { unit: a.divA1, roles: ['staff'] })).client;
  bChief = (await loginAs(t, { unit: b.root, roles: ['chief_security_officer'] })).client;
  iaaChief = (await loginAs(t, { unit: iaa.root, roles: ['chief_security_officer'] })).client;
});
afterAll(() => t.close());

describe('two agencies and a 独法 submit (issue #11, done when)', () => {
  it('averages exactly the submitted figures, unweighted; resubmission replaces; the 独法 only via its ministry', async () => {
    await submit(a, {
      coverage: 0.9,
      nisc: 0.8,
      attainment100: 0.5,
      openRate: { opened: 10, delivered: 100 },
    });
    await submit(b, {
      coverage: 0.7,
      nisc: 0.6,
      attainment100: 0.3,
      openRate: { opened: 30, delivered: 100 },
    });
    const iaaSub = await submit(iaa, { coverage: 1, nisc: 0.5, attainment100: 0.2 });

    // The 独法 addressed its ministry, not the centre: the centre sees nothing of it.
    expect(iaaSub.toTenantId).toBe(a.tenant.id);
    let n = await national();
    expect(n.agencies.map((x: { code: string }) => x.code).sort()).toEqual(
      [a.tenant.code, b.tenant.code].sort(),
    );
    expect(n.selfcheck.mean.overall.nisc).toBeCloseTo((0.8 + 0.6) / 2, 10);
    const list = (await analyst.get('/api/v1/central/submissions')).body;
    expect(list).not.toContain(iaa.tenant.code);
    expect((await analyst.get(`/api/v1/central/submissions/${iaaSub.id}`)).statusCode).toBe(404);

    // The ministry sees its 独法's submission and forwards it.
    const inbox = (await aChief.get('/api/v1/central/subsidiary-submissions')).json().items;
    expect(inbox).toMatchObject([
      { id: iaaSub.id, agencyCode: iaa.tenant.code, version: 1, forwardedAt: null },
    ]);
    const fwd = await aChief.post(`/api/v1/central/subsidiary-submissions/${iaaSub.id}/forward`, {});
    expect(fwd.statusCode, fwd.body).toBe(201);

    n = await national();
    expect(n.agencies).toHaveLength(3);
    const listed = n.agencies.find((x: { code: string }) => x.code === iaa.tenant.code);
    expect(listed.via).toMatchObject({ code: a.tenant.code });
    // Unweighted mean over agencies (001 L2859), each rate exactly as submitted.
    expect(n.selfcheck.mean.overall.nisc).toBeCloseTo((0.8 + 0.6 + 0.5) / 3, 10);
    expect(n.selfcheck.mean.overall.coverage).toBeCloseTo((0.9 + 0.7 + 1) / 3, 10);
    expect(n.selfcheck.mean.overall.attainment100).toBeCloseTo((0.5 + 0.3 + 0.2) / 3, 10);
    // Agencies without drills are not counted as zero.
    expect(n.drills.meanOpenRate).toBeCloseTo((0.1 + 0.3) / 2, 10);

    // A resubmits: version 2 replaces version 1 in every mean; both stay in history.
    await submit(a, {
      coverage: 0.9,
      nisc: 0.9,
      attainment100: 0.5,
      openRate: { opened: 10, delivered: 100 },
    });
    n = await national();
    expect(n.selfcheck.mean.overall.nisc).toBeCloseTo((0.9 + 0.6 + 0.5) / 3, 10);
    expect(n.agencies.find((x: { code: string }) => x.code === a.tenant.code).version).toBe(2);
    const history = (await analyst.get(`/api/v1/central/submissions?fiscalYear=${FY}`)).json().items as {
      agencyCode: string;
      version: number;
      latest: boolean;
      via: { code: string } | null;
    }[];
    expect(history.filter((h) => h.agencyCode === a.tenant.code).map((h) => [h.version, h.latest])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(history.find((h) => h.agencyCode === iaa.tenant.code)?.via?.code).toBe(a.tenant.code);
    const mine = (await aChief.get('/api/v1/central/my-submissions')).json().items as {
      agencyCode: string;
      version: number;
    }[];
    expect(mine.filter((h) => h.agencyCode === a.tenant.code).map((h) => h.version)).toEqual([2, 1]);
    // The government average an agency sees: the means and its own figures, no other agency's.
    const avg = await bChief.get(`/api/v1/central/government-average?fiscalYear=${FY}`);
    expect(avg.statusCode, avg.body).toBe(200);
    expect(avg.json()).toMatchObject({ agencies: 3, ownVersion: 1 });
    expect(avg.json().mean.selfcheck.overall.nisc).toBeCloseTo((0.9 + 0.6 + 0.5) / 3, 10);
    expect(avg.json().own.selfcheck.overall.nisc).toBeCloseTo(0.6, 10);
    for (const other of [a, iaa]) {
      expect(avg.body).not.toContain(other.tenant.code);
      expect(avg.body).not.toContain(other.tenant.nameJa);
    }
  });

  it('versions a 独法 resubmission at the ministry, forwards each version once', async () => {
    const v2 = await submit(iaa, { coverage: 1, nisc: 0.55, attainment100: 0.2 });
    expect(v2).toMatchObject({ toTenantId: a.tenant.id, version: 2 });
    const fwd = await aChief.post(`/api/v1/central/subsidiary-submissions/${v2.id}/forward`, {});
    expect(fwd.json().version).toBe(2);
    expect(
      (await aChief.post(`/api/v1/central/subsidiary-submissions/${v2.id}/forward`, {})).statusCode,
    ).toBe(409);
    const n = await national();
    expect(n.selfcheck.mean.overall.nisc).toBeCloseTo((0.9 + 0.6 + 0.55) / 3, 10);
    const mine = (await iaaChief.get('/api/v1/central/my-submissions')).json().items;
    expect(mine.map((s: { version: number }) => s.version)).toEqual([2, 1]);
  });

  it('never lets a 独法 address the central body: every one of its submissions goes to its ministry', async () => {
    const rows = await t.sys.db.select().from(submissions).where(eq(submissions.fromTenantId, iaa.tenant.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.toTenantId === a.tenant.id)).toBe(true);
    // Nor can it forward anything (nothing is addressed to it), nor read the centre's tables.
    const some = rows[0]!.id;
    expect(
      (await iaaChief.post(`/api/v1/central/subsidiary-submissions/${some}/forward`, {})).statusCode,
    ).toBe(404);
    expect((await iaaChief.get(`/api/v1/central/national?fiscalYear=${FY}`)).statusCode).toBe(403);
  });
});

describe('who may NOT', () => {
  it('an agency reads none of the central routes', async () => {
    for (const url of [
      `/api/v1/central/national?fiscalYear=${FY}`,
      `/api/v1/central/national/export?fiscalYear=${FY}&format=html`,
      '/api/v1/central/submissions',
      `/api/v1/central/selfcheck?fiscalYear=${FY}`,
    ])
      expect((await aChief.get(url)).statusCode, url).toBe(403);
    expect(
      (await put(aChief, '/api/v1/central/common-items', { fiscalYear: FY, items: [] })).statusCode,
    ).toBe(403);
  });

  it('the central body has no agency-side routes', async () => {
    for (const url of [
      '/api/v1/central/my-submissions',
      '/api/v1/central/subsidiary-submissions',
      `/api/v1/central/government-average?fiscalYear=${FY}`,
    ])
      expect((await analyst.get(url)).statusCode, url).toBe(403);
  });

  it('staff without report.view see nothing; report.view without report.manage cannot forward', async () => {
    expect((await aStaff.get('/api/v1/central/my-submissions')).statusCode).toBe(403);
    expect((await aStaff.get(`/api/v1/central/government-average?fiscalYear=${FY}`)).statusCode).toBe(403);
    const v3 = await submit(iaa, { coverage: 1, nisc: 0.56, attainment100: 0.2 });
    expect((await aCiso.get('/api/v1/central/subsidiary-submissions')).statusCode).toBe(200);
    expect((await aCiso.post(`/api/v1/central/subsidiary-submissions/${v3.id}/forward`, {})).statusCode).toBe(
      403,
    );
  });

  it("another agency never reads an agency's or its 独法's submission, nor forwards it", async () => {
    const [own] = (await aChief.get('/api/v1/central/my-submissions')).json().items;
    expect((await aChief.get(`/api/v1/central/my-submissions/${own.id}`)).statusCode).toBe(200);
    expect((await bChief.get(`/api/v1/central/my-submissions/${own.id}`)).statusCode).toBe(404);
    const [sub] = (await aChief.get('/api/v1/central/subsidiary-submissions')).json().items;
    expect((await aChief.get(`/api/v1/central/my-submissions/${sub.id}`)).statusCode).toBe(200);
    expect((await bChief.get(`/api/v1/central/my-submissions/${sub.id}`)).statusCode).toBe(404);
    expect(
      (await bChief.post(`/api/v1/central/subsidiary-submissions/${sub.id}/forward`, {})).statusCode,
    ).toBe(404);
    const bLists = [
      (await bChief.get('/api/v1/central/my-submissions')).body,
      (await bChief.get('/api/v1/central/subsidiary-submissions')).body,
    ];
    for (const body of bLists) expect(body).not.toContain(a.tenant.code);
  });
});

describe('the common item set (001 L2784-2790)', () => {
  const FY2 = 2027;
  it('is designated by the centre, read by agencies, and a statement lacking one is refused naming it', async () => {
    const designated = await put(analyst, '/api/v1/central/common-items', {
      fiscalYear: FY2,
      items: [{ code: '6.2.4(1)(a)', note: '' }, { code: '1.1.1(1)(a)' }],
    });
    expect(designated.statusCode, designated.body).toBe(200);
    const read = (await aCiso.get(`/api/v1/central/common-items?fiscalYear=${FY2}`)).json();
    expect(read.items.map((i: { code: string }) => i.code)).toEqual(['1.1.1(1)(a)', '6.2.4(1)(a)']);
    expect((await aStaff.get(`/api/v1/central/common-items?fiscalYear=${FY2}`)).statusCode).toBe(403);

    const refused = await submit(a, { coverage: 1, nisc: 1, attainment100: 1 }, FY2).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(422);
    expect((refused as AppError).extra).toEqual({ missingCodes: ['1.1.1(1)(a)'] });
    expect((refused as AppError).detail?.ja).toContain('1.1.1(1)(a)');
    const ok = await submit(
      a,
      { coverage: 1, nisc: 1, attainment100: 1, items: { '6.2.4(1)(a)': 1, '1.1.1(1)(a)': 0.9 } },
      FY2,
    );
    expect(ok.version).toBe(1);
    // A 独法's statement is held to the same set (it will reach the centre).
    const fromIaa = await submit(iaa, { coverage: 1, nisc: 1, attainment100: 1 }, FY2).catch(
      (e: unknown) => e,
    );
    expect((fromIaa as AppError).status).toBe(422);
  });

  it('may not be designated twice with the same code, nor by an agency', async () => {
    const dup = await put(analyst, '/api/v1/central/common-items', {
      fiscalYear: FY2,
      items: [{ code: 'x' }, { code: 'x' }],
    });
    expect(dup.statusCode).toBe(400);
    expect(
      (await put(bChief, '/api/v1/central/common-items', { fiscalYear: FY2, items: [] })).statusCode,
    ).toBe(403);
  });
});
