// Who may do what with one ledger entry (issue #14 §1): system.view over the owning unit's subtree
// reads, system.manage edits; the system's own 情報システムセキュリティ責任者 and 管理者 (002 L287-303)
// read it, edit its components and confirm the yearly review. Anything else answers 404.
import { and, eq, or, type SQL } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { type Actor, authorize, can, inScope } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { isSystemResponsible } from './public.js';
import { systems } from './schema.js';

export type SystemRow = typeof systems.$inferSelect;
export type LoadedSystem = SystemRow & { unitPath: string };

export interface SystemPermissions {
  manage: boolean;
  editComponents: boolean;
  review: boolean;
}

export function systemPermissions(actor: Actor, s: LoadedSystem): SystemPermissions & { read: boolean } {
  const at = { tenantId: s.tenantId, unitPath: s.unitPath };
  const responsible = isSystemResponsible(actor, s);
  const manage = can(actor, 'system.manage', at);
  const read = manage || responsible || can(actor, 'system.view', at);
  return { read, manage, editComponents: manage || responsible, review: manage || responsible };
}

/** The systems an actor may see, as a WHERE fragment on `systems` joined with the owning unit. */
export function readableSystems(actor: Actor): SQL {
  return or(
    inScope(actor, 'system.view', orgUnits.path),
    inScope(actor, 'system.manage', orgUnits.path),
    eq(systems.securityOfficerId, actor.personId),
    eq(systems.administratorId, actor.personId),
  )!;
}

/** A system the actor may read, or "not found" (the same answer as a random id). */
export async function loadSystem(ctx: ActorCtx, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = ctx.db
    .select({ s: systems, unitPath: orgUnits.path })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(eq(systems.id, id), eq(systems.tenantId, ctx.actor.tenantId)));
  const [row] = opts.forUpdate ? await q.for('update', { of: systems }) : await q;
  if (!row) throw new AppError('not_found');
  const s: LoadedSystem = { ...row.s, unitPath: row.unitPath };
  const p = systemPermissions(ctx.actor, s);
  if (!p.read) {
    // A token lacking the scope gets told so rather than a 404 (policy.authorize does the same).
    authorize(ctx.actor, 'system.view', { tenantId: s.tenantId, unitPath: s.unitPath }, { hide: true });
  }
  return { system: s, can: p };
}

export type Capability = 'manage' | 'editComponents' | 'review';

/** Throws 403 when the actor can read the system but not do this. */
export function requireCapability(p: SystemPermissions & { read: boolean }, what: Capability) {
  if (!p[what]) throw new AppError('forbidden');
}
