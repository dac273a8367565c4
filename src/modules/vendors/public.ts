// What other modules may know of this module's registers (the classification module's cloud-service
// requests). They never read these tables themselves.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgUnits, people } from '../org/schema.js';
import { cloudAccepts } from './rules.js';
import { cloudServiceRequests, cloudServices } from './schema.js';

export interface RegisteredCloudService {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  /** Highest confidentiality the register allows (never 要機密情報). */
  maxConfidentiality: number;
  active: boolean;
  /** The person the 情報セキュリティ責任者 named; approves requests to use the service (001 L11052-11080). */
  responsible: { personId: string; name: string; email: string | null; left: boolean } | null;
}

/** A registered service of the tenant, or null. */
export async function registeredCloudService(
  db: Db,
  tenantId: string,
  serviceId: string,
): Promise<RegisteredCloudService | null> {
  const [row] = await db
    .select({ s: cloudServices, unitName: orgUnits.nameJa })
    .from(cloudServices)
    .innerJoin(orgUnits, eq(orgUnits.id, cloudServices.unitId))
    .where(and(eq(cloudServices.id, serviceId), eq(cloudServices.tenantId, tenantId)));
  if (!row) return null;
  const s = row.s;
  let responsible: RegisteredCloudService['responsible'] = null;
  if (s.responsiblePersonId) {
    const [p] = await db.select().from(people).where(eq(people.id, s.responsiblePersonId));
    if (p) responsible = { personId: p.id, name: p.name, email: p.email, left: p.status === 'left' };
  }
  return {
    id: s.id,
    name: s.name,
    unitId: s.unitId,
    unitName: row.unitName,
    maxConfidentiality: s.maxConfidentiality,
    active: s.status === 'active',
    responsible,
  };
}

/** The service accepts information at this level (its ceiling, and never 要機密情報). */
export function serviceAccepts(service: Pick<RegisteredCloudService, 'maxConfidentiality'>, level: number) {
  return cloudAccepts(service.maxConfidentiality, level);
}

/** Remember which service a handling request names (in the request's transaction). */
export async function linkCloudRequest(tx: Db, requestId: string, serviceId: string) {
  await tx.insert(cloudServiceRequests).values({ requestId, serviceId });
}

/** The registers' figures of a fiscal year (report/figures-model.ts VendorsAnnual). */
export { annualFigures } from './annual.js';
