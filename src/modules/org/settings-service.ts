import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { ActorCtx } from '../../server/context.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { tenants } from './schema.js';

/** The agency's own policy data (one row per agency). */
export const OrgSettingsOut = z.object({ minGroupSize: z.number().int() });
export const UpdateOrgSettingsBody = z.strictObject({
  /** Aggregates of fewer people are withheld or merged upward (src/lib/small-groups.ts). */
  minGroupSize: z.number().int().min(1).max(100),
});

export async function getOrgSettings(ctx: ActorCtx): Promise<z.infer<typeof OrgSettingsOut>> {
  authorize(ctx.actor, 'org.read');
  const [t] = await ctx.db
    .select({ minGroupSize: tenants.minGroupSize })
    .from(tenants)
    .where(eq(tenants.id, ctx.actor.tenantId));
  return { minGroupSize: t!.minGroupSize };
}

/** Only those who manage the whole agency's organisation change its settings; audited. */
export async function updateOrgSettings(ctx: ActorCtx, input: z.infer<typeof UpdateOrgSettingsBody>) {
  authorizeTenantWide(ctx.actor, 'org.manage');
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ minGroupSize: tenants.minGroupSize })
      .from(tenants)
      .where(eq(tenants.id, ctx.actor.tenantId))
      .for('update');
    const [after] = await tx
      .update(tenants)
      .set({ minGroupSize: input.minGroupSize })
      .where(eq(tenants.id, ctx.actor.tenantId))
      .returning({ minGroupSize: tenants.minGroupSize });
    await recordAudit(tx, ctx, {
      action: 'tenant.settings_update',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      before,
      after,
    });
    return { minGroupSize: after!.minGroupSize };
  });
}
