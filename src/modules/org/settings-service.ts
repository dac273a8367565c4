import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ActorCtx } from '../../server/context.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { SESSION_POLICY_BOUNDS } from '../accounts/rules.js';
import { recordAudit } from '../audit/service.js';
import { tenants } from './schema.js';

const { idleMinutes, absoluteHours } = SESSION_POLICY_BOUNDS;

/** The agency's own policy data (one row per agency). */
export const OrgSettingsOut = z.object({
  minGroupSize: z.number().int(),
  /** The agency's session timeouts; null: the server's, given in `serverSession`. */
  sessionIdleMinutes: z.number().int().nullable(),
  sessionAbsoluteHours: z.number().int().nullable(),
  serverSession: z.object({ idleMinutes: z.number().int(), absoluteHours: z.number().int() }),
});
export const UpdateOrgSettingsBody = z.strictObject({
  /** Aggregates of fewer people are withheld or merged upward (src/lib/small-groups.ts). */
  minGroupSize: z.number().int().min(1).max(100).optional(),
  sessionIdleMinutes: z.number().int().min(idleMinutes.min).max(idleMinutes.max).nullable().optional(),
  sessionAbsoluteHours: z.number().int().min(absoluteHours.min).max(absoluteHours.max).nullable().optional(),
});

const columns = {
  minGroupSize: tenants.minGroupSize,
  sessionIdleMinutes: tenants.sessionIdleMinutes,
  sessionAbsoluteHours: tenants.sessionAbsoluteHours,
};

function present(
  ctx: ActorCtx,
  row: { minGroupSize: number; sessionIdleMinutes: number | null; sessionAbsoluteHours: number | null },
) {
  return { ...row, serverSession: ctx.config.session };
}

export async function getOrgSettings(ctx: ActorCtx): Promise<z.infer<typeof OrgSettingsOut>> {
  authorize(ctx.actor, 'org.read');
  const [t] = await ctx.db.select(columns).from(tenants).where(eq(tenants.id, ctx.actor.tenantId));
  return present(ctx, t!);
}

/**
 * Only those who manage the whole agency's organisation change its settings; audited. Shorter
 * session timeouts take effect at once, also for sessions already open (accounts/rules.ts).
 */
export async function updateOrgSettings(ctx: ActorCtx, input: z.infer<typeof UpdateOrgSettingsBody>) {
  authorizeTenantWide(ctx.actor, 'org.manage');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select(columns)
      .from(tenants)
      .where(eq(tenants.id, ctx.actor.tenantId))
      .for('update');
    const [after] = await tx
      .update(tenants)
      .set({ ...before, ...input })
      .where(eq(tenants.id, ctx.actor.tenantId))
      .returning(columns);
    await recordAudit(tx, ctx, {
      action: 'tenant.settings_update',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      before,
      after,
    });
    return present(ctx, after!);
  });
}
