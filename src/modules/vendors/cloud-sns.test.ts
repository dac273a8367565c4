import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { captureMail } from '../classification/register.fixtures.js';
import { remindReconfirmations } from './jobs.js';

// The cloud-service and SNS registers: who reads, who edits, who names the responsible person
// (001 L11001-11080), who confirms; other units and agencies get 404.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let officerA: Client; // 情報セキュリティ責任者 of 第一局
let officerB: Client; // 情報セキュリティ責任者 of 第二局
let headA1: Client; // 課室情報セキュリティ責任者 of 第一課 (vendor.view over 第一課)
let staff: Client;
let responsible: Awaited<ReturnType<typeof loginAs>>;
let manager: Awaited<ReturnType<typeof loginAs>>;
let otherAgency: Client;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  officerA = (await loginAs(t, { unit: tree.bureauA, roles: ['security_officer'] })).client;
  officerB = (await loginAs(t, { unit: tree.bureauB, roles: ['security_officer'] })).client;
  headA1 = (await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] })).client;
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  responsible = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  manager = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  const other = await buildAgencyTree(t);
  otherAgency = other.admin.client;
});
afterAll(() => t.close());

const cloudBody = () => ({
  unitId: tree.bureauA.id,
  name: 'ファイル共有サービスX',
  provider: 'X株式会社',
  url: 'https://x.example.com',
  allowedUses: '公開資料の共有',
  conditions: '機密性1情報に限る',
});

describe('cloud services', () => {
  let id: string;
  it('an administrator registers a service; 要機密情報 is never allowed', async () => {
    const bad = await admin.post('/api/v1/vendors/cloud-services', { ...cloudBody(), maxConfidentiality: 2 });
    expect(bad.statusCode).toBe(400);
    const res = await admin.post('/api/v1/vendors/cloud-services', cloudBody());
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({ maxConfidentiality: 1, responsible: null, reconfirmStatus: 'ok' });
  });

  it('staff, heads and the security officer may not register', async () => {
    for (const c of [staff, headA1, officerA])
      expect((await c.post('/api/v1/vendors/cloud-services', cloudBody())).statusCode).toBe(403);
  });

  it('the 情報セキュリティ責任者 over the unit names the responsible person; one of another bureau may not', async () => {
    const body = { personId: responsible.person.id };
    expect(
      (
        await officerB.request({
          method: 'PUT',
          url: `/api/v1/vendors/cloud-services/${id}/responsible`,
          payload: body,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await staff.request({
          method: 'PUT',
          url: `/api/v1/vendors/cloud-services/${id}/responsible`,
          payload: body,
        })
      ).statusCode,
    ).toBe(404);
    const res = await officerA.request({
      method: 'PUT',
      url: `/api/v1/vendors/cloud-services/${id}/responsible`,
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().responsible.id).toBe(responsible.person.id);
    expect(res.json().namedBy.name).not.toBe('');
  });

  it('the responsible person sees and confirms their service but cannot edit it', async () => {
    const list = await responsible.client.get('/api/v1/vendors/cloud-services');
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    const conf = await responsible.client.post(`/api/v1/vendors/cloud-services/${id}/confirm`);
    expect(conf.statusCode).toBe(200);
    expect(conf.json().lastConfirmedBy.id).toBe(responsible.person.id);
    expect(
      (await responsible.client.patch(`/api/v1/vendors/cloud-services/${id}`, { name: 'y' })).statusCode,
    ).toBe(403);
  });

  it('readers outside the unit, staff and other agencies get 404 or an empty list', async () => {
    expect((await staff.get(`/api/v1/vendors/cloud-services/${id}`)).statusCode).toBe(404);
    expect((await officerB.get(`/api/v1/vendors/cloud-services/${id}`)).statusCode).toBe(404);
    expect((await otherAgency.get(`/api/v1/vendors/cloud-services/${id}`)).statusCode).toBe(404);
    expect((await otherAgency.patch(`/api/v1/vendors/cloud-services/${id}`, { name: 'y' })).statusCode).toBe(
      404,
    );
    expect((await officerB.get('/api/v1/vendors/cloud-services')).json().total).toBe(0);
    expect((await staff.post(`/api/v1/vendors/cloud-services/${id}/confirm`)).statusCode).toBe(404);
    expect((await officerA.get(`/api/v1/vendors/cloud-services/${id}`)).statusCode).toBe(200);
  });

  it('signed out: 401', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/v1/vendors/cloud-services' });
    expect(anon.statusCode).toBe(401);
  });

  it('search and the due filter', async () => {
    expect(
      (await admin.get('/api/v1/vendors/cloud-services?q=%E3%83%95%E3%82%A1%E3%82%A4%E3%83%AB')).json().total,
    ).toBe(1);
    expect((await admin.get('/api/v1/vendors/cloud-services?q=zzz')).json().total).toBe(0);
    await admin.patch(`/api/v1/vendors/cloud-services/${id}`, { reconfirmDue: '2020-01-01' });
    const overdue = await admin.get('/api/v1/vendors/cloud-services?filter=overdue');
    expect(overdue.json().items[0].reconfirmStatus).toBe('overdue');
  });

  it('every change is audited', async () => {
    const rows = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(rows.map((r) => r.action).sort()).toEqual(
      [
        'vendor.cloud_confirm',
        'vendor.cloud_create',
        'vendor.cloud_name_responsible',
        'vendor.cloud_update',
      ].sort(),
    );
  });
});

describe('SNS accounts', () => {
  let id: string;
  it('an administrator registers an account with its 管理担当者', async () => {
    const res = await admin.post('/api/v1/vendors/sns-accounts', {
      unitId: tree.divA2.id,
      platform: 'X (Twitter)',
      accountName: '@test_ministry',
      url: 'https://x.com/test_ministry',
      purpose: '報道発表の周知',
      managerIds: [manager.person.id],
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json().managers).toEqual([{ id: manager.person.id, name: manager.person.name }]);
    expect(res.json().openItems).toHaveLength(17);
  });

  it('the checklist lists the 17 items of 001 L14190-14392, each citing its line', async () => {
    const res = await staff.get('/api/v1/vendors/checklists');
    const sns = res.json().sns as { source: string }[];
    expect(sns).toHaveLength(17);
    for (const item of sns) expect(item.source).toMatch(/^001 L14\d{3}$/);
  });

  it('the 管理担当者 answers the checklist with evidence and confirms', async () => {
    const put = await manager.client.request({
      method: 'PUT',
      url: `/api/v1/vendors/sns-accounts/${id}/checklist`,
      payload: { answers: { strong_authentication: { answer: 'yes', evidence: '二段階認証を設定済み' } } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().checklist.strong_authentication.evidence).toBe('二段階認証を設定済み');
    expect(put.json().openItems).toHaveLength(16);
    const bad = await manager.client.request({
      method: 'PUT',
      url: `/api/v1/vendors/sns-accounts/${id}/checklist`,
      payload: { answers: { nonsense: { answer: 'yes' } } },
    });
    expect(bad.statusCode).toBe(400);
    expect((await manager.client.post(`/api/v1/vendors/sns-accounts/${id}/confirm`)).statusCode).toBe(200);
    expect(
      (await manager.client.patch(`/api/v1/vendors/sns-accounts/${id}`, { purpose: 'x' })).statusCode,
    ).toBe(403);
  });

  it('the head of another division and other agencies get 404', async () => {
    expect((await headA1.get(`/api/v1/vendors/sns-accounts/${id}`)).statusCode).toBe(404);
    expect(
      (
        await staff.request({
          method: 'PUT',
          url: `/api/v1/vendors/sns-accounts/${id}/checklist`,
          payload: { answers: {} },
        })
      ).statusCode,
    ).toBe(404);
    expect((await otherAgency.get(`/api/v1/vendors/sns-accounts/${id}`)).statusCode).toBe(404);
    expect((await officerA.get(`/api/v1/vendors/sns-accounts/${id}`)).statusCode).toBe(200);
  });

  it('an overdue account appears in the overdue list and on the dashboard', async () => {
    await admin.patch(`/api/v1/vendors/sns-accounts/${id}`, { reconfirmDue: '2020-04-01' });
    const list = await officerA.get('/api/v1/vendors/sns-accounts?filter=overdue');
    // a partial update leaves the other fields as they were
    expect(list.json().items[0]).toMatchObject({
      purpose: '報道発表の周知',
      managers: [{ id: manager.person.id }],
    });
    expect(list.json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    const dash = await officerA.get('/api/v1/vendors/dashboard');
    expect(dash.json().reconfirmOverdue).toBeGreaterThanOrEqual(1);
    expect((await officerB.get('/api/v1/vendors/dashboard')).json().reconfirmOverdue).toBe(0);
  });

  it('the daily job reminds the 管理担当者 of an overdue account once', async () => {
    const mail = captureMail(t);
    await remindReconfirmations(t.sys, null);
    const toManager = mail.filter((m) => m.to === manager.person.email);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.subject).toContain('@test_ministry');
    expect(toManager[0]!.subject).toContain('期限が過ぎています');
    const before = mail.length;
    await remindReconfirmations(t.sys, null);
    expect(mail.length).toBe(before);
    // the cloud service is overdue too: its responsible person was reminded
    expect(mail.some((m) => m.to === responsible.person.email)).toBe(true);
  });

  it('managers must be people of the agency', async () => {
    const res = await admin.patch(`/api/v1/vendors/sns-accounts/${id}`, {
      managerIds: [crypto.randomUUID()],
    });
    expect(res.statusCode).toBe(400);
    const p = await buildPerson(t, { unit: tree.divA2, account: false });
    expect(
      (await admin.patch(`/api/v1/vendors/sns-accounts/${id}`, { managerIds: [p.person.id] })).statusCode,
    ).toBe(200);
  });
});
