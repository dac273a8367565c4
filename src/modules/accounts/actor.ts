import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  type Actor,
  type ActorRole,
  type Grant,
  isPermission,
  type TokenScope,
} from '../../server/policy.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import { accounts } from './schema.js';

/**
 * Builds the actor of a request: the account, its person, and the grants of every role they hold.
 * One query (every request runs it): the account with its roles left-joined, one row per role held.
 */
export async function loadActor(
  db: Db,
  accountId: string,
  via: Actor['via'],
  tokenScopes?: TokenScope[],
): Promise<Actor | null> {
  const rows = await db
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
      roleId: roles.id,
      roleKey: roles.key,
      roleName: roles.nameJa,
      permissions: roles.permissions,
      unitId: orgUnits.id,
      unitName: orgUnits.nameJa,
      unitPath: orgUnits.path,
    })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
    .leftJoin(
      roleAssignments,
      and(eq(roleAssignments.personId, people.id), eq(roleAssignments.tenantId, tenants.id)),
    )
    .leftJoin(roles, eq(roles.id, roleAssignments.roleId))
    .leftJoin(orgUnits, eq(orgUnits.id, roleAssignments.unitId))
    .where(eq(accounts.id, accountId));
  const row = rows[0];
  if (!row || row.disabledAt || row.personStatus === 'left') return null;

  const grants: Grant[] = [];
  const actorRoles: ActorRole[] = [];
  for (const h of rows) {
    if (!h.roleId || !h.unitId || !h.unitPath) continue;
    actorRoles.push({
      roleId: h.roleId,
      roleKey: h.roleKey!,
      roleName: h.roleName!,
      unitId: h.unitId,
      unitName: h.unitName!,
    });
    for (const p of h.permissions ?? [])
      if (isPermission(p)) grants.push({ permission: p, unitPath: h.unitPath });
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
