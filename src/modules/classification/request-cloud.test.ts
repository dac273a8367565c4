import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { cloudServiceRequests } from '../vendors/schema.js';
import { buildRegisterWorld, captureMail, type RegisterWorld, type Sent } from './register.fixtures.js';

// A handling request to use a terms-of-service cloud service names a service of the vendors register;
// the person the 情報セキュリティ責任者 named for it decides (001 L11052-11080), nobody else;
// 要機密情報 stays refused (001 L11001).

let t: TestApp;
let w: RegisterWorld;
let mail: Sent[];
let responsible: Awaited<ReturnType<typeof loginAs>>;
let serviceId: string;
let unnamedId: string;
const API = '/api/v1/classification';

beforeAll(async () => {
  t = await buildTestApp();
  mail = captureMail(t);
  w = await buildRegisterWorld(t);
  responsible = await loginAs(t, { unit: w.divA2, roles: ['staff'], name: '責任者 次郎' });
  const make = async (name: string) => {
    const res = await w.admin.client.post('/api/v1/vendors/cloud-services', {
      unitId: w.bureauA.id,
      name,
      provider: 'X社',
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  serviceId = await make('オンライン会議サービス');
  unnamedId = await make('アンケートサービス');
  const named = await w.officer.client.request({
    method: 'PUT',
    url: `/api/v1/vendors/cloud-services/${serviceId}/responsible`,
    payload: { personId: responsible.person.id },
  });
  expect(named.statusCode, named.body).toBe(200);
});
afterAll(() => t.close());

const ask = (body: Record<string, unknown>) =>
  w.staff.client.post(`${API}/requests`, {
    action: 'cloud_service',
    confidentiality: 1,
    details: '説明会の開催',
    ...body,
  });

describe('cloud-service requests', () => {
  let requestId: string;

  it('staff see the allowed services to choose from, and only their agency’s', async () => {
    const res = await w.staff.client.get('/api/v1/vendors/cloud-services/choices');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual(['アンケートサービス', 'オンライン会議サービス']);
    expect(res.json().items.find((x: { id: string }) => x.id === serviceId).responsibleNamed).toBe(true);
    const other = await buildAgencyTree(t);
    expect((await other.admin.client.get('/api/v1/vendors/cloud-services/choices')).json().items).toEqual([]);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/vendors/cloud-services/choices' })).statusCode,
    ).toBe(401);
  });

  it('must name a registered service', async () => {
    expect((await ask({})).statusCode).toBe(400);
    expect((await ask({ cloudServiceId: crypto.randomUUID() })).statusCode).toBe(400);
    const other = await buildAgencyTree(t);
    const foreign = await other.admin.client.post('/api/v1/vendors/cloud-services', {
      unitId: other.root.id,
      name: '他省のサービス',
      provider: 'Y社',
    });
    expect((await ask({ cloudServiceId: foreign.json().id })).statusCode).toBe(400);
  });

  it('a service without a named responsible person has no approver', async () => {
    const res = await ask({ cloudServiceId: unnamedId });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('no_approver');
  });

  it('要機密情報 stays refused', async () => {
    const res = await ask({ cloudServiceId: serviceId, confidentiality: 2 });
    expect(res.json().code).toBe('handling_prohibited');
  });

  it('the preview and the request name the responsible person as the only approver', async () => {
    const pre = await w.staff.client.get(
      `${API}/requirements?action=cloud_service&confidentiality=1&cloudServiceId=${serviceId}`,
    );
    expect(pre.json().requirements).toEqual([
      expect.objectContaining({ kind: 'permission', roleKey: 'cloud_service_responsible', approverCount: 1 }),
    ]);
    mail.length = 0;
    const res = await ask({ cloudServiceId: serviceId });
    expect(res.statusCode, res.body).toBe(201);
    requestId = res.json().id;
    expect(res.json().status).toBe('pending');
    expect(res.json().steps).toHaveLength(1);
    expect(res.json().steps[0].roleName).toContain('オンライン会議サービス');
    expect(mail.map((m) => m.to)).toEqual([responsible.person.email]);
    const [link] = await t.sys.db
      .select()
      .from(cloudServiceRequests)
      .where(eq(cloudServiceRequests.requestId, requestId));
    expect(link?.serviceId).toBe(serviceId);
  });

  it('the responsible person sees it in their queue; the 情報セキュリティ責任者 cannot decide it', async () => {
    const queue = await responsible.client.get(`${API}/requests?queue=approver`);
    expect(queue.json().items.map((x: { id: string }) => x.id)).toEqual([requestId]);
    expect((await w.officer.client.get(`${API}/requests?queue=approver`)).json().total).toBe(0);
    const officerTry = await w.officer.client.post(`${API}/requests/${requestId}/approve`, {});
    expect([403, 404]).toContain(officerTry.statusCode);
    expect((await w.head.client.post(`${API}/requests/${requestId}/approve`, {})).statusCode).not.toBe(200);
  });

  it('the responsible person approves', async () => {
    const res = await responsible.client.post(`${API}/requests/${requestId}/approve`, { comment: '可' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');
    expect(res.json().steps[0].decidedBy.id).toBe(responsible.person.id);
  });

  it('a retired service can no longer be named', async () => {
    await w.admin.client.patch(`/api/v1/vendors/cloud-services/${serviceId}`, { status: 'retired' });
    expect((await ask({ cloudServiceId: serviceId })).statusCode).toBe(400);
  });
});
