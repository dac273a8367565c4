import type { Db } from '../../db/client.js';
import { buildAnnualReport } from './build-annual.js';
import type { ReportDoc } from './doc-model.js';
import { collectAnnualFigures } from './figures.js';
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
  const [figures, narratives] = await Promise.all([
    collectAnnualFigures(db, tenant.id, fiscalYear),
    currentNarratives(db, report?.id ?? null),
  ]);
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

export async function approverName(db: Db, personId: string | null): Promise<string | null> {
  return (await namesOf(db, [personId])).get(personId ?? '') ?? null;
}
