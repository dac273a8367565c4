// A division head's desk: classifications to confirm, requests to decide, reviews that are due — each
// limited to what the caller may see (visibleEntry / visibleRequest).
import { and, asc, count, desc, eq, or, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { entryUnitPath, isConfirmerFor, viewerOf } from './register-access.js';
import { presentEntries, today } from './register-present.js';
import { entryFilter } from './register-query.js';
import { classificationEntries as e, handlingRequests as r } from './register-schema.js';
import { presentRequests } from './request-present.js';
import { approverQueueFilter } from './request-query.js';
import type { DashboardOut } from './request-validation.js';

const FIRST = 5;

export async function dashboard(ctx: ActorCtx): Promise<DashboardOut> {
  const visible = await entryFilter(ctx, {});
  const confirmScope = isConfirmerFor(ctx, await viewerOf(ctx), entryUnitPath);

  const pendingWhere = and(visible, eq(e.status, 'proposed'), confirmScope)!;
  const reviewWhere = and(
    visible,
    eq(e.status, 'confirmed'),
    sql`${e.reviewDueOn} <= ${today()}`,
    or(confirmScope, eq(e.ownerPersonId, ctx.actor.personId)),
  )!;
  const queueWhere = await approverQueueFilter(ctx);

  const [[pc], pendingRows, [rc], reviewRows, [qc], queueRows] = await Promise.all([
    ctx.db.select({ n: count() }).from(e).where(pendingWhere),
    ctx.db.select().from(e).where(pendingWhere).orderBy(asc(e.proposedAt)).limit(FIRST),
    ctx.db.select({ n: count() }).from(e).where(reviewWhere),
    ctx.db.select().from(e).where(reviewWhere).orderBy(asc(e.reviewDueOn)).limit(FIRST),
    ctx.db.select({ n: count() }).from(r).where(queueWhere),
    ctx.db.select().from(r).where(queueWhere).orderBy(desc(r.createdAt)).limit(FIRST),
  ]);
  return {
    pendingConfirmations: { count: pc?.n ?? 0, items: await presentEntries(ctx, pendingRows) },
    pendingRequests: { count: qc?.n ?? 0, items: await presentRequests(ctx, queueRows) },
    reviewsDue: { count: rc?.n ?? 0, items: await presentEntries(ctx, reviewRows) },
  };
}
