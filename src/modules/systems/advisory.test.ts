import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayInJapan } from '../../lib/dates.js';
import { detachedJob, Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import type { MailMessage } from '../../server/mail.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { addCertificate, addSoftware, buildSystem, csafApache } from './advisory.fixtures.js';
import { advisoryNoticeJob } from './advisory-notice-job.js';
import { advisories, advisoryResponses } from './advisory-schema.js';

// Advisories routed to system owners (issue #14 part 3): a CSAF file with ranges affecting two of three
// systems notifies exactly their owners; responses past their target date show as overdue.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let other: Awaited<ReturnType<typeof buildAgencyTree>>;
const sent: MailMessage[] = [];
let o1: Awaited<ReturnType<typeof loginAs>>;
let adm1: Awaited<ReturnType<typeof loginAs>>;
let o2: Awaited<ReturnType<typeof loginAs>>;
let o3: Awaited<ReturnType<typeof loginAs>>;
let headA2: Client;
let staff: Client;
let bureauManager: Client;
let s1: { id: string; tenantId: string };
let s2: { id: string; tenantId: string };
let s3: { id: string; tenantId: string };
let advisoryId: string;

const importCsaf = (client: Client, doc: unknown, name = 'advisory.json') =>
  client.request({
    method: 'POST',
    url: `/api/v1/advisories/import?name=${name}`,
    payload: typeof doc === 'string' ? doc : JSON.stringify(doc),
    headers: { 'content-type': 'application/json' },
  });
const mailsTo = (email: string | null) => sent.filter((m) => m.to === email);
const drain = () => new Worker(t.sys, JOBS).drain();

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  other = await buildAgencyTree(t);
  t.env.mailer = {
    send: async (m) => {
      sent.push(m);
      return { messageId: String(sent.length) };
    },
    close: () => {},
  };
  o1 = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  adm1 = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  o2 = await loginAs(t, { unit: tree.divA2, roles: ['staff'] });
  o3 = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
  headA2 = (await loginAs(t, { unit: tree.divA2, roles: ['division_security_officer'] })).client;
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  bureauManager = (await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer'] })).client;
  s1 = await buildSystem(t, {
    unit: tree.divA1,
    officerId: o1.person.id,
    administratorId: adm1.person.id,
    name: '文書管理',
  });
  s2 = await buildSystem(t, { unit: tree.divA2, officerId: o2.person.id, name: '申請受付' });
  s3 = await buildSystem(t, { unit: tree.divB1, officerId: o3.person.id, name: '統計公開' });
  await addSoftware(t, s1, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.41' });
  await addSoftware(t, s2, {
    vendor: 'Apache Software Foundation',
    product: 'Apache HTTP Server',
    version: '2.4.49',
    cpe: 'cpe:2.3:a:apache:http_server:2.4.49:*:*:*:*:*:*:*',
  });
  await addSoftware(t, s3, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.58' });
  // The other agency runs the same vulnerable version: never touched by this agency's advisory.
  const foreign = await buildSystem(t, { unit: other.divA1 });
  await addSoftware(t, foreign, { vendor: 'Apache', product: 'HTTP Server', version: '2.4.41' });
});
afterAll(() => t.close());
beforeEach(() => {
  sent.length = 0;
});

describe('CSAF import and matching', () => {
  it('a CSAF file with ranges affecting two of three systems notifies exactly those owners', async () => {
    const res = await importCsaf(tree.admin.client, csafApache());
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    advisoryId = a.id;
    expect(a).toMatchObject({
      source: 'jvn',
      trackingId: 'JVNDB-2026-000101',
      cvssScore: 7.5,
      severity: 'high',
      cves: ['CVE-2021-41773'],
      affectedSystems: 2,
    });
    await drain();
    expect(mailsTo(o1.person.email)).toHaveLength(1);
    expect(mailsTo(adm1.person.email)).toHaveLength(1);
    expect(mailsTo(o2.person.email)).toHaveLength(1);
    expect(mailsTo(o3.person.email)).toHaveLength(0);
    expect(sent).toHaveLength(3);
    expect(mailsTo(o1.person.email)[0]!.text).toContain('文書管理');
    // A retried job mails nobody twice.
    await advisoryNoticeJob.handler(t.sys, { advisoryId }, detachedJob(9));
    expect(sent).toHaveLength(3);
    const rows = await t.sys.db
      .select()
      .from(advisoryResponses)
      .where(eq(advisoryResponses.advisoryId, advisoryId));
    expect(rows.map((r) => r.systemId).sort()).toEqual([s1.id, s2.id].sort());
    // 7.0–10.0: at once (3 days by the shipped policy, 001 L11788-11796).
    expect(rows[0]!.targetDate).toBe(addDays(todayInJapan(), 3));
    expect(rows.every((r) => r.notifiedAt !== null)).toBe(true);
  });

  it('re-importing the same tracking id is a conflict', async () => {
    expect((await importCsaf(tree.admin.client, csafApache())).statusCode).toBe(409);
  });

  it('a re-match after the ledger changed opens responses for new systems only and mails only their owners', async () => {
    const s4 = await buildSystem(t, { unit: tree.divB1, officerId: o3.person.id, name: '新システム' });
    await addSoftware(t, s4, { vendor: 'apache', product: 'http_server', version: '2.4.10' });
    const res = await tree.admin.client.post(`/api/v1/advisories/${advisoryId}/match`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ affectedSystems: 3, newResponses: 1 });
    await drain();
    expect(sent.map((m) => m.to)).toEqual([o3.person.email]);
  });

  it.each([
    ['{"document": ', '$', 'not JSON'],
    [
      JSON.stringify({
        ...csafApache('X-1'),
        vulnerabilities: [{ product_status: { known_affected: ['nope'] } }],
      }),
      '$.vulnerabilities[0].product_status.known_affected[0]',
      'unknown product_id',
    ],
    [
      JSON.stringify({
        ...csafApache('X-2'),
        vulnerabilities: [
          {
            ...csafApache().vulnerabilities[0],
            scores: [
              { cvss_v3: { vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N', baseScore: 9.8 } },
            ],
          },
        ],
      }),
      '$.vulnerabilities[0].scores[0].cvss_v3',
      'does not match',
    ],
    [
      JSON.stringify({
        ...csafApache('X-3'),
        product_tree: {
          branches: [
            {
              category: 'vendor',
              name: 'v',
              branches: [
                {
                  category: 'product_version_range',
                  name: 'someday',
                  product: { product_id: 'httpd-vuln', name: 'x' },
                },
              ],
            },
          ],
        },
      }),
      '$.product_tree.branches[0].branches[0].name',
      'not a version range',
    ],
    [JSON.stringify({ document: { csaf_version: '1.0' } }), '$.document.csaf_version', '2.0'],
  ])(
    'a malformed file is refused naming the JSON path, and nothing is imported (%#)',
    async (body, path, reason) => {
      const before = (await t.sys.db.select({ n: count() }).from(advisories))[0]!.n;
      const res = await importCsaf(tree.admin.client, body, 'bad.json');
      expect(res.statusCode, res.body).toBe(422);
      const p = res.json();
      expect(p.code).toBe('import_invalid');
      const e = p.errors.find((x: { path: string }) => x.path === `bad.json: ${path}`);
      expect(e, JSON.stringify(p.errors)).toBeDefined();
      expect(e.message).toContain(reason);
      expect((await t.sys.db.select({ n: count() }).from(advisories))[0]!.n).toBe(before);
    },
  );

  it('an advisory entered by form is matched and validated (CVSS vector, ranges)', async () => {
    const body = {
      trackingId: 'CVE-2026-0001',
      title: 'Oracle Database の脆弱性',
      cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
      products: [
        {
          vendor: 'Oracle',
          product: 'Database',
          ranges: [{ type: 'vers', vers: 'vers:generic/>=12.1.0.1.0|<=12.1.0.2.0' }],
        },
      ],
    };
    await addSoftware(t, s3, { vendor: 'Oracle', product: 'Database', version: '12.1.0.2.0' });
    const res = await tree.admin.client.post('/api/v1/advisories', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ cvssScore: 8.8, affectedSystems: 1, source: 'manual' });
    const bad = await tree.admin.client.post('/api/v1/advisories', {
      ...body,
      trackingId: 'CVE-2026-0002',
      cvssVector: 'CVSS:3.1/AV:N',
      products: [{ vendor: 'x', product: 'y', ranges: [{ type: 'vers', vers: 'vers:generic/<<1' }] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['body.cvssVector', 'body.products[0].ranges[0]']);
  });
});

describe('responses', () => {
  const responseOf = async (client: Client, systemId: string) => {
    const res = await client.get(`/api/v1/advisories/${advisoryId}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().responses.find((r: { systemId: string }) => r.systemId === systemId);
  };

  it("an owner sees their systems' open advisories and answers them; risk acceptance needs a reason", async () => {
    const mine = await o1.client.get('/api/v1/advisories/mine?status=open');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((r: { systemId: string }) => r.systemId)).toEqual([s1.id]);
    const r = mine.json().items[0];
    expect(r.canAnswer).toBe(true);
    const noReason = await o1.client.patch(`/api/v1/advisories/responses/${r.id}`, {
      status: 'risk_accepted',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');
    const ok = await o1.client.patch(`/api/v1/advisories/responses/${r.id}`, {
      status: 'patched',
      reason: '2.4.62 に更新',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'patched', overdue: false });
    // The administrator answers for the system too.
    const again = await adm1.client.patch(`/api/v1/advisories/responses/${r.id}`, {
      status: 'risk_accepted',
      reason: '閉域網で運用',
    });
    expect(again.statusCode).toBe(200);
  });

  it('nobody else may answer: another owner, a division head without system.manage, another agency, staff, signed out', async () => {
    const r2 = await responseOf(tree.admin.client, s2.id);
    expect(
      (await o1.client.patch(`/api/v1/advisories/responses/${r2.id}`, { status: 'patched' })).statusCode,
    ).toBe(404);
    expect(
      (await headA2.patch(`/api/v1/advisories/responses/${r2.id}`, { status: 'patched' })).statusCode,
    ).toBe(403);
    expect(
      (await other.admin.client.patch(`/api/v1/advisories/responses/${r2.id}`, { status: 'patched' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await staff.patch(`/api/v1/advisories/responses/${r2.id}`, { status: 'patched' })).statusCode,
    ).toBe(404);
    expect(
      (await new Client(t.app).patch(`/api/v1/advisories/responses/${r2.id}`, { status: 'patched' }))
        .statusCode,
    ).toBe(401);
    // system.manage over the unit may answer.
    const ok = await bureauManager.patch(`/api/v1/advisories/responses/${r2.id}`, {
      status: 'mitigated',
      reason: 'WAF で遮断',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    await bureauManager.patch(`/api/v1/advisories/responses/${r2.id}`, { status: 'open' });
  });

  it("readers see only their subtree's responses; other agencies and staff see nothing", async () => {
    const a2 = await headA2.get(`/api/v1/advisories/${advisoryId}`);
    expect(a2.json().responses.map((r: { systemId: string }) => r.systemId)).toEqual([s2.id]);
    expect((await other.admin.client.get(`/api/v1/advisories/${advisoryId}`)).statusCode).toBe(404);
    expect((await other.admin.client.get('/api/v1/advisories')).json().total).toBe(0);
    expect((await staff.get(`/api/v1/advisories/${advisoryId}`)).statusCode).toBe(404);
    expect((await staff.get('/api/v1/advisories')).statusCode).toBe(403);
    expect((await staff.get('/api/v1/advisories/mine')).json().items).toEqual([]);
    expect((await staff.get('/api/v1/advisories/overdue')).statusCode).toBe(403);
    expect((await new Client(t.app).get('/api/v1/advisories')).statusCode).toBe(401);
    // An owner without system.view sees the advisory that affects their system, with only their response.
    const own = await o2.client.get(`/api/v1/advisories/${advisoryId}`);
    expect(own.json().responses.map((r: { systemId: string }) => r.systemId)).toEqual([s2.id]);
  });

  it('a response past its target date shows as overdue, per division, and on the dashboard card', async () => {
    await t.sys.db
      .update(advisoryResponses)
      .set({ targetDate: addDays(todayInJapan(), -1) })
      .where(eq(advisoryResponses.systemId, s2.id));
    const res = await tree.admin.client.get('/api/v1/advisories/overdue');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((r: { systemId: string; overdue: boolean }) => [r.systemId, r.overdue])).toEqual([
      [s2.id, true],
    ]);
    const div = body.divisions.find((d: { unitId: string }) => d.unitId === tree.divA2.id);
    expect(div).toMatchObject({ open: 1, overdue: 1, overdueCritical: 1 });
    // Filters: another division has none overdue.
    expect(
      (await tree.admin.client.get(`/api/v1/advisories/overdue?unitId=${tree.bureauB.id}`)).json().total,
    ).toBe(0);
    expect((await headA2.get('/api/v1/advisories/overdue')).json().total).toBe(1);
    expect((await o2.client.get('/api/v1/advisories/card')).json()).toMatchObject({ overdueCritical: 1 });
    expect((await o1.client.get('/api/v1/advisories/card')).json()).toMatchObject({ overdueCritical: 0 });
    expect((await other.admin.client.get('/api/v1/advisories/card')).json()).toEqual({
      open: 0,
      overdueCritical: 0,
    });
    const page = await tree.admin.client.get('/api/v1/advisories/responses?overdue=true&page=1&pageSize=1');
    expect(page.json().total).toBe(1);
  });
});

describe('policy, end of support and crypto migration', () => {
  it('the bands are policy data: readable by viewers, changed agency-wide by system.manage only', async () => {
    const got = await headA2.get('/api/v1/advisories/policy');
    expect(got.statusCode).toBe(200);
    expect(got.json().bands[0]).toEqual({ minScore: 7, days: 3 });
    const data = {
      ...got.json(),
      bands: [
        { minScore: 7, days: 0 },
        { minScore: 4, days: 14 },
        { minScore: 0, days: 60 },
      ],
    };
    delete data.updatedAt;
    expect((await bureauManager.patch('/api/v1/advisories/policy', data)).statusCode).toBe(403);
    expect((await headA2.patch('/api/v1/advisories/policy', data)).statusCode).toBe(403);
    expect((await staff.get('/api/v1/advisories/policy')).statusCode).toBe(403);
    const bad = await tree.admin.client.patch('/api/v1/advisories/policy', {
      ...data,
      bands: [{ minScore: 4, days: 1 }],
    });
    expect(bad.statusCode).toBe(400);
    const ok = await tree.admin.client.patch('/api/v1/advisories/policy', data);
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await other.admin.client.get('/api/v1/advisories/policy')).json().bands[0].days).toBe(3);
  });

  it('end-of-support: products with a date and the systems still running them, in scope (001 L14566-14608)', async () => {
    await addSoftware(t, s1, {
      vendor: 'Microsoft',
      product: 'Windows XP',
      version: 'SP3',
      endOfSupport: '2014-04-08',
    });
    await addSoftware(t, s2, {
      vendor: 'Microsoft',
      product: 'Windows XP',
      version: 'SP3',
      endOfSupport: '2014-04-08',
    });
    const retired = await buildSystem(t, { unit: tree.divA1, lifecycle: 'retired' });
    await addSoftware(t, retired, {
      vendor: 'Microsoft',
      product: 'Windows XP',
      version: 'SP3',
      endOfSupport: '2014-04-08',
    });
    const all = (await tree.admin.client.get('/api/v1/advisories/end-of-support')).json();
    const xp = all.items.find((i: { product: string }) => i.product === 'Windows XP');
    expect(xp.passed).toBe(true);
    expect(xp.systems.map((s: { id: string }) => s.id).sort()).toEqual([s1.id, s2.id].sort());
    const a2 = (await headA2.get('/api/v1/advisories/end-of-support')).json();
    expect(a2.items[0].systems.map((s: { id: string }) => s.id)).toEqual([s2.id]);
    expect((await staff.get('/api/v1/advisories/end-of-support')).statusCode).toBe(403);
  });

  it('certificates signed with SHA-1 or with RSA below 2048 bits are listed with the deadline (001 L11831-11849)', async () => {
    await addCertificate(t, s1, {
      subject: 'CN=old.example.go.jp',
      signatureAlgorithm: 'sha1WithRSAEncryption',
      keyType: 'RSA',
      keyBits: 1024,
    });
    await addCertificate(t, s1, {
      subject: 'CN=new.example.go.jp',
      signatureAlgorithm: 'sha256WithRSAEncryption',
      keyType: 'RSA',
      keyBits: 2048,
    });
    const res = await tree.admin.client.get('/api/v1/advisories/crypto-migrations');
    expect(res.statusCode).toBe(200);
    const m = res.json().migrations[0];
    expect(m).toMatchObject({ key: 'sha1-rsa1024', deadline: '2014-03-31', passed: true });
    expect(m.certificates.map((c: { subject: string; reasons: string[] }) => [c.subject, c.reasons])).toEqual(
      [['CN=old.example.go.jp', ['signature:sha1', 'rsa:1024']]],
    );
    expect(
      (await headA2.get('/api/v1/advisories/crypto-migrations')).json().migrations[0].certificates,
    ).toEqual([]);
  });

  it('management routes refuse those without system.manage agency-wide', async () => {
    const doc = csafApache('JVNDB-2026-999');
    expect((await importCsaf(bureauManager, doc)).statusCode).toBe(403);
    expect((await importCsaf(headA2, doc)).statusCode).toBe(403);
    expect((await importCsaf(staff, doc)).statusCode).toBe(403);
    expect((await importCsaf(new Client(t.app), doc)).statusCode).toBe(401);
    expect((await headA2.post(`/api/v1/advisories/${advisoryId}/match`)).statusCode).toBe(403);
    expect((await other.admin.client.post(`/api/v1/advisories/${advisoryId}/match`)).statusCode).toBe(404);
    expect(
      (await headA2.post('/api/v1/advisories', { trackingId: 'x', title: 'x', products: [] })).statusCode,
    ).toBe(403);
    const [row] = await t.sys.db
      .select({ n: count() })
      .from(advisories)
      .where(eq(advisories.trackingId, 'JVNDB-2026-999'));
    expect(row!.n).toBe(0);
  });
});
