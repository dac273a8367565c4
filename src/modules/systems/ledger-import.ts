// Import of the agencies' workbook: all or nothing (issue #14 §1). Every bad cell is reported with its
// sheet, row and column and nothing is written; a dry run says what would change. Systems in the file
// are created or updated by システムID; a component sheet present in the file replaces the components of
// the systems it lists on 情報システム (an absent sheet leaves those components as they are).
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { stableStringify } from '../../lib/stable-json.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { recordChange } from './ledger-history.js';
import { classificationLevelKeys } from './ledger-service.js';
import type { ImportSummaryOut } from './ledger-validation.js';
import {
  BCP_JA,
  CERTIFICATE_COLUMNS,
  CONTROL_CHARACTERS,
  HOST_COLUMNS,
  LIFECYCLE_JA,
  ROLE_JA,
  readWorkbook,
  SHEETS,
  type SheetRow,
  type SheetTable,
  SOFTWARE_COLUMNS,
  SYSTEM_COLUMNS,
  WorkbookError,
} from './ledger-xlsx.js';
import { componentKey, fieldChanges, isAddress, isCpe23, isDomainName } from './rules.js';
import {
  BCP_STATUSES,
  type BcpStatus,
  type CloudUse,
  HOST_ROLES,
  type HostRole,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  systemCertificates,
  systemHosts,
  systemSoftware,
  systems,
} from './schema.js';

interface CellError {
  sheet: string;
  line: number;
  column: string;
  reason: { ja: string; en: string };
}

function invalid(errors: CellError[]): AppError {
  return new AppError('import_invalid', {
    errors: errors.slice(0, 1000).map((e) => ({
      path: `sheet ${e.sheet}, ${e.line <= 1 ? 'header' : `line ${e.line}`}, column ${e.column}`,
      line: e.line,
      column: e.column,
      message: {
        ja: `シート「${e.sheet}」${e.line <= 1 ? '見出し行' : `${e.line}行目`}「${e.column}」列: ${e.reason.ja}`,
        en: `sheet "${e.sheet}", ${e.line <= 1 ? 'header' : `row ${e.line}`}, column "${e.column}": ${e.reason.en}`,
      },
    })),
    extra: { errorCount: errors.length },
  });
}

interface SystemFields {
  code: string;
  name: string;
  purpose: string;
  unitId: string;
  maintenanceUnitId: string | null;
  securityOfficerId: string | null;
  administratorId: string | null;
  contractor: string;
  lifecycle: LifecycleStage;
  internetFacing: boolean;
  maxClassification: string | null;
  cloud: CloudUse;
  bcpStatus: BcpStatus;
}
interface HostIn {
  role: HostRole;
  name: string;
  addresses: string[];
  domains: string[];
  probeOptIn: boolean;
  probePorts: number[];
  note: string;
}
interface SoftwareIn {
  host: string;
  vendor: string;
  product: string;
  version: string;
  cpe: string | null;
  endOfSupport: string | null;
}
interface CertificateIn {
  host: string;
  subject: string;
  issuer: string;
  notAfter: string | null;
  keyType: string | null;
  keyBits: number | null;
  signatureAlgorithm: string | null;
}

const TRUE = new Set(['はい', '○', '〇', 'あり', '有', 'true', 'yes', '1', 'y']);
const FALSE = new Set(['いいえ', '×', 'なし', '無', 'false', 'no', '0', 'n', '']);
const list = (s: string) => s.split(/[\s,、;，]+/).filter(Boolean);
const reverse =
  <K extends string>(ja: Record<K, string>, keys: readonly K[]) =>
  (s: string): K | undefined =>
    (keys as readonly string[]).includes(s.toLowerCase())
      ? (s.toLowerCase() as K)
      : (Object.entries(ja) as [K, string][]).find(([, v]) => v === s)?.[0];
const lifecycleOf = reverse(LIFECYCLE_JA, LIFECYCLE_STAGES);
const bcpOf = reverse(BCP_JA, BCP_STATUSES);
const roleOf = reverse(ROLE_JA, HOST_ROLES);

/** Reads one sheet's cells with row-level errors collected, never thrown one by one. */
class SheetReader {
  constructor(
    readonly sheet: SheetTable,
    readonly errors: CellError[],
  ) {}
  row!: SheetRow;
  err(column: string, ja: string, en: string) {
    this.errors.push({ sheet: this.sheet.name, line: this.row.line, column, reason: { ja, en } });
  }
  text(column: string, max: number, required = false): string {
    const v = this.row.values[column] ?? '';
    if (CONTROL_CHARACTERS.test(v))
      this.err(column, '制御文字（NUL など）が含まれています', 'contains control characters');
    else if (required && !v) this.err(column, '必須です', 'is required');
    else if (v.length > max)
      this.err(column, `${max}文字以内にしてください`, `must be at most ${max} characters`);
    return v;
  }
  bool(column: string, nullable = false): boolean | null {
    const v = (this.row.values[column] ?? '').toLowerCase();
    if (nullable && (v === '' || v === '不明')) return null;
    if (TRUE.has(v)) return true;
    if (FALSE.has(v)) return false;
    this.err(column, '「はい」か「いいえ」を入力してください', 'must be はい (yes) or いいえ (no)');
    return false;
  }
  oneOf<K>(column: string, parse: (s: string) => K | undefined, fallback: K, allowed: string[]): K {
    const v = this.row.values[column] ?? '';
    if (!v) return fallback;
    const k = parse(v);
    if (k === undefined)
      this.err(
        column,
        `次のいずれかにしてください: ${allowed.join('、')}`,
        `must be one of ${allowed.join(', ')}`,
      );
    return k ?? fallback;
  }
  day(column: string): string | null {
    const v = this.row.values[column] ?? '';
    if (!v) return null;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) {
      this.err(column, '日付（YYYY-MM-DD）を入力してください', 'must be a date (YYYY-MM-DD)');
      return null;
    }
    return v;
  }
}

function requireColumns(
  t: SheetTable,
  columns: Record<string, string>,
  optional: string[],
  errors: CellError[],
) {
  for (const c of Object.values(columns)) {
    if (optional.includes(c) || t.header.includes(c)) continue;
    errors.push({
      sheet: t.name,
      line: 1,
      column: c,
      reason: { ja: '列がありません', en: 'the column is missing' },
    });
  }
}

interface Plan {
  system: SystemFields;
  line: number;
  hosts: HostIn[] | null;
  software: SoftwareIn[] | null;
  certificates: CertificateIn[] | null;
}

async function parse(ctx: ActorCtx, buf: Buffer): Promise<Plan[]> {
  let book: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    book = await readWorkbook(buf);
  } catch (err) {
    if (err instanceof WorkbookError)
      throw new AppError('import_invalid', {
        detail: { ja: `.xlsx ファイルを読めません: ${err.message}`, en: err.message },
      });
    throw err;
  }
  const errors: CellError[] = [];
  const sys = book.get(SHEETS.systems);
  if (!sys)
    throw invalid([
      {
        sheet: SHEETS.systems,
        line: 1,
        column: SYSTEM_COLUMNS.code,
        reason: { ja: 'シートがありません', en: 'the sheet is missing' },
      },
    ]);
  const C = SYSTEM_COLUMNS;
  const optional = [
    C.purpose,
    C.maintenanceUnit,
    C.securityOfficer,
    C.administrator,
    C.contractor,
    C.maxClassification,
    C.cloudUsed,
    C.cloudConfidential,
    C.cloudInJapan,
    C.cloudTerms,
    C.bcp,
    C.lifecycle,
    C.internetFacing,
  ];
  requireColumns(sys, C, optional, errors);
  const hostSheet = book.get(SHEETS.hosts);
  const swSheet = book.get(SHEETS.software);
  const certSheet = book.get(SHEETS.certificates);
  if (hostSheet)
    requireColumns(
      hostSheet,
      HOST_COLUMNS,
      [
        HOST_COLUMNS.addresses,
        HOST_COLUMNS.domains,
        HOST_COLUMNS.probeOptIn,
        HOST_COLUMNS.probePorts,
        HOST_COLUMNS.note,
      ],
      errors,
    );
  if (swSheet)
    requireColumns(
      swSheet,
      SOFTWARE_COLUMNS,
      [SOFTWARE_COLUMNS.host, SOFTWARE_COLUMNS.version, SOFTWARE_COLUMNS.cpe, SOFTWARE_COLUMNS.endOfSupport],
      errors,
    );
  if (certSheet)
    requireColumns(
      certSheet,
      CERTIFICATE_COLUMNS,
      [
        CERTIFICATE_COLUMNS.host,
        CERTIFICATE_COLUMNS.issuer,
        CERTIFICATE_COLUMNS.notAfter,
        CERTIFICATE_COLUMNS.keyType,
        CERTIFICATE_COLUMNS.keyBits,
        CERTIFICATE_COLUMNS.signatureAlgorithm,
      ],
      errors,
    );
  if (errors.length) throw invalid(errors);

  const tenantId = ctx.actor.tenantId;
  const [units, persons, levels] = await Promise.all([
    ctx.db
      .select({ id: orgUnits.id, code: orgUnits.code, path: orgUnits.path })
      .from(orgUnits)
      .where(eq(orgUnits.tenantId, tenantId)),
    ctx.db
      .select({ id: people.id, staffNo: people.staffNo, status: people.status })
      .from(people)
      .where(eq(people.tenantId, tenantId)),
    classificationLevelKeys(ctx.db, tenantId),
  ]);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const personByNo = new Map(persons.map((p) => [p.staffNo, p]));

  const r = new SheetReader(sys, errors);
  const plans = new Map<string, Plan>();
  for (const row of sys.rows) {
    r.row = row;
    const code = r.text(C.code, 64, true);
    if (code && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(code))
      r.err(C.code, '英数字と . _ - で入力してください', 'letters, digits, ".", "_", "-" only');
    if (plans.has(code))
      r.err(C.code, `システムID ${code} が重複しています`, `system ID ${code} appears twice`);
    const unitOf = (column: string, required: boolean) => {
      const v = r.text(column, 64, required);
      if (!v) return null;
      const u = unitByCode.get(v);
      if (!u) r.err(column, `組織コード ${v} はこの機関にありません`, `there is no unit with code ${v}`);
      return u ?? null;
    };
    const personOf = (column: string) => {
      const v = r.text(column, 64);
      if (!v) return null;
      const p = personByNo.get(v);
      if (p?.status !== 'active')
        r.err(
          column,
          `職員番号 ${v} の在職中の職員はいません`,
          `there is no active person with staff number ${v}`,
        );
      return p?.id ?? null;
    };
    const unit = unitOf(C.unit, true);
    const maintenance = unitOf(C.maintenanceUnit, false);
    if (unit && !can(ctx.actor, 'system.manage', { tenantId, unitPath: unit.path }))
      r.err(
        C.unit,
        'この組織の情報システムを編集する権限がありません',
        'you may not edit the systems of this unit',
      );
    const maxClassification = r.text(C.maxClassification, 10) || null;
    if (maxClassification && !levels.includes(maxClassification))
      r.err(
        C.maxClassification,
        `施行中の格付ポリシーの機密性区分（${levels.join(', ')}）を入力してください`,
        `must be a confidentiality level of the policy in force (${levels.join(', ')})`,
      );
    const system: SystemFields = {
      code,
      name: r.text(C.name, 200, true),
      purpose: r.text(C.purpose, 2000),
      unitId: unit?.id ?? '',
      maintenanceUnitId: maintenance?.id ?? null,
      securityOfficerId: personOf(C.securityOfficer),
      administratorId: personOf(C.administrator),
      contractor: r.text(C.contractor, 200),
      lifecycle: r.oneOf(C.lifecycle, lifecycleOf, 'operating', Object.values(LIFECYCLE_JA)),
      internetFacing: r.bool(C.internetFacing) ?? false,
      maxClassification,
      cloud: {
        used: r.bool(C.cloudUsed) ?? false,
        confidentialData: r.bool(C.cloudConfidential) ?? false,
        storedInJapan: r.bool(C.cloudInJapan, true),
        contractTerms: r.text(C.cloudTerms, 2000),
      },
      bcpStatus: r.oneOf(C.bcp, bcpOf, 'none', Object.values(BCP_JA)),
    };
    plans.set(code, {
      system,
      line: row.line,
      hosts: hostSheet ? [] : null,
      software: swSheet ? [] : null,
      certificates: certSheet ? [] : null,
    });
  }

  const planOf = (rd: SheetReader, column: string) => {
    const code = rd.text(column, 64, true);
    const p = plans.get(code);
    if (code && !p)
      rd.err(
        column,
        `システムID ${code} は「${SHEETS.systems}」シートにありません`,
        `system ID ${code} is not on the ${SHEETS.systems} sheet`,
      );
    return p;
  };
  if (hostSheet) {
    const H = HOST_COLUMNS;
    const rd = new SheetReader(hostSheet, errors);
    for (const row of hostSheet.rows) {
      rd.row = row;
      const p = planOf(rd, H.code);
      const addresses = list(rd.text(H.addresses, 2000));
      for (const a of addresses)
        if (!isAddress(a))
          rd.err(H.addresses, `${a} は IP アドレスではありません`, `${a} is not an IPv4 or IPv6 address`);
      const domains = list(rd.text(H.domains, 5000).toLowerCase());
      for (const d of domains)
        if (!isDomainName(d)) rd.err(H.domains, `${d} はドメイン名ではありません`, `${d} is not a DNS name`);
      const ports = list(rd.text(H.probePorts, 200)).map(Number);
      if (ports.some((n) => !Number.isInteger(n) || n < 1 || n > 65535))
        rd.err(H.probePorts, 'ポート番号（1〜65535）を入力してください', 'must be port numbers (1-65535)');
      const host: HostIn = {
        role: rd.oneOf(H.role, roleOf, 'other', Object.values(ROLE_JA)),
        name: rd.text(H.name, 200, true),
        addresses,
        domains,
        probeOptIn: rd.bool(H.probeOptIn) ?? false,
        probePorts: ports,
        note: rd.text(H.note, 2000),
      };
      if (!rd.row.values[H.role]) rd.err(H.role, '必須です', 'is required');
      if (p?.hosts?.some((h) => h.name === host.name))
        rd.err(
          H.name,
          `ホスト名 ${host.name} が同じシステムで重複しています`,
          `host ${host.name} appears twice for this system`,
        );
      p?.hosts?.push(host);
    }
  }
  const hostKnown = (rd: SheetReader, p: Plan | undefined, column: string) => {
    const name = rd.text(column, 200);
    if (name && p?.hosts && !p.hosts.some((h) => h.name === name))
      rd.err(
        column,
        `ホスト ${name} はこのシステムの「${SHEETS.hosts}」にありません`,
        `host ${name} is not listed for this system on the ${SHEETS.hosts} sheet`,
      );
    return name;
  };
  if (swSheet) {
    const S = SOFTWARE_COLUMNS;
    const rd = new SheetReader(swSheet, errors);
    for (const row of swSheet.rows) {
      rd.row = row;
      const p = planOf(rd, S.code);
      const cpe = rd.text(S.cpe, 500) || null;
      if (cpe && !isCpe23(cpe))
        rd.err(
          S.cpe,
          'CPE 2.3 形式（cpe:2.3:a:ベンダー:製品:バージョン:…）ではありません',
          'is not a CPE 2.3 name (cpe:2.3:a:vendor:product:version:…)',
        );
      p?.software?.push({
        host: hostKnown(rd, p, S.host),
        vendor: rd.text(S.vendor, 200, true),
        product: rd.text(S.product, 200, true),
        version: rd.text(S.version, 100),
        cpe,
        endOfSupport: rd.day(S.endOfSupport),
      });
    }
  }
  if (certSheet) {
    const K = CERTIFICATE_COLUMNS;
    const rd = new SheetReader(certSheet, errors);
    for (const row of certSheet.rows) {
      rd.row = row;
      const p = planOf(rd, K.code);
      const na = rd.text(K.notAfter, 40);
      let notAfter: string | null = null;
      if (na) {
        const t = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(na) ? `${na}T00:00:00+09:00` : na);
        if (Number.isNaN(t))
          rd.err(
            K.notAfter,
            '日時（YYYY-MM-DD または ISO 8601）を入力してください',
            'must be a date or an ISO 8601 time',
          );
        else notAfter = new Date(t).toISOString();
      }
      const bitsText = rd.text(K.keyBits, 10);
      const keyBits = bitsText ? Number(bitsText) : null;
      if (keyBits !== null && (!Number.isInteger(keyBits) || keyBits < 1 || keyBits > 65536))
        rd.err(K.keyBits, '整数（ビット数）を入力してください', 'must be a whole number of bits');
      p?.certificates?.push({
        host: hostKnown(rd, p, K.host),
        subject: rd.text(K.subject, 500, true),
        issuer: rd.text(K.issuer, 500),
        notAfter,
        keyType: rd.text(K.keyType, 20) || null,
        keyBits,
        signatureAlgorithm: rd.text(K.signatureAlgorithm, 100) || null,
      });
    }
  }
  if (errors.length) throw invalid(errors);
  return [...plans.values()];
}

const norm = (xs: unknown[]) => JSON.stringify(xs.map((x) => stableStringify(x)).sort());

async function currentComponents(db: Db, systemId: string) {
  const [hosts, software, certificates] = await Promise.all([
    db.select().from(systemHosts).where(eq(systemHosts.systemId, systemId)),
    db.select().from(systemSoftware).where(eq(systemSoftware.systemId, systemId)),
    db.select().from(systemCertificates).where(eq(systemCertificates.systemId, systemId)),
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  return {
    hosts: hosts.map(
      (h): HostIn => ({
        role: h.role,
        name: h.name,
        addresses: h.addresses,
        domains: h.domains,
        probeOptIn: h.probeOptIn,
        probePorts: h.probePorts,
        note: h.note,
      }),
    ),
    software: software.map(
      (s): SoftwareIn => ({
        host: s.hostId ? (hostName.get(s.hostId) ?? '') : '',
        vendor: s.vendor,
        product: s.product,
        version: s.version,
        cpe: s.cpe,
        endOfSupport: s.endOfSupport,
      }),
    ),
    certificates: certificates.map(
      (c): CertificateIn => ({
        host: c.hostId ? (hostName.get(c.hostId) ?? '') : '',
        subject: c.subject,
        issuer: c.issuer,
        notAfter: c.notAfter?.toISOString() ?? null,
        keyType: c.keyType,
        keyBits: c.keyBits,
        signatureAlgorithm: c.signatureAlgorithm,
      }),
    ),
  };
}

export async function importLedger(ctx: ActorCtx, buf: Buffer, dryRun: boolean): Promise<ImportSummaryOut> {
  authorize(ctx.actor, 'system.manage');
  const plans = await parse(ctx, buf);
  const tenantId = ctx.actor.tenantId;
  const codes = plans.map((p) => p.system.code);
  const existing = codes.length
    ? await ctx.db
        .select({ s: systems, unitPath: orgUnits.path })
        .from(systems)
        .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
        .where(and(eq(systems.tenantId, tenantId), inArray(systems.code, codes)))
    : [];
  const byCode = new Map(existing.map((e) => [e.s.code, e]));
  const errors: CellError[] = [];
  for (const p of plans) {
    const e = byCode.get(p.system.code);
    if (e && !can(ctx.actor, 'system.manage', { tenantId, unitPath: e.unitPath }))
      errors.push({
        sheet: SHEETS.systems,
        line: p.line,
        column: SYSTEM_COLUMNS.code,
        reason: {
          ja: 'このシステムIDの台帳を編集する権限がありません',
          en: 'you may not edit the entry with this system ID',
        },
      });
  }
  if (errors.length) throw invalid(errors);

  const summary: ImportSummaryOut = {
    dryRun,
    created: [],
    updated: [],
    unchanged: [],
    hosts: 0,
    software: 0,
    certificates: 0,
  };
  const work: { plan: Plan; id: string | null; version: number; changes: Record<string, unknown> }[] = [];
  for (const p of plans) {
    summary.hosts += p.hosts?.length ?? 0;
    summary.software += p.software?.length ?? 0;
    summary.certificates += p.certificates?.length ?? 0;
    const e = byCode.get(p.system.code);
    if (!e) {
      summary.created.push(p.system.code);
      work.push({ plan: p, id: null, version: 0, changes: { ...p.system } });
      continue;
    }
    const changes: Record<string, unknown> = fieldChanges(
      e.s as unknown as Record<string, unknown>,
      p.system as unknown as Record<string, unknown>,
    );
    const now = await currentComponents(ctx.db, e.s.id);
    for (const k of ['hosts', 'software', 'certificates'] as const) {
      const next = p[k];
      if (next && norm(next) !== norm(now[k])) changes[k] = { before: now[k].length, after: next.length };
    }
    if (Object.keys(changes).length === 0) summary.unchanged.push(p.system.code);
    else {
      summary.updated.push(p.system.code);
      work.push({ plan: p, id: e.s.id, version: e.s.version, changes });
    }
  }
  if (dryRun) return summary;

  await ctx.db.transaction(async (tx) => {
    for (const w of work) {
      const { system: f } = w.plan;
      let id = w.id;
      if (id === null) {
        const [row] = await tx
          .insert(systems)
          .values({ ...f, tenantId })
          .returning({ id: systems.id });
        id = row!.id;
      } else {
        await tx
          .update(systems)
          .set({ ...f, version: w.version + 1, updatedAt: new Date() })
          .where(eq(systems.id, id));
      }
      const isNew = w.id === null;
      await replaceComponents(tx, tenantId, id, w.plan, (k) => isNew || k in w.changes);
      await recordChange(
        tx,
        ctx,
        { id, tenantId, code: f.code },
        { history: 'imported', audit: 'system.import' },
        w.changes,
      );
    }
    await recordAudit(tx, ctx, {
      action: 'system.import',
      tenantId,
      after: {
        created: summary.created.length,
        updated: summary.updated.length,
        unchanged: summary.unchanged.length,
      },
    });
  });
  return summary;
}

/**
 * Components of one system as the file has them. Hosts are matched by name and updated in place, so
 * their probe runs and inspection answers stay; only what changed is rewritten.
 */
async function replaceComponents(
  tx: Db,
  tenantId: string,
  systemId: string,
  p: Plan,
  changed: (k: 'hosts' | 'software' | 'certificates') => boolean,
) {
  const current = await tx
    .select({ id: systemHosts.id, name: systemHosts.name })
    .from(systemHosts)
    .where(eq(systemHosts.systemId, systemId));
  const hostIds = new Map(current.map((r) => [r.name, r.id]));
  if (p.hosts && changed('hosts')) {
    const keep = new Set(p.hosts.map((h) => h.name));
    const gone = current.filter((h) => !keep.has(h.name)).map((h) => h.id);
    if (gone.length) await tx.delete(systemHosts).where(inArray(systemHosts.id, gone));
    for (const h of p.hosts) {
      const id = hostIds.get(h.name);
      if (id) await tx.update(systemHosts).set(h).where(eq(systemHosts.id, id));
      else {
        const [row] = await tx
          .insert(systemHosts)
          .values({ ...h, tenantId, systemId })
          .returning({ id: systemHosts.id });
        hostIds.set(h.name, row!.id);
      }
    }
  }
  const hostId = (name: string) => (name ? (hostIds.get(name) ?? null) : null);
  if (p.software && changed('software')) {
    await tx.delete(systemSoftware).where(eq(systemSoftware.systemId, systemId));
    if (p.software.length)
      await tx.insert(systemSoftware).values(
        p.software.map(({ host, ...s }) => ({
          ...s,
          hostId: hostId(host),
          vendorKey: componentKey(s.vendor),
          productKey: componentKey(s.product),
          tenantId,
          systemId,
        })),
      );
  }
  if (p.certificates && changed('certificates')) {
    await tx.delete(systemCertificates).where(eq(systemCertificates.systemId, systemId));
    if (p.certificates.length)
      await tx.insert(systemCertificates).values(
        p.certificates.map(({ host, notAfter, ...c }) => ({
          ...c,
          notAfter: notAfter ? new Date(notAfter) : null,
          hostId: hostId(host),
          tenantId,
          systemId,
        })),
      );
  }
}
