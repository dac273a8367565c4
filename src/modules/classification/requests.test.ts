import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detachedJob } from '../../server/jobs/queue.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { auditEvents } from '../audit/schema.js';
import { expiryNoticesJob, reviewRemindersJob } from './jobs.js';
import {
  buildRegisterWorld,
  captureMail,
  entryBody,
  type RegisterWorld,
  type Sent,
  useMetiPolicy,
} from './register.fixtures.js';
import { classificationEntries, handlingRequests } from './register-schema.js';

// Handling requests (000 L695-751, 表2): the policy decides permission, notification or prohibition;
// only the holders of the required role at the resolved unit decide; approvals expire.

let t: TestApp;
let w: RegisterWorld;
let mail: Sent[];
let unified2: { id: string };
let c3: { id: string; title: string };
let c4: { id: string; title: string };

const API = '/api/v1/classification';
const job = detachedJob(1);

async function propose(client: Client, body: Record<string, unknown>) {
  const res = await client.post(`${API}/entries`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function ask(client: Client, body: Record<string, unknown>, status = 201) {
  const res = await client.post(`${API}/requests`, {
    details: '説明会資料として持参',
    destination: '○○会館',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  mail = captureMail(t);
  w = await buildRegisterWorld(t);
  // Under the Unified Standards (the default policy) 機密性2 is final when the creator classifies it.
  unified2 = await propose(w.staff.client, entryBody(2, { title: '統一基準で格付した資料' }));
  await useMetiPolicy(w.admin.client);
  c3 = await propose(w.staff.client, entryBody(3, { title: '審議会資料（案）' }, [w.named.person.id]));
  await w.head.client.post(`${API}/entries/${c3.id}/confirm`, {});
  c4 = await propose(w.staff.client, entryBody(4, { title: '交渉方針' }, [w.staff.person.id]));
  await w.head.client.post(`${API}/entries/${c4.id}/confirm`, {});
});
afterAll(() => t.close());

describe('permission', () => {
  it('waits for the division head, who alone approves; the requester is told', async () => {
    mail.length = 0;
    const req = await ask(w.staff.client, { entryId: c3.id, action: 'transport' });
    expect(req.status).toBe('pending');
    expect(req.rule).toMatch(/機密性3/);
    expect(req.steps).toMatchObject([
      { kind: 'permission', roleKey: 'division_security_officer', unitId: w.divA1.id, decision: null },
    ]);
    expect(mail.filter((m) => m.subject.includes('許可申請')).map((m) => m.text)).toEqual([
      expect.stringContaining('課長 一郎 様'),
    ]);

    // Who may NOT decide: people who cannot see the entry get 404, those who can but lack the role 403.
    for (const who of [w.colleague, w.neighbour, w.outsider, w.head2, w.ciso]) {
      expect((await who.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(404);
      expect((await who.client.get(`${API}/requests/${req.id}`)).statusCode).toBe(404);
    }
    expect((await w.named.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(404);
    expect((await w.staff.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(403);

    const queue = (await w.head.client.get(`${API}/requests?queue=approver`)).json();
    expect(queue.items.map((i: { id: string }) => i.id)).toContain(req.id);
    expect(queue.items.find((i: { id: string }) => i.id === req.id).can.decide).toBe(true);
    const dash = (await w.head.client.get(`${API}/dashboard`)).json();
    expect(dash.pendingRequests.items.map((i: { id: string }) => i.id)).toContain(req.id);
    expect((await w.colleague.client.get(`${API}/requests?queue=approver`)).json().total).toBe(0);

    mail.length = 0;
    const approved = await w.head.client.post(`${API}/requests/${req.id}/approve`, {
      comment: '暗号化して持参のこと',
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    expect(approved.json().steps[0]).toMatchObject({
      decision: 'approved',
      decidedBy: { id: w.head.person.id },
    });
    expect(mail.some((m) => m.subject.includes('許可されました') && m.text.includes('暗号化して持参'))).toBe(
      true,
    );
    expect((await w.head.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(409);

    const mine = (await w.staff.client.get(`${API}/requests`)).json();
    expect(mine.items.find((i: { id: string }) => i.id === req.id).status).toBe('approved');
    const trail = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, req.id));
    expect(trail.map((a) => a.action)).toEqual([
      'classification.request_create',
      'classification.request_approve',
    ]);
  });

  it('sends 機密性4 to the 情報セキュリティ責任者 of the bureau, who may then see the entry', async () => {
    const req = await ask(w.staff.client, { entryId: c4.id, action: 'transport' });
    expect(req.steps).toMatchObject([{ roleKey: 'security_officer', unitId: w.bureauA.id }]);
    expect((await w.officer.client.get(`${API}/entries/${c4.id}`)).statusCode).toBe(200);
    expect((await w.head.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(403);
    const ok = await w.officer.client.post(`${API}/requests/${req.id}/approve`, {});
    expect(ok.json().status).toBe('approved');
  });

  it('needs both the head and the system security officer to process 機密性3 outside (注1)', async () => {
    const req = await ask(w.staff.client, {
      entryId: c3.id,
      action: 'process_outside',
      systemId: w.system.id,
    });
    expect(req.steps.map((s: { roleKey: string }) => s.roleKey).sort()).toEqual([
      'division_security_officer',
      'system_security_officer',
    ]);
    const one = await w.head.client.post(`${API}/requests/${req.id}/approve`, {});
    expect(one.json().status).toBe('pending');
    const two = await w.sysOfficer.client.post(`${API}/requests/${req.id}/approve`, {});
    expect(two.json().status).toBe('approved');
  });

  it('rejects with a required comment and tells the requester', async () => {
    const req = await ask(w.staff.client, { entryId: c3.id, action: 'provide' });
    expect((await w.head.client.post(`${API}/requests/${req.id}/reject`, {})).statusCode).toBe(400);
    mail.length = 0;
    const res = await w.head.client.post(`${API}/requests/${req.id}/reject`, { comment: '提供先が不適切' });
    expect(res.json().status).toBe('rejected');
    expect(mail.some((m) => m.subject.includes('却下') && m.text.includes('提供先が不適切'))).toBe(true);
  });

  it('lets only the requester withdraw, once', async () => {
    const req = await ask(w.staff.client, { entryId: c3.id, action: 'copy' });
    expect((await w.head.client.post(`${API}/requests/${req.id}/withdraw`)).statusCode).toBe(403);
    const res = await w.staff.client.post(`${API}/requests/${req.id}/withdraw`);
    expect(res.json().status).toBe('withdrawn');
    expect((await w.staff.client.post(`${API}/requests/${req.id}/withdraw`)).statusCode).toBe(409);
    // The head holds the role, but there is nothing left to decide.
    expect((await w.head.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(409);
  });

  it('caps the validity at a year', async () => {
    const req = await ask(w.staff.client, {
      entryId: c3.id,
      action: 'transport',
      validUntil: '2099-01-01T00:00:00Z',
    });
    const days = (Date.parse(req.validUntil) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
  });
});

describe('notification and prohibition', () => {
  it('records a notification, informs the head, and needs no decision', async () => {
    mail.length = 0;
    const req = await ask(w.staff.client, { entryId: unified2.id, action: 'transport' });
    expect(req.status).toBe('notified');
    expect(req.steps).toMatchObject([{ kind: 'notification', decision: 'notified' }]);
    expect(mail.filter((m) => m.subject.includes('届出'))).toHaveLength(1);
    expect((await w.head.client.post(`${API}/requests/${req.id}/approve`, {})).statusCode).toBe(403);
  });

  it('refuses copying 機密性4 with the rule that forbids it, and audits the refusal', async () => {
    const res = await ask(w.staff.client, { entryId: c4.id, action: 'copy' }, 422);
    expect(res.code).toBe('handling_prohibited');
    expect(res.rule).toMatch(/機密性4情報の複写は原則禁止/);
    const refusals = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, c4.id));
    expect(refusals.some((a) => (a.after as { refused?: boolean } | null)?.refused === true)).toBe(true);
  });

  it('refuses an action a restriction forbids, naming the restriction', async () => {
    const e = await propose(w.staff.client, entryBody(2, { restrictions: [{ key: 'no_takeout' }] }));
    const res = await ask(w.staff.client, { entryId: e.id, action: 'transport' }, 422);
    expect(res.rule).toBe('取扱制限：持出禁止');
  });

  it('asks for a level when no entry is named (private device), and an entry for the other actions', async () => {
    expect(
      (await w.staff.client.post(`${API}/requests`, { action: 'private_device', details: 'x' })).json()
        .errors[0].path,
    ).toBe('body.confidentiality');
    expect(
      (await w.staff.client.post(`${API}/requests`, { action: 'transport', details: 'x' })).json().errors[0]
        .path,
    ).toBe('body.entryId');
    const req = await ask(w.staff.client, {
      action: 'private_device',
      confidentiality: 2,
      systemId: w.system.id,
    });
    expect(req.entry).toBeNull();
    expect(req.unitId).toBe(w.divA1.id);
  });

  it('previews the requirements with the approvers it resolved', async () => {
    const res = await w.staff.client.get(`${API}/requirements?entryId=${c3.id}&action=transport`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      allowed: true,
      confidentiality: 3,
      requirements: [{ kind: 'permission', unitId: w.divA1.id, approverCount: 1 }],
    });
  });

  it('says nobody holds the role when a division has no approver anywhere above it', async () => {
    const e = await propose(w.outsider.client, entryBody(2, { title: '第三課の資料' }));
    const res = await w.outsider.client.post(`${API}/requests`, {
      entryId: e.id,
      action: 'transport',
      details: 'x',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('no_approver');
  });
});

describe('requests follow the register’s visibility', () => {
  it('hides requests on an entry from people outside its scope, and refuses to create them', async () => {
    const req = await ask(w.staff.client, { entryId: c3.id, action: 'transport' });
    for (const who of [w.colleague, w.outsider, w.neighbour, w.officer, w.ciso, w.admin]) {
      for (const queue of ['mine', 'approver', 'unit']) {
        const list = await who.client.get(`${API}/requests?queue=${queue}`);
        expect(list.statusCode).toBe(200);
        expect(list.body).not.toContain(req.id);
        expect(list.body).not.toContain(c3.title);
      }
      expect((await who.client.get(`${API}/requests/${req.id}`)).statusCode).toBe(404);
      expect((await who.client.post(`${API}/requests/${req.id}/reject`, { comment: 'x' })).statusCode).toBe(
        404,
      );
      expect(
        (await who.client.post(`${API}/requests`, { entryId: c3.id, action: 'transport', details: 'x' }))
          .statusCode,
      ).toBe(404);
      expect((await who.client.get(`${API}/requirements?entryId=${c3.id}&action=transport`)).statusCode).toBe(
        404,
      );
    }
    // The head sees the unit's requests.
    const unit = (await w.head.client.get(`${API}/requests?queue=unit`)).json();
    expect(unit.items.map((i: { id: string }) => i.id)).toContain(req.id);
  });
});

describe('expiry', () => {
  it('reads an approved request past its validity as expired everywhere and mails the requester once', async () => {
    const req = await ask(w.staff.client, { entryId: c3.id, action: 'transport' });
    await w.head.client.post(`${API}/requests/${req.id}/approve`, {});
    await t.sys.db
      .update(handlingRequests)
      .set({ validUntil: new Date(Date.now() - 60_000) })
      .where(eq(handlingRequests.id, req.id));
    expect((await w.staff.client.get(`${API}/requests/${req.id}`)).json().status).toBe('expired');
    const expired = (await w.staff.client.get(`${API}/requests?status=expired`)).json();
    expect(expired.items.map((i: { id: string }) => i.id)).toEqual([req.id]);
    const approved = (await w.staff.client.get(`${API}/requests?status=approved`)).json();
    expect(approved.items.map((i: { id: string }) => i.id)).not.toContain(req.id);
    expect((await w.staff.client.post(`${API}/requests/${req.id}/withdraw`)).statusCode).toBe(409);

    mail.length = 0;
    await expiryNoticesJob.handler(t.sys, {}, job);
    await expiryNoticesJob.handler(t.sys, {}, job);
    const notices = mail.filter((m) => m.subject.includes('有効期限'));
    expect(notices).toHaveLength(1);
    const trail = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, req.id));
    expect(trail.filter((a) => a.action === 'classification.request_expire')).toHaveLength(1);
  });
});

describe('review reminders', () => {
  it('mails the owner and the head once per due date', async () => {
    await t.sys.db
      .update(classificationEntries)
      .set({ reviewDueOn: '2020-04-01' })
      .where(eq(classificationEntries.id, c3.id));
    mail.length = 0;
    await reviewRemindersJob.handler(t.sys, {}, job);
    await reviewRemindersJob.handler(t.sys, {}, job);
    const reminders = mail.filter((m) => m.subject.includes('見直し'));
    expect(reminders.map((m) => m.text.split('\n')[0]).sort()).toEqual(
      ['職員 花子 様', '課長 一郎 様'].sort(),
    );
    // A new due date reminds again.
    await t.sys.db
      .update(classificationEntries)
      .set({ reviewDueOn: '2020-05-01' })
      .where(eq(classificationEntries.id, c3.id));
    mail.length = 0;
    await reviewRemindersJob.handler(t.sys, {}, job);
    expect(mail.filter((m) => m.subject.includes('見直し'))).toHaveLength(2);
  });
});
