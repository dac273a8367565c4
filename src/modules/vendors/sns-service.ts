// Official SNS accounts (001 L14190-14392): 管理担当者, the NISC checklist as a form, re-confirmation.
import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { addDays, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import {
  canManage,
  canRead,
  manageableUnit,
  personNames,
  readScope,
  ref,
  tenantPeople,
  type UnitRow,
  unitOf,
  unitsOf,
} from './access.js';
import { pick } from './cloud-service.js';
import {
  type ChecklistAnswer,
  isSnsItem,
  nextReconfirmDue,
  openSnsItems,
  RECONFIRM_SOON_DAYS,
  reconfirmStatus,
} from './rules.js';
import { snsAccounts as a, snsAccountManagers as m } from './schema.js';
import type { ChecklistBody, ListQuery, SnsBody, SnsOut, SnsPatch } from './validation.js';

type Row = typeof a.$inferSelect;
const unitPath = sql`(select ou.path from org_units ou where ou.id = ${a.unitId})`;

function visible(ctx: ActorCtx): SQL {
  return sql`(${a.tenantId} = ${ctx.actor.tenantId} and (${readScope(ctx.actor, unitPath)}
    or exists (select 1 from sns_account_managers sm where sm.account_id = ${a.id} and sm.person_id = ${ctx.actor.personId})))`;
}

async function load(ctx: ActorCtx, id: string): Promise<{ row: Row; unit: UnitRow; managers: string[] }> {
  const [row] = await ctx.db
    .select()
    .from(a)
    .where(and(eq(a.id, id), visible(ctx)));
  if (!row) throw new AppError('not_found');
  const managers = (await ctx.db.select().from(m).where(eq(m.accountId, id))).map((x) => x.personId);
  return { row, unit: await unitOf(ctx, row.unitId), managers };
}

async function present(ctx: ActorCtx, rows: Row[]): Promise<SnsOut[]> {
  if (rows.length === 0) return [];
  const mgr = await ctx.db
    .select()
    .from(m)
    .where(
      inArray(
        m.accountId,
        rows.map((r) => r.id),
      ),
    );
  const names = await personNames(ctx, [
    ...mgr.map((x) => x.personId),
    ...rows.map((r) => r.lastConfirmedBy),
  ]);
  const today = todayInJapan();
  const units = await unitsOf(
    ctx,
    rows.map((r) => r.unitId),
  );
  const out: SnsOut[] = [];
  for (const r of rows) {
    const unit = units.get(r.unitId)!;
    const managers = mgr.filter((x) => x.accountId === r.id).map((x) => x.personId);
    const manage = canManage(ctx.actor, unit);
    out.push({
      id: r.id,
      unit: { id: unit.id, name: unit.name },
      platform: r.platform,
      accountName: r.accountName,
      url: r.url,
      purpose: r.purpose,
      managers: managers.map((id) => ref(names, id)!),
      checklist: r.checklist,
      openItems: openSnsItems(r.checklist),
      checklistUpdatedAt: r.checklistUpdatedAt?.toISOString() ?? null,
      reconfirmDue: r.reconfirmDue,
      reconfirmStatus: r.status === 'retired' ? 'none' : reconfirmStatus(r.reconfirmDue, today),
      lastConfirmedAt: r.lastConfirmedAt?.toISOString() ?? null,
      lastConfirmedBy: ref(names, r.lastConfirmedBy),
      status: r.status,
      can: { edit: manage, confirm: manage || managers.includes(ctx.actor.personId) },
    });
  }
  return out;
}

export async function listSns(ctx: ActorCtx, q: ListQuery) {
  const parts: SQL[] = [visible(ctx)];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    parts.push(or(ilike(a.accountName, like), ilike(a.platform, like), ilike(a.url, like))!);
  }
  if (q.status) parts.push(eq(a.status, q.status));
  const today = todayInJapan();
  if (q.filter === 'due')
    parts.push(sql`${a.status} = 'active' and ${a.reconfirmDue} <= ${addDays(today, RECONFIRM_SOON_DAYS)}`);
  if (q.filter === 'overdue') parts.push(sql`${a.status} = 'active' and ${a.reconfirmDue} < ${today}`);
  const where = and(...parts);
  const [{ total } = { total: 0 }] = await ctx.db.select({ total: count() }).from(a).where(where);
  const rows = await ctx.db
    .select()
    .from(a)
    .where(where)
    .orderBy(asc(a.reconfirmDue), asc(a.accountName), asc(a.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, items: await present(ctx, rows) };
}

export async function getSns(ctx: ActorCtx, id: string): Promise<SnsOut> {
  return (await present(ctx, [(await load(ctx, id)).row]))[0]!;
}

export async function createSns(ctx: ActorCtx, body: SnsBody): Promise<SnsOut> {
  const unit = await manageableUnit(ctx, body.unitId);
  await tenantPeople(ctx, body.managerIds ?? [], 'body.managerIds');
  const { managerIds = [], ...fields } = body;
  const row = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(a)
      .values({
        ...fields,
        tenantId: unit.tenantId,
        reconfirmDue: body.reconfirmDue ?? nextReconfirmDue(todayInJapan()),
      })
      .returning();
    const ids = [...new Set(managerIds)];
    if (ids.length) await tx.insert(m).values(ids.map((personId) => ({ accountId: row!.id, personId })));
    await recordAudit(tx, ctx, {
      action: 'vendor.sns_create',
      tenantId: unit.tenantId,
      targetId: row!.id,
      after: body,
    });
    return row!;
  });
  return (await present(ctx, [row]))[0]!;
}

export async function updateSns(ctx: ActorCtx, id: string, patch: SnsPatch): Promise<SnsOut> {
  const { row, unit, managers } = await load(ctx, id);
  if (!canManage(ctx.actor, unit))
    throw new AppError(
      canRead(ctx.actor, unit) || managers.includes(ctx.actor.personId) ? 'forbidden' : 'not_found',
    );
  if (patch.unitId && patch.unitId !== row.unitId) await manageableUnit(ctx, patch.unitId);
  if (patch.managerIds) await tenantPeople(ctx, patch.managerIds, 'body.managerIds');
  const { managerIds, ...fields } = patch;
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(a)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(a.id, id))
      .returning();
    if (managerIds) {
      await tx.delete(m).where(eq(m.accountId, id));
      const ids = [...new Set(managerIds)];
      if (ids.length) await tx.insert(m).values(ids.map((personId) => ({ accountId: id, personId })));
    }
    await recordAudit(tx, ctx, {
      action: 'vendor.sns_update',
      tenantId: row.tenantId,
      targetId: id,
      before: { ...pick(row, fields), ...(managerIds ? { managerIds: managers } : {}) },
      after: patch,
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}

function mayConfirm(ctx: ActorCtx, unit: UnitRow, managers: string[]) {
  return canManage(ctx.actor, unit) || managers.includes(ctx.actor.personId);
}

/** Save the checklist answers (merged item by item): vendor.manage or a 管理担当者. */
export async function saveChecklist(ctx: ActorCtx, id: string, body: ChecklistBody): Promise<SnsOut> {
  const { row, unit, managers } = await load(ctx, id);
  if (!mayConfirm(ctx, unit, managers)) throw new AppError('forbidden');
  const unknown = Object.keys(body.answers).filter((k) => !isSnsItem(k));
  if (unknown.length)
    throw new AppError('validation_failed', {
      errors: unknown.map((k) => ({
        path: `body.answers.${k}`,
        message: { ja: 'チェック項目にありません。', en: 'Not a checklist item.' },
      })),
    });
  const checklist: Record<string, ChecklistAnswer> = { ...row.checklist, ...body.answers };
  const now = new Date();
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(a)
      .set({ checklist, checklistUpdatedAt: now, checklistUpdatedBy: ctx.actor.personId, updatedAt: now })
      .where(eq(a.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.sns_checklist',
      tenantId: row.tenantId,
      targetId: id,
      before: pick(row.checklist, body.answers),
      after: body.answers,
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}

/** Record the periodic re-confirmation; the next one falls due a year later. */
export async function confirmSns(ctx: ActorCtx, id: string): Promise<SnsOut> {
  const { row, unit, managers } = await load(ctx, id);
  if (!mayConfirm(ctx, unit, managers)) throw new AppError('forbidden');
  if (row.status !== 'active') throw new AppError('invalid_state');
  const now = new Date();
  const due = nextReconfirmDue(todayInJapan(now));
  const updated = await ctx.db.transaction(async (tx) => {
    const [u] = await tx
      .update(a)
      .set({ lastConfirmedAt: now, lastConfirmedBy: ctx.actor.personId, reconfirmDue: due, updatedAt: now })
      .where(eq(a.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'vendor.sns_confirm',
      tenantId: row.tenantId,
      targetId: id,
      before: { reconfirmDue: row.reconfirmDue },
      after: { reconfirmDue: due },
    });
    return u!;
  });
  return (await present(ctx, [updated]))[0]!;
}
