// Who may see and change this module's registers: one place (STYLE.md pattern 2).
//  - vendor.view or vendor.manage over the owning unit's subtree: read;
//  - vendor.manage over the unit: create and edit;
//  - the named responsible person (cloud) or a 管理担当者 (SNS): read their own, record confirmations;
//  - naming a cloud service's responsible person is the 情報セキュリティ責任者's act (001 L11001-11080):
//    vendor.manage over the unit, or a holder of the security_officer role at the unit or above it.
// Everything else, other agencies included, is "not found".
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { type Actor, can, inScope, isWithin } from '../../server/policy.js';
import { orgUnits, people } from '../org/schema.js';

export interface UnitRow {
  id: string;
  tenantId: string;
  path: string;
  name: string;
}

export const canRead = (actor: Actor, unit: UnitRow) =>
  can(actor, 'vendor.view', { tenantId: unit.tenantId, unitPath: unit.path }) ||
  can(actor, 'vendor.manage', { tenantId: unit.tenantId, unitPath: unit.path });

export const canManage = (actor: Actor, unit: UnitRow) =>
  can(actor, 'vendor.manage', { tenantId: unit.tenantId, unitPath: unit.path });

/** A WHERE fragment: the unit path is within the actor's vendor.view or vendor.manage scope. */
export function readScope(actor: Actor, unitPath: SQL): SQL {
  return sql`(${inScope(actor, 'vendor.view', unitPath)} or ${inScope(actor, 'vendor.manage', unitPath)})`;
}

/** The unit of the caller's tenant, or "not found". */
export async function unitOf(ctx: ActorCtx, unitId: string): Promise<UnitRow> {
  const [u] = await ctx.db
    .select({ id: orgUnits.id, tenantId: orgUnits.tenantId, path: orgUnits.path, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
  if (!u) throw new AppError('not_found');
  return u;
}

/** Units of the caller's tenant by id, for presenters (one query for a page). */
export async function unitsOf(ctx: ActorCtx, ids: readonly string[]): Promise<Map<string, UnitRow>> {
  const want = [...new Set(ids)];
  if (want.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: orgUnits.id, tenantId: orgUnits.tenantId, path: orgUnits.path, name: orgUnits.nameJa })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), inArray(orgUnits.id, want)));
  return new Map(rows.map((u) => [u.id, u]));
}

/** Paths of the units where the caller holds the security_officer role (checked in memory per row). */
export async function securityOfficerPaths(ctx: ActorCtx): Promise<string[]> {
  return rowsOf<{ path: string }>(
    await ctx.db.execute(sql`
      select u.path from role_assignments ra
        join roles ro on ro.id = ra.role_id
        join org_units u on u.id = ra.unit_id
      where ra.person_id = ${ctx.actor.personId} and ra.tenant_id = ${ctx.actor.tenantId}
        and ro.key = 'security_officer'`),
  ).map((r) => r.path);
}

/** For create/edit: the unit must exist and be within the caller's vendor.manage scope. */
export async function manageableUnit(ctx: ActorCtx, unitId: string): Promise<UnitRow> {
  const unit = await unitOf(ctx, unitId);
  if (!canManage(ctx.actor, unit)) throw new AppError(canRead(ctx.actor, unit) ? 'forbidden' : 'not_found');
  return unit;
}

/** The caller holds the security_officer role (情報セキュリティ責任者) at the unit or above it. */
export async function isSecurityOfficerOver(ctx: ActorCtx, unit: UnitRow): Promise<boolean> {
  const rows = rowsOf<{ one: number }>(
    await ctx.db.execute(sql`
      select 1 as one from role_assignments ra
        join roles ro on ro.id = ra.role_id
        join org_units u on u.id = ra.unit_id
      where ra.person_id = ${ctx.actor.personId} and ra.tenant_id = ${unit.tenantId}
        and ro.key = 'security_officer' and ${isWithin(unit.path, sql`u.path`)}
      limit 1`),
  );
  return rows.length > 0;
}

/** Active people of the caller's tenant with these ids; "validation" when one is unknown. */
export async function tenantPeople(ctx: ActorCtx, ids: readonly string[], field: string) {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .select({ id: people.id, name: people.name, email: people.email, status: people.status })
    .from(people)
    .where(and(eq(people.tenantId, ctx.actor.tenantId), inArray(people.id, [...new Set(ids)])));
  if (rows.length !== new Set(ids).size || rows.some((p) => p.status === 'left'))
    throw new AppError('validation_failed', {
      errors: [{ path: field, message: { ja: '職員が見つかりません。', en: 'Unknown person.' } }],
    });
  return rows;
}

/** Names of people by id, for presenters. */
export async function personNames(ctx: ActorCtx, ids: readonly (string | null)[]) {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (want.length === 0) return new Map<string, string>();
  const rows = await ctx.db
    .select({ id: people.id, name: people.name })
    .from(people)
    .where(inArray(people.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const ref = (names: Map<string, string>, id: string | null) =>
  id ? { id, name: names.get(id) ?? '' } : null;
