import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../test/app.js';
import { buildAgencyTree, loginAs } from '../test/factories.js';
import type { Mailer } from './mail.js';
import { sendBatch } from './mail-batch.js';
import { mailSends } from './mail-schema.js';

// GET /mail/failures: the office sees undelivered reminders and notices of the modules it manages,
// within its subtrees; nobody else does.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
const refusing: Mailer = {
  send: async () => Promise.reject(Object.assign(new Error('mailbox full'), { responseCode: 552 })),
  close() {},
};

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  const ctx = { ...t.sys, env: { ...t.sys.env, mailer: refusing } };
  const mail = (key: string, unitId: string | null) => ({
    key,
    name: `宛先 ${key}`,
    unitId,
    email: `${key}@example.go.jp`,
    subject: `件名 ${key}`,
    text: 'body',
  });
  const tenantId = tree.tenant.id;
  await sendBatch(ctx, { tenantId, purpose: 'selfcheck.remind', occasion: 'c1' }, [
    mail('b1', tree.divB1.id),
  ]);
  await sendBatch(ctx, { tenantId, purpose: 'training.notice', occasion: 'k1' }, [mail('a1', tree.divA1.id)]);
  await sendBatch(ctx, { tenantId, purpose: 'classification.review-remind', occasion: 'e1' }, [
    mail('none', null),
  ]);
  // A send whose process died twenty minutes ago: delivery unknown.
  await t.sys.db.insert(mailSends).values({
    tenantId,
    purpose: 'training.remind',
    occasion: 'k1:after:30d',
    recipientKey: 'lost',
    unitId: tree.divA2.id,
    email: 'lost@example.go.jp',
    subject: '件名 lost',
    status: 'sending',
    claimedBy: 'job:1:1',
    claimedAt: new Date(Date.now() - 20 * 60_000),
  });
});
afterAll(() => t.close());

const subjects = (body: { items: { subject: string }[] }) => body.items.map((i) => i.subject).sort();

describe('GET /mail/failures', () => {
  it('lists every failure of the agency, with its reason, to its administrator', async () => {
    const res = await tree.admin.client.get('/api/v1/mail/failures');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(subjects(body)).toEqual(['件名 a1', '件名 b1', '件名 lost', '件名 none']);
    const b1 = body.items.find((i: { subject: string }) => i.subject === '件名 b1');
    expect(b1).toMatchObject({
      purpose: 'selfcheck.remind',
      recipientName: '宛先 b1',
      email: 'b1@example.go.jp',
      unitName: '第三課',
      reason: 'refused',
      error: '552 mailbox full',
      attempts: 1,
    });
    const lost = body.items.find((i: { subject: string }) => i.subject === '件名 lost');
    expect(lost).toMatchObject({ reason: 'delivery_unknown', error: null });
  });

  it('filters by purpose', async () => {
    const res = await tree.admin.client.get('/api/v1/mail/failures?purpose=training.notice');
    expect(subjects(res.json())).toEqual(['件名 a1']);
  });

  it('shows a bureau-level manager only the failures within the bureau', async () => {
    const chief = await loginAs(t, {
      unit: tree.bureauB,
      roles: ['chief_security_officer'],
    });
    const body = (await chief.client.get('/api/v1/mail/failures')).json();
    expect(subjects(body)).toEqual(['件名 b1']);
  });

  it('is refused to people who manage none of the mailing modules', async () => {
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    expect((await staff.client.get('/api/v1/mail/failures')).statusCode).toBe(403);
    // (the audit officer now sees the audit calendar's reminder failures: secaudit.milestone-remind)
    const advisor = await loginAs(t, { unit: tree.root, roles: ['security_advisor'] });
    expect((await advisor.client.get('/api/v1/mail/failures')).statusCode).toBe(403);
    const head = await loginAs(t, { unit: tree.divB1, roles: ['division_security_officer'] });
    expect((await head.client.get('/api/v1/mail/failures')).statusCode).toBe(403);
  });

  it('never shows another agency’s failures', async () => {
    const other = await buildAgencyTree(t);
    const body = (await other.admin.client.get('/api/v1/mail/failures')).json();
    expect(body).toMatchObject({ total: 0, items: [] });
  });

  it('refuses an unknown purpose and anonymous callers', async () => {
    expect((await tree.admin.client.get('/api/v1/mail/failures?purpose=drills.send')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/mail/failures' })).statusCode).toBe(401);
  });
});
