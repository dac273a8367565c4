import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classificationEntries } from './register-schema.js';

// What other modules (incidents) may know of the register: whether entries exist in a tenant. They
// never read the register's content, which its own access rule guards.

/** The ids among these that are register entries of the tenant. */
export async function existingRegisterEntries(
  db: Db,
  tenantId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: classificationEntries.id })
    .from(classificationEntries)
    .where(and(eq(classificationEntries.tenantId, tenantId), inArray(classificationEntries.id, [...ids])));
  return new Set(rows.map((r) => r.id));
}
