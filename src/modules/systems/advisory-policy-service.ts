import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide, can } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { type AdvisoryPolicyData, bandsProblem, DEFAULT_ADVISORY_POLICY } from './advisory-rules.js';
import { advisoryPolicies } from './advisory-schema.js';

/** The agency's advisory policy, or the shipped one until the agency changes it. */
export async function loadAdvisoryPolicy(db: Db, tenantId: string) {
  const [row] = await db.select().from(advisoryPolicies).where(eq(advisoryPolicies.tenantId, tenantId));
  return { data: row?.data ?? DEFAULT_ADVISORY_POLICY, updatedAt: row?.updatedAt ?? null };
}

const present = (p: { data: AdvisoryPolicyData; updatedAt: Date | null }) => ({
  ...p.data,
  updatedAt: p.updatedAt?.toISOString() ?? null,
});

export async function getAdvisoryPolicy(ctx: ActorCtx) {
  if (!can(ctx.actor, 'system.view') && !can(ctx.actor, 'system.manage')) throw new AppError('forbidden');
  return present(await loadAdvisoryPolicy(ctx.db, ctx.actor.tenantId));
}

/** Bands and days, and migration deadlines, are the agency's own (system.manage, agency-wide). */
export async function updateAdvisoryPolicy(ctx: ActorCtx, data: AdvisoryPolicyData) {
  authorizeTenantWide(ctx.actor, 'system.manage');
  const bad = bandsProblem(data.bands);
  if (bad)
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.bands',
          message: { ja: 'CVSS の区分は高い順に並べ、最後を 0 から始めてください。', en: bad },
        },
      ],
    });
  const keys = data.migrations.map((m) => m.key);
  if (new Set(keys).size !== keys.length)
    throw new AppError('validation_failed', {
      errors: [
        {
          path: 'body.migrations',
          message: { ja: '移行期限のキーが重複しています。', en: 'Migration keys must be unique.' },
        },
      ],
    });
  return ctx.db.transaction(async (tx) => {
    const before = await loadAdvisoryPolicy(tx, ctx.actor.tenantId);
    const now = new Date();
    await tx
      .insert(advisoryPolicies)
      .values({ tenantId: ctx.actor.tenantId, data, updatedBy: ctx.actor.accountId, updatedAt: now })
      .onConflictDoUpdate({
        target: advisoryPolicies.tenantId,
        set: { data, updatedBy: ctx.actor.accountId, updatedAt: now },
      });
    await recordAudit(tx, ctx, {
      action: 'advisory.policy_update',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      before: before.data,
      after: data,
    });
    return present({ data, updatedAt: now });
  });
}
