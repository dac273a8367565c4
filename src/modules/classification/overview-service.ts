// Counts of register entries by unit and level for managers and the CISO — never titles or content
// (000 L905-930: the agency knows where its 機密性4/3 information is without reading it).
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, escapeLike, inScope } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { entryUnitPath } from './register-access.js';
import { unitOfTenant } from './register-present.js';
import { classificationEntries as e } from './register-schema.js';
import type { OverviewOut } from './register-validation.js';

export async function overview(ctx: ActorCtx, q: { unitId?: string }): Promise<OverviewOut> {
  authorize(ctx.actor, 'classification.overview');
  const parts = [
    eq(e.tenantId, ctx.actor.tenantId),
    inScope(ctx.actor, 'classification.overview', entryUnitPath),
  ];
  if (q.unitId) {
    const unit = await unitOfTenant(ctx.db, ctx.actor.tenantId, q.unitId);
    if (!unit) throw new AppError('not_found');
    authorize(
      ctx.actor,
      'classification.overview',
      { tenantId: unit.tenantId, unitPath: unit.path },
      { hide: true },
    );
    parts.push(sql`${entryUnitPath} like ${`${escapeLike(unit.path)}%`}`);
  }
  const rows = await ctx.db
    .select({
      unitId: e.unitId,
      unitName: orgUnits.nameJa,
      confidentiality: e.confidentiality,
      status: e.status,
      count: count(),
    })
    .from(e)
    .innerJoin(orgUnits, eq(orgUnits.id, e.unitId))
    .where(and(...parts))
    .groupBy(e.unitId, orgUnits.nameJa, orgUnits.path, e.confidentiality, e.status)
    .orderBy(asc(orgUnits.path), asc(e.confidentiality), asc(e.status));
  return { items: rows, total: rows.reduce((s, r) => s + r.count, 0) };
}
