// What other modules may know of the security roles: who holds the standard ones (the 推進体制's
// roster in the annual report, 000 L375-431). Nothing here changes roles or assignments.
import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { isWithin, type Permission } from '../../server/policy.js';
import { orgUnits, people } from '../org/schema.js';
import { STANDARD_ROLES } from './catalog.js';
import { roleAssignments, roles } from './schema.js';

export interface RoleRosterRow {
  key: string;
  name: string;
  standardName: string | null;
  holders: number;
  /** Up to `maxNames` holders, the highest-placed unit first (a bureau's before a division's). */
  names: string[];
  /** The role every staff member holds without an assignment (行政事務従事者, 001 L2774). */
  allStaff: boolean;
}

const STAFF_STANDARD_NAME = '行政事務従事者';
const catalogOrder = new Map(STANDARD_ROLES.map((r, i) => [r.key, i]));

/**
 * The tenant's standard security roles in the catalog's order, with the number of people holding each
 * (people who left and assignments at abolished units do not count) and the first few names. Two
 * grouped queries whatever the headcount. Every staff member holds the staff role, assigned or not.
 */
export async function roleRoster(db: Db, tenantId: string, maxNames = 5): Promise<RoleRosterRow[]> {
  const standard = await db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), isNotNull(roles.standardName)));
  standard.sort(
    (a, b) =>
      (catalogOrder.get(a.key) ?? Number.MAX_SAFE_INTEGER) -
        (catalogOrder.get(b.key) ?? Number.MAX_SAFE_INTEGER) ||
      a.sortOrder - b.sortOrder ||
      a.key.localeCompare(b.key),
  );
  const held = rowsOf<{ role_id: string; holders: number; names: string[] }>(
    await db.execute(sql`
      select role_id, count(*)::int as holders,
        (array_agg(name order by depth, kana, staff_no))[1:${maxNames}::int] as names
      from (
        select ra.role_id, p.id, p.name, p.kana, p.staff_no, min(u.depth) as depth
        from role_assignments ra
          join people p on p.id = ra.person_id
          join org_units u on u.id = ra.unit_id
        where ra.tenant_id = ${tenantId}::uuid and p.status <> 'left' and u.abolished_at is null
        group by ra.role_id, p.id
      ) h
      group by role_id`),
  );
  const byRole = new Map(held.map((h) => [h.role_id, h]));
  const isStaff = (r: (typeof standard)[number]) =>
    r.key === 'staff' || r.standardName === STAFF_STANDARD_NAME;
  const staffCount = standard.some(isStaff)
    ? rowsOf<{ n: number }>(
        await db.execute(sql`
          select count(*)::int as n from people p join org_units u on u.id = p.unit_id
          where p.tenant_id = ${tenantId}::uuid and p.status <> 'left' and u.abolished_at is null`),
      )[0]!.n
    : 0;
  return standard.map((r) => {
    const h = byRole.get(r.id);
    const allStaff = isStaff(r);
    return {
      key: r.key,
      name: r.nameJa,
      standardName: r.standardName,
      holders: allStaff ? staffCount : (h?.holders ?? 0),
      names: allStaff ? [] : (h?.names ?? []),
      allStaff,
    };
  });
}

// What other modules may know of roles: who holds them (to notify), and which roles a tenant has.

export interface RoleHolder {
  personId: string;
  name: string;
  email: string | null;
  unitId: string;
}

export interface RoleChoice {
  id: string;
  nameJa: string;
  nameEn: string;
}

/** The tenant's roles, in their display order. */
export async function tenantRoles(db: Db, tenantId: string): Promise<RoleChoice[]> {
  return db
    .select({ id: roles.id, nameJa: roles.nameJa, nameEn: roles.nameEn })
    .from(roles)
    .where(eq(roles.tenantId, tenantId))
    .orderBy(asc(roles.sortOrder), asc(roles.nameJa));
}

function holders(db: Db, tenantId: string, which: ReturnType<typeof and>) {
  return db
    .selectDistinct({ personId: people.id, name: people.name, email: people.email, unitId: people.unitId })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(people, eq(people.id, roleAssignments.personId))
    .where(and(eq(roleAssignments.tenantId, tenantId), ne(people.status, 'left'), which))
    .orderBy(asc(people.id));
}

/** People of the tenant (not left) holding any of these roles, each once. Unknown or foreign role ids match nobody. */
export async function holdersOfRoles(
  db: Db,
  tenantId: string,
  roleIds: readonly string[],
): Promise<RoleHolder[]> {
  if (roleIds.length === 0) return [];
  return holders(db, tenantId, and(eq(roles.tenantId, tenantId), inArray(roles.id, [...roleIds])));
}

/** People of the tenant (not left) holding a role that grants this permission anywhere, each once. */
export async function holdersOfPermission(
  db: Db,
  tenantId: string,
  permission: Permission,
): Promise<RoleHolder[]> {
  return holders(db, tenantId, sql`${roles.permissions} @> ${JSON.stringify([permission])}::jsonb`);
}

export interface RoleWithHolders {
  id: string;
  key: string;
  nameJa: string;
  nameEn: string;
  standardName: string | null;
  descriptionJa: string;
  descriptionEn: string;
  /** People holding the role at the person's own unit or a unit above it. */
  holders: { name: string; unitName: string }[];
}

/**
 * The agency's roles (as it named them) and who holds each in a person's unit chain (their unit and
 * every unit above it) — what a staff member needs to know to find "my" division head or CISO.
 */
export async function rolesWithHoldersAbove(
  db: Db,
  tenantId: string,
  personId: string,
): Promise<RoleWithHolders[]> {
  const [me] = await db
    .select({ path: orgUnits.path })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.unitId))
    .where(and(eq(people.id, personId), eq(people.tenantId, tenantId)));
  const list = await db
    .select()
    .from(roles)
    .where(eq(roles.tenantId, tenantId))
    .orderBy(asc(roles.sortOrder), asc(roles.nameJa));
  const holders = me
    ? await db
        .select({
          roleId: roleAssignments.roleId,
          name: people.name,
          kana: people.kana,
          unitName: orgUnits.nameJa,
          depth: orgUnits.depth,
        })
        .from(roleAssignments)
        .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
        .innerJoin(people, eq(people.id, roleAssignments.personId))
        .where(
          and(
            eq(roleAssignments.tenantId, tenantId),
            ne(people.status, 'left'),
            isWithin(me.path, orgUnits.path),
          ),
        )
        .orderBy(asc(orgUnits.depth), asc(people.kana))
    : [];
  return list.map((r) => ({
    id: r.id,
    key: r.key,
    nameJa: r.nameJa,
    nameEn: r.nameEn,
    standardName: r.standardName,
    descriptionJa: r.descriptionJa,
    descriptionEn: r.descriptionEn,
    holders: holders.filter((h) => h.roleId === r.id).map((h) => ({ name: h.name, unitName: h.unitName })),
  }));
}
