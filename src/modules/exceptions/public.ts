// What other modules may know of exceptions (the annual report's technical measures, 000 L829-851).
// They never read the exceptions table themselves.
import { and, count, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fiscalYearSpan, todayInJapan } from '../../lib/dates.js';
import { securityExceptions as e } from './schema.js';
import { statusWhere } from './service.js';

export interface ExceptionsAnnual {
  /** Exceptions approved (decided) in the fiscal year, on the Japanese calendar. */
  granted: number;
  /** Approved exceptions whose period covers today (the register's "active"). */
  active: number;
  /** The register, filtered to the active exceptions. */
  link: string;
}

/** Agency-wide counts of the fiscal year's exceptions; an agency with none has zeros. */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
  now: Date = new Date(),
): Promise<ExceptionsAnnual> {
  const { start, end } = fiscalYearSpan(fiscalYear);
  const [granted] = await db
    .select({ n: count() })
    .from(e)
    .where(
      and(eq(e.tenantId, tenantId), eq(e.state, 'approved'), gte(e.decidedAt, start), lt(e.decidedAt, end)),
    );
  const [active] = await db
    .select({ n: count() })
    .from(e)
    .where(and(eq(e.tenantId, tenantId), statusWhere('active', todayInJapan(now))));
  return { granted: granted?.n ?? 0, active: active?.n ?? 0, link: '/exceptions?status=active' };
}
