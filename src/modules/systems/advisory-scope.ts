import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../server/policy.js';
import { can, inScope } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { isSystemResponsible } from './public.js';
import { systems } from './schema.js';

// Who sees which system's advisory responses: system.view (or system.manage) over the system's unit,
// or the person who answers for the system (its 責任者 or 管理者, 002 L287-303), wherever they sit.
// Queries join systems and org_units and add this condition, so a list cannot leak another unit.

export function visibleSystems(actor: Actor): SQL {
  return sql`(${eq(systems.tenantId, actor.tenantId)} and (${or(
    inScope(actor, 'system.view', orgUnits.path),
    inScope(actor, 'system.manage', orgUnits.path),
    eq(systems.securityOfficerId, actor.personId),
    eq(systems.administratorId, actor.personId),
  )}))`;
}

/** Only the systems the actor answers for. */
export function ownSystems(actor: Actor): SQL {
  return sql`(${eq(systems.tenantId, actor.tenantId)} and (${or(
    eq(systems.securityOfficerId, actor.personId),
    eq(systems.administratorId, actor.personId),
  )}))`;
}

/** May answer: the system's responsible person, or system.manage over its unit. */
export function canAnswer(
  actor: Actor,
  s: { tenantId: string; unitPath: string; securityOfficerId: string | null; administratorId: string | null },
): boolean {
  return (
    isSystemResponsible(actor, s) ||
    can(actor, 'system.manage', { tenantId: s.tenantId, unitPath: s.unitPath })
  );
}

export function viewsAdvisories(actor: Actor): boolean {
  return can(actor, 'system.view') || can(actor, 'system.manage');
}
