import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { systems } from '../systems/schema.js';
import {
  buildRegisterWorld,
  captureMail,
  entryBody,
  type RegisterWorld,
  type Sent,
  useMetiPolicy,
} from './register.fixtures.js';

// The ledger in handling requests (000 L749-751, 002 L283-295): a step of the 情報システムセキュリティ責任者
// goes to the named system's security officer, not to a nearby holder of the role.

let t: TestApp;
let w: RegisterWorld;
let mail: Sent[];
let c3: { id: string };
let otherSystemId: string;
let bOwner: Awaited<ReturnType<typeof loginAs>>;
let bSystemId: string;
const API = '/api/v1/classification';

beforeAll(async () => {
  t = await buildTestApp();
  mail = captureMail(t);
  w = await buildRegisterWorld(t);
  await useMetiPolicy(w.admin.client);
  const res = await w.staff.client.post(`${API}/entries`, entryBody(3, {}, [w.staff.person.id]));
  c3 = res.json();
  expect((await w.head.client.post(`${API}/entries/${c3.id}/confirm`, {})).statusCode).toBe(200);
  // A system of 第三課 owned by someone who holds no role at all.
  bOwner = await loginAs(t, { unit: w.divB1, roles: ['staff'] });
  const [b] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: w.tenant.id,
      unitId: w.divB1.id,
      code: 'B-SYS',
      name: '第三課システム',
      securityOfficerId: bOwner.person.id,
    })
    .returning();
  bSystemId = b!.id;
  const other = await buildAgencyTree(t);
  const [o] = await t.sys.db
    .insert(systems)
    .values({
      tenantId: other.tenant.id,
      unitId: other.divA1.id,
      code: 'O-SYS',
      name: '他省',
      securityOfficerId: null,
    })
    .returning();
  otherSystemId = o!.id;
});
afterAll(async () => t.close());

async function ask(body: Record<string, unknown>) {
  return w.staff.client.post(`${API}/requests`, { details: '委託先での処理', ...body });
}

describe('the system named in the request decides', () => {
  it('sends the system step to the system’s officer, not the role holder nearby', async () => {
    mail.length = 0;
    const res = await ask({ entryId: c3.id, action: 'process_outside', systemId: bSystemId });
    expect(res.statusCode, res.body).toBe(201);
    const req = res.json();
    expect(req.systemId).toBe(bSystemId);
    const sysStep = req.steps.find((s: { roleKey: string }) => s.roleKey === 'system_security_officer');
    expect(sysStep).toMatchObject({
      unitId: w.divB1.id,
      roleName: expect.stringContaining('第三課システム'),
    });
    // The nearby holder of the role (第一課's sysOfficer) cannot decide; the system's owner can.
    expect((await w.sysOfficer.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(404);
    expect((await w.head.client.post(`${API}/requests/${req.id}/approve`, {})).json().status).toBe('pending');
    const queue = (await bOwner.client.get(`${API}/requests?queue=approver`)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(req.id);
    expect((await bOwner.client.get(`${API}/requests/${req.id}`)).json().can.decide).toBe(true);
    expect(mail.some((m) => JSON.stringify(m.to).includes(bOwner.person.email!))).toBe(true);
    const ok = await bOwner.client.post(`${API}/requests/${req.id}/approve`, {});
    expect(ok.json().status).toBe('approved');
  });

  it('refuses a request needing the system officer without a system, naming the field', async () => {
    const res = await ask({ entryId: c3.id, action: 'process_outside' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.systemId');
  });

  it('refuses another agency’s system exactly like an unknown one', async () => {
    const foreign = await ask({ entryId: c3.id, action: 'process_outside', systemId: otherSystemId });
    const unknown = await ask({ entryId: c3.id, action: 'process_outside', systemId: crypto.randomUUID() });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual(unknown.json().errors);
    expect(foreign.json().errors[0].path).toBe('body.systemId');
  });

  it('private devices need the division head and the system’s officer (002 L283-295)', async () => {
    const res = await ask({ action: 'private_device', confidentiality: 2, systemId: bSystemId });
    expect(res.statusCode, res.body).toBe(201);
    const req = res.json();
    expect(req.steps.map((s: { roleKey: string; unitId: string }) => [s.roleKey, s.unitId])).toEqual([
      ['division_security_officer', w.divA1.id],
      ['system_security_officer', w.divB1.id],
    ]);
    expect((await ask({ action: 'private_device', confidentiality: 2 })).json().errors[0].path).toBe(
      'body.systemId',
    );
    const preview = await w.staff.client.get(
      `${API}/requirements?action=private_device&confidentiality=2&systemId=${bSystemId}`,
    );
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json().requirements[1]).toMatchObject({ unitId: w.divB1.id, approverCount: 1 });
  });

  it('says nobody can decide when the ledger names no officer for the system', async () => {
    const [none] = await t.sys.db
      .insert(systems)
      .values({ tenantId: w.tenant.id, unitId: w.divA1.id, code: 'NO-OFFICER', name: '責任者未登録' })
      .returning();
    const res = await ask({ entryId: c3.id, action: 'process_outside', systemId: none!.id });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('no_approver');
  });
});

describe('register entries name the systems that hold them', () => {
  it('stores, shows and edits the systems; refuses unknown and foreign ids naming the index', async () => {
    const res = await w.staff.client.post(`${API}/entries`, entryBody(2, { systemIds: [w.system.id] }));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().systems).toEqual([{ id: w.system.id, code: w.system.code, name: w.system.name }]);
    const bad = await w.staff.client.post(
      `${API}/entries`,
      entryBody(2, { systemIds: [w.system.id, otherSystemId] }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.systemIds.1');
    const unknown = await w.staff.client.post(
      `${API}/entries`,
      entryBody(2, { systemIds: [crypto.randomUUID()] }),
    );
    expect(unknown.json().errors[0]).toEqual({ ...bad.json().errors[0], path: 'body.systemIds.0' });
    const edited = await w.staff.client.patch(`${API}/entries/${id}`, { systemIds: [bSystemId] });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().systems.map((s: { code: string }) => s.code)).toEqual(['B-SYS']);
    const got = (await w.staff.client.get(`${API}/entries/${id}`)).json();
    expect(got.systems.map((s: { id: string }) => s.id)).toEqual([bSystemId]);
  });
});
