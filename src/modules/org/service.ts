import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, inScope, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { STANDARD_ROLES, type StandardRole } from '../roles/catalog.js';
import { roles } from '../roles/schema.js';
import { childPath, depthOf, rootPath, wouldCycle } from './rules.js';
import { orgUnits, people, type TenantKind, tenants } from './schema.js';
import type { CreateUnitBody, UnitOut, UpdateUnitBody } from './validation.js';

type UnitRow = typeof orgUnits.$inferSelect;

/** Creates a tenant with its root unit and its copy of the role catalog. */
export async function createTenant(
  ctx: Ctx,
  input: {
    code: string;
    kind: TenantKind;
    nameJa: string;
    nameEn?: string | null;
    roleCatalog?: StandardRole[];
    /** The central body an agency reports to, or (for a 独法) its supervising ministry. */
    parentTenantId?: string | null;
  },
) {
  return ctx.db.transaction(async (tx) => {
    const [tenant] = await tx
      .insert(tenants)
      .values({
        code: input.code,
        kind: input.kind,
        nameJa: input.nameJa,
        nameEn: input.nameEn ?? null,
        parentTenantId: input.parentTenantId ?? null,
      })
      .returning();
    const rootId = randomUUID();
    const [root] = await tx
      .insert(orgUnits)
      .values({
        id: rootId,
        tenantId: tenant!.id,
        parentId: null,
        code: 'ROOT',
        nameJa: input.nameJa,
        nameEn: input.nameEn ?? null,
        kind: 'root',
        path: rootPath(rootId),
        depth: 0,
      })
      .returning();
    const catalog = input.roleCatalog ?? STANDARD_ROLES;
    await tx.insert(roles).values(
      catalog.map((r, i) => ({
        tenantId: tenant!.id,
        key: r.key,
        nameJa: r.nameJa,
        nameEn: r.nameEn,
        standardName: r.standardName,
        metricGroup: r.metricGroup,
        permissions: r.permissions,
        descriptionJa: r.descriptionJa,
        descriptionEn: r.descriptionEn,
        sortOrder: (i + 1) * 10,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'tenant.create',
      tenantId: tenant!.id,
      targetId: tenant!.id,
      after: tenant,
    });
    return { tenant: tenant!, root: root! };
  });
}

export async function rootUnit(db: Db, tenantId: string): Promise<UnitRow> {
  const [root] = await db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), eq(orgUnits.kind, 'root')));
  if (!root) throw new Error(`tenant ${tenantId} has no root unit`);
  return root;
}

export function presentUnit(u: UnitRow, peopleCount: number): UnitOut {
  return {
    id: u.id,
    parentId: u.parentId,
    code: u.code,
    nameJa: u.nameJa,
    nameEn: u.nameEn,
    kind: u.kind,
    depth: u.depth,
    path: u.path,
    sortOrder: u.sortOrder,
    abolished: u.abolishedAt !== null,
    peopleCount,
  };
}

/** Every unit the actor may see, with head counts; the tree is rebuilt by the client from parentId. */
export async function listUnits(ctx: ActorCtx) {
  authorize(ctx.actor, 'org.read');
  const where = and(eq(orgUnits.tenantId, ctx.actor.tenantId), inScope(ctx.actor, 'org.read', orgUnits.path));
  const units = await ctx.db
    .select()
    .from(orgUnits)
    .where(where)
    .orderBy(asc(orgUnits.depth), asc(orgUnits.sortOrder), asc(orgUnits.code));
  const counts = await ctx.db
    .select({ unitId: people.unitId, n: count() })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(where, ne(people.status, 'left')))
    .groupBy(people.unitId);
  const byUnit = new Map(counts.map((c) => [c.unitId, c.n]));
  return units.map((u) => presentUnit(u, byUnit.get(u.id) ?? 0));
}

/** Loads a unit of the actor's tenant and checks a permission on it; invisible units are "not found". */
export async function loadUnit(
  ctx: ActorCtx,
  id: string,
  permission: 'org.read' | 'org.manage' = 'org.read',
): Promise<UnitRow> {
  const [unit] = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), eq(orgUnits.tenantId, ctx.actor.tenantId)));
  if (!unit || !can(ctx.actor, 'org.read', { tenantId: unit.tenantId, unitPath: unit.path }))
    throw new AppError('not_found');
  authorize(ctx.actor, permission, { tenantId: unit.tenantId, unitPath: unit.path });
  return unit;
}

export async function createUnit(ctx: ActorCtx, input: z.infer<typeof CreateUnitBody>) {
  const parent = await loadUnit(ctx, input.parentId, 'org.manage');
  const id = randomUUID();
  const path = childPath(parent.path, id);
  return ctx.db.transaction(async (tx) => {
    const [dup] = await tx
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, parent.tenantId), eq(orgUnits.code, input.code)));
    if (dup)
      throw new AppError('conflict', {
        detail: { ja: `コード ${input.code} は使用済みです。`, en: `Code ${input.code} is taken.` },
      });
    const [unit] = await tx
      .insert(orgUnits)
      .values({
        id,
        tenantId: parent.tenantId,
        parentId: parent.id,
        code: input.code,
        nameJa: input.nameJa,
        nameEn: input.nameEn ?? null,
        kind: input.kind,
        path,
        depth: depthOf(path),
        sortOrder: input.sortOrder ?? 0,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'unit.create',
      tenantId: parent.tenantId,
      targetId: id,
      after: unit,
    });
    return presentUnit(unit!, 0);
  });
}

/** Moves a unit's whole subtree: every descendant's path is rebased in one statement. Returns the new path. */
export async function moveSubtree(
  tx: Db,
  unit: { id: string; tenantId: string; path: string },
  newParent: { id: string; path: string },
): Promise<string> {
  if (wouldCycle(unit.path, newParent.path)) {
    throw new AppError('bad_request', {
      detail: { ja: '組織を自分の配下に移動することはできません。', en: 'A unit cannot move below itself.' },
    });
  }
  const newPath = childPath(newParent.path, unit.id);
  await tx
    .update(orgUnits)
    .set({
      path: sql`${newPath} || substr(${orgUnits.path}, ${unit.path.length + 1})`,
      depth: sql`${orgUnits.depth} + ${depthOf(newPath) - depthOf(unit.path)}`,
      updatedAt: new Date(),
    })
    .where(and(eq(orgUnits.tenantId, unit.tenantId), withinSubtree(orgUnits.path, unit.path)));
  await tx.update(orgUnits).set({ parentId: newParent.id }).where(eq(orgUnits.id, unit.id));
  return newPath;
}

export async function updateUnit(ctx: ActorCtx, id: string, input: z.infer<typeof UpdateUnitBody>) {
  const unit = await loadUnit(ctx, id, 'org.manage');
  if (unit.kind === 'root' && (input.parentId || input.abolished)) {
    throw new AppError('bad_request', {
      detail: {
        ja: '最上位の組織は移動・廃止できません。',
        en: 'The root unit cannot move or be abolished.',
      },
    });
  }
  const newParent =
    input.parentId && input.parentId !== unit.parentId
      ? await loadUnit(ctx, input.parentId, 'org.manage')
      : null;
  return ctx.db.transaction(async (tx) => {
    if (newParent) await moveSubtree(tx, unit, newParent);
    const [after] = await tx
      .update(orgUnits)
      .set({
        ...(input.nameJa !== undefined && { nameJa: input.nameJa }),
        ...(input.nameEn !== undefined && { nameEn: input.nameEn }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.sortOrder !== undefined && { sortOrder: input.sortOrder }),
        ...(input.abolished !== undefined && {
          abolishedAt: input.abolished ? (unit.abolishedAt ?? new Date()) : null,
        }),
        updatedAt: new Date(),
      })
      .where(eq(orgUnits.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'unit.update',
      tenantId: unit.tenantId,
      targetId: id,
      before: unit,
      after,
    });
    const [n] = await tx
      .select({ n: count() })
      .from(people)
      .where(and(eq(people.unitId, id), ne(people.status, 'left')));
    return presentUnit(after!, n?.n ?? 0);
  });
}

export async function getUnit(ctx: ActorCtx, id: string) {
  const unit = await loadUnit(ctx, id);
  const [n] = await ctx.db
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.unitId, id), ne(people.status, 'left')));
  return presentUnit(unit, n?.n ?? 0);
}

/** The tenant's minimum group size for aggregates (see `tenants.minGroupSize`). */
export async function minimumGroupSize(db: Db, tenantId: string): Promise<number> {
  const [row] = await db.select({ n: tenants.minGroupSize }).from(tenants).where(eq(tenants.id, tenantId));
  if (!row) throw new Error(`tenant ${tenantId} does not exist`);
  return row.n;
}
