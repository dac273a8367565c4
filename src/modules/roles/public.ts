import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Permission } from '../../server/policy.js';
import { people } from '../org/schema.js';
import { roleAssignments, roles } from './schema.js';

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
