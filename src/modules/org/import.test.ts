import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { accounts } from '../accounts/schema.js';
import { auditEvents } from '../audit/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { orgUnits, people } from './schema.js';

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
});
afterAll(() => t.close());

function upload(client: Client, url: string, body: string | Buffer, type = 'text/csv') {
  return client.request({ method: 'POST', url, payload: body, headers: { 'content-type': type } });
}

const ORG_CSV = [
  'code,name_ja,name_en,parent_code,kind',
  'IMP-B,取込局,Import Bureau,,bureau',
  'IMP-D1,取込第一課,,IMP-B,division',
  'IMP-D2,取込第二課,,IMP-B,課',
].join('\n');

describe('org import', () => {
  it('reports every bad row with line and column and imports nothing', async () => {
    const csv = [
      'code,name_ja,parent_code,kind',
      'BAD CODE,名称,,bureau',
      'OK1,,,bureau',
      'OK2,名称,NOPE,division',
      'OK3,名称,,宇宙局',
    ].join('\n');
    const res = await upload(admin, '/api/v1/imports/org?dryRun=true', csv);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.code).toBe('import_invalid');
    expect(body.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
      '2:code',
      '3:name_ja',
      '5:kind',
      '4:parent_code',
    ]);
    const again = await upload(admin, '/api/v1/imports/org', csv);
    expect(again.statusCode).toBe(422);
    const units = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.code, 'OK2'));
    expect(units).toHaveLength(0);
  });

  it('dry run reports the changes without writing', async () => {
    const res = await upload(admin, '/api/v1/imports/org?dryRun=true', ORG_CSV);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, rows: 3, created: 3, updated: 0 });
    expect(await t.sys.db.select().from(orgUnits).where(eq(orgUnits.code, 'IMP-B'))).toHaveLength(0);
  });

  it('creates units under their parents, and re-import updates without duplicating', async () => {
    const first = await upload(admin, '/api/v1/imports/org', ORG_CSV);
    expect(first.json()).toMatchObject({ created: 3 });
    const again = await upload(admin, '/api/v1/imports/org', ORG_CSV);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const renamed = await upload(admin, '/api/v1/imports/org', ORG_CSV.replace('取込第二課', '取込第二室'));
    expect(renamed.json()).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const [bureau] = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.code, 'IMP-B'));
    const [d1] = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.code, 'IMP-D1'));
    expect(d1!.parentId).toBe(bureau!.id);
    expect(d1!.path.startsWith(bureau!.path)).toBe(true);
  });

  it('moves a unit with its subtree when parent_code changes', async () => {
    await upload(
      admin,
      '/api/v1/imports/org',
      'code,name_ja,parent_code\nMV-A,移動元局,\nMV-B,移動先局,\nMV-C,移動課,MV-A\nMV-D,移動係,MV-C',
    );
    const res = await upload(admin, '/api/v1/imports/org', 'code,name_ja,parent_code\nMV-C,移動課,MV-B');
    expect(res.json()).toMatchObject({ updated: 1 });
    const rows = await t.sys.db.select().from(orgUnits);
    const by = new Map(rows.map((u) => [u.code, u]));
    expect(by.get('MV-C')!.path.startsWith(by.get('MV-B')!.path)).toBe(true);
    expect(by.get('MV-D')!.path.startsWith(by.get('MV-C')!.path)).toBe(true);
    expect(by.get('MV-D')!.depth).toBe(by.get('MV-C')!.depth + 1);
  });

  it('rejects a cycle', async () => {
    const res = await upload(
      admin,
      '/api/v1/imports/org',
      'code,name_ja,parent_code\nCY-A,甲,CY-B\nCY-B,乙,CY-A',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].column).toBe('parent_code');
  });

  it('reads Japanese headers and a Shift_JIS file', async () => {
    const text = '組織コード,組織名,上位組織コード,種別\nSJ-1,文字コード課,,課\n';
    const encoded = await import('node:child_process').then(({ execFileSync }) =>
      execFileSync('iconv', ['-f', 'UTF-8', '-t', 'SHIFT_JIS'], { input: text }),
    );
    expect(encoded.includes(Buffer.from('文字', 'utf8'))).toBe(false);
    const res = await upload(admin, '/api/v1/imports/org', encoded);
    expect(res.statusCode).toBe(200);
    const [unit] = await t.sys.db.select().from(orgUnits).where(eq(orgUnits.code, 'SJ-1'));
    expect(unit!.nameJa).toBe('文字コード課');
  });
});

describe('staff import', () => {
  const unitCode = () => tree.divA1.code;

  it('reports every bad row with line and column', async () => {
    const csv = [
      'staff_no,name,email,unit_code,employment_type,status',
      'T001,山田 太郎,yamada@example.go.jp,NOPE,regular,active',
      `T002,,bad-email,${unitCode()},週3日,active`,
      `T001,重複,,${unitCode()},,unknown`,
    ].join('\n');
    const res = await upload(admin, '/api/v1/imports/staff?dryRun=true', csv);
    expect(res.statusCode).toBe(422);
    const errs = res.json().errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`);
    expect(errs).toEqual(['2:unit_code', '3:name', '3:email', '3:employment_type', '4:staff_no', '4:status']);
  });

  it('names a missing required column', async () => {
    const res = await upload(admin, '/api/v1/imports/staff', 'staff_no,name\nX1,名前');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ line: 1, column: 'unit_code' });
  });

  it('imports, re-imports idempotently, and marks people missing from a full roster as left', async () => {
    // A separate agency, so the full roster below only concerns these people and its own administrator.
    const own = await buildAgencyTree(t);
    const admin = own.admin.client;
    const unitCode = () => own.divA1.code;
    const me = `${own.admin.person.staffNo},管理者,,,${own.root.code},常勤,在職,`;
    const csv = (rows: string[]) =>
      ['職員番号,氏名,ふりがな,メールアドレス,所属コード,雇用形態,状態,役割', ...rows].join('\n');
    const rows = [
      `R001,青木 一郎,あおき いちろう,aoki@example.go.jp,${unitCode()},常勤,在職,行政事務従事者`,
      `R002,石井 花子,いしい はなこ,ishii@example.go.jp,${unitCode()},非常勤,長期休業,staff`,
      `R003,上田 次郎,うえだ じろう,,${unitCode()},常勤,在職,`,
    ];
    const first = await upload(admin, '/api/v1/imports/staff', csv(rows));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ created: 3, rolesAdded: 2 });
    const again = await upload(admin, '/api/v1/imports/staff', csv(rows));
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3, rolesAdded: 0 });
    const count = await t.sys.db.select().from(people).where(eq(people.staffNo, 'R001'));
    expect(count).toHaveLength(1);
    const [ishii] = await t.sys.db.select().from(people).where(eq(people.staffNo, 'R002'));
    expect(ishii).toMatchObject({ employmentType: 'part_time', status: 'long_leave' });
    const held = await t.sys.db.select().from(roleAssignments).where(eq(roleAssignments.personId, ishii!.id));
    expect(held).toHaveLength(1);

    // R003 has an account; a full roster without R003 marks them as left and disables the login.
    const [uesugi] = await t.sys.db.select().from(people).where(eq(people.staffNo, 'R003'));
    const { insertAccount } = await import('../accounts/service.js');
    await insertAccount(t.sys.db, {
      tenantId: uesugi!.tenantId,
      personId: uesugi!.id,
      login: 'r003',
      passwordHash: 'x',
      mustChangePassword: false,
    });
    const notMe = await upload(
      admin,
      '/api/v1/imports/staff?fullRoster=true&dryRun=true',
      csv(rows.slice(0, 2)),
    );
    expect(notMe.json().code).toBe('invalid_state');
    const dry = await upload(
      admin,
      '/api/v1/imports/staff?fullRoster=true&dryRun=true',
      csv([me, ...rows.slice(0, 2)]),
    );
    expect(dry.json()).toMatchObject({ left: 1, unchanged: 2 });
    const full = await upload(admin, '/api/v1/imports/staff?fullRoster=true', csv([me, ...rows.slice(0, 2)]));
    expect(full.statusCode).toBe(200);
    const [left] = await t.sys.db.select().from(people).where(eq(people.staffNo, 'R003'));
    expect(left!.status).toBe('left');
    expect(left!.leftAt).not.toBeNull();
    const [account] = await t.sys.db.select().from(accounts).where(eq(accounts.personId, left!.id));
    expect(account!.disabledAt).not.toBeNull();
    const events = await t.sys.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'import.staff'), eq(auditEvents.tenantId, own.tenant.id)));
    expect(events.length).toBeGreaterThanOrEqual(3);
  });

  it('reads an .xlsx file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('職員');
    ws.addRow(['staff_no', 'name', 'unit_code']);
    ws.addRow(['X001', 'エクセル 太郎', unitCode()]);
    ws.addRow(['X002', 'エクセル 花子', unitCode()]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(
      admin,
      '/api/v1/imports/staff',
      buf,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2 });
  });

  it('reports the row of an .xlsx error by its sheet row number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('職員');
    ws.addRow(['staff_no', 'name', 'unit_code']);
    ws.addRow(['X101', 'よい 行', unitCode()]);
    ws.addRow(['X102', 'わるい 行', 'NO-SUCH-UNIT']);
    const res = await upload(
      admin,
      '/api/v1/imports/staff',
      Buffer.from(await wb.xlsx.writeBuffer()),
      'application/octet-stream',
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ line: 3, column: 'unit_code' });
  });

  it('refuses a roles column naming a role with permissions the importer lacks', async () => {
    const chief = await loginAs(t, { unit: tree.root, roles: ['chief_security_officer'] });
    const res = await upload(
      chief.client,
      '/api/v1/imports/staff',
      `staff_no,name,unit_code,roles\nESC1,昇格 試行,${unitCode()},mamoru_admin`,
    );
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].column).toBe('roles');
  });
});

describe('who may import', () => {
  it('refuses a division head (no org.manage)', async () => {
    const head = await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] });
    const res = await upload(head.client, '/api/v1/imports/org', ORG_CSV);
    expect(res.statusCode).toBe(403);
  });

  it('refuses org.manage held below the root (imports are agency-wide)', async () => {
    const bureauAdmin = await loginAs(t, { unit: tree.bureauA, roles: ['chief_security_officer'] });
    const res = await upload(
      bureauAdmin.client,
      '/api/v1/imports/staff',
      `staff_no,name,unit_code\nZ1,名前,${tree.divA1.code}`,
    );
    expect(res.statusCode).toBe(403);
  });

  it('refuses an anonymous caller', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports/org',
      payload: ORG_CSV,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('rejects an empty or unsupported body with a 4xx', async () => {
    expect((await upload(admin, '/api/v1/imports/org', '', 'text/csv')).statusCode).toBe(400);
    expect((await upload(admin, '/api/v1/imports/org', 'x', 'image/png')).statusCode).toBe(415);
  });

  it('does not see another agency’s units in a staff import', async () => {
    const other = await buildAgencyTree(t);
    const res = await upload(
      admin,
      '/api/v1/imports/staff',
      `staff_no,name,unit_code\nXA1,越境,${other.divA1.code}`,
    );
    expect(res.statusCode).toBe(422);
    expect(await t.sys.db.select().from(people).where(eq(people.staffNo, 'XA1'))).toHaveLength(0);
  });
});
