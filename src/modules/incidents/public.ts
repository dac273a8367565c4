import { and, eq, lt, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { dayInJapan, fiscalYearSpan } from '../../lib/dates.js';
import type { IncidentAnnual } from '../report/figures-model.js';
import { casesReportedIn } from './report-service.js';
import { caseReference, INCIDENT_TYPE_NAMES, INCIDENT_TYPES } from './rules.js';
import { incidents } from './schema.js';

// What other modules may know of incidents: the fiscal year's cases for the annual report and the
// statement to the central body (001 L4252-4282 item (4); 001 ch. II, incidents by type).

/** The case page. */
export const caseLink = (incidentId: string) => `/incidents/${encodeURIComponent(incidentId)}`;

/** A case not yet triaged has no type: counted apart, so the counts add up to the list. */
export const UNCLASSIFIED = { type: 'unclassified', label: '未分類' } as const;

/**
 * The cases reported in the fiscal year (received, on the Japanese calendar: the year's list of the
 * incidents page), counted by every type of the national list (001 L15108-15571) and listed.
 * Null when the agency did not use incident handling by that year: no case that year, no case
 * before it, no flow of its own saved before the year ended and no contact drill or check by then.
 * An agency that did set it up and had no incident gets zeros: "インシデントは発生しませんでした" is a
 * statement of its own (001 L4276-4278).
 */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<IncidentAnnual | null> {
  const rows = await casesReportedIn(db, eq(incidents.tenantId, tenantId), fiscalYear);
  if (rows.length === 0 && !(await inUseBy(db, tenantId, fiscalYear))) return null;
  const counts = new Map<string, number>();
  for (const { row } of rows) {
    const key = row.type ?? UNCLASSIFIED.type;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const byType: IncidentAnnual['byType'] = INCIDENT_TYPES.map((type) => ({
    type,
    label: INCIDENT_TYPE_NAMES[type].ja,
    count: counts.get(type) ?? 0,
  }));
  const unclassified = counts.get(UNCLASSIFIED.type) ?? 0;
  if (unclassified > 0) byType.push({ ...UNCLASSIFIED, count: unclassified });
  return {
    byType,
    list: rows.map(({ row }) => ({
      incidentId: row.id,
      reference: caseReference(row.id),
      occurredOn: row.discoveredAt ? dayInJapan(row.discoveredAt) : null,
      reportedAt: row.createdAt.toISOString(),
      type: row.type,
      title: row.title ?? firstLine(row.what),
      severity: row.severity,
      status: row.state,
      link: caseLink(row.id),
    })),
  };
}

/** An untriaged case's title: the first line of what was reported, shortened. */
function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/** Whether the agency had set up incident handling by the end of the fiscal year. */
async function inUseBy(db: Db, tenantId: string, fiscalYear: number): Promise<boolean> {
  const { end } = fiscalYearSpan(fiscalYear);
  const [earlier] = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.tenantId, tenantId), lt(incidents.createdAt, end)))
    .limit(1);
  if (earlier) return true;
  const before = end.toISOString();
  const [r] = rowsOf<{ used: boolean }>(
    await db.execute(sql`select
      exists (select 1 from incident_flows f where f.tenant_id = ${tenantId} and f.updated_at < ${before}::timestamptz)
      or exists (select 1 from incident_contact_drills d where d.tenant_id = ${tenantId} and d.sent_at < ${before}::timestamptz)
      or exists (select 1 from incident_contact_checks c where c.tenant_id = ${tenantId} and c.created_at < ${before}::timestamptz)
      as used`),
  );
  return r?.used === true;
}
