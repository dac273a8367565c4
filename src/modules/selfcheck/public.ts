// What other modules may know of the self-check: the fiscal year's figures for the annual report and
// the statement to the central body (report/figures-model.ts). They never read answers themselves.
import type { Db } from '../../db/client.js';
import type { SelfcheckAnnual } from '../report/figures-model.js';
import { selfcheckAnnualFigures } from './annual.js';

/**
 * The fiscal year's campaign (the published one, else the latest closed, else the latest open) with the
 * figures its results page shows the agency; null when the agency ran none that year.
 */
export function annualFigures(db: Db, tenantId: string, fiscalYear: number): Promise<SelfcheckAnnual | null> {
  return selfcheckAnnualFigures(db, tenantId, fiscalYear);
}
