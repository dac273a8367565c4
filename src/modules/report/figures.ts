import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgUnits, people } from '../org/schema.js';
import { roleAssignments, roles } from '../roles/schema.js';
import type { AnnualFigures, OrgAnnual } from './figures-model.js';

// PLACEHOLDER until branch figs-selfcheck lands its collectAnnualFigures (same path, same signature):
// the organisation's figures only; every capability is reported as not in use. At merge, theirs wins.

const NAMES_SHOWN = 20;

async function orgFigures(db: Db, tenantId: string): Promise<OrgAnnual> {
  const [p] = await db
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), ne(people.status, 'left')));
  const [u] = await db.select({ n: count() }).from(orgUnits).where(eq(orgUnits.tenantId, tenantId));
  const rows = await db
    .select({ key: roles.key, name: roles.nameJa, standardName: roles.standardName, person: people.name })
    .from(roles)
    .leftJoin(roleAssignments, eq(roleAssignments.roleId, roles.id))
    .leftJoin(people, eq(people.id, roleAssignments.personId))
    .where(eq(roles.tenantId, tenantId))
    .orderBy(asc(roles.sortOrder), asc(roles.key), asc(people.name));
  const byKey = new Map<string, OrgAnnual['roles'][number]>();
  for (const r of rows) {
    let role = byKey.get(r.key);
    if (!role) {
      role = { key: r.key, name: r.name, standardName: r.standardName, holders: 0, names: [] };
      byKey.set(r.key, role);
    }
    if (r.person) {
      role.holders++;
      if (role.names.length < NAMES_SHOWN) role.names.push(r.person);
    }
  }
  return { people: p?.n ?? 0, units: u?.n ?? 0, roles: [...byKey.values()] };
}

export async function collectAnnualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<AnnualFigures> {
  return {
    tenantId,
    fiscalYear,
    org: await orgFigures(db, tenantId),
    selfcheck: null,
    classification: null,
    inspections: null,
    training: null,
    drills: null,
    incidents: null,
    audits: null,
    systems: null,
    vendors: null,
  };
}
