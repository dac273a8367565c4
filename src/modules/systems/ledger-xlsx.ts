// The ledger as the workbook agencies keep (issue #14 §1): one sheet 情報システム with a row per system,
// and ホスト, ソフトウェア and 証明書 sheets keyed by システムID (the system's code). Export goes through
// src/lib/export.ts (formula neutralising); reading is here because the import needs every sheet.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type ExcelJS from 'exceljs';
import { todayInJapan } from '../../lib/dates.js';
import { loadExcel } from '../../lib/excel.js';
import { type Cell, restoreNeutralised, writeWorkbook, XLSX_TYPE } from '../../lib/export.js';
import { assertSafeZip } from '../../lib/zip-guard.js';
import type { ActorCtx } from '../../server/context.js';
import type { Download } from '../../server/files.js';
import { authorize } from '../../server/policy.js';
import { orgUnits, people } from '../org/schema.js';
import { readableSystems } from './ledger-access.js';
import { accountNames } from './ledger-present.js';
import {
  type BcpStatus,
  type HostRole,
  type LifecycleStage,
  systemCertificates,
  systemHosts,
  systemSoftware,
  systems,
} from './schema.js';

export const SHEETS = {
  systems: '情報システム',
  hosts: 'ホスト',
  software: 'ソフトウェア',
  certificates: '証明書',
} as const;

export const LIFECYCLE_JA: Record<LifecycleStage, string> = {
  planning: '企画',
  building: '構築',
  operating: '運用',
  retiring: '廃止予定',
  retired: '廃止',
};
export const BCP_JA: Record<BcpStatus, string> = {
  none: '未策定',
  planned: '策定予定',
  documented: '策定済み',
  tested: '訓練済み',
};
export const ROLE_JA: Record<HostRole, string> = {
  web: 'ウェブサーバ',
  mail: 'メールサーバ',
  dns: 'DNSサーバ',
  terminal: '端末',
  mfp: '複合機',
  special: '特定用途機器',
  other: 'その他',
};

/** Column headers; those marked export-only are written for people to read and ignored on import. */
export const SYSTEM_COLUMNS = {
  code: 'システムID',
  name: 'システム名',
  purpose: '目的',
  unit: '所管課室コード',
  maintenanceUnit: '保守課室コード',
  securityOfficer: '情報システムセキュリティ責任者（職員番号）',
  administrator: '情報システムセキュリティ管理者（職員番号）',
  contractor: '保守・委託先',
  lifecycle: 'ライフサイクル',
  internetFacing: 'インターネット接続',
  maxClassification: '取り扱う情報の最高格付',
  cloudUsed: 'クラウド利用',
  cloudConfidential: 'クラウドで要機密情報を取り扱う',
  cloudInJapan: 'クラウドのデータ国内保存',
  cloudTerms: 'クラウド契約条件',
  bcp: 'IT-BCP',
} as const;
const SYSTEM_EXPORT_ONLY = ['所管課室名', '責任者氏名', '管理者氏名', '最終確認日', '確認者'];

export const HOST_COLUMNS = {
  code: 'システムID',
  role: '役割',
  name: 'ホスト名',
  addresses: 'IPアドレス',
  domains: 'ドメイン',
  probeOptIn: '計測許可',
  probePorts: '計測ポート',
  note: '備考',
} as const;
export const SOFTWARE_COLUMNS = {
  code: 'システムID',
  host: 'ホスト名',
  vendor: 'ベンダー',
  product: '製品',
  version: 'バージョン',
  cpe: 'CPE',
  endOfSupport: 'サポート終了日',
} as const;
export const CERTIFICATE_COLUMNS = {
  code: 'システムID',
  host: 'ホスト名',
  subject: 'サブジェクト',
  issuer: '発行者',
  notAfter: '有効期限',
  keyType: '鍵の種類',
  keyBits: '鍵長',
  signatureAlgorithm: '署名アルゴリズム',
} as const;

const yesNo = (b: boolean | null) => (b === null ? '' : b ? 'はい' : 'いいえ');

/** The systems the caller may read, with their components, as the agencies' workbook. */
export async function exportLedger(ctx: ActorCtx): Promise<Download> {
  authorize(ctx.actor, 'system.view');
  const rows = await ctx.db
    .select({ s: systems, unitCode: orgUnits.code, unitName: orgUnits.nameJa })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(eq(systems.tenantId, ctx.actor.tenantId), readableSystems(ctx.actor)))
    .orderBy(asc(systems.code));
  const ids = rows.map((r) => r.s.id);
  const [hosts, software, certs, personRows, unitRows, reviewers] = await Promise.all([
    ids.length ? ctx.db.select().from(systemHosts).where(inArray(systemHosts.systemId, ids)) : [],
    ids.length ? ctx.db.select().from(systemSoftware).where(inArray(systemSoftware.systemId, ids)) : [],
    ids.length
      ? ctx.db.select().from(systemCertificates).where(inArray(systemCertificates.systemId, ids))
      : [],
    ctx.db
      .select({ id: people.id, staffNo: people.staffNo, name: people.name })
      .from(people)
      .where(eq(people.tenantId, ctx.actor.tenantId)),
    ctx.db
      .select({ id: orgUnits.id, code: orgUnits.code })
      .from(orgUnits)
      .where(eq(orgUnits.tenantId, ctx.actor.tenantId)),
    accountNames(
      ctx.db,
      rows.map((r) => r.s.reviewedBy),
    ),
  ]);
  const person = new Map(personRows.map((p) => [p.id, p]));
  const unitCode = new Map(unitRows.map((u) => [u.id, u.code]));
  const codeOf = new Map(rows.map((r) => [r.s.id, r.s.code]));
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const byCode = <T extends { systemId: string }>(xs: T[]) =>
    [...xs].sort((a, b) => (codeOf.get(a.systemId) ?? '').localeCompare(codeOf.get(b.systemId) ?? ''));

  const systemRows: Cell[][] = rows.map(({ s, unitCode: uc, unitName }) => [
    s.code,
    s.name,
    s.purpose,
    uc,
    s.maintenanceUnitId ? (unitCode.get(s.maintenanceUnitId) ?? '') : '',
    s.securityOfficerId ? (person.get(s.securityOfficerId)?.staffNo ?? '') : '',
    s.administratorId ? (person.get(s.administratorId)?.staffNo ?? '') : '',
    s.contractor,
    LIFECYCLE_JA[s.lifecycle],
    yesNo(s.internetFacing),
    s.maxClassification ?? '',
    yesNo(s.cloud.used),
    yesNo(s.cloud.confidentialData),
    yesNo(s.cloud.storedInJapan),
    s.cloud.contractTerms,
    BCP_JA[s.bcpStatus],
    unitName,
    s.securityOfficerId ? (person.get(s.securityOfficerId)?.name ?? '') : '',
    s.administratorId ? (person.get(s.administratorId)?.name ?? '') : '',
    s.reviewedOn ?? '',
    s.reviewedBy ? (reviewers.get(s.reviewedBy) ?? '') : '',
  ]);
  const body = await writeWorkbook([
    {
      name: SHEETS.systems,
      header: [...Object.values(SYSTEM_COLUMNS), ...SYSTEM_EXPORT_ONLY],
      rows: systemRows,
      freezeHeader: true,
    },
    {
      name: SHEETS.hosts,
      header: Object.values(HOST_COLUMNS),
      rows: byCode(hosts).map((h) => [
        codeOf.get(h.systemId),
        ROLE_JA[h.role],
        h.name,
        h.addresses.join(', '),
        h.domains.join(', '),
        yesNo(h.probeOptIn),
        h.probePorts.join(', '),
        h.note,
      ]),
      freezeHeader: true,
    },
    {
      name: SHEETS.software,
      header: Object.values(SOFTWARE_COLUMNS),
      rows: byCode(software).map((x) => [
        codeOf.get(x.systemId),
        x.hostId ? hostName.get(x.hostId) : '',
        x.vendor,
        x.product,
        x.version,
        x.cpe ?? '',
        x.endOfSupport ?? '',
      ]),
      freezeHeader: true,
    },
    {
      name: SHEETS.certificates,
      header: Object.values(CERTIFICATE_COLUMNS),
      rows: byCode(certs).map((c) => [
        codeOf.get(c.systemId),
        c.hostId ? hostName.get(c.hostId) : '',
        c.subject,
        c.issuer,
        c.notAfter?.toISOString() ?? '',
        c.keyType ?? '',
        c.keyBits ?? '',
        c.signatureAlgorithm ?? '',
      ]),
      freezeHeader: true,
    },
  ]);
  return { body, type: XLSX_TYPE, filename: `情報システム管理台帳-${todayInJapan()}.xlsx` };
}

// ---- reading

export interface SheetRow {
  line: number;
  values: Record<string, string>;
}
export interface SheetTable {
  name: string;
  header: string[];
  rows: SheetRow[];
}

export class WorkbookError extends Error {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  // Dates typed into Excel arrive as instants at UTC midnight of the calendar day.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return restoreNeutralised(cell.text.trim());
}

/** Every worksheet of an .xlsx file, rows keyed by header; control characters are refused by the caller. */
export async function readWorkbook(buf: Buffer): Promise<Map<string, SheetTable>> {
  const wb = new (await loadExcel()).Workbook();
  try {
    assertSafeZip(buf);
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    throw new WorkbookError(
      `not a readable .xlsx file (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const out = new Map<string, SheetTable>();
  for (const ws of wb.worksheets) {
    const raw: { line: number; cells: string[] }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c)));
      if (cells.some((c) => c !== '')) raw.push({ line: n, cells });
    });
    const [head, ...body] = raw;
    const header = (head?.cells ?? []).map((h) => h.trim());
    out.set(ws.name.trim(), {
      name: ws.name.trim(),
      header,
      rows: body.map((r) => ({
        line: r.line,
        values: Object.fromEntries(header.map((h, i) => [h, r.cells[i] ?? ''])),
      })),
    });
  }
  return out;
}

export { CONTROL_CHARACTERS };
