import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { Ctx } from '../../server/context.js';
import { detachedJob } from '../../server/jobs/queue.js';
import type { Mailer, MailMessage } from '../../server/mail.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { remindExpiringExceptions } from './jobs.js';
import { securityExceptions } from './schema.js';

// 例外措置 (002 L223, L279; 003 L940-944): requested by staff, decided by the 情報セキュリティ責任者
// over the requester's unit, reminded before and after expiry, kept in a register for auditors.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let staff: Awaited<ReturnType<typeof loginAs>>;
let colleague: Awaited<ReturnType<typeof loginAs>>;
let bureauHead: Awaited<ReturnType<typeof loginAs>>;
let otherBureauHead: Awaited<ReturnType<typeof loginAs>>;
let auditor: Awaited<ReturnType<typeof loginAs>>;
let stranger: Awaited<ReturnType<typeof loginAs>>;

const today = todayInJapan();
const body = (over: Record<string, unknown> = {}) => ({
  clause: '8.1.1(1)(c) 支給以外の端末の利用',
  catalogItemId: '8.1.1(1)(c)',
  reason: '災害対応のため個人端末で連絡を受ける必要がある',
  scopePeople: '第一課 全員',
  scopeSystems: '',
  scopeInformation: '機密性1 の連絡',
  fromOn: today,
  toOn: addDays(today, 90),
  measures: '端末の画面ロックと MDM 登録',
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  colleague = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  bureauHead = await loginAs(t, { unit: tree.bureauA, roles: ['security_officer', 'staff'] });
  otherBureauHead = await loginAs(t, { unit: tree.bureauB, roles: ['security_officer', 'staff'] });
  auditor = await loginAs(t, { unit: tree.root, roles: ['audit_officer', 'staff'] });
  const other = await buildAgencyTree(t);
  stranger = await loginAs(t, {
    unit: other.root,
    roles: ['mamoru_admin', 'security_officer', 'audit_officer'],
  });
});
afterAll(() => t.close());

/** A job context whose mailer keeps what it sends. */
function outbox() {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(m) {
      sent.push(m);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
  const ctx: Ctx = { ...t.sys, env: { ...t.sys.env, mailer } };
  return { sent, ctx };
}

async function request(c: Client = staff.client, over: Record<string, unknown> = {}) {
  const res = await c.post('/api/v1/exceptions', body(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; state: string; can: Record<string, boolean> };
}

describe('requesting and deciding', () => {
  it('staff request an exception for their unit; the bureau’s 情報セキュリティ責任者 approves it', async () => {
    const x = await request();
    expect(x).toMatchObject({ state: 'requested', status: 'requested', unitId: tree.divA1.id });
    expect(x.can).toMatchObject({ decide: false, revise: true, withdraw: true });
    const seen = (await bureauHead.client.get(`/api/v1/exceptions/${x.id}`)).json();
    expect(seen.can.decide).toBe(true);
    const res = await bureauHead.client.post(`/api/v1/exceptions/${x.id}/decision`, {
      decision: 'approve',
      note: '了承',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'approved', status: 'active', decisionNote: '了承' });
  });

  it('refuses a decision from staff, another bureau, another agency, the requester or signed-out callers', async () => {
    const x = await request();
    const url = `/api/v1/exceptions/${x.id}/decision`;
    expect((await staff.client.post(url, { decision: 'approve' })).statusCode).toBe(403);
    expect((await colleague.client.post(url, { decision: 'approve' })).statusCode).toBe(403);
    expect((await otherBureauHead.client.post(url, { decision: 'approve' })).statusCode).toBe(404);
    expect((await stranger.client.post(url, { decision: 'approve' })).statusCode).toBe(404);
    expect((await new Client(t.app).post(url, { decision: 'approve' })).statusCode).toBe(401);
    // a 情報セキュリティ責任者 does not approve their own request
    const own = await request(bureauHead.client);
    expect(
      (await bureauHead.client.post(`/api/v1/exceptions/${own.id}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);
  });

  it('a returned request is revised and resubmitted by its requester only; withdrawn ones cannot be decided', async () => {
    const x = await request();
    await bureauHead.client.post(`/api/v1/exceptions/${x.id}/decision`, {
      decision: 'return',
      note: '代替措置を具体的に',
    });
    expect(
      (await colleague.client.request({ method: 'PUT', url: `/api/v1/exceptions/${x.id}`, payload: body() }))
        .statusCode,
    ).toBe(404);
    const revised = await staff.client.request({
      method: 'PUT',
      url: `/api/v1/exceptions/${x.id}`,
      payload: body({ measures: 'MDM 登録と週次点検' }),
    });
    expect(revised.statusCode, revised.body).toBe(200);
    expect(revised.json()).toMatchObject({ state: 'requested', measures: 'MDM 登録と週次点検' });
    const w = await staff.client.post(`/api/v1/exceptions/${x.id}/withdraw`);
    expect(w.json().state).toBe('withdrawn');
    expect(
      (await bureauHead.client.post(`/api/v1/exceptions/${x.id}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(409);
  });

  it('refuses a period that ends before it starts, and control characters', async () => {
    const bad = await staff.client.post(
      '/api/v1/exceptions',
      body({ fromOn: today, toOn: addDays(today, -1) }),
    );
    expect(bad.statusCode).toBe(400);
    const ctl = await staff.client.post('/api/v1/exceptions', body({ reason: 'a\u0000b' }));
    expect(ctl.statusCode).toBe(400);
  });

  it('hides a request from other staff and other agencies with the same 404 as a random id', async () => {
    const x = await request();
    const random = await colleague.client.get('/api/v1/exceptions/00000000-0000-4000-8000-000000000000');
    const hidden = await colleague.client.get(`/api/v1/exceptions/${x.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe(random.json().code);
    expect((await stranger.client.get(`/api/v1/exceptions/${x.id}`)).statusCode).toBe(404);
    expect((await new Client(t.app).get(`/api/v1/exceptions/${x.id}`)).statusCode).toBe(401);
    const list = (await colleague.client.get('/api/v1/exceptions')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(x.id);
    expect((await stranger.client.get('/api/v1/exceptions')).json().total).toBe(0);
  });
});

describe('expiry and renewal', () => {
  it('an exception past its period is reported as expired and its holder reminded once', async () => {
    const x = await request(staff.client, { fromOn: addDays(today, -60), toOn: addDays(today, -1) });
    await bureauHead.client.post(`/api/v1/exceptions/${x.id}/decision`, { decision: 'approve' });
    expect((await staff.client.get(`/api/v1/exceptions/${x.id}`)).json().status).toBe('expired');
    const expired = (await auditor.client.get('/api/v1/exceptions?status=expired')).json();
    expect(expired.items.map((i: { id: string }) => i.id)).toContain(x.id);
    expect((await bureauHead.client.get('/api/v1/exceptions/summary')).json().expired).toBeGreaterThanOrEqual(
      1,
    );

    const { sent, ctx } = outbox();
    await remindExpiringExceptions(ctx, detachedJob());
    await remindExpiringExceptions(ctx, detachedJob());
    const mine = sent.filter((m) => m.to === staff.person.email);
    expect(mine.filter((m) => m.subject.includes('期間が終了しました'))).toHaveLength(1);
  });

  it('reminds 30 and 7 days ahead, once per threshold; a renewal stops the reminders', async () => {
    const x = await request(staff.client, { fromOn: addDays(today, -10), toOn: addDays(today, 20) });
    await bureauHead.client.post(`/api/v1/exceptions/${x.id}/decision`, { decision: 'approve' });
    expect(
      (await bureauHead.client.get('/api/v1/exceptions/summary')).json().expiringIn30Days,
    ).toBeGreaterThanOrEqual(1);
    const { sent, ctx } = outbox();
    await remindExpiringExceptions(ctx, detachedJob());
    await remindExpiringExceptions(ctx, detachedJob());
    const about = (m: MailMessage) => m.text.includes(`/exceptions/${x.id}`);
    expect(sent.filter(about)).toHaveLength(1);
    // a week before the end: the "7" reminder
    await t.sys.db
      .update(securityExceptions)
      .set({ toOn: addDays(today, 5) })
      .where(eq(securityExceptions.id, x.id));
    await remindExpiringExceptions(ctx, detachedJob());
    expect(sent.filter(about)).toHaveLength(2);

    // renewal: a new request linked to the old; someone else cannot renew it
    expect((await colleague.client.post('/api/v1/exceptions', body({ renewsId: x.id }))).statusCode).toBe(
      404,
    );
    const renewal = await request(staff.client, {
      renewsId: x.id,
      fromOn: addDays(today, 6),
      toOn: addDays(today, 200),
    });
    expect(renewal).toMatchObject({ renewsId: x.id, state: 'requested' });
    expect((await staff.client.get(`/api/v1/exceptions/${x.id}`)).json()).toMatchObject({
      renewedById: renewal.id,
    });
    expect((await staff.client.post('/api/v1/exceptions', body({ renewsId: x.id }))).statusCode).toBe(409);
    await t.sys.db
      .update(securityExceptions)
      .set({ toOn: addDays(today, -1) })
      .where(eq(securityExceptions.id, x.id));
    await remindExpiringExceptions(ctx, detachedJob());
    expect(sent.filter(about)).toHaveLength(2);
  });
});

describe('the register for auditors (003 L940-944)', () => {
  it('audit officers read the whole agency’s register and export it as .xlsx; staff may not export', async () => {
    const x = await request();
    const list = (await auditor.client.get('/api/v1/exceptions?pageSize=200')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(x.id);
    expect(list.items.every((i: { can: { decide: boolean } }) => !i.can.decide)).toBe(true);
    const search = (await auditor.client.get('/api/v1/exceptions?q=MDM')).json();
    expect(search.total).toBeGreaterThan(0);
    const paged = (await auditor.client.get('/api/v1/exceptions?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);

    const res = await auditor.client.get('/api/v1/exceptions/register.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('部局・課室');
    expect(ws.rowCount - 1).toBe(list.total);
    expect((await staff.client.get('/api/v1/exceptions/register.xlsx')).statusCode).toBe(403);
    expect((await bureauHead.client.get('/api/v1/exceptions/register.xlsx')).statusCode).toBe(200);
    const foreign = await stranger.client.get('/api/v1/exceptions/register.xlsx');
    const fwb = new ExcelJS.Workbook();
    await fwb.xlsx.load(foreign.rawPayload as unknown as ArrayBuffer);
    expect(fwb.worksheets[0]!.rowCount).toBe(1);
  });

  it('a bureau head sees their bureau’s requests, not the other bureau’s', async () => {
    const x = await request();
    expect((await otherBureauHead.client.get(`/api/v1/exceptions/${x.id}`)).statusCode).toBe(404);
    const list = (await otherBureauHead.client.get('/api/v1/exceptions?pageSize=200')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(x.id);
  });
});
