// What other modules may use of the central body's alerts (注意喚起). CONTRACT: implemented by the
// alerts work; until then there are no notices.
import type { Db } from '../../db/client.js';

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
  _db: Db,
  _tenantId: string,
  _opts: { limit: number },
): Promise<AlertNotice[]> {
  return [];
}
