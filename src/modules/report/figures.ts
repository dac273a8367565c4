// Gathers what each capability contributes to a fiscal year (figures-model.ts) through its public.ts.
import type { Db } from '../../db/client.js';
import { annualFigures as classificationFigures } from '../classification/public.js';
import { annualFigures as drillFigures } from '../drills/public.js';
import { annualFigures as incidentFigures } from '../incidents/public.js';
import { annualFigures as orgFigures } from '../org/public.js';
import { annualFigures as auditFigures } from '../secaudit/public.js';
import { annualFigures as selfcheckFigures } from '../selfcheck/public.js';
import { annualInspections, annualSystems } from '../systems/public.js';
import { annualFigures as trainingFigures } from '../training/public.js';
import { annualFigures as vendorFigures } from '../vendors/public.js';
import type { AnnualFigures } from './figures-model.js';

/** One after the other: `db` may be a transaction, whose one connection runs one query at a time. */
export async function collectAnnualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<AnnualFigures> {
  return {
    tenantId,
    fiscalYear,
    org: await orgFigures(db, tenantId, fiscalYear),
    selfcheck: await selfcheckFigures(db, tenantId, fiscalYear),
    classification: await classificationFigures(db, tenantId, fiscalYear),
    inspections: await annualInspections(db, tenantId, fiscalYear),
    training: await trainingFigures(db, tenantId, fiscalYear),
    drills: await drillFigures(db, tenantId, fiscalYear),
    incidents: await incidentFigures(db, tenantId, fiscalYear),
    audits: await auditFigures(db, tenantId, fiscalYear),
    systems: await annualSystems(db, tenantId, fiscalYear),
    vendors: await vendorFigures(db, tenantId, fiscalYear),
  };
}
