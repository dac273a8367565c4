import { inflateRawSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { auditEvents } from '../audit/schema.js';
import { systems } from '../systems/schema.js';

// Outsourcing contracts (000 L1374-1430): the register, the three checks with evidence, the
// specification clauses as text and .docx; who may NOT: staff, other units, other agencies, signed out.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let officerA: Client;
let officerB: Client;
let headA1: Client;
let staff: Client;
let otherAgency: Client;
let systemId: string;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  officerA = (await loginAs(t, { unit: tree.bureauA, roles: ['security_officer'] })).client;
  officerB = (await loginAs(t, { unit: tree.bureauB, roles: ['security_officer'] })).client;
  headA1 = (await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] })).client;
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  otherAgency = (await buildAgencyTree(t)).admin.client;
  const [sys] = await t.sys.db
    .insert(systems)
    .values({ tenantId: tree.tenant.id, code: 'SYS-1', name: '電子申請システム', unitId: tree.divA1.id })
    .returning();
  systemId = sys!.id;
});
afterAll(() => t.close());

/** The text of one entry of a .zip (a .docx), read through its central directory. */
function zipEntry(zip: Buffer, name: string): string {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = zip.readUInt32LE(eocd + 16);
  const entries = zip.readUInt16LE(eocd + 10);
  for (let i = 0; i < entries; i++) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  throw new Error(`no ${name}`);
}

const contractBody = () => ({
  unitId: tree.divA1.id,
  name: '電子申請システム運用保守業務',
  contractor: '株式会社テスト',
  contractorLocation: '東京都千代田区',
  subcontractors: [
    { name: '再委託株式会社', representative: '代表 太郎', location: '大阪府', mainShareholders: '親会社' },
  ],
  workLocation: '受注者事業所（東京）',
  affiliation: '資本関係なし',
  staffQualifications: '情報処理安全確保支援士 2名',
  ismsCertificateNo: 'IS 123456',
  ismsCertificateExpiry: '2020-12-31',
  periodFrom: '2026-04-01',
  periodTo: '2027-03-31',
  systemIds: [systemId],
  specItems: ['no_tracking', 'isms_certificate'],
});

describe('contracts', () => {
  let id: string;
  it('an administrator registers a contract with systems of the ledger', async () => {
    const res = await admin.post('/api/v1/vendors/contracts', contractBody());
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      certificateStatus: 'expired',
      systems: [{ id: systemId, code: 'SYS-1', name: '電子申請システム' }],
      openChecks: 12,
    });
    expect(res.json().subcontractors[0].mainShareholders).toBe('親会社');
  });

  it('refuses unknown systems and spec items', async () => {
    expect(
      (await admin.post('/api/v1/vendors/contracts', { ...contractBody(), systemIds: [crypto.randomUUID()] }))
        .statusCode,
    ).toBe(400);
    expect(
      (await admin.post('/api/v1/vendors/contracts', { ...contractBody(), specItems: ['nope'] })).statusCode,
    ).toBe(400);
  });

  it('records checks with evidence, who and when; open items shrink', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: `/api/v1/vendors/contracts/${id}/checks/delivery/no_tracking`,
      payload: { result: 'ok', evidence: '納品物のソースを確認し、トラッキング機能なし' },
    });
    expect(res.statusCode).toBe(200);
    const item = res
      .json()
      .checks.find(
        (c: { phase: string; itemKey: string }) => c.phase === 'delivery' && c.itemKey === 'no_tracking',
      );
    expect(item).toMatchObject({ result: 'ok', source: '001 L14860' });
    expect(item.checkedBy.id).toBe(tree.admin.person.id);
    expect(item.checkedAt).not.toBeNull();
    expect(res.json().openChecks).toBe(11);
    const ng = await admin.request({
      method: 'PUT',
      url: `/api/v1/vendors/contracts/${id}/checks/contract/isms`,
      payload: { result: 'ng', evidence: '期限切れ' },
    });
    expect(ng.json().openChecks).toBe(11);
    expect(
      (
        await admin.request({
          method: 'PUT',
          url: `/api/v1/vendors/contracts/${id}/checks/contract/nope`,
          payload: { result: 'ok' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('evidence files: allow-listed types only, size-limited, readable by readers', async () => {
    const url = `/api/v1/vendors/contracts/${id}/checks/during/education/files?filename=report.pdf`;
    const pdf = Buffer.from('%PDF-1.4 test');
    const up = await admin.request({
      method: 'POST',
      url,
      payload: pdf,
      headers: { 'content-type': 'application/pdf' },
    });
    expect(up.statusCode).toBe(201);
    const check = up.json().checks.find((c: { itemKey: string }) => c.itemKey === 'education');
    expect(check.files).toHaveLength(1);
    const html = await admin.request({
      method: 'POST',
      url,
      payload: '<script>x</script>',
      headers: { 'content-type': 'text/html' },
    });
    expect(html.statusCode).toBe(415);
    const big = await admin.request({
      method: 'POST',
      url,
      payload: Buffer.alloc(6 * 1024 * 1024),
      headers: { 'content-type': 'application/pdf' },
    });
    expect(big.statusCode).toBe(413);
    const dl = await officerA.get(`/api/v1/vendors/contracts/${id}/files/${check.files[0].id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(
      (await officerB.get(`/api/v1/vendors/contracts/${id}/files/${check.files[0].id}`)).statusCode,
    ).toBe(404);
  });

  it('readers over the unit read; others 404; only vendor.manage edits', async () => {
    expect((await officerA.get(`/api/v1/vendors/contracts/${id}`)).statusCode).toBe(200);
    expect((await headA1.get(`/api/v1/vendors/contracts/${id}`)).statusCode).toBe(200);
    expect((await officerB.get(`/api/v1/vendors/contracts/${id}`)).statusCode).toBe(404);
    expect((await otherAgency.get(`/api/v1/vendors/contracts/${id}`)).statusCode).toBe(404);
    expect((await otherAgency.patch(`/api/v1/vendors/contracts/${id}`, { name: 'x' })).statusCode).toBe(404);
    expect((await staff.get(`/api/v1/vendors/contracts/${id}`)).statusCode).toBe(403);
    expect((await officerA.patch(`/api/v1/vendors/contracts/${id}`, { name: 'x' })).statusCode).toBe(403);
    expect(
      (
        await officerA.request({
          method: 'PUT',
          url: `/api/v1/vendors/contracts/${id}/checks/during/measures`,
          payload: { result: 'ok' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/vendors/contracts/${id}` })).statusCode).toBe(
      401,
    );
    expect((await officerB.get('/api/v1/vendors/contracts')).json().total).toBe(0);
  });

  it('lists contracts with open checks and expiring certificates; the dashboard counts them', async () => {
    expect((await officerA.get('/api/v1/vendors/contracts?filter=open')).json().total).toBe(1);
    expect((await officerA.get('/api/v1/vendors/contracts?filter=expiring')).json().total).toBe(1);
    const dash = (await officerA.get('/api/v1/vendors/dashboard')).json();
    expect(dash).toMatchObject({ certificatesExpiring: 1, contractsWithOpenChecks: 1 });
    for (const phase of ['contract', 'during', 'delivery'] as const) {
      const items = (await admin.get('/api/v1/vendors/checklists')).json().checks[phase] as { key: string }[];
      for (const it of items)
        await admin.request({
          method: 'PUT',
          url: `/api/v1/vendors/contracts/${id}/checks/${phase}/${it.key}`,
          payload: { result: 'na' },
        });
    }
    expect((await officerA.get('/api/v1/vendors/contracts?filter=open')).json().total).toBe(0);
    expect((await officerA.get(`/api/v1/vendors/contracts/${id}`)).json().openChecks).toBe(0);
  });

  it('every change is audited', async () => {
    const rows = await t.sys.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    const actions = new Set(rows.map((r) => r.action));
    expect(actions).toEqual(
      new Set(['vendor.contract_create', 'vendor.contract_check', 'vendor.contract_evidence_upload']),
    );
  });
});

describe('specification clauses', () => {
  const items = ['no_tracking', 'no_advertising', 'subcontractor_details'];
  it('as text to copy, in the checklist order', async () => {
    const res = await officerA.post('/api/v1/vendors/spec/text', { items });
    expect(res.statusCode).toBe(200);
    const text = res.json().text as string;
    expect(text.split('\n')[0]).toBe('情報セキュリティに関する事項');
    expect(text).toContain('1. 受注者は、納品するアプリケーション及びウェブコンテンツに、クッキー');
    expect(text).toContain('広告を表示させる機能を埋め込まないこと');
    expect(text).toContain('再委託先の会社名、代表者名、所在地及び主な出資者');
  });

  it('as a .docx holding the same clauses', async () => {
    const res = await officerA.post('/api/v1/vendors/spec/docx', { items });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = zipEntry(res.rawPayload, 'word/document.xml');
    expect(xml).toContain('情報セキュリティに関する事項');
    expect(xml).toContain('利用者個人の行動を追跡する機能を組み込まないこと');
    expect(xml).toContain('再委託先の会社名、代表者名、所在地及び主な出資者');
  });

  it('staff without vendor.view may not', async () => {
    expect((await staff.post('/api/v1/vendors/spec/text', { items })).statusCode).toBe(403);
    expect((await staff.post('/api/v1/vendors/spec/docx', { items })).statusCode).toBe(403);
  });
});
