import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import { enqueue } from '../../server/jobs/queue.js';
import { ComponentIndex, type MatchComponent, matchAdvisories } from './advisory-match.js';
import { advisoryNoticeJob } from './advisory-notice-job.js';
import { loadAdvisoryPolicy } from './advisory-policy-service.js';
import { targetDate } from './advisory-rules.js';
import { advisories, advisoryResponses } from './advisory-schema.js';
import { systemSoftware, systems } from './schema.js';

export interface MatchOutcome {
  affectedSystems: number;
  newResponses: number;
}

/** Every software component of the agency's systems in use (retired ones aside), as matching reads them. */
export async function liveComponents(db: Db, tenantId: string) {
  return db
    .select({
      id: systemSoftware.id,
      systemId: systemSoftware.systemId,
      vendorKey: systemSoftware.vendorKey,
      productKey: systemSoftware.productKey,
      version: systemSoftware.version,
      cpe: systemSoftware.cpe,
      vendor: systemSoftware.vendor,
      product: systemSoftware.product,
    })
    .from(systemSoftware)
    .innerJoin(systems, eq(systems.id, systemSoftware.systemId))
    .where(and(eq(systemSoftware.tenantId, tenantId), ne(systems.lifecycle, 'retired')));
}

/**
 * Matches advisories against every component of the agency's ledger (retired systems aside) and opens a
 * response for each newly affected system, due by the CVSS band of the agency's policy; its owners are
 * mailed by a job. Existing responses are kept as they are (answers are never reset by a re-match).
 */
export async function matchAndOpen(
  tx: Db,
  tenantId: string,
  advisoryIds: string[],
  now = new Date(),
): Promise<Map<string, MatchOutcome>> {
  const out = new Map<string, MatchOutcome>(
    advisoryIds.map((id) => [id, { affectedSystems: 0, newResponses: 0 }]),
  );
  if (advisoryIds.length === 0) return out;
  const rows = await liveComponents(tx, tenantId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const index = new ComponentIndex(rows as MatchComponent[]);
  const advs = await tx
    .select({ id: advisories.id, products: advisories.products, cvssScore: advisories.cvssScore })
    .from(advisories)
    .where(and(eq(advisories.tenantId, tenantId), inArray(advisories.id, advisoryIds)));
  const matches = matchAdvisories(advs, index);
  const policy = (await loadAdvisoryPolicy(tx, tenantId)).data;
  const today = todayInJapan(now);
  const score = new Map(advs.map((a) => [a.id, a.cvssScore]));
  const noticeFor = new Set<string>();
  for (let i = 0; i < matches.length; i += 500) {
    const chunk = matches.slice(i, i + 500);
    const inserted = await tx
      .insert(advisoryResponses)
      .values(
        chunk.map((m) => ({
          tenantId,
          advisoryId: m.advisoryId,
          systemId: m.systemId,
          components: m.componentIds.map((id) => {
            const c = byId.get(id)!;
            return { id, vendor: c.vendor, product: c.product, version: c.version };
          }),
          targetDate: targetDate(policy, score.get(m.advisoryId) ?? null, today),
        })),
      )
      .onConflictDoNothing()
      .returning({ advisoryId: advisoryResponses.advisoryId });
    for (const r of inserted) {
      out.get(r.advisoryId)!.newResponses++;
      noticeFor.add(r.advisoryId);
    }
  }
  for (const m of matches) out.get(m.advisoryId)!.affectedSystems++;
  await tx.update(advisories).set({ matchedAt: now }).where(inArray(advisories.id, advisoryIds));
  for (const advisoryId of noticeFor) await enqueue(tx, advisoryNoticeJob, { advisoryId });
  return out;
}
