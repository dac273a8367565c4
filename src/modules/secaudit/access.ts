import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { type Actor, can, inScope, withinSubtree } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';

// Who may see and do what in audits. The audit team (secaudit.manage over the audited unit, and the
// people named on an engagement) run it; secaudit.view holders read it; the audited unit's head (課室
// or 部局 情報セキュリティ責任者) sees and answers the findings about their unit (003 L948-1039).

/** Roles whose holder answers for a unit's findings. */
export const HEAD_ROLE_KEYS = ['division_security_officer', 'security_officer'] as const;

export function canReadAudits(actor: Actor): boolean {
  return can(actor, 'secaudit.view') || can(actor, 'secaudit.manage') || can(actor, 'secaudit.approve');
}

export async function unitOf(db: Db, tenantId: string, unitId: string) {
  const [u] = await db
    .select({ id: orgUnits.id, path: orgUnits.path, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, tenantId)));
  return u ?? null;
}

/** The subtrees whose findings the actor answers for as a unit head. */
export async function headPaths(ctx: ActorCtx): Promise<string[]> {
  const unitIds = ctx.actor.roles
    .filter((r) => (HEAD_ROLE_KEYS as readonly string[]).includes(r.roleKey))
    .map((r) => r.unitId);
  if (unitIds.length === 0) return [];
  const rows = await ctx.db
    .select({ path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), inArray(orgUnits.id, unitIds)));
  return rows.map((r) => r.path);
}

export const underAny = (path: string, roots: readonly string[]) => roots.some((r) => path.startsWith(r));

function pathsCondition(column: AnyPgColumn, roots: readonly string[]): SQL {
  if (roots.length === 0) return sql`false`;
  return sql`(${sql.join(
    roots.map((r) => withinSubtree(column, r)),
    sql` or `,
  )})`;
}

/** The actor is on the audit team of an engagement: secaudit.manage over its unit, or named on it. */
export function onTeam(
  actor: Actor,
  e: { tenantId: string; teamPersonIds: string[] },
  unitPath: string,
): boolean {
  if (e.tenantId !== actor.tenantId) return false;
  return (
    can(actor, 'secaudit.manage', { tenantId: e.tenantId, unitPath }) ||
    e.teamPersonIds.includes(actor.personId)
  );
}

/** Rows whose unit (path column) and engagement team (jsonb column) the actor may read. */
export function readableWhere(
  ctx: ActorCtx,
  unitPath: AnyPgColumn,
  team: AnyPgColumn,
  heads: readonly string[],
): SQL {
  return or(
    inScope(ctx.actor, 'secaudit.view', unitPath),
    inScope(ctx.actor, 'secaudit.manage', unitPath),
    sql`${team} @> ${JSON.stringify([ctx.actor.personId])}::jsonb`,
    pathsCondition(unitPath, heads),
  )!;
}

export function requireManage(ctx: ActorCtx, unitPath: string) {
  if (!can(ctx.actor, 'secaudit.manage', { tenantId: ctx.actor.tenantId, unitPath }))
    throw new AppError('forbidden');
}

export const fieldError = (path: string, ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });
