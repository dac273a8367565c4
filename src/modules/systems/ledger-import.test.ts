import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../test/app.js';
import { buildPerson } from '../../test/factories.js';
import { buildLedgerWorld, createSystem, type LedgerWorld, systemBody } from './ledger.fixtures.js';
import { systemHosts, systems } from './schema.js';

let w: LedgerWorld;
let officerNo: string;
beforeAll(async () => {
  w = await buildLedgerWorld();
  officerNo = (await buildPerson(w.t, { unit: w.a.divA1, account: false })).person.staffNo;
});
afterAll(async () => w.t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Rows = Record<string, string>[];
async function workbook(sheets: Record<string, Rows>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    ws.addRow(header);
    for (const r of rows) ws.addRow(header.map((h) => r[h] ?? ''));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (c: Client, buf: Buffer, dryRun: boolean) =>
  c.request({
    method: 'POST',
    url: `/api/v1/systems/import?dryRun=${dryRun}`,
    payload: buf,
    headers: { 'content-type': XLSX },
  });

const systemRow = (code: string, extra: Record<string, string> = {}) => ({
  システムID: code,
  システム名: `取込${code}`,
  所管課室コード: w.a.divA1.code,
  ライフサイクル: '運用',
  インターネット接続: 'はい',
  ...extra,
});

async function tenantSystems() {
  const [r] = await w.t.sys.db
    .select({ n: count() })
    .from(systems)
    .where(eq(systems.tenantId, w.a.tenant.id));
  return r!.n;
}

describe('ledger import', () => {
  it('dry run reports what would change and writes nothing; the import then writes it all', async () => {
    const buf = await workbook({
      情報システム: [
        systemRow('IMP-1', {
          '情報システムセキュリティ責任者（職員番号）': officerNo,
          取り扱う情報の最高格付: 'c2',
        }),
        systemRow('IMP-2', { ライフサイクル: '構築' }),
      ],
      ホスト: [
        {
          システムID: 'IMP-1',
          役割: 'ウェブサーバ',
          ホスト名: 'web1',
          IPアドレス: '192.0.2.1, 2001:db8::1',
          ドメイン: 'www.example.go.jp',
          計測許可: 'はい',
          計測ポート: '443',
        },
        { システムID: 'IMP-2', 役割: 'mail', ホスト名: 'mx' },
      ],
      ソフトウェア: [
        {
          システムID: 'IMP-1',
          ホスト名: 'web1',
          ベンダー: 'nginx',
          製品: 'nginx',
          バージョン: '1.24.0',
          CPE: 'cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*',
          サポート終了日: '2030-03-31',
        },
      ],
      証明書: [
        {
          システムID: 'IMP-1',
          ホスト名: 'web1',
          サブジェクト: 'CN=www.example.go.jp',
          有効期限: '2030-01-01',
          鍵長: '2048',
        },
      ],
    });
    const before = await tenantSystems();
    const dry = await upload(w.a.admin.client, buf, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      created: ['IMP-1', 'IMP-2'],
      updated: [],
      hosts: 2,
      software: 1,
      certificates: 1,
    });
    expect(await tenantSystems()).toBe(before);

    const real = await upload(w.a.admin.client, buf, false);
    expect(real.statusCode, real.body).toBe(200);
    expect(await tenantSystems()).toBe(before + 2);
    const list = (await w.a.admin.client.get('/api/v1/systems?q=IMP-1')).json();
    const detail = (await w.a.admin.client.get(`/api/v1/systems/${list.items[0].id}`)).json();
    expect(detail).toMatchObject({
      maxClassification: 'c2',
      internetFacing: true,
      securityOfficer: { name: expect.any(String) },
    });
    expect(detail.hosts[0]).toMatchObject({
      role: 'web',
      addresses: ['192.0.2.1', '2001:db8::1'],
      probeOptIn: true,
      probePorts: [443],
    });
    expect(detail.software[0]).toMatchObject({
      hostId: detail.hosts[0].id,
      productKey: 'nginx',
      endOfSupport: '2030-03-31',
    });
    expect(detail.certificates[0]).toMatchObject({ keyBits: 2048, hostId: detail.hosts[0].id });

    // The same file again changes nothing.
    const again = await upload(w.a.admin.client, buf, true);
    expect(again.json()).toMatchObject({ created: [], updated: [], unchanged: ['IMP-1', 'IMP-2'] });
  });

  it('round-trips its own export, and an edited cell becomes an update that keeps the host (and its probe history)', async () => {
    const s = await createSystem(
      w.a.admin.client,
      systemBody(w.a.divA2.id, { code: 'RT-1', name: '=HYPERLINK("x")' }),
    );
    await w.a.admin.client.post(`/api/v1/systems/${s.id}/hosts`, {
      role: 'mail',
      name: 'mx1',
      domains: ['example.go.jp'],
    });
    const [hostBefore] = await w.t.sys.db.select().from(systemHosts).where(eq(systemHosts.systemId, s.id));
    const exported = await w.a.admin.client.get('/api/v1/systems/export');
    expect(exported.statusCode).toBe(200);
    const buf = exported.rawPayload;
    const dry = await upload(w.a.admin.client, buf, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().created).toEqual([]);
    expect(dry.json().updated).toEqual([]);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('情報システム')!;
    expect(ws.getRow(1).getCell(2).value).toBe('システム名');
    ws.eachRow((row) => {
      if (row.getCell(1).value === 'RT-1') {
        expect(row.getCell(2).value).toBe('\'=HYPERLINK("x")');
        row.getCell(3).value = '新しい目的';
      }
    });
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(w.a.admin.client, edited, false);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().updated).toEqual(['RT-1']);
    const detail = (await w.a.admin.client.get(`/api/v1/systems/${s.id}`)).json();
    expect(detail).toMatchObject({ purpose: '新しい目的', name: '=HYPERLINK("x")', version: 2 });
    expect(detail.hosts[0].id).toBe(hostBefore!.id);
    const history = (await w.a.admin.client.get(`/api/v1/systems/${s.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      action: 'imported',
      changes: { purpose: [expect.any(String), '新しい目的'] },
    });
  });

  it.each([
    [
      'ホスト',
      6,
      'IPアドレス',
      {
        ホスト: [
          { システムID: 'BAD-1', 役割: 'web', ホスト名: 'a' },
          { システムID: 'BAD-1', 役割: 'web', ホスト名: 'b' },
          { システムID: 'BAD-1', 役割: 'web', ホスト名: 'c' },
          { システムID: 'BAD-1', 役割: 'web', ホスト名: 'd' },
          { システムID: 'BAD-1', 役割: 'web', ホスト名: 'e', IPアドレス: '10.0.0.256' },
        ],
      },
    ],
    [
      'ソフトウェア',
      2,
      'CPE',
      { ソフトウェア: [{ システムID: 'BAD-1', ベンダー: 'a', 製品: 'b', CPE: 'cpe:2.3:a:broken' }] },
    ],
    [
      'ソフトウェア',
      2,
      'サポート終了日',
      { ソフトウェア: [{ システムID: 'BAD-1', ベンダー: 'a', 製品: 'b', サポート終了日: '来年' }] },
    ],
    ['ホスト', 2, 'システムID', { ホスト: [{ システムID: 'NOT-THERE', 役割: 'web', ホスト名: 'a' }] }],
    ['ホスト', 2, '役割', { ホスト: [{ システムID: 'BAD-1', 役割: 'ルータ', ホスト名: 'a' }] }],
    [
      '情報システム',
      3,
      '所管課室コード',
      { 情報システム: [{ システムID: 'BAD-2', システム名: 'x', 所管課室コード: 'NO-SUCH-UNIT' }] },
    ],
    [
      '情報システム',
      3,
      '情報システムセキュリティ責任者（職員番号）',
      {
        情報システム: [
          {
            システムID: 'BAD-2',
            システム名: 'x',
            所管課室コード: 'U1',
            '情報システムセキュリティ責任者（職員番号）': 'NOBODY',
          },
        ],
      },
    ],
    [
      '情報システム',
      3,
      '取り扱う情報の最高格付',
      {
        情報システム: [
          { システムID: 'BAD-2', システム名: 'x', 所管課室コード: 'U1', 取り扱う情報の最高格付: 'c9' },
        ],
      },
    ],
    [
      '情報システム',
      3,
      'システムID',
      { 情報システム: [{ システムID: 'BAD-1', システム名: 'dup', 所管課室コード: 'U1' }] },
    ],
  ] as const)(
    'a bad cell on %s row %s column %s rejects the whole file with 422',
    async (sheet, line, column, extra) => {
      const sheets: Record<string, Rows> = { 情報システム: [systemRow('BAD-1')] };
      // 'U1' stands for a real unit code of agency A.
      const fill = (r: Record<string, string>) =>
        r.所管課室コード === 'U1' ? { ...r, 所管課室コード: w.a.divA1.code } : r;
      for (const [k, rows] of Object.entries(extra as unknown as Record<string, Rows>))
        sheets[k] = [...(sheets[k] ?? []), ...rows.map(fill)];
      const before = await tenantSystems();
      const res = await upload(w.a.admin.client, await workbook(sheets), false);
      expect(res.statusCode, res.body).toBe(422);
      const body = res.json();
      expect(body.code).toBe('import_invalid');
      expect(body.errors).toContainEqual(
        expect.objectContaining({ line, column, path: `sheet ${sheet}, line ${line}, column ${column}` }),
      );
      expect(await tenantSystems()).toBe(before);
    },
  );

  it('refuses a file without the 情報システム sheet or with a missing required column', async () => {
    const noSheet = await upload(
      w.a.admin.client,
      await workbook({ ホスト: [{ システムID: 'x', 役割: 'web', ホスト名: 'a' }] }),
      true,
    );
    expect(noSheet.statusCode).toBe(422);
    expect(noSheet.json().errors[0].path).toContain('情報システム');
    const noColumn = await upload(
      w.a.admin.client,
      await workbook({ 情報システム: [{ システムID: 'X', システム名: 'x' }] }),
      true,
    );
    expect(noColumn.statusCode).toBe(422);
    expect(noColumn.json().errors[0]).toMatchObject({ line: 1, column: '所管課室コード' });
    const notXlsx = await w.a.admin.client.request({
      method: 'POST',
      url: '/api/v1/systems/import',
      payload: Buffer.from('PK garbage'),
      headers: { 'content-type': XLSX },
    });
    expect(notXlsx.statusCode).toBe(422);
  });

  it('a bureau manager may not import systems of another bureau (row named), nor update one there', async () => {
    const elsewhere = await workbook({
      情報システム: [systemRow('BUR-1', { 所管課室コード: w.a.divB1.code })],
    });
    const res = await upload(w.bureauChief.client, elsewhere, true);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ line: 2, column: '所管課室コード' });
    await createSystem(w.a.admin.client, systemBody(w.a.divB1.id, { code: 'BUR-2' }));
    const takeOver = await workbook({
      情報システム: [systemRow('BUR-2', { 所管課室コード: w.a.divA1.code })],
    });
    const res2 = await upload(w.bureauChief.client, takeOver, true);
    expect(res2.statusCode).toBe(422);
    expect(res2.json().errors[0]).toMatchObject({ line: 2, column: 'システムID' });
  });

  it('staff and division heads may not import', async () => {
    const buf = await workbook({ 情報システム: [systemRow('NOPE')] });
    expect((await upload(w.staff.client, buf, true)).statusCode).toBe(403);
    expect((await upload(w.headA1.client, buf, true)).statusCode).toBe(403);
  });
});
