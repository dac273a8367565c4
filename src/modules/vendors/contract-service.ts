// Outsourcing contracts (000 L1374-1430): contractor, subcontractors, affiliation, staff
// qualifications, ISMS certificate; the checks at contract, during the work and at delivery.
import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { systemResponsibles } from '../systems/public.js';
import {
  canManage,
  manageableUnit,
  personNames,
  readScope,
  ref,
  type UnitRow,
  unitOf,
  unitsOf,
} from './access.js';
import { CHECK_PHASES, type CheckPhase, CONTRACT_CHECKS, SPEC_ITEMS } from './checklists.js';
import { pick } from './cloud-service.js';
import {
  CERT_SOON_DAYS,
  certificateStatus,
  EVIDENCE_MAX_BYTES,
  evidenceTypeAllowed,
  isCheckItem,
  openChecks,
} from './rules.js';
import { vendorCheckFiles as f, vendorContractChecks as k, vendorContracts as v } from './schema.js';
import type {
  CheckBody,
  ContractBody,
  ContractDetailOut,
  ContractOut,
  ContractPatch,
  ListQuery,
} from './validation.js';

type Row = typeof v.$inferSelect;
const unitPath = sql`(select ou.path from org_units ou where ou.id = ${v.unitId})`;
const ITEMS_PER_CONTRACT = CHECK_PHASES.reduce((n, p) => n + CONTRACT_CHECKS[p].length, 0);

/** Contracts are read by vendor.view / vendor.manage holders over the owning unit. */
function visible(ctx: ActorCtx): SQL {
  return sql`(${v.tenantId} = ${ctx.actor.tenantId} and ${readScope(ctx.actor, unitPath)})`;
}

/** Items checked ok or n/a; a contract's open checks are the rest (rules.ts openChecks). */
const closedChecks = sql<number>`(select count(*)::int from vendor_contract_checks ck
  where ck.contract_id = ${v.id} and ck.result in ('ok', 'na'))`;

async function load(ctx: ActorCtx, id: string): Promise<{ row: Row; unit: UnitRow }> {
  const [row] = await ctx.db
    .select()
    .from(v)
    .where(and(eq(v.id, id), visible(ctx)));
  if (!row) throw new AppError('not_found');
  return { row, unit: await unitOf(ctx, row.unitId) };
}

async function loadForEdit(ctx: ActorCtx, id: string) {
  const loaded = await load(ctx, id);
  if (!canManage(ctx.actor, loaded.unit)) throw new AppError('forbidden');
  return loaded;
}

function validateSpecItems(keys: readonly string[]) {
  const bad = keys.filter((x) => !SPEC_ITEMS.some((i) => i.key === x));
  if (bad.length)
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.specItems',
          message: { ja: `仕様項目にありません: ${bad.join(', ')}`, en: `Unknown items: ${bad.join(', ')}` },
        },
      ],
    });
}

async function validateSystems(ctx: ActorCtx, ids: readonly string[]) {
  const found = await systemResponsibles(ctx.db, ctx.actor.tenantId, ids);
  if (found.size !== new Set(ids).size)
    throw new AppError('validation_failed', {
      errors: [
        { path: 'body.systemIds', message: { ja: '情報システムが見つかりません。', en: 'Unknown system.' } },
      ],
    });
}

async function present(ctx: ActorCtx, rows: Row[]): Promise<ContractOut[]> {
  if (rows.length === 0) return [];
  const checks = await ctx.db
    .select({ contractId: k.contractId, phase: k.phase, itemKey: k.itemKey, result: k.result })
    .from(k)
    .where(
      inArray(
        k.contractId,
        rows.map((r) => r.id),
      ),
    );
  const systems = await systemResponsibles(ctx.db, ctx.actor.tenantId, [
    ...new Set(rows.flatMap((r) => r.systemIds)),
  ]);
  const today = todayInJapan();
  const units = await unitsOf(
    ctx,
    rows.map((r) => r.unitId),
  );
  const out: ContractOut[] = [];
  for (const r of rows) {
    const unit = units.get(r.unitId)!;
    out.push({
      id: r.id,
      unit: { id: unit.id, name: unit.name },
      name: r.name,
      contractor: r.contractor,
      contractorLocation: r.contractorLocation,
      subcontractors: r.subcontractors,
      workLocation: r.workLocation,
      affiliation: r.affiliation,
      staffQualifications: r.staffQualifications,
      ismsCertificateNo: r.ismsCertificateNo,
      ismsCertificateExpiry: r.ismsCertificateExpiry,
      certificateStatus: certificateStatus(r.ismsCertificateExpiry, today),
      periodFrom: r.periodFrom,
      periodTo: r.periodTo,
      systems: r.systemIds.flatMap((id) => {
        const s = systems.get(id);
        return s ? [{ id, code: s.code, name: s.name }] : [];
      }),
      specItems: r.specItems,
      openChecks: openChecks(checks.filter((x) => x.contractId === r.id)).length,
      can: { edit: canManage(ctx.actor, unit) },
    });
  }
  return out;
}

export async function listContracts(ctx: ActorCtx, q: ListQuery) {
  const parts: SQL[] = [visible(ctx)];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(or(ilike(v.name, like), ilike(v.contractor, like))!);
  }
  if (q.filter === 'open') parts.push(sql`${closedChecks} < ${ITEMS_PER_CONTRACT}`);
  if (q.filter === 'expiring')
    parts.push(sql`${v.ismsCertificateExpiry} <= ${addDays(todayInJapan(), CERT_SOON_DAYS)}`);
  const where = and(...parts);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(v).where(where);
  const rows = await ctx.db
    .select()
    .from(v)
    .where(where)
    .orderBy(asc(v.name), asc(v.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, items: await present(ctx, rows) };
}

export async function getContract(ctx: ActorCtx, id: string): Promise<ContractDetailOut> {
  const { row } = await load(ctx, id);
  const [base] = await present(ctx, [row]);
  const done = await ctx.db.select().from(k).where(eq(k.contractId, id));
  const files = done.length
    ? await ctx.db
        .select({
          id: f.id,
          checkId: f.checkId,
          filename: f.filename,
          contentType: f.contentType,
          size: f.size,
        })
        .from(f)
        .where(
          inArray(
            f.checkId,
            done.map((d) => d.id),
          ),
        )
    : [];
  const names = await personNames(
    ctx,
    done.map((d) => d.checkedBy),
  );
  const checks = CHECK_PHASES.flatMap((phase) =>
    CONTRACT_CHECKS[phase].map((item) => {
      const d = done.find((x) => x.phase === phase && x.itemKey === item.key);
      return {
        phase,
        itemKey: item.key,
        ja: item.ja,
        en: item.en,
        source: item.source,
        result: d?.result ?? null,
        evidence: d?.evidence ?? '',
        checkedBy: ref(names, d?.checkedBy ?? null),
        checkedAt: d?.checkedAt?.toISOString() ?? null,
        files: files.filter((x) => x.checkId === d?.id).map(({ checkId: _, ...x }) => x),
      };
    }),
  );
  return { ...base!, checks };
}

export async function createContract(ctx: ActorCtx, body: ContractBody): Promise<ContractOut> {
  const unit = await manageableUnit(ctx, body.unitId);
  validateSpecItems(body.specItems ?? []);
  await validateSystems(ctx, body.systemIds ?? []);
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(v)
      .values({ ...body, tenantId: unit.tenantId })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.contract_create',
      tenantId: unit.tenantId,
      targetId: row!.id,
      after: body,
    });
    return row!;
  });
  return (await present(ctx, [row]))[0]!;
}

export async function updateContract(ctx: ActorCtx, id: string, patch: ContractPatch): Promise<ContractOut> {
  const { row } = await loadForEdit(ctx, id);
  if (patch.unitId && patch.unitId !== row.unitId) await manageableUnit(ctx, patch.unitId);
  if (patch.specItems) validateSpecItems(patch.specItems);
  if (patch.systemIds) await validateSystems(ctx, patch.systemIds);
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(v)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(v.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.contract_update',
      tenantId: row.tenantId,
      targetId: id,
      before: pick(row, patch),
      after: patch,
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}

function checkItemOr404(phase: CheckPhase, item: string) {
  if (!isCheckItem(phase, item)) throw new AppError('not_found');
}

/** Record one check item: result, evidence text, who checked and when. */
export async function recordCheck(
  ctx: ActorCtx,
  id: string,
  phase: CheckPhase,
  item: string,
  body: CheckBody,
): Promise<ContractDetailOut> {
  const { row } = await loadForEdit(ctx, id);
  checkItemOr404(phase, item);
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(k)
      .where(and(eq(k.contractId, id), eq(k.phase, phase), eq(k.itemKey, item)));
    const values = {
      result: body.result,
      evidence: body.evidence,
      checkedBy: ctx.actor.personId,
      checkedAt: now,
    };
    await tx
      .insert(k)
      .values({ contractId: id, phase, itemKey: item, ...values })
      .onConflictDoUpdate({ target: [k.contractId, k.phase, k.itemKey], set: values });
    await recordAudit(tx, ctx, {
      action: 'vendor.contract_check',
      tenantId: row.tenantId,
      targetId: id,
      before: before ? { phase, item, result: before.result, evidence: before.evidence } : null,
      after: { phase, item, result: body.result, evidence: body.evidence },
    });
  });
  return getContract(ctx, id);
}

/** Attach an evidence file to a check item (size-limited, content type allow-listed). */
export async function uploadEvidence(
  ctx: ActorCtx,
  id: string,
  phase: CheckPhase,
  item: string,
  file: { bytes: Buffer; contentType: string; filename: string },
): Promise<ContractDetailOut> {
  const { row } = await loadForEdit(ctx, id);
  checkItemOr404(phase, item);
  if (!evidenceTypeAllowed(file.contentType)) throw new AppError('unsupported_media_type');
  if (file.bytes.length === 0 || file.bytes.length > EVIDENCE_MAX_BYTES)
    throw new AppError('payload_too_large');
  await ctx.db.transaction(async (tx) => {
    const [check] = await tx
      .insert(k)
      .values({ contractId: id, phase, itemKey: item })
      .onConflictDoUpdate({ target: [k.contractId, k.phase, k.itemKey], set: { contractId: id } })
      .returning({ id: k.id });
    const [saved] = await tx
      .insert(f)
      .values({
        checkId: check!.id,
        filename: file.filename,
        contentType: file.contentType.split(';')[0]!.trim().toLowerCase(),
        size: file.bytes.length,
        bytes: file.bytes,
        uploadedBy: ctx.actor.personId,
      })
      .returning({ id: f.id });
    await recordAudit(tx, ctx, {
      action: 'vendor.contract_evidence_upload',
      tenantId: row.tenantId,
      targetId: id,
      after: { phase, item, fileId: saved!.id, filename: file.filename, size: file.bytes.length },
    });
  });
  return getContract(ctx, id);
}

/** An evidence file, for readers of the contract. */
export async function evidenceFile(ctx: ActorCtx, id: string, fileId: string) {
  await load(ctx, id);
  const [file] = await ctx.db
    .select({ filename: f.filename, contentType: f.contentType, bytes: f.bytes })
    .from(f)
    .innerJoin(k, eq(k.id, f.checkId))
    .where(and(eq(f.id, fileId), eq(k.contractId, id)));
  if (!file) throw new AppError('not_found');
  return { body: file.bytes, type: file.contentType, filename: file.filename };
}
