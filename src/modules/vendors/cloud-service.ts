// The register of allowed terms-of-service cloud services (001 L11001-11080): conditions, the highest
// level allowed (never 要機密情報), the responsible person named by the 情報セキュリティ責任者, and
// periodic re-confirmation.
import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import {
  canManage,
  canRead,
  isSecurityOfficerOver,
  manageableUnit,
  personNames,
  readScope,
  ref,
  securityOfficerPaths,
  tenantPeople,
  type UnitRow,
  unitOf,
  unitsOf,
} from './access.js';
import { nextReconfirmDue, RECONFIRM_SOON_DAYS, reconfirmStatus } from './rules.js';
import { cloudServices as c } from './schema.js';
import type { CloudBody, CloudOut, CloudPatch, ListQuery } from './validation.js';

type Row = typeof c.$inferSelect;
const unitPath = sql`(select ou.path from org_units ou where ou.id = ${c.unitId})`;

/** Readers in scope, or the service's responsible person. */
function visible(ctx: ActorCtx): SQL {
  return sql`(${c.tenantId} = ${ctx.actor.tenantId} and (${readScope(ctx.actor, unitPath)}
    or ${c.responsiblePersonId} = ${ctx.actor.personId}))`;
}

async function load(ctx: ActorCtx, id: string): Promise<{ row: Row; unit: UnitRow }> {
  const [row] = await ctx.db
    .select()
    .from(c)
    .where(and(eq(c.id, id), visible(ctx)));
  if (!row) throw new AppError('not_found');
  return { row, unit: await unitOf(ctx, row.unitId) };
}

async function present(ctx: ActorCtx, rows: Row[]): Promise<CloudOut[]> {
  const names = await personNames(
    ctx,
    rows.flatMap((r) => [r.responsiblePersonId, r.namedByPersonId, r.lastConfirmedBy]),
  );
  const today = todayInJapan();
  const units = await unitsOf(
    ctx,
    rows.map((r) => r.unitId),
  );
  const officerPaths = await securityOfficerPaths(ctx);
  const out: CloudOut[] = [];
  for (const r of rows) {
    const unit = units.get(r.unitId)!;
    const manage = canManage(ctx.actor, unit);
    out.push({
      id: r.id,
      unit: { id: unit.id, name: unit.name },
      name: r.name,
      provider: r.provider,
      url: r.url,
      allowedUses: r.allowedUses,
      conditions: r.conditions,
      maxConfidentiality: r.maxConfidentiality,
      responsible: ref(names, r.responsiblePersonId),
      namedBy: ref(names, r.namedByPersonId),
      namedAt: r.namedAt?.toISOString() ?? null,
      validFrom: r.validFrom,
      validTo: r.validTo,
      reconfirmDue: r.reconfirmDue,
      reconfirmStatus: r.status === 'retired' ? 'none' : reconfirmStatus(r.reconfirmDue, today),
      lastConfirmedAt: r.lastConfirmedAt?.toISOString() ?? null,
      lastConfirmedBy: ref(names, r.lastConfirmedBy),
      status: r.status,
      can: {
        edit: manage,
        name: manage || officerPaths.some((p) => unit.path.startsWith(p)),
        confirm: manage || r.responsiblePersonId === ctx.actor.personId,
      },
    });
  }
  return out;
}

export async function listCloud(ctx: ActorCtx, q: ListQuery) {
  const parts: SQL[] = [visible(ctx)];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(or(ilike(c.name, like), ilike(c.provider, like))!);
  }
  if (q.status) parts.push(eq(c.status, q.status));
  const today = todayInJapan();
  if (q.filter === 'due')
    parts.push(sql`${c.status} = 'active' and ${c.reconfirmDue} <= ${addDays(today, RECONFIRM_SOON_DAYS)}`);
  if (q.filter === 'overdue') parts.push(sql`${c.status} = 'active' and ${c.reconfirmDue} < ${today}`);
  const where = and(...parts);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(c).where(where);
  const rows = await ctx.db
    .select()
    .from(c)
    .where(where)
    .orderBy(asc(c.name), asc(c.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, items: await present(ctx, rows) };
}

export async function getCloud(ctx: ActorCtx, id: string): Promise<CloudOut> {
  return (await present(ctx, [(await load(ctx, id)).row]))[0]!;
}

export async function createCloud(ctx: ActorCtx, body: CloudBody): Promise<CloudOut> {
  const unit = await manageableUnit(ctx, body.unitId);
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(c)
      .values({
        ...body,
        tenantId: unit.tenantId,
        reconfirmDue: body.reconfirmDue ?? nextReconfirmDue(todayInJapan()),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.cloud_create',
      tenantId: unit.tenantId,
      targetId: row!.id,
      after: body,
    });
    return row!;
  });
  return (await present(ctx, [row]))[0]!;
}

export async function updateCloud(ctx: ActorCtx, id: string, patch: CloudPatch): Promise<CloudOut> {
  const { row, unit } = await load(ctx, id);
  if (!canManage(ctx.actor, unit)) throw new AppError(canRead(ctx.actor, unit) ? 'forbidden' : 'not_found');
  if (patch.unitId && patch.unitId !== row.unitId) await manageableUnit(ctx, patch.unitId);
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(c)
      .set({ ...patch, updatedAt: new Date() })
      .where(eq(c.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.cloud_update',
      tenantId: row.tenantId,
      targetId: id,
      before: pick(row, patch),
      after: patch,
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}

/** Name the person responsible for the service: the 情報セキュリティ責任者's act (001 L11001-11080). */
export async function nameResponsible(ctx: ActorCtx, id: string, personId: string): Promise<CloudOut> {
  const { row, unit } = await load(ctx, id);
  const allowed = canManage(ctx.actor, unit) || (await isSecurityOfficerOver(ctx, unit));
  if (!allowed)
    throw new AppError(
      canRead(ctx.actor, unit) || row.responsiblePersonId === ctx.actor.personId ? 'forbidden' : 'not_found',
    );
  await tenantPeople(ctx, [personId], 'body.personId');
  const now = new Date();
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(c)
      .set({
        responsiblePersonId: personId,
        namedByPersonId: ctx.actor.personId,
        namedAt: now,
        updatedAt: now,
      })
      .where(eq(c.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.cloud_name_responsible',
      tenantId: row.tenantId,
      targetId: id,
      before: { responsiblePersonId: row.responsiblePersonId },
      after: { responsiblePersonId: personId },
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}

/** Re-confirm the service's use and conditions: vendor.manage, or its responsible person. */
export async function confirmCloud(ctx: ActorCtx, id: string): Promise<CloudOut> {
  const { row, unit } = await load(ctx, id);
  if (!(canManage(ctx.actor, unit) || row.responsiblePersonId === ctx.actor.personId))
    throw new AppError('forbidden');
  if (row.status !== 'active') throw new AppError('invalid_state');
  const now = new Date();
  const due = nextReconfirmDue(todayInJapan(now));
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(c)
      .set({ lastConfirmedAt: now, lastConfirmedBy: ctx.actor.personId, reconfirmDue: due, updatedAt: now })
      .where(eq(c.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.cloud_confirm',
      tenantId: row.tenantId,
      targetId: id,
      before: { reconfirmDue: row.reconfirmDue },
      after: { reconfirmDue: due },
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}

/**
 * The agency's allowed services, for anyone of the agency choosing one (a handling request): the list
 * of usable services is the agency-wide rule (統括情報セキュリティ責任者, 001 L11052-11080, 図11).
 */
export async function cloudChoices(ctx: ActorCtx) {
  const rows = await ctx.db
    .select()
    .from(c)
    .where(and(eq(c.tenantId, ctx.actor.tenantId), eq(c.status, 'active')))
    .orderBy(asc(c.name), asc(c.id))
    .limit(500);
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      provider: r.provider,
      allowedUses: r.allowedUses,
      conditions: r.conditions,
      maxConfidentiality: r.maxConfidentiality,
      responsibleNamed: r.responsiblePersonId !== null,
    })),
  };
}

export function pick<T extends object>(row: T, patch: object): Partial<T> {
  return Object.fromEntries(Object.keys(patch).map((k) => [k, row[k as keyof T]])) as Partial<T>;
}
