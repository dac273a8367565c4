import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { systems } from './schema.js';

// What other modules may know of the ledger (classification requests, incidents, alerts): the people
// who answer for a system. They never read the systems tables themselves.

export interface SystemResponsibles {
  id: string;
  code: string;
  name: string;
  unitId: string;
  /** The owning unit's materialised path, for subtree authorization. */
  unitPath: string;
  /** 情報システムセキュリティ責任者 (002 L287-295). */
  securityOfficerId: string | null;
  /** 情報システムセキュリティ管理者 (002 L297-303). */
  administratorId: string | null;
}

/** The systems with these ids in the tenant (unknown ids are simply absent from the map). */
export async function systemResponsibles(
  db: Db,
  tenantId: string,
  systemIds: readonly string[],
): Promise<Map<string, SystemResponsibles>> {
  if (systemIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: systems.id,
      code: systems.code,
      name: systems.name,
      unitId: systems.unitId,
      unitPath: orgUnits.path,
      securityOfficerId: systems.securityOfficerId,
      administratorId: systems.administratorId,
    })
    .from(systems)
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(eq(systems.tenantId, tenantId), inArray(systems.id, [...systemIds])));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The actor answers for the system: its security officer or its administrator. */
export function isSystemResponsible(
  actor: Pick<Actor, 'personId' | 'tenantId'>,
  system: Pick<SystemResponsibles, 'securityOfficerId' | 'administratorId'> & { tenantId?: string },
): boolean {
  if (system.tenantId !== undefined && system.tenantId !== actor.tenantId) return false;
  return actor.personId === system.securityOfficerId || actor.personId === system.administratorId;
}

/** The fiscal year's figures of the ledger and of the focused inspection (report/figures-model.ts). */
export { annualInspections } from './annual-inspections.js';
export { annualSystems } from './annual-systems.js';
