import { and, asc, count, desc, eq, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import {
  authorize,
  authorizeTenantWide,
  can,
  escapeLike,
  inScope,
  withinSubtree,
} from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import {
  fileProblem,
  type ParsedFinding,
  type ParseIssue,
  parseFindingsCsv,
  parseTestssl,
  parseZap,
} from './finding-parse.js';
import {
  AGE_BUCKETS,
  type AgeBucket,
  ageBucket,
  canTransition,
  DEFAULT_FINDING_POLICY,
  type FindingAction,
  type FindingPolicy,
  httpVerdicts,
  isOverdue,
  mailVerdicts,
  matchKey,
  targetDate,
  tlsVerdicts,
  type Verdict,
} from './finding-rules.js';
import {
  type FindingBand,
  type FindingSource,
  type FindingStatus,
  systemFindingEvents,
  systemFindingImports,
  systemFindingPolicies,
  systemFindings,
} from './finding-schema.js';
import type { HttpProbeResult, MailProbeResult, TlsProbeResult } from './probe/types.js';
import { systemHosts, systemProbeRuns, systems } from './schema.js';

// Diagnosis findings on ledger systems: importing the yearly diagnosis (CSV, testssl.sh, OWASP ZAP)
// and probe verdicts, all or nothing; then the owner's answer and the verified closure after a re-test.

// --- Policy ----------------------------------------------------------------------------------------

export async function findingPolicy(db: Db, tenantId: string): Promise<FindingPolicy> {
  const [p] = await db
    .select()
    .from(systemFindingPolicies)
    .where(eq(systemFindingPolicies.tenantId, tenantId));
  return p
    ? { highDays: p.highDays, mediumDays: p.mediumDays, lowDays: p.lowDays, infoDays: p.infoDays }
    : DEFAULT_FINDING_POLICY;
}

export async function getFindingPolicy(ctx: ActorCtx) {
  authorize(ctx.actor, 'system.view');
  return findingPolicy(ctx.db, ctx.actor.tenantId);
}

export async function updateFindingPolicy(ctx: ActorCtx, input: FindingPolicy) {
  authorizeTenantWide(ctx.actor, 'system.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await findingPolicy(tx, ctx.actor.tenantId);
    await tx
      .insert(systemFindingPolicies)
      .values({ tenantId: ctx.actor.tenantId, ...input, updatedBy: ctx.actor.accountId })
      .onConflictDoUpdate({
        target: systemFindingPolicies.tenantId,
        set: { ...input, updatedAt: new Date(), updatedBy: ctx.actor.accountId },
      });
    await recordAudit(tx, ctx, {
      action: 'finding.policy_update',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      before,
      after: input,
    });
    return input;
  });
}

// --- Import ----------------------------------------------------------------------------------------

export type ImportFormat = 'csv' | 'testssl' | 'zap';

export interface ImportInput {
  format: ImportFormat;
  fileName: string;
  content: string;
  dryRun: boolean;
  /** 'refuse' (default): a host or system not in the ledger refuses the file; 'list': skip and list them. */
  unmatched: 'refuse' | 'list';
  /** The diagnosis date for scanner files (and CSV rows without found_on); default today. */
  foundOn?: string | undefined;
}

interface Host {
  id: string;
  systemId: string;
  name: string;
  addresses: string[];
  domains: string[];
}

interface SystemRow {
  id: string;
  code: string;
  name: string;
  unitPath: string;
  securityOfficerId: string | null;
}

/** The ledger the actor manages: systems by id and code, and their hosts by name, address and domain. */
async function managedLedger(tx: Db, ctx: ActorCtx) {
  const sysRows = await tx
    .select({
      id: systems.id,
      code: systems.code,
      name: systems.name,
      unitPath: orgUnits.path,
      securityOfficerId: systems.securityOfficerId,
    })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(eq(systems.tenantId, ctx.actor.tenantId), inScope(ctx.actor, 'system.manage', orgUnits.path)));
  const byId = new Map<string, SystemRow>(sysRows.map((s) => [s.id, s]));
  const byCode = new Map<string, SystemRow>(sysRows.map((s) => [s.code.toLowerCase(), s]));
  const hostRows =
    sysRows.length === 0
      ? []
      : await tx
          .select({
            id: systemHosts.id,
            systemId: systemHosts.systemId,
            name: systemHosts.name,
            addresses: systemHosts.addresses,
            domains: systemHosts.domains,
          })
          .from(systemHosts)
          .where(
            and(
              eq(systemHosts.tenantId, ctx.actor.tenantId),
              inArray(
                systemHosts.systemId,
                sysRows.map((s) => s.id),
              ),
            ),
          );
  const byLabel = new Map<string, Host[]>();
  const add = (label: string, h: Host) => {
    const k = label.trim().toLowerCase();
    if (!k) return;
    const list = byLabel.get(k) ?? [];
    if (!list.includes(h)) list.push(h);
    byLabel.set(k, list);
  };
  for (const h of hostRows) {
    add(h.name, h);
    for (const a of h.addresses) add(a, h);
    for (const d of h.domains) add(d, h);
  }
  return { byId, byCode, byLabel };
}

type Ledger = Awaited<ReturnType<typeof managedLedger>>;

interface Resolved {
  row: ParsedFinding;
  system: SystemRow;
  hostId: string | null;
  hostLabel: string;
}

interface Unassigned {
  where: string;
  systemCode?: string;
  host: string;
  title: string;
  reason: 'unknown_system' | 'unknown_host' | 'ambiguous_host';
}

function resolveRows(rows: ParsedFinding[], ledger: Ledger, extraLookup?: (r: ParsedFinding) => string[]) {
  const resolved: Resolved[] = [];
  const unassigned: Unassigned[] = [];
  for (const row of rows) {
    const label = row.port ? `${row.host}:${row.port}` : row.host;
    const base = {
      where: row.where,
      host: row.host,
      title: row.title,
      ...(row.systemCode ? { systemCode: row.systemCode } : {}),
    };
    if (row.systemCode !== undefined) {
      const system = ledger.byCode.get(row.systemCode.toLowerCase());
      if (!system) {
        unassigned.push({ ...base, reason: 'unknown_system' });
        continue;
      }
      if (!row.host) {
        resolved.push({ row, system, hostId: null, hostLabel: '' });
        continue;
      }
      const host = (ledger.byLabel.get(row.host.toLowerCase()) ?? []).filter((h) => h.systemId === system.id);
      if (host.length !== 1) {
        unassigned.push({ ...base, reason: host.length === 0 ? 'unknown_host' : 'ambiguous_host' });
        continue;
      }
      resolved.push({ row, system, hostId: host[0]!.id, hostLabel: label });
      continue;
    }
    const labels = [row.host, ...(extraLookup?.(row) ?? [])];
    let hosts: Host[] = [];
    for (const l of labels) {
      hosts = ledger.byLabel.get(l.toLowerCase()) ?? [];
      if (hosts.length) break;
    }
    if (hosts.length !== 1) {
      unassigned.push({ ...base, reason: hosts.length === 0 ? 'unknown_host' : 'ambiguous_host' });
      continue;
    }
    resolved.push({
      row,
      system: ledger.byId.get(hosts[0]!.systemId)!,
      hostId: hosts[0]!.id,
      hostLabel: label,
    });
  }
  return { resolved, unassigned };
}

const UNASSIGNED_REASON = {
  unknown_system: {
    ja: '台帳にない（または管理権限のない）システムです。',
    en: 'system not in the ledger (or not yours to manage)',
  },
  unknown_host: { ja: '台帳のホストに一致しません。', en: 'host matches no host of the ledger' },
  ambiguous_host: { ja: '台帳の複数のホストに一致します。', en: 'host matches more than one ledger host' },
};

export interface PlanItem {
  action: 'new' | 'present' | 'reopened' | 'absent';
  findingId: string | null;
  systemId: string;
  systemCode: string;
  hostLabel: string;
  title: string;
  band: FindingBand;
  where: string | null;
}

export interface ImportResult {
  dryRun: boolean;
  importId: string | null;
  source: FindingSource;
  counts: {
    new: number;
    present: number;
    reopened: number;
    absent: number;
    unassigned: number;
    skipped: number;
  };
  items: PlanItem[];
  unassigned: Unassigned[];
}

/**
 * Plans (and unless dryRun, applies) one import in one transaction. `scopes` are the match-key
 * prefixes this import re-tests: an outstanding finding under one of them that the file no longer
 * has is "not found in re-test".
 */
async function planAndApply(
  tx: Db,
  ctx: ActorCtx,
  opts: {
    source: FindingSource;
    fileName: string;
    dryRun: boolean;
    resolved: Resolved[];
    unassigned: Unassigned[];
    skipped: number;
    scopes: string[];
    defaultFoundOn: string;
    probeRunId?: string;
  },
): Promise<ImportResult> {
  const policy = await findingPolicy(tx, ctx.actor.tenantId);
  const today = todayInJapan();
  // One row per key (testssl repeats ids per address; a CSV may list a finding twice).
  const byKey = new Map<string, Resolved>();
  for (const r of opts.resolved) {
    const key = matchKey(r.system.id, r.hostId, opts.source, r.row.key);
    if (!byKey.has(key)) byKey.set(key, r);
  }
  const keys = [...byKey.keys()];
  const existing = keys.length
    ? await tx
        .select()
        .from(systemFindings)
        .where(and(eq(systemFindings.tenantId, ctx.actor.tenantId), inArray(systemFindings.matchKey, keys)))
        .for('update')
    : [];
  const existingByKey = new Map(existing.map((f) => [f.matchKey, f]));
  const scopeConds = [...new Set(opts.scopes)].map(
    (p) => sql`${systemFindings.matchKey} like ${`${escapeLike(p)}%`}`,
  );
  const absent = scopeConds.length
    ? (
        await tx
          .select()
          .from(systemFindings)
          .where(
            and(
              eq(systemFindings.tenantId, ctx.actor.tenantId),
              eq(systemFindings.source, opts.source),
              inArray(systemFindings.status, ['open', 'fixed']),
              sql`(${sql.join(scopeConds, sql` or `)})`,
            ),
          )
          .for('update')
      ).filter((f) => !byKey.has(f.matchKey))
    : [];

  const items: PlanItem[] = [];
  const codeOf = new Map<string, string>();
  for (const r of opts.resolved) codeOf.set(r.system.id, r.system.code);
  for (const [key, r] of byKey) {
    const f = existingByKey.get(key);
    const action = !f ? 'new' : f.status === 'closed' ? 'reopened' : 'present';
    items.push({
      action,
      findingId: f?.id ?? null,
      systemId: r.system.id,
      systemCode: r.system.code,
      hostLabel: r.hostLabel,
      title: r.row.title,
      band: r.row.band,
      where: r.row.where,
    });
  }
  for (const f of absent) {
    items.push({
      action: 'absent',
      findingId: f.id,
      systemId: f.systemId,
      systemCode: codeOf.get(f.systemId) ?? '',
      hostLabel: f.hostLabel,
      title: f.title,
      band: f.band,
      where: null,
    });
  }
  const counts = {
    new: items.filter((i) => i.action === 'new').length,
    present: items.filter((i) => i.action === 'present').length,
    reopened: items.filter((i) => i.action === 'reopened').length,
    absent: absent.length,
    unassigned: opts.unassigned.length,
    skipped: opts.skipped,
  };
  const result: ImportResult = {
    dryRun: opts.dryRun,
    importId: null,
    source: opts.source,
    counts,
    items,
    unassigned: opts.unassigned,
  };
  if (opts.dryRun) return result;

  const [imp] = await tx
    .insert(systemFindingImports)
    .values({
      tenantId: ctx.actor.tenantId,
      source: opts.source,
      fileName: opts.fileName,
      probeRunId: opts.probeRunId ?? null,
      summary: { ...counts, unassigned: opts.unassigned },
      importedBy: ctx.actor.accountId,
    })
    .returning({ id: systemFindingImports.id });
  const importId = imp!.id;
  const events: (typeof systemFindingEvents.$inferInsert)[] = [];
  const ev = (findingId: string, action: string, from: string | null, to: string | null, note = '') =>
    events.push({
      tenantId: ctx.actor.tenantId,
      findingId,
      actorId: ctx.actor.accountId,
      action,
      fromStatus: from,
      toStatus: to,
      note,
      importId,
    });

  for (const f of absent) {
    await tx
      .update(systemFindings)
      .set({
        retest: 'absent',
        retestedOn: today,
        lastImportId: importId,
        updatedAt: new Date(),
        version: sql`${systemFindings.version} + 1`,
      })
      .where(eq(systemFindings.id, f.id));
    ev(f.id, 'retest_absent', f.status, f.status);
  }
  for (const [key, r] of byKey) {
    const f = existingByKey.get(key);
    const foundOn = r.row.foundOn ?? opts.defaultFoundOn;
    const fields = {
      title: r.row.title,
      band: r.row.band,
      cvssScore: r.row.cvssScore,
      cvssVector: r.row.cvssVector,
      description: r.row.description,
      recommendation: r.row.recommendation,
      evidence: r.row.evidence,
      hostLabel: r.hostLabel,
      lastImportId: importId,
      updatedAt: new Date(),
    };
    if (!f) {
      const [created] = await tx
        .insert(systemFindings)
        .values({
          tenantId: ctx.actor.tenantId,
          systemId: r.system.id,
          hostId: r.hostId,
          source: opts.source,
          matchKey: key,
          ...fields,
          foundOn,
          targetDate: targetDate(foundOn, r.row.band, policy),
          ownerId: r.system.securityOfficerId,
        })
        .returning({ id: systemFindings.id });
      ev(created!.id, 'created', null, 'open');
      continue;
    }
    if (f.status === 'closed') {
      // Found again after a verified closure: a new finding on the same key, with a new target date.
      await tx
        .update(systemFindings)
        .set({
          ...fields,
          status: 'open',
          foundOn,
          targetDate: targetDate(foundOn, r.row.band, policy),
          ownerId: r.system.securityOfficerId,
          retest: 'present',
          retestedOn: today,
          fixedOn: null,
          closedOn: null,
          version: sql`${systemFindings.version} + 1`,
        })
        .where(eq(systemFindings.id, f.id));
      ev(f.id, 'reopened_by_retest', 'closed', 'open');
      continue;
    }
    // Still present: an open finding stays open; one reported fixed goes back to open.
    const status: FindingStatus = f.status === 'fixed' ? 'open' : f.status;
    await tx
      .update(systemFindings)
      .set({
        ...fields,
        status,
        retest: 'present',
        retestedOn: today,
        ...(f.status === 'fixed' ? { fixedOn: null } : {}),
        version: sql`${systemFindings.version} + 1`,
      })
      .where(eq(systemFindings.id, f.id));
    ev(f.id, 'retest_present', f.status, status);
  }
  if (events.length) await tx.insert(systemFindingEvents).values(events);
  await recordAudit(tx, ctx, {
    action: 'finding.import',
    tenantId: ctx.actor.tenantId,
    targetId: importId,
    after: { source: opts.source, fileName: opts.fileName, ...counts },
  });
  return { ...result, importId };
}

function refuseUnassigned(fileName: string, unassigned: Unassigned[]): AppError {
  return fileProblem(
    fileName,
    unassigned.map((u) => ({
      path: u.where,
      ...(u.where.startsWith('line ') ? { line: Number(u.where.slice(5)) } : {}),
      message: {
        ja: `${u.systemCode ? `${u.systemCode} ` : ''}${u.host}: ${UNASSIGNED_REASON[u.reason].ja}`,
        en: `${u.systemCode ? `${u.systemCode} ` : ''}${u.host}: ${UNASSIGNED_REASON[u.reason].en}`,
      },
    })),
  );
}

export async function importFindings(ctx: ActorCtx, input: ImportInput): Promise<ImportResult> {
  authorize(ctx.actor, 'system.manage');
  let parsed: { rows: ParsedFinding[]; issues: ParseIssue[]; skipped?: number };
  if (input.format === 'csv') parsed = parseFindingsCsv(input.content);
  else if (input.format === 'testssl') parsed = parseTestssl(input.content);
  else parsed = parseZap(input.content);
  if (parsed.issues.length) throw fileProblem(input.fileName, parsed.issues);
  const defaultFoundOn = input.foundOn ?? todayInJapan();
  const source: FindingSource = input.format;

  return ctx.db.transaction(async (tx) => {
    const ledger = await managedLedger(tx, ctx);
    const { resolved, unassigned } = resolveRows(parsed.rows, ledger, (r) =>
      typeof r.evidence.address === 'string' ? [r.evidence.address] : [],
    );
    if (unassigned.length && input.unmatched === 'refuse') throw refuseUnassigned(input.fileName, unassigned);
    // What this file re-tests: for CSV the systems it names, for scanners the hosts it reached.
    const scopes =
      source === 'csv'
        ? resolved.map((r) => `${r.system.id}|`)
        : resolved.map((r) => `${r.system.id}|${r.hostId ?? '-'}|${source}|`);
    return planAndApply(tx, ctx, {
      source,
      fileName: input.fileName,
      dryRun: input.dryRun,
      resolved,
      unassigned,
      skipped: parsed.skipped ?? 0,
      scopes,
      defaultFoundOn,
    });
  });
}

/** The bad verdicts of one probe run, as findings on its host (an explicit action of a manager). */
export async function importProbeRun(
  ctx: ActorCtx,
  runId: string,
  opts: { dryRun: boolean },
): Promise<ImportResult> {
  authorize(ctx.actor, 'system.manage');
  return ctx.db.transaction(async (tx) => {
    const [run] = await tx
      .select({ run: systemProbeRuns, unitPath: orgUnits.path, system: systems, host: systemHosts })
      .from(systemProbeRuns)
      .innerJoin(systems, eq(systems.id, systemProbeRuns.systemId))
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .innerJoin(systemHosts, eq(systemHosts.id, systemProbeRuns.hostId))
      .where(and(eq(systemProbeRuns.id, runId), eq(systemProbeRuns.tenantId, ctx.actor.tenantId)));
    if (!run) throw new AppError('not_found');
    authorize(
      ctx.actor,
      'system.manage',
      { tenantId: run.system.tenantId, unitPath: run.unitPath },
      { hide: true },
    );
    if (!run.run.result || !run.run.finishedAt) {
      throw new AppError('invalid_state', {
        detail: {
          ja: 'この検査は結果がありません（失敗または実行中）。',
          en: 'This probe run has no result (failed or running).',
        },
      });
    }
    let verdicts: Verdict[];
    if (run.run.kind === 'tls') verdicts = tlsVerdicts(run.run.result as TlsProbeResult);
    else if (run.run.kind === 'http') verdicts = httpVerdicts(run.run.result as HttpProbeResult);
    else verdicts = mailVerdicts(run.run.result as MailProbeResult);
    const system: SystemRow = {
      id: run.system.id,
      code: run.system.code,
      name: run.system.name,
      unitPath: run.unitPath,
      securityOfficerId: run.system.securityOfficerId,
    };
    const foundOn = todayInJapan(run.run.finishedAt);
    const resolved: Resolved[] = verdicts.map((v) => ({
      system,
      hostId: run.host.id,
      hostLabel: run.run.target,
      row: {
        where: v.code,
        host: run.run.target,
        key: v.code,
        title: v.title.ja,
        band: v.band,
        cvssScore: null,
        cvssVector: null,
        description: v.title.en,
        recommendation: v.recommendation,
        evidence: { probeRunId: run.run.id, verdict: v.code, target: run.run.target },
        foundOn,
      },
    }));
    return planAndApply(tx, ctx, {
      source: 'probe',
      fileName: `probe:${run.run.kind}:${run.run.target}`,
      dryRun: opts.dryRun,
      resolved,
      unassigned: [],
      skipped: 0,
      scopes: [`${system.id}|${run.host.id}|probe|${run.run.kind}.`],
      defaultFoundOn: foundOn,
      probeRunId: run.run.id,
    });
  });
}

// --- Reading ---------------------------------------------------------------------------------------

/** Findings the actor may read: system.view over the system's unit, or they answer for the system. */
export function visible(ctx: ActorCtx): SQL {
  const me = ctx.actor.personId;
  return sql`(${inScope(ctx.actor, 'system.view', orgUnits.path)} or ${systems.securityOfficerId} = ${me} or ${systems.administratorId} = ${me})`;
}

const findingColumns = {
  id: systemFindings.id,
  systemId: systemFindings.systemId,
  systemCode: systems.code,
  systemName: systems.name,
  unitId: systems.unitId,
  unitName: orgUnits.nameJa,
  hostId: systemFindings.hostId,
  hostLabel: systemFindings.hostLabel,
  source: systemFindings.source,
  title: systemFindings.title,
  band: systemFindings.band,
  cvssScore: systemFindings.cvssScore,
  cvssVector: systemFindings.cvssVector,
  foundOn: systemFindings.foundOn,
  targetDate: systemFindings.targetDate,
  ownerId: systemFindings.ownerId,
  ownerName: people.name,
  status: systemFindings.status,
  retest: systemFindings.retest,
  retestedOn: systemFindings.retestedOn,
  version: systemFindings.version,
};

function present<T extends { status: FindingStatus; targetDate: string; foundOn: string }>(
  r: T,
  today: string,
) {
  return { ...r, overdue: isOverdue(r, today), ageBucket: ageBucket(r.foundOn, today) };
}

export interface FindingQuery {
  status?: FindingStatus | 'outstanding' | undefined;
  band?: FindingBand | undefined;
  source?: FindingSource | undefined;
  systemId?: string | undefined;
  unitId?: string | undefined;
  overdue?: boolean | undefined;
  q?: string | undefined;
  page: number;
  pageSize: number;
}

async function unitPathOf(ctx: ActorCtx, unitId: string): Promise<string | null> {
  const [u] = await ctx.db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
  return u?.path ?? null;
}

export async function listFindings(ctx: ActorCtx, q: FindingQuery) {
  const today = todayInJapan();
  const conds: SQL[] = [eq(systemFindings.tenantId, ctx.actor.tenantId), visible(ctx)];
  if (q.status === 'outstanding') conds.push(inArray(systemFindings.status, ['open', 'fixed']));
  else if (q.status) conds.push(eq(systemFindings.status, q.status));
  if (q.band) conds.push(eq(systemFindings.band, q.band));
  if (q.source) conds.push(eq(systemFindings.source, q.source));
  if (q.systemId) conds.push(eq(systemFindings.systemId, q.systemId));
  if (q.unitId) {
    const path = await unitPathOf(ctx, q.unitId);
    conds.push(path === null ? sql`false` : withinSubtree(orgUnits.path, path));
  }
  if (q.overdue)
    conds.push(inArray(systemFindings.status, ['open', 'fixed']), lt(systemFindings.targetDate, today));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(
      or(
        ilike(systemFindings.title, like),
        ilike(systems.code, like),
        ilike(systems.name, like),
        ilike(systemFindings.hostLabel, like),
      )!,
    );
  }
  const where = and(...conds);
  const base = ctx.db
    .select(findingColumns)
    .from(systemFindings)
    .innerJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .leftJoin(people, eq(people.id, systemFindings.ownerId))
    .where(where);
  const [rows, [total]] = await Promise.all([
    base
      .orderBy(asc(systemFindings.targetDate), desc(systemFindings.cvssScore), asc(systemFindings.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: count() })
      .from(systemFindings)
      .innerJoin(systems, eq(systems.id, systemFindings.systemId))
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .where(where),
  ]);
  return {
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => present(r, today)),
  };
}

async function loadFinding(ctx: ActorCtx, id: string, tx: Db = ctx.db, lock = false) {
  const query = tx
    .select({ f: systemFindings, unitPath: orgUnits.path, system: systems })
    .from(systemFindings)
    .innerJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(eq(systemFindings.id, id), eq(systemFindings.tenantId, ctx.actor.tenantId)));
  const [row] = lock ? await query.for('update', { of: systemFindings }) : await query;
  if (!row) throw new AppError('not_found');
  const located = { tenantId: row.system.tenantId, unitPath: row.unitPath };
  const responsible =
    ctx.actor.personId === row.system.securityOfficerId || ctx.actor.personId === row.system.administratorId;
  if (!responsible && !can(ctx.actor, 'system.view', located)) throw new AppError('not_found');
  return { ...row, located, responsible };
}

export async function getFinding(ctx: ActorCtx, id: string) {
  const { f } = await loadFinding(ctx, id);
  const today = todayInJapan();
  const [row] = await ctx.db
    .select(findingColumns)
    .from(systemFindings)
    .innerJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .leftJoin(people, eq(people.id, systemFindings.ownerId))
    .where(eq(systemFindings.id, f.id));
  const history = await ctx.db
    .select({
      at: systemFindingEvents.at,
      action: systemFindingEvents.action,
      fromStatus: systemFindingEvents.fromStatus,
      toStatus: systemFindingEvents.toStatus,
      note: systemFindingEvents.note,
      importId: systemFindingEvents.importId,
      actorName: people.name,
    })
    .from(systemFindingEvents)
    .leftJoin(sql`accounts`, sql`accounts.id = ${systemFindingEvents.actorId}`)
    .leftJoin(people, sql`${people.id} = accounts.person_id`)
    .where(eq(systemFindingEvents.findingId, f.id))
    .orderBy(asc(systemFindingEvents.at), asc(systemFindingEvents.id));
  return {
    ...present(row!, today),
    description: f.description,
    recommendation: f.recommendation,
    evidence: f.evidence,
    acceptedReason: f.acceptedReason,
    fixedOn: f.fixedOn,
    closedOn: f.closedOn,
    history: history.map((h) => ({ ...h, at: h.at.toISOString() })),
  };
}

/** Outstanding findings by division (the system's owning unit) and age, with overdue and high counts. */
export async function findingSummary(ctx: ActorCtx) {
  const today = todayInJapan();
  const rows = await ctx.db
    .select({
      unitId: systems.unitId,
      unitName: orgUnits.nameJa,
      foundOn: systemFindings.foundOn,
      targetDate: systemFindings.targetDate,
      status: systemFindings.status,
      band: systemFindings.band,
    })
    .from(systemFindings)
    .innerJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(
      and(
        eq(systemFindings.tenantId, ctx.actor.tenantId),
        visible(ctx),
        inArray(systemFindings.status, ['open', 'fixed']),
      ),
    );
  const byUnit = new Map<
    string,
    {
      unitId: string;
      unitName: string;
      total: number;
      overdue: number;
      high: number;
      ages: Record<AgeBucket, number>;
    }
  >();
  for (const r of rows) {
    let u = byUnit.get(r.unitId);
    if (!u) {
      u = {
        unitId: r.unitId,
        unitName: r.unitName,
        total: 0,
        overdue: 0,
        high: 0,
        ages: Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>,
      };
      byUnit.set(r.unitId, u);
    }
    u.total++;
    u.ages[ageBucket(r.foundOn, today)]++;
    if (isOverdue(r, today)) u.overdue++;
    if (r.band === 'high') u.high++;
  }
  const units = [...byUnit.values()].sort(
    (a, b) => b.total - a.total || a.unitName.localeCompare(b.unitName),
  );
  return {
    today,
    total: rows.length,
    overdue: units.reduce((n, u) => n + u.overdue, 0),
    units,
  };
}

/** The dashboard card: outstanding CVSS ≥ 7.0 (high band) findings in the actor's scope, and overdue ones. */
export async function criticalFindings(ctx: ActorCtx) {
  const today = todayInJapan();
  const where = and(
    eq(systemFindings.tenantId, ctx.actor.tenantId),
    visible(ctx),
    inArray(systemFindings.status, ['open', 'fixed']),
    eq(systemFindings.band, 'high'),
  );
  const [row] = await ctx.db
    .select({
      open: count(),
      overdue: sql<number>`count(*) filter (where ${systemFindings.targetDate} < ${today})`.mapWith(Number),
    })
    .from(systemFindings)
    .innerJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(where);
  return { open: row?.open ?? 0, overdue: row?.overdue ?? 0 };
}

// --- Changes ---------------------------------------------------------------------------------------

export interface TransitionInput {
  note: string;
  /** verify: the verifier's own re-test (date), when no later import re-tested the finding. */
  retestedOn?: string | undefined;
  /** verify: close (not found any more) or reopen (still there). */
  outcome?: 'closed' | 'reopened' | undefined;
  version?: number | undefined;
}

const ACTION_AUDIT = {
  fix: 'finding.fix',
  verify: 'finding.verify',
  reopen: 'finding.reopen',
  accept: 'finding.accept',
} as const;

export async function transitionFinding(
  ctx: ActorCtx,
  id: string,
  action: FindingAction,
  input: TransitionInput,
) {
  return ctx.db.transaction(async (tx) => {
    const { f, located, responsible } = await loadFinding(ctx, id, tx, true);
    // The owner answers (fixed); verification, reopening and accepting the risk are the manager's.
    if (action === 'fix') {
      if (!responsible && !can(ctx.actor, 'system.manage', located)) throw new AppError('forbidden');
    } else {
      authorize(ctx.actor, 'system.manage', located);
    }
    if (input.version !== undefined && input.version !== f.version) throw new AppError('conflict');
    const today = todayInJapan();
    let to: FindingStatus;
    let set: Partial<typeof systemFindings.$inferInsert> = {};
    if (action === 'verify' && input.outcome === 'reopened') {
      if (f.status !== 'fixed') throw invalid(f.status);
      to = 'open';
      set = { fixedOn: null, retest: 'present', retestedOn: input.retestedOn ?? today };
    } else {
      if (!canTransition(action, f, { manualRetest: !!input.retestedOn })) throw invalid(f.status, action);
      switch (action) {
        case 'fix':
          to = 'fixed';
          set = { fixedOn: today };
          break;
        case 'verify':
          to = 'closed';
          set = {
            closedOn: today,
            ...(input.retestedOn ? { retest: 'absent', retestedOn: input.retestedOn } : {}),
          };
          break;
        case 'reopen':
          to = 'open';
          set = { fixedOn: null, closedOn: null, acceptedReason: null };
          break;
        case 'accept':
          to = 'accepted';
          set = { acceptedReason: input.note };
          break;
      }
    }
    await tx
      .update(systemFindings)
      .set({ ...set, status: to, updatedAt: new Date(), version: sql`${systemFindings.version} + 1` })
      .where(eq(systemFindings.id, f.id));
    const eventAction =
      action === 'verify' && to === 'open'
        ? 'verify_failed'
        : action === 'verify'
          ? 'verified'
          : action === 'fix'
            ? 'fixed'
            : action === 'accept'
              ? 'accepted'
              : 'reopened';
    await tx.insert(systemFindingEvents).values({
      tenantId: ctx.actor.tenantId,
      findingId: f.id,
      actorId: ctx.actor.accountId,
      action: eventAction,
      fromStatus: f.status,
      toStatus: to,
      note: input.note,
    });
    await recordAudit(tx, ctx, {
      action: ACTION_AUDIT[action],
      tenantId: ctx.actor.tenantId,
      targetId: f.id,
      before: { status: f.status },
      after: { status: to, note: input.note, ...(input.retestedOn ? { retestedOn: input.retestedOn } : {}) },
    });
    return { id: f.id, status: to };
  });
}

function invalid(status: FindingStatus, action?: FindingAction) {
  const needsRetest = action === 'verify';
  return new AppError('invalid_state', {
    detail: needsRetest
      ? {
          ja: `再検査で検出されなかったこと（または再検査日）を確認してから完了にしてください（現在: ${status}）。`,
          en: `A finding is closed only after a re-test no longer finds it, or with the date of your re-test (now: ${status}).`,
        }
      : {
          ja: `現在の状態（${status}）ではこの操作はできません。`,
          en: `Not possible in the current status (${status}).`,
        },
  });
}

/** A finding entered by hand (a manager), e.g. from a diagnosis report only available as PDF. */
export async function createFinding(
  ctx: ActorCtx,
  input: {
    systemId: string;
    hostId?: string | null | undefined;
    title: string;
    band: FindingBand;
    cvssScore?: number | null | undefined;
    cvssVector?: string | null | undefined;
    description: string;
    recommendation: string;
    foundOn?: string | undefined;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const [s] = await tx
      .select({ system: systems, unitPath: orgUnits.path })
      .from(systems)
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .where(and(eq(systems.id, input.systemId), eq(systems.tenantId, ctx.actor.tenantId)));
    if (!s) throw new AppError('not_found');
    const located = { tenantId: s.system.tenantId, unitPath: s.unitPath };
    authorize(ctx.actor, 'system.view', located, { hide: true });
    authorize(ctx.actor, 'system.manage', located);
    let hostLabel = '';
    if (input.hostId) {
      const [h] = await tx
        .select({ name: systemHosts.name })
        .from(systemHosts)
        .where(and(eq(systemHosts.id, input.hostId), eq(systemHosts.systemId, s.system.id)));
      if (!h)
        throw new AppError('validation_failed', {
          errors: [
            {
              path: 'body.hostId',
              message: { ja: 'このシステムのホストではありません。', en: 'not a host of this system' },
            },
          ],
        });
      hostLabel = h.name;
    }
    const policy = await findingPolicy(tx, ctx.actor.tenantId);
    const foundOn = input.foundOn ?? todayInJapan();
    const key = matchKey(s.system.id, input.hostId ?? null, 'manual', input.title);
    const [dup] = await tx
      .select({ id: systemFindings.id })
      .from(systemFindings)
      .where(and(eq(systemFindings.tenantId, ctx.actor.tenantId), eq(systemFindings.matchKey, key)));
    if (dup) throw new AppError('conflict', { extra: { findingId: dup.id } });
    const [created] = await tx
      .insert(systemFindings)
      .values({
        tenantId: ctx.actor.tenantId,
        systemId: s.system.id,
        hostId: input.hostId ?? null,
        hostLabel,
        source: 'manual',
        matchKey: key,
        title: input.title,
        band: input.band,
        cvssScore: input.cvssScore ?? null,
        cvssVector: input.cvssVector ?? null,
        description: input.description,
        recommendation: input.recommendation,
        foundOn,
        targetDate: targetDate(foundOn, input.band, policy),
        ownerId: s.system.securityOfficerId,
      })
      .returning({ id: systemFindings.id });
    await tx.insert(systemFindingEvents).values({
      tenantId: ctx.actor.tenantId,
      findingId: created!.id,
      actorId: ctx.actor.accountId,
      action: 'created',
      toStatus: 'open',
    });
    await recordAudit(tx, ctx, {
      action: 'finding.create',
      tenantId: ctx.actor.tenantId,
      targetId: created!.id,
      after: { title: input.title, band: input.band },
    });
    return { id: created!.id };
  });
}
