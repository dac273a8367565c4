// What other modules may use of roles and who holds them.
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { isWithin } from '../../server/policy.js';
import { orgUnits, people } from '../org/schema.js';
import { roleAssignments, roles } from './schema.js';

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
