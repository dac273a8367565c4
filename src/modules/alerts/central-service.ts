import { aliasedTable, and, count, desc, eq, ilike, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { authorize, escapeLike, type Permission } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { people, tenants } from '../org/schema.js';
import { productProblems } from '../systems/public.js';
import { publishNoticeJob } from './jobs.js';
import { alertStatus, canEdit, canPublish, canWithdraw, deliveryState } from './rules.js';
import { centralAlerts as a, alertDeliveries as d } from './schema.js';
import type { AlertBody, AlertOut, AlertQuery } from './validation.js';

// The central body's side (001 L447-462, L504-516): drafts, publication to agencies, withdrawal, and
// a status table of each agency's handling (states and the action report only).

type AlertRow = typeof a.$inferSelect;
const publisher = aliasedTable(people, 'publisher');

function requireCentral(ctx: ActorCtx, permission: Permission) {
  authorize(ctx.actor, permission);
  if (ctx.actor.tenantKind !== 'central') throw new AppError('forbidden');
}

/** The agencies reporting to this central body (those without a parent when it is the only one). */
async function agenciesOf(db: Db, centralId: string) {
  return db
    .select({ id: tenants.id, code: tenants.code, nameJa: tenants.nameJa, nameEn: tenants.nameEn })
    .from(tenants)
    .where(
      and(
        eq(tenants.kind, 'agency'),
        or(
          eq(tenants.parentTenantId, centralId),
          and(
            isNull(tenants.parentTenantId),
            sql`(select count(*) from tenants c where c.kind = 'central') = 1`,
          ),
        ),
      ),
    )
    .orderBy(tenants.code);
}

export async function agencyChoices(ctx: ActorCtx) {
  requireCentral(ctx, 'central.read');
  return { items: await agenciesOf(ctx.db, ctx.actor.tenantId) };
}

function countsOf(today: string) {
  return {
    agencies: sql<number>`(select count(*) from alert_deliveries x where x.alert_id = ${a.id})`.mapWith(
      Number,
    ),
    acknowledged:
      sql<number>`(select count(*) from alert_deliveries x where x.alert_id = ${a.id} and x.acknowledged_at is not null)`.mapWith(
        Number,
      ),
    reported:
      sql<number>`(select count(*) from alert_deliveries x where x.alert_id = ${a.id} and x.reported_at is not null)`.mapWith(
        Number,
      ),
    overdue:
      sql<number>`(case when ${a.reportRequested} and ${a.withdrawnAt} is null and ${a.reportDueOn} < ${today}
      then (select count(*) from alert_deliveries x where x.alert_id = ${a.id} and x.reported_at is null) else 0 end)`.mapWith(
        Number,
      ),
  };
}

function selectAlerts(ctx: ActorCtx, today: string) {
  return ctx.db
    .select({ a, publishedByName: publisher.name, counts: countsOf(today) })
    .from(a)
    .leftJoin(publisher, eq(publisher.id, a.publishedBy));
}

function present(r: { a: AlertRow; publishedByName: string | null; counts: AlertOut['counts'] }): AlertOut {
  const x = r.a;
  return {
    id: x.id,
    kind: x.kind,
    titleJa: x.titleJa,
    titleEn: x.titleEn,
    body: x.body,
    products: x.products as AlertOut['products'],
    reportRequested: x.reportRequested,
    reportDueOn: x.reportDueOn,
    publishedAt: x.publishedAt?.toISOString() ?? null,
    withdrawnAt: x.withdrawnAt?.toISOString() ?? null,
    status: alertStatus(x),
    agencyIds: x.agencyIds,
    createdAt: x.createdAt.toISOString(),
    publishedByName: r.publishedByName,
    counts: r.counts,
  };
}

function statusWhere(status: AlertQuery['status']): SQL | undefined {
  if (status === 'draft') return isNull(a.publishedAt);
  if (status === 'published') return and(sql`${a.publishedAt} is not null`, isNull(a.withdrawnAt));
  if (status === 'withdrawn') return sql`${a.withdrawnAt} is not null`;
  return undefined;
}

export async function listAlerts(ctx: ActorCtx, q: AlertQuery) {
  requireCentral(ctx, 'central.read');
  const today = todayInJapan();
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    eq(a.tenantId, ctx.actor.tenantId),
    statusWhere(q.status),
    like ? or(ilike(a.titleJa, like), ilike(a.titleEn, like), ilike(a.body, like)) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(a).where(where);
  const rows = await selectAlerts(ctx, today)
    .where(where)
    .orderBy(desc(a.createdAt), desc(a.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, page: q.page, pageSize: q.pageSize, items: rows.map(present) };
}

async function loadAlert(ctx: ActorCtx, id: string) {
  const [r] = await selectAlerts(ctx, todayInJapan()).where(
    and(eq(a.id, id), eq(a.tenantId, ctx.actor.tenantId)),
  );
  if (!r) throw new AppError('not_found');
  return r;
}

/** The alert and, per agency, what it did with it: received, acknowledged (and how fast), forwarded, reported. */
export async function getAlert(ctx: ActorCtx, id: string) {
  requireCentral(ctx, 'central.read');
  const r = await loadAlert(ctx, id);
  const today = todayInJapan();
  const rows = await ctx.db
    .select({ d, t: tenants })
    .from(d)
    .innerJoin(tenants, eq(tenants.id, d.tenantId))
    .where(eq(d.alertId, id))
    .orderBy(tenants.code);
  return {
    ...present(r),
    agencies: rows.map(({ d: x, t }) => ({
      agencyId: t.id,
      agencyCode: t.code,
      agencyNameJa: t.nameJa,
      agencyNameEn: t.nameEn,
      receivedAt: x.receivedAt.toISOString(),
      acknowledgedAt: x.acknowledgedAt?.toISOString() ?? null,
      forwardedAt: x.forwardedAt?.toISOString() ?? null,
      forwardedCount: x.forwardedTo.length,
      releasedAt: x.releasedAt?.toISOString() ?? null,
      reportedAt: x.reportedAt?.toISOString() ?? null,
      actionReport: x.actionReport,
      closedAt: x.closedAt?.toISOString() ?? null,
      ...deliveryState(x, r.a, today),
    })),
  };
}

async function checkBody(ctx: ActorCtx, body: AlertBody) {
  const errors = productProblems(body.products, 'body.products');
  if (body.reportRequested && !body.reportDueOn)
    errors.push({ path: 'body.reportDueOn', message: 'a report-back needs its due date' });
  if (body.agencyIds) {
    const known = new Set((await agenciesOf(ctx.db, ctx.actor.tenantId)).map((t) => t.id));
    body.agencyIds.forEach((id, i) => {
      if (!known.has(id))
        errors.push({ path: `body.agencyIds[${i}]`, message: 'not an agency of this body' });
    });
  }
  if (errors.length) throw new AppError('validation_failed', { errors });
}

const fields = (body: AlertBody) => ({
  kind: body.kind,
  titleJa: body.titleJa,
  titleEn: body.titleEn,
  body: body.body,
  products: body.products,
  reportRequested: body.reportRequested,
  reportDueOn: body.reportRequested ? body.reportDueOn : null,
  agencyIds: body.agencyIds ? [...new Set(body.agencyIds)] : null,
});

export async function createAlert(ctx: ActorCtx, body: AlertBody) {
  requireCentral(ctx, 'central.manage');
  await checkBody(ctx, body);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(a)
      .values({ tenantId: ctx.actor.tenantId, createdBy: ctx.actor.personId, ...fields(body) })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'alert.create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: row,
    });
    return row!.id;
  });
  return getAlert(ctx, id);
}

export async function updateAlert(ctx: ActorCtx, id: string, body: AlertBody) {
  requireCentral(ctx, 'central.manage');
  const before = await loadAlert(ctx, id);
  if (!canEdit(alertStatus(before.a))) throw new AppError('invalid_state');
  await checkBody(ctx, body);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(a)
      .set({ ...fields(body), updatedAt: new Date() })
      .where(and(eq(a.id, id), isNull(a.publishedAt)))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'alert.update',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: before.a,
      after: row,
    });
  });
  return getAlert(ctx, id);
}

/** Publishing delivers the alert to every chosen agency at once; their alert handlers are mailed by a job. */
export async function publishAlert(ctx: ActorCtx, id: string) {
  requireCentral(ctx, 'central.manage');
  const before = await loadAlert(ctx, id);
  if (!canPublish(alertStatus(before.a))) throw new AppError('invalid_state');
  const agencies = await agenciesOf(ctx.db, ctx.actor.tenantId);
  const chosen = before.a.agencyIds;
  const targets = chosen ? agencies.filter((t) => chosen.includes(t.id)) : agencies;
  if (targets.length === 0) {
    throw new AppError('invalid_state', {
      detail: { ja: '送付先の府省庁がありません。', en: 'There is no agency to send it to.' },
    });
  }
  await ctx.db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(a)
      .set({ publishedAt: now, publishedBy: ctx.actor.personId, updatedAt: now })
      .where(and(eq(a.id, id), isNull(a.publishedAt)))
      .returning();
    if (!row) throw new AppError('conflict');
    await tx
      .insert(d)
      .values(targets.map((t) => ({ alertId: id, tenantId: t.id, receivedAt: now })))
      .onConflictDoNothing();
    await recordAudit(tx, ctx, {
      action: 'alert.publish',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { agencies: targets.map((t) => t.code) },
    });
    await enqueue(tx, publishNoticeJob, { alertId: id });
  });
  return getAlert(ctx, id);
}

/** A withdrawn alert leaves every agency's portal at once and asks no more reports. */
export async function withdrawAlert(ctx: ActorCtx, id: string) {
  requireCentral(ctx, 'central.manage');
  const before = await loadAlert(ctx, id);
  if (!canWithdraw(alertStatus(before.a))) throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(a)
      .set({ withdrawnAt: new Date(), updatedAt: new Date() })
      .where(and(eq(a.id, id), isNull(a.withdrawnAt)))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'alert.withdraw',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: 'published',
      after: 'withdrawn',
    });
  });
  return getAlert(ctx, id);
}
