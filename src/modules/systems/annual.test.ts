import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantInJapan } from '../../lib/dates.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { securityExceptions } from '../exceptions/schema.js';
import { InspectionAnnual, SystemsAnnual } from '../report/figures-model.js';
import { addCertificate, addSoftware } from './advisory.fixtures.js';
import { buildHost, buildSystem } from './inspection.fixtures.js';
import { annualInspections, annualSystems } from './public.js';
import { systems } from './schema.js';

// The ledger's and the focused inspection's figures of a fiscal year (000 L829-851, L1144-1169),
// checked against the module's own API answers, with fiscal years cut on the Japanese calendar.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let officer: Awaited<ReturnType<typeof loginAs>>;
const FY = 2026;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  officer = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
}, 120_000);
afterAll(() => t.close());

describe('annual figures of the ledger and the inspection', () => {
  it('are null for an agency without a ledger or a round', async () => {
    expect(await annualSystems(t.sys.db, tree.root.tenantId, FY)).toBeNull();
    expect(await annualInspections(t.sys.db, tree.root.tenantId, FY)).toBeNull();
  });

  it('grade the round’s hosts as the grade table does, with per-item rates', async () => {
    const sys = await buildSystem(t, { unit: tree.divA1, officerId: officer.person.id });
    await buildHost(t, sys, 'web', 'www.a.example.go.jp');
    await buildHost(t, sys, 'web', 'www2.a.example.go.jp');
    await buildHost(t, sys, 'mail', 'mx.a.example.go.jp');
    const opened = await tree.admin.client.post('/api/v1/inspections/rounds', {
      name: '令和8年度 重点検査',
      referenceDate: '2026-11-01',
      dueOn: '2026-12-25',
      unitIds: [tree.root.id],
      itemSets: [
        { role: 'web', ref: 'shipped:web' },
        { role: 'mail', ref: 'shipped:mail' },
      ],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const round = opened.json();
    const mine = (await officer.client.get('/api/v1/inspections/my-targets')).json().items as {
      id: string;
      role: string;
      hostName: string;
    }[];
    const keys = (role: string) =>
      round.itemSets.find((s: { role: string }) => s.role === role).items.map((i: { key: string }) => i.key);
    // www: all met but one → B; mx: all met → A; www2 left unsubmitted.
    for (const target of mine.filter((m) => m.hostName !== 'www2.a.example.go.jp')) {
      const ks = keys(target.role) as string[];
      const answers = ks.map((itemKey, i) => ({
        itemKey,
        status: target.role === 'web' && i === 0 ? 'not_met' : 'met',
      }));
      const put = await officer.client.request({
        method: 'PUT',
        url: `/api/v1/inspections/targets/${target.id}/answers`,
        payload: { answers },
      });
      expect(put.statusCode, put.body).toBe(200);
      expect((await officer.client.post(`/api/v1/inspections/targets/${target.id}/submit`)).statusCode).toBe(
        200,
      );
    }
    const figures = await annualInspections(t.sys.db, tree.root.tenantId, FY);
    expect(InspectionAnnual.parse(figures)).toEqual(figures);
    const table = (await tree.admin.client.get(`/api/v1/inspections/rounds/${round.id}/grades`)).json();
    const count = (g: string) => table.hosts.filter((h: { grade: string | null }) => h.grade === g).length;
    const [r] = figures!.rounds;
    expect(r).toMatchObject({
      roundId: round.id,
      targets: table.total.hosts,
      submitted: table.total.submitted,
      grades: { A: count('A'), B: count('B'), C: count('C'), D: count('D') },
      link: `/inspections/${round.id}`,
    });
    expect(r!.grades).toEqual({ A: 1, B: 1, C: 0, D: 0 });
    const first = r!.items.find((i) => i.role === 'web' && i.code === keys('web')[0]);
    expect(first).toMatchObject({ applicable: 1, met: 0, rate: 0 });
    expect(r!.items.filter((i) => i.role === 'mail').every((i) => i.rate === 1)).toBe(true);
    // Met answers over applicable ones, summed over items, are the grade table's pooled figures.
    const sum = r!.items.reduce((s, i) => ({ met: s.met + i.met, applicable: s.applicable + i.applicable }), {
      met: 0,
      applicable: 0,
    });
    expect(sum).toEqual({ met: table.total.met, applicable: table.total.applicable });
    expect(await annualInspections(t.sys.db, tree.root.tenantId, FY + 1)).toBeNull();
  });

  it('summarise the ledger: reviews and exceptions cut at 00:00 JST on 1 April', async () => {
    const [sys] = await t.sys.db.select().from(systems).where(eq(systems.tenantId, tree.root.tenantId));
    const retired = await buildSystem(t, { unit: tree.divA2 });
    await t.sys.db
      .update(systems)
      .set({ lifecycle: 'retired', reviewedOn: '2026-03-31' })
      .where(eq(systems.id, retired.id));
    await t.sys.db.update(systems).set({ reviewedOn: '2026-04-01' }).where(eq(systems.id, sys!.id));
    await addSoftware(t, sys!, { vendor: 'Microsoft', product: 'Windows XP', endOfSupport: '2014-04-09' });
    await addSoftware(t, retired, {
      vendor: 'Microsoft',
      product: 'Office 2003',
      endOfSupport: '2014-04-09',
    });
    await addCertificate(t, sys!, {
      subject: 'CN=www',
      signatureAlgorithm: 'sha1WithRSAEncryption',
      keyType: 'RSA',
      keyBits: 2048,
    });
    await addCertificate(t, sys!, {
      subject: 'CN=mx',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      keyType: 'RSA',
      keyBits: 1024,
    });
    await addCertificate(t, sys!, {
      subject: 'CN=ok',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      keyType: 'RSA',
      keyBits: 2048,
    });
    const start = instantInJapan(`${FY}-04-01`);
    const exception = (decidedAt: Date, fromOn: string, toOn: string) => ({
      tenantId: tree.root.tenantId,
      unitId: tree.divA1.id,
      requesterId: officer.person.id,
      clause: '6.2.4',
      reason: '理由',
      measures: '代替措置',
      fromOn,
      toOn,
      state: 'approved' as const,
      decidedAt,
    });
    await t.sys.db
      .insert(securityExceptions)
      .values([
        exception(new Date(start.getTime() - 60_000), '2026-01-01', '2026-01-31'),
        exception(start, '2026-04-01', '2099-03-31'),
      ]);

    const figures = await annualSystems(t.sys.db, tree.root.tenantId, FY);
    expect(SystemsAnnual.parse(figures)).toEqual(figures);
    const eos = (await tree.admin.client.get('/api/v1/advisories/end-of-support')).json();
    const eosSystems = new Set(
      (eos.items as { passed: boolean; systems: { id: string }[] }[])
        .filter((i) => i.passed)
        .flatMap((i) => i.systems.map((s) => s.id)),
    );
    const crypto = (await tree.admin.client.get('/api/v1/advisories/crypto-migrations')).json();
    const active = (await tree.admin.client.get('/api/v1/exceptions?status=active&pageSize=100')).json();
    expect(figures).toMatchObject({
      systems: 2,
      byStatus: { operating: 1, retired: 1 },
      hosts: 3,
      reviewed: 1,
      consolidationTarget: null,
      endOfSupport: eosSystems.size,
      weakCrypto: new Set(
        crypto.migrations.flatMap((m: { certificates: { id: string }[] }) => m.certificates.map((c) => c.id)),
      ).size,
      advisories: { matched: 0, resolved: 0, overdue: 0 },
      findings: { opened: 0, closed: 0, open: 0, bySeverity: {} },
      exceptions: { granted: 1, active: active.total },
    });
    expect(figures).toMatchObject({ endOfSupport: 1, weakCrypto: 2, exceptions: { active: 1 } });
    expect(await annualSystems(t.sys.db, tree.root.tenantId, FY - 1)).toMatchObject({
      reviewed: 1,
      exceptions: { granted: 1 },
    });
  });
});
