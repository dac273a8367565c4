// Pure rules of the central body's alerts (注意喚起): where an alert stands, and where each agency's
// handling of it stands. No I/O.

export type AlertStatus = 'draft' | 'published' | 'withdrawn';

export function alertStatus(a: { publishedAt: Date | null; withdrawnAt: Date | null }): AlertStatus {
  if (a.withdrawnAt) return 'withdrawn';
  return a.publishedAt ? 'published' : 'draft';
}

/** Only a draft is edited or published; only a published alert is withdrawn. */
export const canEdit = (s: AlertStatus) => s === 'draft';
export const canPublish = (s: AlertStatus) => s === 'draft';
export const canWithdraw = (s: AlertStatus) => s === 'published';

export interface DeliveryFacts {
  receivedAt: Date;
  acknowledgedAt: Date | null;
  forwardedAt: Date | null;
  reportedAt: Date | null;
  closedAt: Date | null;
}

export interface DeliveryState {
  /** Whole minutes from receipt to acknowledgement (null until acknowledged). */
  minutesToAcknowledge: number | null;
  /** A report-back was requested and has not come (001 L14111-15107); nothing is open on a withdrawn alert. */
  reportOpen: boolean;
  /** … and its due day has passed (Japan's calendar day). */
  overdue: boolean;
}

export function deliveryState(
  d: DeliveryFacts,
  alert: { reportRequested: boolean; reportDueOn: string | null; withdrawnAt: Date | null },
  today: string,
): DeliveryState {
  const reportOpen = alert.reportRequested && d.reportedAt === null && alert.withdrawnAt === null;
  return {
    minutesToAcknowledge: d.acknowledgedAt
      ? Math.max(0, Math.floor((d.acknowledgedAt.getTime() - d.receivedAt.getTime()) / 60_000))
      : null,
    reportOpen,
    overdue: reportOpen && alert.reportDueOn !== null && alert.reportDueOn < today,
  };
}

/**
 * A released delivery is a current notice for staff (003 L1291-1297) from its release until its last
 * day, inclusive, unless the central body withdrew the alert.
 */
export function isCurrentNotice(
  d: { releasedAt: Date | null; releasedUntil: string | null },
  alert: { withdrawnAt: Date | null },
  today: string,
): boolean {
  if (!d.releasedAt || alert.withdrawnAt) return false;
  return d.releasedUntil === null || d.releasedUntil >= today;
}

/** The people answering for matched systems, each once, in the order first met. */
export function systemRecipients(
  systems: readonly { securityOfficerId: string | null; administratorId: string | null }[],
): string[] {
  const out = new Set<string>();
  for (const s of systems) {
    if (s.securityOfficerId) out.add(s.securityOfficerId);
    if (s.administratorId) out.add(s.administratorId);
  }
  return [...out];
}
