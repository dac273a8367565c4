import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeTenantWide, can } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { DEFAULT_FLOW, type FlowStep, flowProblems } from './rules.js';
import { incidentFlows } from './schema.js';

/** The agency's flow, or the shipped Cabinet Office default (002 L692-778). */
export async function flowOf(db: Db, tenantId: string) {
  const [row] = await db.select().from(incidentFlows).where(eq(incidentFlows.tenantId, tenantId));
  return row
    ? { steps: row.steps, isDefault: false, updatedAt: row.updatedAt.toISOString() }
    : { steps: DEFAULT_FLOW, isDefault: true, updatedAt: null };
}

export async function getFlow(ctx: ActorCtx) {
  if (!can(ctx.actor, 'incident.view')) authorize(ctx.actor, 'incident.handle');
  return flowOf(ctx.db, ctx.actor.tenantId);
}

/** Editing the flow: incident.handle tenant-wide. Cases already under way keep their own copy. */
export async function saveFlow(ctx: ActorCtx, steps: FlowStep[]) {
  authorizeTenantWide(ctx.actor, 'incident.handle');
  const problems = flowProblems(steps);
  if (problems.length)
    throw new AppError('validation_failed', {
      errors: problems.map((p) => ({
        path: 'body.steps',
        message: { ja: `手順に誤りがあります: ${p}`, en: p },
      })),
    });
  const tenantId = ctx.actor.tenantId;
  await ctx.db.transaction(async (tx) => {
    const before = await flowOf(tx, tenantId);
    await tx
      .insert(incidentFlows)
      .values({ tenantId, steps, updatedBy: ctx.actor.personId, updatedAt: new Date() })
      .onConflictDoUpdate({
        target: incidentFlows.tenantId,
        set: { steps, updatedBy: ctx.actor.personId, updatedAt: new Date() },
      });
    await recordAudit(tx, ctx, {
      action: 'incident.flow_update',
      tenantId,
      targetId: tenantId,
      before: before.steps.map((s) => s.key),
      after: steps.map((s) => s.key),
    });
  });
  return flowOf(ctx.db, tenantId);
}
