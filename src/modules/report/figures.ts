// Gathers what each capability contributes to a fiscal year (figures-model.ts) through its public.ts.
import type { Db } from '../../db/client.js';
import { annualFigures as classificationFigures } from '../classification/public.js';
import { annualFigures as orgFigures } from '../org/public.js';
import { annualFigures as selfcheckFigures } from '../selfcheck/public.js';
import type { AnnualFigures } from './figures-model.js';

export async function collectAnnualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<AnnualFigures> {
  const org = await orgFigures(db, tenantId, fiscalYear);
  const selfcheck = await selfcheckFigures(db, tenantId, fiscalYear);
  const classification = await classificationFigures(db, tenantId, fiscalYear);
  return {
    tenantId,
    fiscalYear,
    org,
    selfcheck,
    classification,
    inspections: null, // systems' focused inspection: branch figs-c
    training: null, // training: branch figs-b
    drills: null, // drills: branch figs-b
    incidents: null, // incidents: branch figs-b
    audits: null, // security audits: branch figs-c
    systems: null, // the system ledger and technical measures: branch figs-c
    vendors: null, // outsourcing and external services: branch figs-c
  };
}
