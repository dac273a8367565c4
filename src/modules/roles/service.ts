import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import {
  type Actor,
  authorize,
  authorizeOver,
  authorizeTenantWide,
  can,
  type HeldPermission,
  inScope,
  type Located,
} from '../../server/policy.js';
import { requireSessionRotation } from '../accounts/auth-service.js';
import { recordAudit } from '../audit/service.js';
import { loadPerson } from '../org/people-service.js';
import { orgUnits, people } from '../org/schema.js';
import { loadUnit } from '../org/service.js';
import { roleAssignments, roles } from './schema.js';
import type { AssignBody, CreateRoleBody, RoleOut, UpdateRoleBody } from './validation.js';

type RoleRow = typeof roles.$inferSelect;

function presentRole(r: RoleRow, holders: number): RoleOut {
  return { ...r, permissions: r.permissions, holders };
}

/** Nobody can hand out more than they hold: every permission of the role must be theirs at that place. */
function assertNoEscalation(actor: Actor, permissions: string[], where: Located | 'tenant') {
  authorizeOver(
    actor,
    permissions.map((permission) => ({ permission, at: where })),
    'role',
  );
}

export async function listRoles(ctx: ActorCtx) {
  const rows = await ctx.db
    .select()
    .from(roles)
    .where(eq(roles.tenantId, ctx.actor.tenantId))
    .orderBy(asc(roles.sortOrder));
  const holders = await ctx.db
    .select({ roleId: roleAssignments.roleId, n: count() })
    .from(roleAssignments)
    .where(eq(roleAssignments.tenantId, ctx.actor.tenantId))
    .groupBy(roleAssignments.roleId);
  const byRole = new Map(holders.map((h) => [h.roleId, h.n]));
  return rows.map((r) => presentRole(r, byRole.get(r.id) ?? 0));
}

export async function createRole(ctx: ActorCtx, input: z.infer<typeof CreateRoleBody>) {
  authorizeTenantWide(ctx.actor, 'role.manage');
  assertNoEscalation(ctx.actor, input.permissions, 'tenant');
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.tenantId, ctx.actor.tenantId), eq(roles.key, input.key)));
    if (dup)
      throw new AppError('conflict', {
        detail: { ja: `キー ${input.key} は使用済みです。`, en: `Key ${input.key} is taken.` },
      });
    const [role] = await tx
      .insert(roles)
      .values({
        ...input,
        tenantId: ctx.actor.tenantId,
        standardName: null,
        sortOrder: input.sortOrder ?? 1000,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'role.create',
      tenantId: ctx.actor.tenantId,
      targetId: role!.id,
      after: role,
    });
    return presentRole(role!, 0);
  });
}

async function loadRole(ctx: ActorCtx, id: string): Promise<RoleRow> {
  const [role] = await ctx.db
    .select()
    .from(roles)
    .where(and(eq(roles.id, id), eq(roles.tenantId, ctx.actor.tenantId)));
  if (!role) throw new AppError('not_found');
  return role;
}

export async function updateRole(ctx: ActorCtx, id: string, input: z.infer<typeof UpdateRoleBody>) {
  authorizeTenantWide(ctx.actor, 'role.manage');
  const role = await loadRole(ctx, id);
  if (input.metricGroup !== undefined && role.standardName && input.metricGroup !== role.metricGroup) {
    throw new AppError('bad_request', {
      detail: {
        ja: '統一基準の役割の集計区分は変更できません。',
        en: 'The metric group of a standard role cannot change.',
      },
    });
  }
  // Both what the role had and what it gets must be within the actor's own permissions.
  if (input.permissions) assertNoEscalation(ctx.actor, [...role.permissions, ...input.permissions], 'tenant');
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(roles)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(roles.id, id))
      .returning();
    if (input.permissions) await requireSessionRotation(tx, { roleId: id });
    await recordAudit(tx, ctx, {
      action: 'role.update',
      tenantId: role.tenantId,
      targetId: id,
      before: role,
      after,
    });
    const [n] = await tx.select({ n: count() }).from(roleAssignments).where(eq(roleAssignments.roleId, id));
    return presentRole(after!, n?.n ?? 0);
  });
}

export async function assignRole(ctx: ActorCtx, personId: string, input: z.infer<typeof AssignBody>) {
  const { person } = await loadPerson(ctx, personId);
  const unit = await loadUnit(ctx, input.unitId);
  const at = { tenantId: unit.tenantId, unitPath: unit.path };
  authorize(ctx.actor, 'role.assign', at);
  const role = await loadRole(ctx, input.roleId);
  assertNoEscalation(ctx.actor, role.permissions, at);
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: roleAssignments.id })
      .from(roleAssignments)
      .where(
        and(
          eq(roleAssignments.personId, person.id),
          eq(roleAssignments.roleId, role.id),
          eq(roleAssignments.unitId, unit.id),
        ),
      );
    if (dup) throw new AppError('conflict');
    const [row] = await tx
      .insert(roleAssignments)
      .values({ tenantId: person.tenantId, personId: person.id, roleId: role.id, unitId: unit.id })
      .returning();
    await requireSessionRotation(tx, { personIds: [person.id] });
    await recordAudit(tx, ctx, {
      action: 'role.assign',
      tenantId: person.tenantId,
      targetId: row!.id,
      after: { person: person.staffNo, role: role.key, unit: unit.code },
    });
    return { id: row!.id, personId: person.id, roleId: role.id, unitId: unit.id };
  });
}

export async function unassignRole(ctx: ActorCtx, assignmentId: string) {
  const [row] = await ctx.db
    .select({ a: roleAssignments, role: roles, unit: orgUnits, person: people })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .innerJoin(people, eq(people.id, roleAssignments.personId))
    .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.tenantId, ctx.actor.tenantId)));
  if (!row || !can(ctx.actor, 'org.read', { tenantId: row.unit.tenantId, unitPath: row.unit.path })) {
    throw new AppError('not_found');
  }
  const at = { tenantId: row.unit.tenantId, unitPath: row.unit.path };
  authorize(ctx.actor, 'role.assign', at);
  assertNoEscalation(ctx.actor, row.role.permissions, at);
  await ctx.db.transaction(async (tx) => {
    if (row.role.permissions.includes('role.assign') && row.unit.kind === 'root') {
      // Keep at least one person able to give roles, or the agency could lock itself out.
      const [n] = await tx
        .select({ n: count() })
        .from(roleAssignments)
        .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
        .where(and(eq(roleAssignments.roleId, row.role.id), eq(orgUnits.kind, 'root')));
      if ((n?.n ?? 0) <= 1) {
        throw new AppError('invalid_state', {
          detail: {
            ja: 'この役割の最後の保持者は外せません。先に別の人を任命してください。',
            en: 'This is the last holder of the role. Assign someone else first.',
          },
        });
      }
    }
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, assignmentId));
    await requireSessionRotation(tx, { personIds: [row.person.id] });
    await recordAudit(tx, ctx, {
      action: 'role.unassign',
      tenantId: row.a.tenantId,
      targetId: assignmentId,
      before: { person: row.person.staffNo, role: row.role.key, unit: row.unit.code },
    });
  });
}

/** Who holds a role, within the actor's org.read scope. */
export async function listRoleHolders(ctx: ActorCtx, roleId: string, page: number, pageSize: number) {
  authorize(ctx.actor, 'org.read');
  const role = await loadRole(ctx, roleId);
  const where = and(eq(roleAssignments.roleId, role.id), inScope(ctx.actor, 'org.read', orgUnits.path));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ a: roleAssignments, person: people, unit: orgUnits })
      .from(roleAssignments)
      .innerJoin(people, eq(people.id, roleAssignments.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
      .where(where)
      .orderBy(asc(orgUnits.path), asc(people.staffNo))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db
      .select({ n: count() })
      .from(roleAssignments)
      .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
      .where(where),
  ]);
  return {
    total: total?.n ?? 0,
    page,
    pageSize,
    items: rows.map((r) => ({
      assignmentId: r.a.id,
      personId: r.person.id,
      staffNo: r.person.staffNo,
      name: r.person.name,
      unitId: r.unit.id,
      unitName: r.unit.nameJa,
      unitNameEn: r.unit.nameEn,
    })),
  };
}

/**
 * Every permission a person holds, at the unit where each role is held (any unit of the tenant):
 * what someone acting on that person's account must hold too (policy.ts `authorizeOver`).
 */
export async function permissionsHeldBy(
  db: Db,
  tenantId: string,
  personId: string,
): Promise<HeldPermission[]> {
  return (await permissionsHeldByPeople(db, tenantId, [personId])).get(personId) ?? [];
}

/** The same for many people at once; people who hold no role are absent from the map. */
export async function permissionsHeldByPeople(db: Db, tenantId: string, personIds: string[]) {
  const held = new Map<string, HeldPermission[]>();
  if (personIds.length === 0) return held;
  const rows = [];
  for (let i = 0; i < personIds.length; i += 5000) {
    rows.push(
      ...(await db
        .select({
          personId: roleAssignments.personId,
          permissions: roles.permissions,
          unitPath: orgUnits.path,
        })
        .from(roleAssignments)
        .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
        .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
        .where(
          and(
            eq(roleAssignments.tenantId, tenantId),
            inArray(roleAssignments.personId, personIds.slice(i, i + 5000)),
          ),
        )),
    );
  }
  for (const r of rows) {
    const list = held.get(r.personId) ?? [];
    for (const permission of r.permissions) list.push({ permission, at: { tenantId, unitPath: r.unitPath } });
    held.set(r.personId, list);
  }
  return held;
}
