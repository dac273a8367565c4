import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { ActorCtx } from '../../../server/context.js';
import { orgUnits } from '../../org/schema.js';
import { type FindingStatus, systemFindings } from '../finding-schema.js';
import { visible } from '../finding-service.js';
import { systems } from '../schema.js';
import { findingsToSarif, SARIF_SOURCES, type SarifFindingRow } from './sarif.js';

export const SARIF_TYPE = 'application/sarif+json; charset=utf-8';

/**
 * Scanner and probe findings the actor may read (the same rule as the findings list: system.view over
 * the system's unit, or they answer for the system), as one SARIF log.
 */
export async function exportFindingsSarif(
  ctx: ActorCtx,
  q: { systemId?: string | undefined; status?: FindingStatus | 'outstanding' | 'all' | undefined },
) {
  const conds: SQL[] = [
    eq(systemFindings.tenantId, ctx.actor.tenantId),
    visible(ctx),
    inArray(systemFindings.source, [...SARIF_SOURCES]),
  ];
  const status = q.status ?? 'outstanding';
  if (status === 'outstanding') conds.push(inArray(systemFindings.status, ['open', 'fixed']));
  else if (status !== 'all') conds.push(eq(systemFindings.status, status));
  if (q.systemId) conds.push(eq(systemFindings.systemId, q.systemId));
  const rows = await ctx.db
    .select({
      id: systemFindings.id,
      systemCode: systems.code,
      systemName: systems.name,
      hostLabel: systemFindings.hostLabel,
      source: systemFindings.source,
      title: systemFindings.title,
      band: systemFindings.band,
      cvssScore: systemFindings.cvssScore,
      cvssVector: systemFindings.cvssVector,
      description: systemFindings.description,
      recommendation: systemFindings.recommendation,
      evidence: systemFindings.evidence,
      foundOn: systemFindings.foundOn,
      targetDate: systemFindings.targetDate,
      status: systemFindings.status,
      acceptedReason: systemFindings.acceptedReason,
    })
    .from(systemFindings)
    .innerJoin(systems, eq(systems.id, systemFindings.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(...conds))
    .orderBy(asc(systems.code), asc(systemFindings.foundOn), asc(systemFindings.id));
  const log = findingsToSarif(rows as SarifFindingRow[]);
  return {
    body: Buffer.from(`${JSON.stringify(log, null, 2)}\n`),
    type: SARIF_TYPE,
    filename: q.systemId ? `findings-${q.systemId.slice(0, 8)}.sarif` : 'findings.sarif',
  };
}
