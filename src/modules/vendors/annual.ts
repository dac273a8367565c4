import { and, count, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fiscalYearDays, fiscalYearSpan } from '../../lib/dates.js';
import type { VendorsAnnual } from '../report/figures-model.js';
import { type CheckState, openChecks } from './rules.js';
import { cloudServices, snsAccounts, vendorContractChecks, vendorContracts } from './schema.js';

// The outsourcing section of the annual report (調達・外部委託, 000 L1368-1430): the registers'
// figures of a fiscal year, agency-wide.

/** Contracts whose period overlaps the fiscal year (an open end counts as running). */
async function contractFigures(db: Db, tenantId: string, fiscalYear: number) {
  const { from, to } = fiscalYearDays(fiscalYear);
  const v = vendorContracts;
  const active = await db
    .select({ id: v.id })
    .from(v)
    .where(
      and(
        eq(v.tenantId, tenantId),
        or(isNull(v.periodFrom), lte(v.periodFrom, to)),
        or(isNull(v.periodTo), gte(v.periodTo, from)),
      ),
    );
  if (active.length === 0) return { contracts: 0, contractsChecked: 0 };
  const ids = active.map((r) => r.id);
  // Only the checks done (ok or n/a) are read; a contract is checked when no item is left open.
  const done = await db
    .select({
      contractId: vendorContractChecks.contractId,
      phase: vendorContractChecks.phase,
      itemKey: vendorContractChecks.itemKey,
      result: vendorContractChecks.result,
    })
    .from(vendorContractChecks)
    .where(
      and(inArray(vendorContractChecks.contractId, ids), inArray(vendorContractChecks.result, ['ok', 'na'])),
    );
  const byContract = new Map<string, CheckState[]>();
  for (const d of done) byContract.set(d.contractId, [...(byContract.get(d.contractId) ?? []), d]);
  const checked = ids.filter((id) => openChecks(byContract.get(id) ?? []).length === 0).length;
  return { contracts: ids.length, contractsChecked: checked };
}

/**
 * The registers' figures of the fiscal year: contracts running in it and those whose every check
 * (contract, during, delivery) is done; cloud services and SNS accounts in use at the year's end (or
 * now), and the cloud services reconfirmed in the year (by their latest confirmation).
 * Null when all three registers are empty.
 */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<VendorsAnnual | null> {
  const { start, end } = fiscalYearSpan(fiscalYear);
  const c = cloudServices;
  const [cloud] = await db
    .select({
      any: count(),
      registered: sql<number>`count(*) filter (where ${c.status} = 'active' and ${c.createdAt} < ${end.toISOString()}::timestamptz)::int`,
      reconfirmed: sql<number>`count(*) filter (where ${c.lastConfirmedAt} >= ${start.toISOString()}::timestamptz and ${c.lastConfirmedAt} < ${end.toISOString()}::timestamptz)::int`,
    })
    .from(c)
    .where(eq(c.tenantId, tenantId));
  const [sns] = await db
    .select({
      any: count(),
      active: sql<number>`count(*) filter (where ${snsAccounts.status} = 'active' and ${snsAccounts.createdAt} < ${end.toISOString()}::timestamptz)::int`,
    })
    .from(snsAccounts)
    .where(eq(snsAccounts.tenantId, tenantId));
  const [anyContract] = await db
    .select({ n: count() })
    .from(vendorContracts)
    .where(eq(vendorContracts.tenantId, tenantId));
  if (!cloud?.any && !sns?.any && !anyContract?.n) return null;
  return {
    ...(await contractFigures(db, tenantId, fiscalYear)),
    cloudServices: cloud?.registered ?? 0,
    cloudReconfirmed: cloud?.reconfirmed ?? 0,
    snsAccounts: sns?.active ?? 0,
    link: '/vendors/contracts',
  };
}
