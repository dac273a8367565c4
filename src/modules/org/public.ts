import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from './schema.js';

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
