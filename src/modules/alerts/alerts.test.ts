import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayInJapan } from '../../lib/dates.js';
import { Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import type { MailMessage } from '../../server/mail.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs, roleByKey } from '../../test/factories.js';
import { roles } from '../roles/schema.js';
import { addSoftware, buildSystem } from '../systems/advisory.fixtures.js';
import { currentNotices } from './public.js';
import { alertDeliveries } from './schema.js';

// Issue #11 item 4: an alert naming a product reaches the owners of matching systems in the receiving
// agency (000 L839-845), and the centre sees the acknowledgement (001 L447-462, L14111-15107).

let t: TestApp;
let a: Awaited<ReturnType<typeof buildAgencyTree>>;
let b: Awaited<ReturnType<typeof buildAgencyTree>>;
let centre: Client;
let watcher: Client;
let o1: Awaited<ReturnType<typeof loginAs>>;
let adm1: Awaited<ReturnType<typeof loginAs>>;
let o2: Awaited<ReturnType<typeof loginAs>>;
let ob: Awaited<ReturnType<typeof loginAs>>;
let headA2: Awaited<ReturnType<typeof loginAs>>;
let staffA: Client;
let csirtBureau: Client;
const sent: MailMessage[] = [];
const mailsTo = (email: string | null) => sent.filter((m) => m.to === email);
const drain = () => new Worker(t.sys, JOBS).drain();

const apache = {
  kind: 'vulnerability',
  titleJa: 'Apache HTTP Server の脆弱性',
  body: 'パス・トラバーサルの脆弱性。\n2.4.50 以降に更新してください。',
  products: [
    {
      vendor: 'Apache',
      product: 'HTTP Server',
      ranges: [{ type: 'vers', vers: 'vers:generic/>=2.4.0|<2.4.50' }],
    },
  ],
};

async function published(body: Record<string, unknown>) {
  const res = await centre.post('/api/v1/central/alerts', body);
  expect(res.statusCode, res.body).toBe(201);
  const pub = await centre.post(`/api/v1/central/alerts/${res.json().id}/publish`);
  expect(pub.statusCode, pub.body).toBe(200);
  return pub.json();
}
async function deliveryOf(client: Client, alertId: string) {
  const items = (await client.get('/api/v1/alerts?pageSize=200')).json().items as {
    id: string;
    alert: { id: string };
  }[];
  return items.find((i) => i.alert.id === alertId)!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  const central = await buildAgency(t, { kind: 'central', code: 'nisc' });
  a = await buildAgencyTree(t);
  b = await buildAgencyTree(t);
  t.env.mailer = {
    send: async (m) => {
      sent.push(m);
      return { messageId: String(sent.length) };
    },
    close: () => {},
  };
  centre = (await loginAs(t, { unit: central.root, roles: ['central_analyst'] })).client;
  const [watch] = await t.sys.db
    .insert(roles)
    .values({
      tenantId: central.tenant.id,
      key: 'watch',
      nameJa: '閲覧',
      nameEn: 'Watch',
      permissions: ['central.read'],
    })
    .returning();
  watcher = (await loginAs(t, { unit: central.root, roles: [watch!.key] })).client;
  o1 = await loginAs(t, { unit: a.divA1, roles: ['staff'] });
  adm1 = await loginAs(t, { unit: a.divA1, roles: ['staff'] });
  o2 = await loginAs(t, { unit: a.divA2, roles: ['staff'] });
  ob = await loginAs(t, { unit: b.divA1, roles: ['staff'] });
  headA2 = await loginAs(t, { unit: a.divA2, roles: ['division_security_officer'] });
  staffA = (await loginAs(t, { unit: a.divA1, roles: ['staff'] })).client;
  csirtBureau = (await loginAs(t, { unit: a.bureauA, roles: ['csirt'] })).client;
  const s1 = await buildSystem(t, {
    unit: a.divA1,
    officerId: o1.person.id,
    administratorId: adm1.person.id,
    name: '文書管理',
  });
  const s2 = await buildSystem(t, { unit: a.divA2, officerId: o2.person.id, name: '申請受付' });
  const sb = await buildSystem(t, { unit: b.divA1, officerId: ob.person.id, name: '他省の文書管理' });
  await addSoftware(t, s1, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.41' });
  await addSoftware(t, s2, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.58' });
  await addSoftware(t, sb, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.41' });
});
afterAll(() => t.close());
beforeEach(() => {
  sent.length = 0;
});

describe('an alert naming a product', () => {
  it('reaches exactly the owners of matching systems in the receiving agency, and the centre sees the acknowledgement', async () => {
    const alert = await published(apache);
    expect(alert.agencies.map((x: { agencyCode: string }) => x.agencyCode).sort()).toEqual(
      [a.tenant.code, b.tenant.code].sort(),
    );
    await drain();
    // Each agency's alert handlers are told it arrived.
    expect(mailsTo(a.admin.person.email)).toHaveLength(1);
    expect(mailsTo(b.admin.person.email)).toHaveLength(1);
    expect(mailsTo(o1.person.email)).toHaveLength(0);
    sent.length = 0;

    const id = await deliveryOf(a.admin.client, alert.id);
    const ack = await a.admin.client.post(`/api/v1/alerts/${id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
    const preview = (await a.admin.client.get(`/api/v1/alerts/${id}/forward-preview`)).json();
    expect(preview.systems.map((s: { name: string }) => s.name)).toEqual(['文書管理']);
    expect(preview.recipients.map((p: { personId: string }) => p.personId).sort()).toEqual(
      [o1.person.id, adm1.person.id].sort(),
    );
    const fwd = await a.admin.client.post(`/api/v1/alerts/${id}/forward`, {});
    expect(fwd.json()).toEqual({ forwardedCount: 2 });
    await drain();
    expect(sent.map((m) => m.to).sort()).toEqual([o1.person.email, adm1.person.email].sort());
    expect(mailsTo(o1.person.email)[0]!.text).toContain('文書管理');

    // Forwarding again mails nobody twice.
    await a.admin.client.post(`/api/v1/alerts/${id}/forward`, {});
    await drain();
    expect(sent).toHaveLength(2);

    const status = (await watcher.get(`/api/v1/central/alerts/${alert.id}`)).json();
    const rowA = status.agencies.find((x: { agencyId: string }) => x.agencyId === a.tenant.id);
    const rowB = status.agencies.find((x: { agencyId: string }) => x.agencyId === b.tenant.id);
    expect(rowA.acknowledgedAt).not.toBeNull();
    expect(rowA.minutesToAcknowledge).toBe(0);
    expect(rowA).toMatchObject({ forwardedCount: 2 });
    expect(rowB).toMatchObject({ acknowledgedAt: null, forwardedCount: 0 });
    expect(status.counts).toMatchObject({ agencies: 2, acknowledged: 1 });
    // Nothing else of the agency: no person, no system.
    expect(JSON.stringify(status)).not.toContain('文書管理');
    expect(JSON.stringify(status)).not.toContain(o1.person.id);
  });
});

describe('an alert naming no product', () => {
  it('goes to chosen agencies only and is forwarded to the holders of chosen roles', async () => {
    const alert = await published({
      kind: 'suspicious_mail',
      titleJa: '不審メールに注意',
      body: '差出人: info@example.com\n件名: 請求書',
      agencyIds: [a.tenant.id],
    });
    expect(alert.agencies).toHaveLength(1);
    await drain();
    expect(mailsTo(b.admin.person.email)).toHaveLength(0);
    sent.length = 0;
    const id = await deliveryOf(a.admin.client, alert.id);
    expect((await b.admin.client.get(`/api/v1/alerts/${id}`)).statusCode).toBe(404);
    expect((await a.admin.client.post(`/api/v1/alerts/${id}/forward`, {})).statusCode).toBe(400);
    const role = await roleByKey(t.sys, a.tenant.id, 'division_security_officer');
    const res = await a.admin.client.post(`/api/v1/alerts/${id}/forward`, { roleIds: [role.id] });
    expect(res.json()).toEqual({ forwardedCount: 1 });
    await drain();
    expect(sent.map((m) => m.to)).toEqual([headA2.person.email]);
  });
});

describe('report-back', () => {
  it('is overdue past its due day until the agency reports its action, which the centre reads', async () => {
    const alert = await published({
      ...apache,
      titleJa: '報告要',
      reportRequested: true,
      reportDueOn: addDays(todayInJapan(), -1),
    });
    expect(alert.counts.overdue).toBe(2);
    const idB = await deliveryOf(b.admin.client, alert.id);
    const overdue = (await b.admin.client.get('/api/v1/alerts?state=overdue')).json();
    expect(overdue.items.map((x: { id: string }) => x.id)).toContain(idB);
    const idA = await deliveryOf(a.admin.client, alert.id);
    const rep = await a.admin.client.post(`/api/v1/alerts/${idA}/report`, { text: '全台更新済み' });
    expect(rep.json()).toMatchObject({ reportOpen: false, overdue: false });
    expect(rep.json().acknowledgedAt).not.toBeNull();
    const status = (await centre.get(`/api/v1/central/alerts/${alert.id}`)).json();
    expect(status.counts.overdue).toBe(1);
    const rowA = status.agencies.find((x: { agencyId: string }) => x.agencyId === a.tenant.id);
    expect(rowA).toMatchObject({ actionReport: '全台更新済み', reportOpen: false, overdue: false });
    expect(status.agencies.find((x: { agencyId: string }) => x.agencyId === b.tenant.id)).toMatchObject({
      reportOpen: true,
      overdue: true,
    });
    // A report-back needs its due day.
    const bad = await centre.post('/api/v1/central/alerts', { ...apache, reportRequested: true });
    expect(bad.statusCode).toBe(400);
  });
});

describe('who may NOT', () => {
  it('agencies hold no central permission; a watcher reads but does not publish', async () => {
    expect((await a.admin.client.get('/api/v1/central/alerts')).statusCode).toBe(403);
    expect((await a.admin.client.post('/api/v1/central/alerts', apache)).statusCode).toBe(403);
    expect((await watcher.get('/api/v1/central/alerts')).statusCode).toBe(200);
    expect((await watcher.post('/api/v1/central/alerts', apache)).statusCode).toBe(403);
    expect((await watcher.get('/api/v1/central/alerts/agencies')).json().items).toHaveLength(2);
  });

  it('staff and a bureau-level alert handler cannot use the inbox; the centre cannot either', async () => {
    expect((await staffA.get('/api/v1/alerts')).statusCode).toBe(403);
    expect((await csirtBureau.get('/api/v1/alerts')).statusCode).toBe(403);
    expect((await centre.get('/api/v1/alerts')).statusCode).toBe(403);
  });

  it('another agency acting on a delivery it did not receive gets "not found"', async () => {
    const alert = await published({ ...apache, titleJa: '他省' });
    const id = await deliveryOf(a.admin.client, alert.id);
    for (const [method, url, payload] of [
      ['GET', `/api/v1/alerts/${id}`, undefined],
      ['POST', `/api/v1/alerts/${id}/acknowledge`, undefined],
      ['GET', `/api/v1/alerts/${id}/forward-preview`, undefined],
      ['POST', `/api/v1/alerts/${id}/forward`, {}],
      ['POST', `/api/v1/alerts/${id}/release`, { release: true }],
      ['POST', `/api/v1/alerts/${id}/report`, { text: '乗っ取り' }],
    ] as const) {
      const res = await b.admin.client.request({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const [row] = await t.sys.db.select().from(alertDeliveries).where(eq(alertDeliveries.id, id));
    expect(row).toMatchObject({ acknowledgedAt: null, actionReport: null, releasedAt: null });
  });

  it('a published alert is no longer edited; a withdrawn one takes no report', async () => {
    const alert = await published({ ...apache, titleJa: '取消し' });
    const put = await centre.request({
      method: 'PUT',
      url: `/api/v1/central/alerts/${alert.id}`,
      payload: apache,
    });
    expect(put.statusCode).toBe(409);
    expect((await centre.post(`/api/v1/central/alerts/${alert.id}/withdraw`)).statusCode).toBe(200);
    const id = await deliveryOf(a.admin.client, alert.id);
    expect((await a.admin.client.post(`/api/v1/alerts/${id}/report`, { text: 'x' })).statusCode).toBe(409);
  });

  it('rejects a product that is not a CPE and an agency that is not the centre’s', async () => {
    const cpe = await centre.post('/api/v1/central/alerts', {
      ...apache,
      products: [{ vendor: '', product: '', cpe: 'not-a-cpe' }],
    });
    expect(cpe.statusCode).toBe(400);
    const foreign = await centre.post('/api/v1/central/alerts', { ...apache, agencyIds: [o1.person.id] });
    expect(foreign.statusCode).toBe(400);
  });
});

describe('currentNotices (the portal)', () => {
  it('returns released, current, non-withdrawn notices only', async () => {
    const shown = await published({ kind: 'notice', titleJa: '掲載中', body: '本文' });
    const ended = await published({ kind: 'notice', titleJa: '掲載終了', body: '本文' });
    const hidden = await published({ kind: 'notice', titleJa: '未掲載', body: '本文' });
    const gone = await published({ kind: 'notice', titleJa: '取消済', body: '本文' });
    const tomorrow = addDays(todayInJapan(), 1);
    for (const x of [shown, ended, gone]) {
      const id = await deliveryOf(a.admin.client, x.id);
      const res = await a.admin.client.post(`/api/v1/alerts/${id}/release`, {
        release: true,
        until: tomorrow,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    await t.sys.db
      .update(alertDeliveries)
      .set({ releasedUntil: addDays(todayInJapan(), -1) })
      .where(eq(alertDeliveries.id, await deliveryOf(a.admin.client, ended.id)));
    await centre.post(`/api/v1/central/alerts/${gone.id}/withdraw`);
    const notices = await currentNotices(t.sys.db, a.tenant.id, { limit: 10 });
    expect(notices.map((n) => n.titleJa)).toEqual(['掲載中']);
    expect(notices[0]).toMatchObject({ kind: 'notice', currentUntil: tomorrow });
    expect(await currentNotices(t.sys.db, b.tenant.id, { limit: 10 })).toEqual([]);
    expect(hidden.status).toBe('published');
  });
});
