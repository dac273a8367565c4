import { and, count, countDistinct, eq, gte, inArray, isNotNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fiscalYearDays, fiscalYearSpan, todayInJapan } from '../../lib/dates.js';
import { annualFigures as exceptionFigures } from '../exceptions/public.js';
import type { SystemsAnnual } from '../report/figures-model.js';
import { loadAdvisoryPolicy } from './advisory-policy-service.js';
import { certificateNeedsMigration } from './advisory-rules.js';
import { advisoryResponses } from './advisory-schema.js';
import { systemFindings } from './finding-schema.js';
import { systemCertificates, systemHosts, systemSoftware, systems, systemsSettings } from './schema.js';

// The ledger's figures of a fiscal year for the annual report (情報システム台帳, 000 L829-851) and its
// technical measures: advisories answered (001 L11788-11796), diagnosis findings, certificates still to
// migrate (001 L11831-11849), exceptions. Agency-wide, counted in the database.

const OUTSTANDING = ['open', 'fixed'] as const;

async function ledger(db: Db, tenantId: string, fiscalYear: number) {
  const { from, to } = fiscalYearDays(fiscalYear);
  const byStatus = await db
    .select({ lifecycle: systems.lifecycle, n: count() })
    .from(systems)
    .where(eq(systems.tenantId, tenantId))
    .groupBy(systems.lifecycle);
  const [reviewed] = await db
    .select({ n: count() })
    .from(systems)
    .where(and(eq(systems.tenantId, tenantId), gte(systems.reviewedOn, from), lte(systems.reviewedOn, to)));
  const [hosts] = await db.select({ n: count() }).from(systemHosts).where(eq(systemHosts.tenantId, tenantId));
  const [settings] = await db.select().from(systemsSettings).where(eq(systemsSettings.tenantId, tenantId));
  const targets = [settings?.webServerTarget, settings?.mailServerTarget].filter(
    (n): n is number => n !== null && n !== undefined,
  );
  return {
    systems: byStatus.reduce((s, r) => s + r.n, 0),
    byStatus: Object.fromEntries(byStatus.map((r) => [r.lifecycle, r.n])),
    hosts: hosts?.n ?? 0,
    reviewed: reviewed?.n ?? 0,
    consolidationTarget: targets.length ? targets.reduce((a, b) => a + b, 0) : null,
  };
}

/** Systems in use (not retired) running software whose vendor support has ended by `today`. */
async function endOfSupport(db: Db, tenantId: string, today: string) {
  const [row] = await db
    .select({ n: countDistinct(systemSoftware.systemId) })
    .from(systemSoftware)
    .innerJoin(systems, eq(systems.id, systemSoftware.systemId))
    .where(
      and(
        eq(systemSoftware.tenantId, tenantId),
        ne(systems.lifecycle, 'retired'),
        isNotNull(systemSoftware.endOfSupport),
        lt(systemSoftware.endOfSupport, today),
      ),
    );
  return row?.n ?? 0;
}

/** Certificates of systems in use that a migration of the agency's policy still names (SHA-1, RSA1024). */
async function weakCrypto(db: Db, tenantId: string) {
  const policy = (await loadAdvisoryPolicy(db, tenantId)).data;
  const certs = await db
    .select({
      signatureAlgorithm: systemCertificates.signatureAlgorithm,
      keyType: systemCertificates.keyType,
      keyBits: systemCertificates.keyBits,
      n: count(),
    })
    .from(systemCertificates)
    .innerJoin(systems, eq(systems.id, systemCertificates.systemId))
    .where(and(eq(systemCertificates.tenantId, tenantId), ne(systems.lifecycle, 'retired')))
    .groupBy(systemCertificates.signatureAlgorithm, systemCertificates.keyType, systemCertificates.keyBits);
  return certs
    .filter((c) => policy.migrations.some((m) => certificateNeedsMigration(m, c).length > 0))
    .reduce((s, c) => s + c.n, 0);
}

/**
 * Advisory responses (one per advisory and affected system): matched in the year, answered in the
 * year, and of those matched in the year the ones still open past their target date.
 */
async function advisoryFigures(db: Db, tenantId: string, fiscalYear: number, today: string) {
  const { start, end } = fiscalYearSpan(fiscalYear);
  const r = advisoryResponses;
  const inYear = (col: typeof r.createdAt | typeof r.answeredAt) => and(gte(col, start), lt(col, end));
  const [row] = await db
    .select({
      matched: sql<number>`count(*) filter (where ${inYear(r.createdAt)})::int`,
      resolved: sql<number>`count(*) filter (where ${r.status} <> 'open' and ${inYear(r.answeredAt)})::int`,
      overdue: sql<number>`count(*) filter (where ${inYear(r.createdAt)} and ${r.status} = 'open' and ${r.targetDate} < ${today})::int`,
    })
    .from(r)
    .where(eq(r.tenantId, tenantId));
  return { matched: row?.matched ?? 0, resolved: row?.resolved ?? 0, overdue: row?.overdue ?? 0 };
}

/** Findings found and closed (verified) in the year; outstanding (open or fixed, not verified) now, by band. */
async function findingFigures(db: Db, tenantId: string, fiscalYear: number) {
  const { from, to } = fiscalYearDays(fiscalYear);
  const f = systemFindings;
  const [row] = await db
    .select({
      opened: sql<number>`count(*) filter (where ${f.foundOn} between ${from} and ${to})::int`,
      closed: sql<number>`count(*) filter (where ${f.status} = 'closed' and ${f.closedOn} between ${from} and ${to})::int`,
    })
    .from(f)
    .where(eq(f.tenantId, tenantId));
  const bands = await db
    .select({ band: f.band, n: count() })
    .from(f)
    .where(and(eq(f.tenantId, tenantId), inArray(f.status, [...OUTSTANDING])))
    .groupBy(f.band);
  return {
    opened: row?.opened ?? 0,
    closed: row?.closed ?? 0,
    open: bands.reduce((s, b) => s + b.n, 0),
    bySeverity: Object.fromEntries(bands.map((b) => [b.band, b.n])),
  };
}

/** The ledger's figures of the fiscal year; null when the agency keeps no ledger. */
export async function annualSystems(
  db: Db,
  tenantId: string,
  fiscalYear: number,
  now: Date = new Date(),
): Promise<SystemsAnnual | null> {
  const base = await ledger(db, tenantId, fiscalYear);
  if (base.systems === 0) return null;
  const today = todayInJapan(now);
  const exceptions = await exceptionFigures(db, tenantId, fiscalYear, now);
  return {
    ...base,
    endOfSupport: await endOfSupport(db, tenantId, today),
    weakCrypto: await weakCrypto(db, tenantId),
    advisories: await advisoryFigures(db, tenantId, fiscalYear, today),
    findings: await findingFigures(db, tenantId, fiscalYear),
    exceptions: { granted: exceptions.granted, active: exceptions.active },
    link: '/systems',
  };
}
