import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Worker } from '../../server/jobs/queue.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { closeDrillTransports } from './mailer.js';
import { sendJob } from './send.js';
import { drillBody } from './test-helpers.js';

// Who may NOT call each drill route: staff without drill roles, a division head (drill.view on their
// division: aggregates of their own unit only), and a drill.manage holder below the agency's root.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let drillId: string;
let staff: Client;
let head: Client;
let bureauManager: Client;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  for (const unit of [tree.divA1, tree.divA2])
    await buildPerson(t, { unit, roles: ['staff'], account: false });
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  head = (await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] })).client;
  bureauManager = (await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer'] })).client;
  const created = await tree.admin.client.post('/api/v1/drills', drillBody());
  drillId = created.json().id;
  expect((await tree.admin.client.post(`/api/v1/drills/${drillId}/schedule`)).statusCode).toBe(200);
  // Mail goes to DATA_DIR/drill-mail.log (no relay configured in this file).
  await new Worker(t.sys, [sendJob as never]).drain();
});
afterAll(async () => {
  closeDrillTransports();
  await t.close();
});

const manageRoutes = () =>
  [
    ['POST', '/api/v1/drills', drillBody()],
    ['PATCH', `/api/v1/drills/${drillId}`, { title: 'x' }],
    ['DELETE', `/api/v1/drills/${drillId}`, undefined],
    ['GET', `/api/v1/drills/${drillId}/preview`, undefined],
    ['POST', `/api/v1/drills/${drillId}/schedule`, undefined],
    ['POST', `/api/v1/drills/${drillId}/transition`, { to: 'paused' }],
    ['POST', `/api/v1/drills/${drillId}/resend-unknown`, undefined],
    ['GET', `/api/v1/drills/${drillId}/recipients`, undefined],
    ['POST', `/api/v1/drills/${drillId}/follow-up`, {}],
    ['GET', '/api/v1/drills/reports', undefined],
    ['POST', '/api/v1/drills/reports/inbound', 'Subject: x\r\n\r\nbody'],
  ] as const;
const viewRoutes = () =>
  [
    ['GET', '/api/v1/drills', undefined],
    ['GET', '/api/v1/drills/summary', undefined],
    ['GET', `/api/v1/drills/${drillId}`, undefined],
    ['GET', `/api/v1/drills/${drillId}/progress`, undefined],
    ['GET', `/api/v1/drills/${drillId}/results`, undefined],
    ['GET', `/api/v1/drills/${drillId}/compare`, undefined],
    ['GET', `/api/v1/drills/${drillId}/results/export`, undefined],
  ] as const;

function call(c: Client, method: string, url: string, body: unknown) {
  return c.request({
    method: method as 'GET',
    url,
    ...(body === undefined
      ? {}
      : typeof body === 'string'
        ? { payload: body, headers: { 'content-type': 'message/rfc822' } }
        : { payload: body as object }),
  });
}

describe('drill permissions', () => {
  it('staff without a drill role are refused every drill route', async () => {
    for (const [m, url, body] of [...manageRoutes(), ...viewRoutes()]) {
      expect((await call(staff, m, url, body)).statusCode, `${m} ${url}`).toBe(403);
    }
  });

  it('a division head may not manage drills nor see individual results', async () => {
    for (const [m, url, body] of manageRoutes()) {
      expect((await call(head, m, url, body)).statusCode, `${m} ${url}`).toBe(403);
    }
  });

  it('a drill.manage holder below the agency root may not run drills or see individuals', async () => {
    for (const [m, url, body] of manageRoutes()) {
      expect((await call(bureauManager, m, url, body)).statusCode, `${m} ${url}`).toBe(403);
    }
  });

  it('a division head sees aggregates of their own division only', async () => {
    for (const [m, url] of viewRoutes()) {
      expect((await call(head, m, url, undefined)).statusCode, `${m} ${url}`).toBe(200);
    }
    const own = (await head.get(`/api/v1/drills/${drillId}/results`)).json();
    expect(own.unit.id).toBe(tree.divA1.id);
    expect(own.overall.targeted).toBe(3); // the division's two staff members and the head
    expect((await head.get(`/api/v1/drills/${drillId}/results?unitId=${tree.divA2.id}`)).statusCode).toBe(
      404,
    );
    expect((await head.get(`/api/v1/drills/${drillId}/results?unitId=${tree.root.id}`)).statusCode).toBe(404);
    expect((await head.get(`/api/v1/drills/${drillId}/progress`)).json().total).toBe(3);
  });

  it('gives a division head an export without the person-by-person sheet', async () => {
    const res = await head.get(`/api/v1/drills/${drillId}/results/export`);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).not.toContain('個人別');
  });

  it('the administrator sees everything', async () => {
    const all = (await tree.admin.client.get(`/api/v1/drills/${drillId}/results`)).json();
    expect(all.overall.targeted).toBeGreaterThanOrEqual(4);
    expect((await tree.admin.client.get(`/api/v1/drills/${drillId}/recipients`)).statusCode).toBe(200);
    expect((await tree.admin.client.get('/api/v1/drills/summary')).json().drill.id).toBe(drillId);
  });
});
