import { aliasedTable, and, count, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide, escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import { deliveryState } from './rules.js';
import { centralAlerts as a, alertDeliveries as d } from './schema.js';
import type { DeliveryOut, InboxQuery } from './validation.js';

// The agency's side (alert.handle, tenant-wide): an inbox of the central body's alerts, acknowledged,
// released to staff on the portal (003 L1291-1297) and answered with a report of the action taken.

type Loaded = { d: typeof d.$inferSelect; a: typeof a.$inferSelect; acknowledgedByName: string | null };
const acknowledger = aliasedTable(people, 'acknowledger');

export function requireHandler(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'alert.handle');
}

/** Only the agency's own deliveries of published alerts exist for it. */
const mine = (ctx: ActorCtx) => and(eq(d.tenantId, ctx.actor.tenantId), isNotNull(a.publishedAt));

function selectDeliveries(ctx: ActorCtx) {
  return ctx.db
    .select({ d, a, acknowledgedByName: acknowledger.name })
    .from(d)
    .innerJoin(a, eq(a.id, d.alertId))
    .leftJoin(acknowledger, eq(acknowledger.id, d.acknowledgedBy));
}

export function presentDelivery(r: Loaded, today: string): DeliveryOut {
  const { d: x, a: al } = r;
  const live = al.withdrawnAt === null;
  return {
    id: x.id,
    alert: {
      id: al.id,
      kind: al.kind,
      titleJa: al.titleJa,
      titleEn: al.titleEn,
      body: al.body,
      products: al.products as DeliveryOut['alert']['products'],
      reportRequested: al.reportRequested,
      reportDueOn: al.reportDueOn,
      publishedAt: al.publishedAt?.toISOString() ?? null,
      withdrawnAt: al.withdrawnAt?.toISOString() ?? null,
    },
    receivedAt: x.receivedAt.toISOString(),
    acknowledgedAt: x.acknowledgedAt?.toISOString() ?? null,
    acknowledgedByName: r.acknowledgedByName,
    forwardedAt: x.forwardedAt?.toISOString() ?? null,
    forwardedCount: x.forwardedTo.length,
    releasedAt: x.releasedAt?.toISOString() ?? null,
    releasedUntil: x.releasedUntil,
    actionReport: x.actionReport,
    reportedAt: x.reportedAt?.toISOString() ?? null,
    closedAt: x.closedAt?.toISOString() ?? null,
    ...(({ reportOpen, overdue }) => ({ reportOpen, overdue }))(deliveryState(x, al, today)),
    can: {
      acknowledge: x.acknowledgedAt === null,
      forward: live,
      release: live,
      report: live && x.closedAt === null,
    },
  };
}

export async function loadDelivery(ctx: ActorCtx, id: string): Promise<Loaded> {
  requireHandler(ctx);
  const [r] = await selectDeliveries(ctx).where(and(eq(d.id, id), mine(ctx)));
  if (!r) throw new AppError('not_found');
  return r;
}

export async function getDelivery(ctx: ActorCtx, id: string) {
  return presentDelivery(await loadDelivery(ctx, id), todayInJapan());
}

function stateWhere(state: InboxQuery['state'], today: string): SQL | undefined {
  const open = and(eq(a.reportRequested, true), isNull(d.reportedAt), isNull(a.withdrawnAt));
  switch (state) {
    case 'unacknowledged':
      return isNull(d.acknowledgedAt);
    case 'report_open':
      return open;
    case 'overdue':
      return and(open, sql`${a.reportDueOn} < ${today}`);
    default:
      return undefined;
  }
}

/** The inbox: newest first, searchable by title and text. */
export async function listInbox(ctx: ActorCtx, q: InboxQuery) {
  requireHandler(ctx);
  const today = todayInJapan();
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const where = and(
    mine(ctx),
    stateWhere(q.state, today),
    like ? or(ilike(a.titleJa, like), ilike(a.titleEn, like), ilike(a.body, like)) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(d).innerJoin(a, eq(a.id, d.alertId)).where(where);
  const rows = await selectDeliveries(ctx)
    .where(where)
    .orderBy(desc(d.receivedAt), desc(d.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => presentDelivery(r, today)),
  };
}

const notLive = () =>
  new AppError('invalid_state', {
    detail: { ja: 'この注意喚起は取り消されました。', en: 'The central body withdrew this alert.' },
  });

/** Acknowledging tells the central body the alert arrived and someone is on it. */
export async function acknowledge(ctx: ActorCtx, id: string) {
  const r = await loadDelivery(ctx, id);
  if (r.d.acknowledgedAt) throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(d)
      .set({ acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.personId })
      .where(and(eq(d.id, id), isNull(d.acknowledgedAt)))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, { action: 'alert.acknowledge', tenantId: ctx.actor.tenantId, targetId: id });
  });
  return getDelivery(ctx, id);
}

/** Acting on an alert acknowledges it, if nobody had. */
export const ackIfNeeded = (ctx: ActorCtx, r: Loaded) =>
  r.d.acknowledgedAt ? {} : { acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.personId };

/** Staff see it as a notice on the portal until `until` (inclusive), or until it is taken down. */
export async function release(ctx: ActorCtx, id: string, body: { release: boolean; until: string | null }) {
  const r = await loadDelivery(ctx, id);
  if (r.a.withdrawnAt) throw notLive();
  if (body.release && body.until && body.until < todayInJapan()) {
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.until',
          message: { ja: '今日以降の日付にしてください。', en: 'Choose today or later.' },
        },
      ],
    });
  }
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(d)
      .set({
        releasedAt: body.release ? (r.d.releasedAt ?? new Date()) : null,
        releasedUntil: body.release ? body.until : null,
        ...ackIfNeeded(ctx, r),
      })
      .where(eq(d.id, id));
    await recordAudit(tx, ctx, {
      action: 'alert.release',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: { releasedAt: r.d.releasedAt, until: r.d.releasedUntil },
      after: { release: body.release, until: body.until },
    });
  });
  return getDelivery(ctx, id);
}

/** The report of the action taken, back to the central body (001 L14111-15107). */
export async function reportAction(ctx: ActorCtx, id: string, body: { text: string; close: boolean }) {
  const r = await loadDelivery(ctx, id);
  if (r.a.withdrawnAt) throw notLive();
  if (r.d.closedAt) throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    const now = new Date();
    await tx
      .update(d)
      .set({
        actionReport: body.text,
        reportedAt: now,
        reportedBy: ctx.actor.personId,
        closedAt: body.close ? now : null,
        ...ackIfNeeded(ctx, r),
      })
      .where(eq(d.id, id));
    await recordAudit(tx, ctx, {
      action: 'alert.report',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: r.d.actionReport,
      after: { text: body.text, close: body.close },
    });
  });
  return getDelivery(ctx, id);
}
