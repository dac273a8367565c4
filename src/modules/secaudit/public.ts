// What other modules may know of security audits (the annual report's audit section, 000 L432-562).
// They never read the audit tables themselves.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fiscalYearSpan } from '../../lib/dates.js';
import { orgUnits } from '../org/schema.js';
import type { AuditAnnual } from '../report/figures-model.js';
import { inYear } from './finding-service.js';
import { secauditFindings as f, secauditEngagements as g, secauditPlans as p, SEVERITIES } from './schema.js';

/**
 * The fiscal year's audit plan, engagements and findings, agency-wide. Findings are the year's board
 * (raised in the year, or earlier and still open when it began, 000 L523-529); `closed` are those
 * closed within the year, `open` the rest. Null when the year has neither a plan nor an engagement.
 */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<AuditAnnual | null> {
  const [plan] = await db
    .select()
    .from(p)
    .where(and(eq(p.tenantId, tenantId), eq(p.fiscalYear, fiscalYear)));
  const engagements = await db
    .select({
      id: g.id,
      title: g.title,
      kind: g.kind,
      unitName: orgUnits.nameJa,
      findings: sql<number>`(select count(*) from ${f} where ${f.engagementId} = ${g.id})::int`,
      open: sql<number>`(select count(*) from ${f} where ${f.engagementId} = ${g.id} and ${f.state} <> 'closed')::int`,
    })
    .from(g)
    .innerJoin(orgUnits, eq(orgUnits.id, g.unitId))
    .where(and(eq(g.tenantId, tenantId), eq(g.fiscalYear, fiscalYear)))
    .orderBy(asc(g.createdAt), asc(g.id));
  if (!plan && engagements.length === 0) return null;

  const { end } = fiscalYearSpan(fiscalYear);
  const closedInYear = sql`${f.closedAt} is not null and ${f.closedAt} < ${end.toISOString()}::timestamptz`;
  const bySeverity = await db
    .select({
      severity: f.severity,
      total: sql<number>`count(*)::int`,
      closed: sql<number>`count(*) filter (where ${closedInYear})::int`,
    })
    .from(f)
    .where(and(eq(f.tenantId, tenantId), inYear(fiscalYear)))
    .groupBy(f.severity);
  const total = bySeverity.reduce((s, r) => s + r.total, 0);
  const closed = bySeverity.reduce((s, r) => s + r.closed, 0);
  const severity = new Map(bySeverity.map((r) => [r.severity, r.total]));

  return {
    plan: plan
      ? {
          id: plan.id,
          title: `${fiscalYear}年度 情報セキュリティ監査計画`,
          state: plan.state,
          approvedAt: plan.approvedAt?.toISOString() ?? null,
          link: `/secaudit/plans/${plan.id}`,
        }
      : null,
    engagements: engagements.map((e) => ({
      id: e.id,
      title: e.title,
      scope: e.unitName,
      kind: e.kind,
      // An engagement has no state of its own: it is done when every finding it raised is closed.
      state: e.findings === 0 ? 'no_findings' : e.open > 0 ? 'findings_open' : 'findings_closed',
      link: `/secaudit/engagements/${e.id}`,
    })),
    findings: {
      total,
      open: total - closed,
      closed,
      bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, severity.get(s) ?? 0])),
      link: `/secaudit/findings?fiscalYear=${fiscalYear}`,
    },
  };
}
