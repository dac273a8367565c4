import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../server/mail.js';
import { buildTestApp, type Client, type TestApp, testConfig } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs } from '../../test/factories.js';
import { ingestInbound } from '../drills/inbound.js';
import { MAILBOX_LIMITS } from './mailbox.js';
import { incidentAttachments, incidents } from './schema.js';
import { REPORT_LIMITS } from './validation.js';

// Hostile input at the reporting point: the public form and the mailbox are rate-limited and
// size-limited and store text only; attachments are sniffed, allow-listed and kept in the database;
// a case is read only by its people and the CSIRT. Also: contact drills and contact checks.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let csirt: Awaited<ReturnType<typeof loginAs>>;
let staff: Awaited<ReturnType<typeof loginAs>>;
let otherStaff: Awaited<ReturnType<typeof loginAs>>;
let divHead: Awaited<ReturnType<typeof loginAs>>;
const sent: MailMessage[] = [];

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
const INCIDENT_ADDRESS = 'incident@mamoru.example.go.jp';

beforeAll(async () => {
  t = await buildTestApp({ drills: { ...testConfig().drills, incidentAddress: INCIDENT_ADDRESS } });
  t.env.mailer = {
    async send(m) {
      sent.push(m);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
  tree = await buildAgencyTree(t);
  csirt = await loginAs(t, { unit: tree.root, roles: ['csirt'] });
  staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  otherStaff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  divHead = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
});
afterAll(() => t.close());

const publicReport = (payload: unknown, code = tree.tenant.code, ip = '192.0.2.1') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/report/${code}`,
    payload: payload as object,
    remoteAddress: ip,
  });

describe('the public form', () => {
  it('answers 404 for an unknown agency code and for the central body', async () => {
    expect((await publicReport({ what: 'x' }, 'no-such-agency', '192.0.2.10')).statusCode).toBe(404);
    const central = await buildAgency(t, { kind: 'central' });
    expect((await publicReport({ what: 'x' }, central.tenant.code, '192.0.2.10')).statusCode).toBe(404);
  });

  it('refuses text over the limit, too many attachments and an oversized body', async () => {
    const ip = '192.0.2.11';
    expect(
      (await publicReport({ what: 'あ'.repeat(REPORT_LIMITS.what + 1) }, undefined, ip)).statusCode,
    ).toBe(400);
    const four = Array.from({ length: 4 }, () => ({ filename: 'a.png', data: b64(PNG) }));
    expect((await publicReport({ what: 'x', attachments: four }, undefined, ip)).statusCode).toBe(400);
    const huge = { what: 'x', contact: 'y'.repeat(REPORT_LIMITS.bodyBytes + 10) };
    expect((await publicReport(huge, undefined, '192.0.2.12')).statusCode).toBe(413);
  });

  it('refuses an attachment whose bytes are not an allowed type, whatever its name', async () => {
    const ip = '192.0.2.13';
    const html = { filename: 'photo.png', data: b64('<html><script>alert(1)</script></html>') };
    const exe = { filename: 'log.txt', data: b64(Buffer.from([0x4d, 0x5a, 0x90, 0x00])) };
    const big = { filename: 'big.txt', data: b64('a'.repeat(REPORT_LIMITS.attachmentBytes + 1)) };
    for (const a of [html, exe]) {
      const res = await publicReport({ what: 'x', attachments: [a] }, undefined, ip);
      expect(res.statusCode, a.filename).toBe(400);
    }
    expect((await publicReport({ what: 'x', attachments: [big] }, undefined, '192.0.2.14')).statusCode).toBe(
      400,
    );
    expect(await t.sys.db.select().from(incidentAttachments)).toHaveLength(0);
  });

  it('stores text as typed and a sniffed attachment in the database, served only to the case’s people', async () => {
    const what = '<img src=x onerror=alert(1)> 画面が改ざんされている';
    const res = await staff.client.post('/api/v1/incidents', {
      what,
      attachments: [{ filename: 'screen.png', data: b64(PNG) }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json();
    const [row] = await t.sys.db.select().from(incidents).where(eq(incidents.id, id));
    expect(row!.what).toBe(what);
    const [file] = await t.sys.db
      .select()
      .from(incidentAttachments)
      .where(eq(incidentAttachments.incidentId, id));
    expect(file!.contentType).toBe('image/png');
    const url = `/api/v1/incidents/${id}/attachments/${file!.id}`;
    const got = await csirt.client.get(url);
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.headers['content-disposition']).toMatch(/^attachment;/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    // The reporter's limited view does not include files; other staff see nothing at all.
    expect((await staff.client.get(url)).statusCode).toBe(404);
    expect((await otherStaff.client.get(url)).statusCode).toBe(404);
    expect((await otherStaff.client.get(`/api/v1/incidents/${id}`)).statusCode).toBe(404);
    // The division head holds incident.view over the reporting unit.
    expect((await divHead.client.get(url)).statusCode).toBe(200);
  });

  it(`takes ${REPORT_LIMITS.perMinute} reports a minute from one address, then answers 429`, async () => {
    const ip = '192.0.2.99';
    for (let i = 0; i < REPORT_LIMITS.perMinute; i++)
      expect((await publicReport({ what: `報告 ${i}` }, undefined, ip)).statusCode).toBe(201);
    const res = await publicReport({ what: 'もう一件' }, undefined, ip);
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toContain('application/problem+json');
    // Another address is not affected.
    expect((await publicReport({ what: '別の端末' }, undefined, '192.0.2.100')).statusCode).toBe(201);
  });
});

const rawMail = (o: { from: string; to: string; subject: string; html?: string; text?: string }) =>
  Buffer.from(
    [
      `From: ${o.from}`,
      `To: ${o.to}`,
      `Subject: ${o.subject}`,
      'MIME-Version: 1.0',
      o.html ? 'Content-Type: text/html; charset=utf-8' : 'Content-Type: text/plain; charset=utf-8',
      '',
      o.html ?? o.text ?? '',
    ].join('\r\n'),
  );

describe('the incident mailbox', () => {
  it('turns mail to the incident address into a report, text only, and leaves other mail to the drills', async () => {
    const res = await ingestInbound(
      t.sys,
      rawMail({
        from: 'someone@example.jp',
        to: INCIDENT_ADDRESS,
        subject: 'サーバが遅い',
        html: '<p>不審な<b>通信</b>があります</p><script>alert(1)</script>',
      }),
      { via: 'smtp', tenantId: null, fallbackTenantId: tree.tenant.id, incidentAddress: INCIDENT_ADDRESS },
    );
    expect(res).toEqual({ kind: 'incident', drillId: null, recorded: true });
    const [row] = await t.sys.db.select().from(incidents).where(eq(incidents.source, 'mail'));
    expect(row!.what).toContain('サーバが遅い');
    expect(row!.what).toContain('不審な通信があります');
    expect(row!.what).not.toMatch(/<p>|<b>|<script>/);
    expect(row!.contact).toBe('someone@example.jp');
    const other = await ingestInbound(
      t.sys,
      rawMail({
        from: 'x@example.jp',
        to: 'report@mamoru.example.go.jp',
        subject: '怪しいメール',
        text: 'x',
      }),
      { via: 'smtp', tenantId: null, fallbackTenantId: tree.tenant.id, incidentAddress: INCIDENT_ADDRESS },
    );
    expect(other.kind).toBe('suspicious');
  });

  it('finds the agency from a +code tag, and drops a flood from one sender', async () => {
    const { tenant } = await buildAgency(t, { code: 'floodtest' });
    const mail = rawMail({
      from: 'flood@example.jp',
      to: 'incident+floodtest@mamoru.example.go.jp',
      subject: 's',
      text: 'x',
    });
    const opts = { via: 'smtp' as const, tenantId: null, incidentAddress: INCIDENT_ADDRESS };
    for (let i = 0; i < MAILBOX_LIMITS.perSenderPerHour; i++)
      expect((await ingestInbound(t.sys, mail, opts)).recorded).toBe(true);
    expect(await ingestInbound(t.sys, mail, opts)).toEqual({
      kind: 'incident',
      drillId: null,
      recorded: false,
    });
    const stored = await t.sys.db.select().from(incidents).where(eq(incidents.tenantId, tenant.id));
    expect(stored).toHaveLength(MAILBOX_LIMITS.perSenderPerHour);
  });
});

describe('contact drills (002 L785-791)', () => {
  it('mails each link a token and records each acknowledgement time', async () => {
    const chain = [divHead, staff, otherStaff];
    sent.length = 0;
    const res = await csirt.client.post('/api/v1/incidents/contact-drills', {
      title: '連絡体制確認訓練',
      message: 'サイバー攻撃を想定した連絡訓練です',
      personIds: chain.map((c) => c.person.id),
    });
    expect(res.statusCode, res.body).toBe(201);
    const drill = res.json();
    expect(sent).toHaveLength(3);
    // Each link's own mail (the batch may send in any order).
    const mailOf = (i: number) => sent.find((m) => m.to === chain[i]!.person.email)!;
    const tokenOf = (m: MailMessage) => /incident-ack\/([A-Za-z0-9_-]+)/.exec(m.text)![1]!;
    const ack = (token: string) => t.app.inject({ method: 'POST', url: `/api/v1/incident-ack/${token}` });
    const first = await ack(tokenOf(mailOf(0)));
    expect(first.statusCode).toBe(200);
    // Acknowledging twice keeps the first time.
    expect((await ack(tokenOf(mailOf(0)))).json().acknowledgedAt).toBe(first.json().acknowledgedAt);
    expect((await ack(tokenOf(mailOf(1)))).statusCode).toBe(200);
    expect((await ack('x'.repeat(32))).statusCode).toBe(404);
    const got = (await csirt.client.get(`/api/v1/incidents/contact-drills/${drill.id}`)).json();
    expect(got.links.map((l: { acknowledgedAt: string | null }) => l.acknowledgedAt !== null)).toEqual([
      true,
      true,
      false,
    ]);
    expect(got.links[0].seconds).toBeGreaterThanOrEqual(0);
    expect((await staff.client.get(`/api/v1/incidents/contact-drills/${drill.id}`)).statusCode).toBe(403);
  });

  it('asks for the emergency contact before a long holiday and lists who has not confirmed (003 L1236-1262)', async () => {
    const res = await csirt.client.post('/api/v1/incidents/contact-checks', {
      title: 'ゴールデンウィーク前の緊急連絡先確認',
      dueDay: '2027-04-28',
      personIds: [divHead.person.id, staff.person.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    expect(res.json().unconfirmed).toBe(2);
    expect(
      (
        await staff.client.post(`/api/v1/incidents/contact-checks/${id}/confirm`, {
          contact: '090-0000-0000',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await otherStaff.client.post(`/api/v1/incidents/contact-checks/${id}/confirm`, { contact: 'x' }))
        .statusCode,
    ).toBe(404);
    const got = (await csirt.client.get(`/api/v1/incidents/contact-checks/${id}`)).json();
    expect(got.unconfirmed).toBe(1);
  });
});

describe('the flow editor', () => {
  it('lets the CSIRT change the agency’s flow, refuses a broken one, and others may not', async () => {
    const flow = (await csirt.client.get('/api/v1/incidents/flow')).json();
    expect(flow.isDefault).toBe(true);
    const steps = flow.steps.slice(0, 3);
    const put = (c: Client, body: unknown) =>
      c.request({ method: 'PUT', url: '/api/v1/incidents/flow', payload: body as object });
    expect((await put(divHead.client, { steps })).statusCode).toBe(403);
    expect((await put(csirt.client, { steps: [...steps, steps[0]] })).statusCode).toBe(400);
    const res = await put(csirt.client, { steps });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isDefault: false, steps });
  });
});
