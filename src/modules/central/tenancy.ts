// Who reports to whom: agencies to the central body, 独法 to their supervising ministry (001 L15064-15078).
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { tenants } from '../org/schema.js';

type Tenant = typeof tenants.$inferSelect;

/** The central body an agency reports to: its parent, or the only central body there is. */
export async function centralBodyOf(db: Db, tenantId: string, depth = 0): Promise<Tenant | null> {
  const [agency] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (agency?.parentTenantId) {
    const [parent] = await db.select().from(tenants).where(eq(tenants.id, agency.parentTenantId));
    if (parent?.kind === 'central') return parent;
    // A 独法 (its parent is a ministry) reports to the ministry's central body, through the ministry.
    if (parent?.kind === 'agency' && depth < 3) return centralBodyOf(db, parent.id, depth + 1);
  }
  const centrals = await db.select().from(tenants).where(eq(tenants.kind, 'central'));
  return centrals.length === 1 ? centrals[0]! : null;
}

/**
 * Where an agency's submissions go: an incorporated administrative agency (独法, its parent is another
 * agency) submits to its supervising ministry, never to the central body (001 L15064-15078); any other
 * agency to its central body.
 */
export async function recipientOf(db: Db, tenantId: string): Promise<Tenant | null> {
  const [agency] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (!agency) return null;
  if (agency.parentTenantId) {
    const [parent] = await db.select().from(tenants).where(eq(tenants.id, agency.parentTenantId));
    if (parent?.kind === 'agency') return parent;
  }
  return centralBodyOf(db, tenantId);
}
