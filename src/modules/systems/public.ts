import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { type AffectedProduct, ComponentIndex, matchAdvisories } from './advisory-match.js';
import { liveComponents } from './advisory-match-service.js';
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

export type { AffectedProduct } from './advisory-match.js';
export { productProblems } from './advisory-match.js';
export { AffectedProductIn } from './advisory-validation.js';
/** The fiscal year's figures of the ledger and of the focused inspection (report/figures-model.ts). */
export { annualInspections } from './annual-inspections.js';
export { annualSystems } from './annual-systems.js';

/** A system of the ledger running a named product, with the components that make it so. */
export interface SystemUsingProducts extends SystemResponsibles {
  components: { vendor: string; product: string; version: string }[];
}

/**
 * The agency's systems (retired ones aside) whose ledger software matches any of these products, by the
 * advisory matching (000 L839-845: the ledger lets the office alert the right owners at once).
 */
export async function systemsUsingProducts(
  db: Db,
  tenantId: string,
  products: readonly AffectedProduct[],
): Promise<SystemUsingProducts[]> {
  if (products.length === 0) return [];
  const rows = await liveComponents(db, tenantId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const matches = matchAdvisories([{ id: 'products', products: [...products] }], new ComponentIndex(rows));
  const found = await systemResponsibles(
    db,
    tenantId,
    matches.map((m) => m.systemId),
  );
  return matches
    .filter((m) => found.has(m.systemId))
    .map((m) => ({
      ...found.get(m.systemId)!,
      components: m.componentIds.map((id) => {
        const c = byId.get(id)!;
        return { vendor: c.vendor, product: c.product, version: c.version };
      }),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
