// What other modules may know of the organisation: the figures of the annual report's 推進体制
// (000 L375-431). The org keeps no history, so they are the organisation as it stands.
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { OrgAnnual } from '../report/figures-model.js';
import { roleRoster } from '../roles/public.js';
import { orgUnits, people } from './schema.js';

/**
 * Active people, units in existence, and per standard security role (catalog order) the number of
 * holders and up to five names. `fiscalYear` names the report's year; the figures are today's (the
 * report is written at or after the year's end, when the roster is the one to print).
 */
export async function annualFigures(db: Db, tenantId: string, _fiscalYear: number): Promise<OrgAnnual> {
  // One query after the other: `db` may be a transaction (the report's approval snapshot).
  const [p] = await db
    .select({ n: count() })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.status, 'active')));
  const [u] = await db
    .select({ n: count() })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), isNull(orgUnits.abolishedAt)));
  const roster = await roleRoster(db, tenantId, 5);
  return { people: p?.n ?? 0, units: u?.n ?? 0, roles: roster };
}

// What other modules may know of people: how to reach them.

export interface PersonContact {
  personId: string;
  name: string;
  email: string | null;
  unitId: string;
  /** Someone who has left is never mailed. */
  left: boolean;
}

/** People of the tenant with these ids (unknown or foreign ids are simply absent). */
export async function personContacts(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<PersonContact[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({
      personId: people.id,
      name: people.name,
      email: people.email,
      unitId: people.unitId,
      status: people.status,
    })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), inArray(people.id, [...ids])));
  return rows.map(({ status, ...r }) => ({ ...r, left: status === 'left' }));
}
