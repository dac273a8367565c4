import { and, asc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { fiscalYearSpan } from '../../lib/dates.js';
import type { DrillAnnual } from '../report/figures-model.js';
import { overallOf } from './results-service.js';
import { drills } from './schema.js';

// What other modules may know of drills: the fiscal year's figures for the annual report and the
// statement to the central body (000 L978-1000; 001 ch. II, the drills table).

/** The drill's page, whose results panel shows these figures. */
export const drillLink = (drillId: string) => `/drills/${encodeURIComponent(drillId)}`;

/** The states of a drill that has mailed (or begun mailing) its lures. */
const SENT_STATES = ['sending', 'paused', 'done', 'cancelled'] as const;

/**
 * Every drill that began sending in the fiscal year (its start, on the Japanese calendar), with the
 * whole agency's figures exactly as the results page computes them: 開封 is NISC's, the link accessed
 * or the attachment opened (001 L11409-11412, L11443-11445); メール表示 is a lower bound, shown apart.
 * The figures are the people's (events flagged as mail scanners left out), the results page's default;
 * no group is withheld, as the agency's total is never a small group. Null when no drill was sent.
 */
export async function annualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<DrillAnnual | null> {
  const { start, end } = fiscalYearSpan(fiscalYear);
  const rows = await db
    .select({ id: drills.id, title: drills.title, startedAt: drills.startedAt })
    .from(drills)
    .where(
      and(
        eq(drills.tenantId, tenantId),
        inArray(drills.state, [...SENT_STATES]),
        isNotNull(drills.startedAt),
        gte(drills.startedAt, start),
        lt(drills.startedAt, end),
      ),
    )
    .orderBy(asc(drills.startedAt), asc(drills.id));
  if (rows.length === 0) return null;
  const whole = { minGroupSize: 0, showSmall: true };
  const out: DrillAnnual['drills'] = [];
  for (const d of rows) {
    const g = await overallOf(db, d.id, sql`true`, '', whole);
    const f = g.people!;
    out.push({
      drillId: d.id,
      title: d.title,
      sentAt: d.startedAt?.toISOString() ?? null,
      recipients: g.targeted,
      delivered: g.delivered ?? 0,
      opened: f.opened,
      openRate: f.openRate,
      reported: f.reported,
      reportRate: f.reportRate,
      displayRate: f.mailDisplayRate,
      link: drillLink(d.id),
    });
  }
  return { drills: out };
}
