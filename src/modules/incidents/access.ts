import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { type Actor, can, inScope } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { incidentSteps, incidents } from './schema.js';

// The one visibility rule of a case (issue #10 §7): the reporter (their own case, limited view), the
// case's resolved step holders, the CSIRT (incident.handle) and incident.view over the reporting unit's
// subtree. Everyone else, other agencies included, gets the same "not found" as a random id.

export type IncidentRow = typeof incidents.$inferSelect;
export type StepRow = typeof incidentSteps.$inferSelect;
export interface LoadedCase {
  row: IncidentRow;
  unitPath: string;
  unitNameJa: string;
  steps: StepRow[];
}
export type CaseAccess = 'full' | 'reporter';

export const located = (c: LoadedCase) => ({ tenantId: c.row.tenantId, unitPath: c.unitPath });

export function handles(actor: Actor, c: LoadedCase): boolean {
  return can(actor, 'incident.handle', located(c));
}

export function accessOf(actor: Actor, c: LoadedCase): CaseAccess | null {
  if (c.row.tenantId !== actor.tenantId) return null;
  if (handles(actor, c) || can(actor, 'incident.view', located(c))) return 'full';
  if (c.steps.some((s) => s.holderIds.includes(actor.personId))) return 'full';
  if (c.row.reporterPersonId === actor.personId) return 'reporter';
  return null;
}

/** A case of the actor's agency with its steps; "not found" when absent or not visible to the actor. */
export async function loadVisibleCase(
  ctx: ActorCtx,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<LoadedCase & { access: CaseAccess }> {
  const q = ctx.db
    .select({ row: incidents, unitPath: orgUnits.path, unitNameJa: orgUnits.nameJa })
    .from(incidents)
    .innerJoin(orgUnits, eq(orgUnits.id, incidents.unitId))
    .where(and(eq(incidents.id, id), eq(incidents.tenantId, ctx.actor.tenantId)));
  const [found] = opts.forUpdate ? await q.for('update', { of: incidents }) : await q;
  if (!found) throw new AppError('not_found');
  const steps = await ctx.db
    .select()
    .from(incidentSteps)
    .where(eq(incidentSteps.incidentId, id))
    .orderBy(asc(incidentSteps.position));
  const c = { ...found, steps };
  const access = accessOf(ctx.actor, c);
  if (!access) throw new AppError('not_found');
  return { ...c, access };
}

/** The same rule as a WHERE fragment, so a list cannot return a case the actor may not see. */
export function visibleCases(actor: Actor): SQL {
  const holder = sql`exists (select 1 from ${incidentSteps} s where s.incident_id = ${incidents.id}
    and s.holder_ids @> ${JSON.stringify([actor.personId])}::jsonb)`;
  return and(
    eq(incidents.tenantId, actor.tenantId),
    or(
      inScope(actor, 'incident.handle', orgUnits.path),
      inScope(actor, 'incident.view', orgUnits.path),
      eq(incidents.reporterPersonId, actor.personId),
      holder,
    ),
  )!;
}
