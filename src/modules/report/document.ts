import type { Db } from '../../db/client.js';
import { fiscalYearOf } from '../../lib/dates.js';
import { buildAnnualReport } from './build-annual.js';
import type { ReportDoc } from './doc-model.js';
import { collectAnnualFigures } from './figures.js';
import type { AnnualFigures } from './figures-model.js';
import { EMPTY_FACTS } from './schema.js';
import { currentNarratives, findReport, namesOf, type ReportRow } from './store.js';

// The report's document: built from live figures while it is a draft, the frozen snapshot once the
// CISO approved it (so the approved report's exports show the same figures later).

interface Tenant {
  id: string;
  code: string;
  nameJa: string;
}

export async function liveDocument(
  db: Db,
  tenant: Tenant,
  fiscalYear: number,
  report: ReportRow | null,
  baseUrl: string | null,
  approval?: { by: string | null; at: string },
): Promise<ReportDoc> {
  return fromFigures(
    db,
    tenant,
    fiscalYear,
    report,
    baseUrl,
    await collectAnnualFigures(db, tenant.id, fiscalYear),
    approval,
  );
}

// One query after the other: `db` may be the approval's transaction.
async function fromFigures(
  db: Db,
  tenant: Tenant,
  fiscalYear: number,
  report: ReportRow | null,
  baseUrl: string | null,
  figures: AnnualFigures,
  approval?: { by: string | null; at: string },
): Promise<ReportDoc> {
  const narratives = await currentNarratives(db, report?.id ?? null);
  return buildAnnualReport({
    tenant,
    fiscalYear,
    figures,
    facts: report?.facts ?? EMPTY_FACTS,
    narratives,
    state: approval ? 'approved' : (report?.state ?? 'draft'),
    generatedAt: approval?.at ?? new Date().toISOString(),
    approvedBy: approval?.by ?? null,
    approvedAt: approval?.at ?? null,
    baseUrl,
  });
}

export async function currentDocument(
  db: Db,
  tenant: Tenant,
  fiscalYear: number,
  baseUrl: string | null,
): Promise<ReportDoc> {
  const report = await findReport(db, tenant.id, fiscalYear);
  if (report?.state === 'approved' && report.snapshot) return report.snapshot as ReportDoc;
  return liveDocument(db, tenant, fiscalYear, report, baseUrl);
}

/**
 * The document to export, or null when the year has nothing to report: no report, and no figure of
 * that year. The ledger, the vendor registers and the classification policy describe today, not a
 * year, so they do not count; nor does a fiscal year that has not begun. The figures are collected
 * once, for the check and the document.
 */
export async function reportableDocument(
  db: Db,
  tenant: Tenant,
  fiscalYear: number,
  baseUrl: string | null,
): Promise<ReportDoc | null> {
  const report = await findReport(db, tenant.id, fiscalYear);
  if (report?.state === 'approved' && report.snapshot) return report.snapshot as ReportDoc;
  if (!report && fiscalYear > fiscalYearOf(new Date())) return null;
  const f = await collectAnnualFigures(db, tenant.id, fiscalYear);
  const ofTheYear =
    [f.selfcheck, f.inspections, f.training, f.drills, f.audits].some((x) => x !== null) ||
    (f.incidents?.list.length ?? 0) > 0;
  if (!report && !ofTheYear) return null;
  return fromFigures(db, tenant, fiscalYear, report, baseUrl, f);
}

export async function approverName(db: Db, personId: string | null): Promise<string | null> {
  return (await namesOf(db, [personId])).get(personId ?? '') ?? null;
}
