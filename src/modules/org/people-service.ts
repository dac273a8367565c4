import { and, asc, count, eq, ilike, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeOver, can, escapeLike, inScope, withinSubtree } from '../../server/policy.js';
import { accounts } from '../accounts/schema.js';
import { accountThrottledUntil } from '../accounts/service.js';
import { recordAudit } from '../audit/service.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { permissionsHeldBy } from '../roles/service.js';
import { orgUnits, people } from './schema.js';
import { loadUnit } from './service.js';
import type { CreatePersonBody, ListPeopleQuery, UpdatePersonBody } from './validation.js';

type PersonRow = typeof people.$inferSelect;

export function presentPerson(p: PersonRow, unit: { nameJa: string; nameEn: string | null }) {
  return {
    id: p.id,
    staffNo: p.staffNo,
    name: p.name,
    kana: p.kana,
    email: p.email,
    unitId: p.unitId,
    unitName: unit.nameJa,
    unitNameEn: unit.nameEn,
    employmentType: p.employmentType,
    status: p.status,
    leftAt: p.leftAt ? p.leftAt.toISOString() : null,
  };
}

/** People in the actor's scope, searched and paged in the query itself. */
export async function listPeople(ctx: ActorCtx, query: ListPeopleQuery) {
  authorize(ctx.actor, 'org.read');
  const conds: (SQL | undefined)[] = [
    eq(people.tenantId, ctx.actor.tenantId),
    inScope(ctx.actor, 'org.read', orgUnits.path),
  ];
  if (query.unitId) {
    const unit = await loadUnit(ctx, query.unitId);
    conds.push(
      query.subtree === 'true' ? withinSubtree(orgUnits.path, unit.path) : eq(people.unitId, unit.id),
    );
  }
  if (query.status) conds.push(eq(people.status, query.status));
  else if (query.includeLeft !== 'true') conds.push(ne(people.status, 'left'));
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    conds.push(
      or(
        ilike(people.name, like),
        ilike(people.kana, like),
        ilike(people.staffNo, like),
        ilike(people.email, like),
      ),
    );
  }
  const where = and(...conds);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ person: people, unitNameJa: orgUnits.nameJa, unitNameEn: orgUnits.nameEn })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(where)
      .orderBy(asc(people.staffNo))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    ctx.db
      .select({ n: count() })
      .from(people)
      .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
      .where(where),
  ]);
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => presentPerson(r.person, { nameJa: r.unitNameJa, nameEn: r.unitNameEn })),
  };
}

/** Loads a person of the actor's tenant within scope; anything else is "not found". */
export async function loadPerson(
  ctx: ActorCtx,
  id: string,
  permission: 'org.read' | 'org.manage' = 'org.read',
) {
  const [row] = await ctx.db
    .select({ person: people, unit: orgUnits })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(people.id, id), eq(people.tenantId, ctx.actor.tenantId)));
  const isSelf = row?.person.id === ctx.actor.personId && permission === 'org.read';
  if (
    !row ||
    (!isSelf && !can(ctx.actor, 'org.read', { tenantId: row.person.tenantId, unitPath: row.unit.path }))
  ) {
    throw new AppError('not_found');
  }
  if (!isSelf) authorize(ctx.actor, permission, { tenantId: row.person.tenantId, unitPath: row.unit.path });
  return row;
}

export async function getPerson(ctx: ActorCtx, id: string) {
  const { person, unit } = await loadPerson(ctx, id);
  const assignments = await ctx.db
    .select({ a: roleAssignments, role: roles, unit: orgUnits })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .where(eq(roleAssignments.personId, person.id))
    .orderBy(asc(roles.sortOrder));
  const [account] = await ctx.db.select().from(accounts).where(eq(accounts.personId, person.id));
  return {
    ...presentPerson(person, unit),
    roles: assignments.map((r) => ({
      id: r.a.id,
      roleId: r.role.id,
      roleKey: r.role.key,
      roleNameJa: r.role.nameJa,
      roleNameEn: r.role.nameEn,
      unitId: r.unit.id,
      unitName: r.unit.nameJa,
      unitNameEn: r.unit.nameEn,
    })),
    account: account
      ? {
          id: account.id,
          login: account.login,
          disabled: account.disabledAt !== null,
          locked: (await accountThrottledUntil(ctx.db, account.id)) !== null,
          totpEnabled: account.totpEnabled,
        }
      : null,
  };
}

async function staffNoTaken(db: Db, tenantId: string, staffNo: string) {
  const [row] = await db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.staffNo, staffNo)));
  return Boolean(row);
}

export async function createPerson(ctx: ActorCtx, input: z.infer<typeof CreatePersonBody>) {
  const unit = await loadUnit(ctx, input.unitId, 'org.manage');
  return ctx.db.transaction(async (tx) => {
    if (await staffNoTaken(tx, unit.tenantId, input.staffNo)) {
      throw new AppError('conflict', {
        detail: {
          ja: `職員番号 ${input.staffNo} は登録済みです。`,
          en: `Staff number ${input.staffNo} exists.`,
        },
      });
    }
    const [person] = await tx
      .insert(people)
      .values({ ...input, email: input.email ?? null, tenantId: unit.tenantId })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'person.create',
      tenantId: unit.tenantId,
      targetId: person!.id,
      after: person,
    });
    return presentPerson(person!, unit);
  });
}

export async function updatePerson(ctx: ActorCtx, id: string, input: z.infer<typeof UpdatePersonBody>) {
  const { person, unit } = await loadPerson(ctx, id, 'org.manage');
  const target =
    input.unitId && input.unitId !== person.unitId ? await loadUnit(ctx, input.unitId, 'org.manage') : unit;
  const leaving = input.status === 'left' && person.status !== 'left';
  // Marking someone as left disables their login, and their e-mail address is where notices of
  // changes to their account go: neither may be done to someone holding rights the actor lacks.
  const emailChanges = input.email !== undefined && (input.email ?? null) !== person.email;
  if (leaving || emailChanges) {
    authorizeOver(ctx.actor, await permissionsHeldBy(ctx.db, person.tenantId, person.id), 'account');
  }
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(people)
      .set({
        ...input,
        ...(input.status !== undefined && {
          leftAt: input.status === 'left' ? (leaving ? new Date() : person.leftAt) : null,
        }),
        updatedAt: new Date(),
      })
      .where(eq(people.id, id))
      .returning();
    if (leaving) await disableAccountsOf(tx, [id]);
    await recordAudit(tx, ctx, {
      action: 'person.update',
      tenantId: person.tenantId,
      targetId: id,
      before: person,
      after,
    });
    return presentPerson(after!, target);
  });
}

/** People who left keep their records but can no longer log in. */
export async function disableAccountsOf(tx: Db, personIds: string[]) {
  if (personIds.length === 0) return;
  await tx
    .update(accounts)
    .set({ disabledAt: new Date(), updatedAt: new Date() })
    .where(and(inArray(accounts.personId, personIds), sql`${accounts.disabledAt} is null`));
}
