// What other modules may use of the central body's alerts (注意喚起).
import { and, desc, eq, gte, isNotNull, isNull, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { todayInJapan } from '../../lib/dates.js';
import { centralAlerts as a, alertDeliveries as d } from './schema.js';

export interface AlertNotice {
  /** The delivery's id in this agency. */
  id: string;
  kind: 'suspicious_mail' | 'vulnerability' | 'notice';
  titleJa: string;
  titleEn: string | null;
  body: string;
  publishedAt: string;
  /** Until when the notice stays current on the portal (null: until withdrawn). */
  currentUntil: string | null;
}

/**
 * The central body's alerts delivered to this agency that are current and released to staff (003
 * L1291-1297), newest first — what the security portal shows as notices.
 */
export async function currentNotices(
  db: Db,
  tenantId: string,
  opts: { limit: number },
): Promise<AlertNotice[]> {
  const today = todayInJapan();
  // The same rule as isCurrentNotice (rules.ts), in the query.
  const rows = await db
    .select({ d, a })
    .from(d)
    .innerJoin(a, eq(a.id, d.alertId))
    .where(
      and(
        eq(d.tenantId, tenantId),
        isNotNull(d.releasedAt),
        isNotNull(a.publishedAt),
        isNull(a.withdrawnAt),
        or(isNull(d.releasedUntil), gte(d.releasedUntil, today)),
      ),
    )
    .orderBy(desc(a.publishedAt), desc(d.id))
    .limit(opts.limit);
  return rows.map((r) => ({
    id: r.d.id,
    kind: r.a.kind,
    titleJa: r.a.titleJa,
    titleEn: r.a.titleEn,
    body: r.a.body,
    publishedAt: r.a.publishedAt!.toISOString(),
    currentUntil: r.d.releasedUntil,
  }));
}
