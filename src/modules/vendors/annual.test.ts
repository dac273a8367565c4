import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantInJapan } from '../../lib/dates.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree } from '../../test/factories.js';
import { VendorsAnnual } from '../report/figures-model.js';
import { CHECK_PHASES, CONTRACT_CHECKS } from './checklists.js';
import { annualFigures } from './public.js';
import { cloudServices } from './schema.js';

// The outsourcing section of the annual report (000 L1368-1430): registers built through the API,
// figures checked against the registers' own lists, fiscal years cut on the Japanese calendar.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
const FY = 2026;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
}, 120_000);
afterAll(() => t.close());

async function post(url: string, body: unknown) {
  const res = await tree.admin.client.post(url, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

const contract = (name: string, periodFrom: string | null, periodTo: string | null) =>
  post('/api/v1/vendors/contracts', {
    unitId: tree.divA1.id,
    name,
    contractor: '株式会社テスト',
    periodFrom,
    periodTo,
  });

describe('annualFigures (vendors)', () => {
  it('is null while every register is empty', async () => {
    expect(await annualFigures(t.sys.db, tree.root.tenantId, FY)).toBeNull();
  });

  it('counts contracts running in the year, those fully checked, cloud services and SNS accounts', async () => {
    await contract('前年度で終了', '2025-04-01', '2026-03-31');
    const running = await contract('本年度の運用保守', '2026-04-01', '2027-03-31');
    await contract('期間未定', null, null);
    await contract('翌年度から', '2027-04-01', '2028-03-31');
    for (const phase of CHECK_PHASES)
      for (const item of CONTRACT_CHECKS[phase]) {
        const res = await tree.admin.client.request({
          method: 'PUT',
          url: `/api/v1/vendors/contracts/${running.id}/checks/${phase}/${item.key}`,
          payload: { result: 'ok', evidence: '確認済み' },
        });
        expect(res.statusCode, res.body).toBe(200);
      }
    const cloudBody = (name: string) => ({ unitId: tree.bureauA.id, name, provider: 'X株式会社' });
    const confirmedBefore = await post('/api/v1/vendors/cloud-services', cloudBody('A'));
    const confirmedAtStart = await post('/api/v1/vendors/cloud-services', cloudBody('B'));
    await post('/api/v1/vendors/cloud-services', cloudBody('C'));
    // 23:59 JST on 31 March is the previous year; 00:00 JST on 1 April this one.
    const start = instantInJapan(`${FY}-04-01`);
    for (const [id, at] of [
      [confirmedBefore.id, new Date(start.getTime() - 60_000)],
      [confirmedAtStart.id, start],
    ] as const)
      await t.sys.db.update(cloudServices).set({ lastConfirmedAt: at }).where(eq(cloudServices.id, id));
    await post('/api/v1/vendors/sns-accounts', {
      unitId: tree.divA1.id,
      platform: 'X',
      accountName: '@agency',
    });

    const figures = await annualFigures(t.sys.db, tree.root.tenantId, FY);
    expect(VendorsAnnual.parse(figures)).toEqual(figures);
    const list = (await tree.admin.client.get('/api/v1/vendors/contracts?pageSize=100')).json();
    const inYear = (list.items as { name: string; openChecks: number }[]).filter((c) =>
      ['本年度の運用保守', '期間未定'].includes(c.name),
    );
    const cloud = (await tree.admin.client.get('/api/v1/vendors/cloud-services?pageSize=100')).json();
    const sns = (await tree.admin.client.get('/api/v1/vendors/sns-accounts?pageSize=100')).json();
    expect(figures).toEqual({
      contracts: inYear.length,
      contractsChecked: inYear.filter((c) => c.openChecks === 0).length,
      cloudServices: cloud.total,
      cloudReconfirmed: 1,
      snsAccounts: sns.total,
      link: '/vendors/contracts',
    });
    expect(figures).toMatchObject({ contracts: 2, contractsChecked: 1, cloudServices: 3, snsAccounts: 1 });
    expect(await annualFigures(t.sys.db, tree.root.tenantId, FY - 1)).toMatchObject({
      contracts: 2,
      contractsChecked: 0,
      cloudReconfirmed: 1,
    });
  });

  it('another agency’s registers never count', async () => {
    const other = await buildAgencyTree(t);
    expect(await annualFigures(t.sys.db, other.root.tenantId, FY)).toBeNull();
  });
});
