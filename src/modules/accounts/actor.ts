import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  type Actor,
  type ActorRole,
  type Grant,
  isPermission,
  type Permission,
} from '../../server/policy.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { accounts } from './schema.js';

/** Builds the actor of a request: the account, its person, and the grants of every role they hold. */
export async function loadActor(
  db: Db,
  accountId: string,
  via: Actor['via'],
  tokenScopes?: Permission[],
): Promise<Actor | null> {
  const [row] = await db
    .select({
      accountId: accounts.id,
      login: accounts.login,
      locale: accounts.locale,
      mustChangePassword: accounts.mustChangePassword,
      disabledAt: accounts.disabledAt,
      personId: people.id,
      personName: people.name,
      personStatus: people.status,
      tenantId: tenants.id,
      tenantKind: tenants.kind,
    })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .where(eq(accounts.id, accountId));
  if (!row || row.disabledAt || row.personStatus === 'left') return null;

  const held = await db
    .select({
      roleId: roles.id,
      roleKey: roles.key,
      roleName: roles.nameJa,
      permissions: roles.permissions,
      unitId: orgUnits.id,
      unitName: orgUnits.nameJa,
      unitPath: orgUnits.path,
    })
    .from(roleAssignments)
    .innerJoin(roles, eq(roles.id, roleAssignments.roleId))
    .innerJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .where(and(eq(roleAssignments.personId, row.personId), eq(roleAssignments.tenantId, row.tenantId)));

  const grants: Grant[] = [];
  const actorRoles: ActorRole[] = [];
  for (const h of held) {
    actorRoles.push({
      roleId: h.roleId,
      roleKey: h.roleKey,
      roleName: h.roleName,
      unitId: h.unitId,
      unitName: h.unitName,
    });
    for (const p of h.permissions) if (isPermission(p)) grants.push({ permission: p, unitPath: h.unitPath });
  }
  return {
    accountId: row.accountId,
    login: row.login,
    personId: row.personId,
    personName: row.personName,
    tenantId: row.tenantId,
    tenantKind: row.tenantKind,
    locale: row.locale,
    mustChangePassword: row.mustChangePassword,
    roles: actorRoles,
    grants,
    via,
    ...(tokenScopes ? { tokenScopes } : {}),
  };
}
