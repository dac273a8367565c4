import { describe, expect, it } from 'vitest';
import { alertStatus, deliveryState, isCurrentNotice, systemRecipients } from './rules.js';

const at = (iso: string) => new Date(iso);
const received = { receivedAt: at('2026-04-01T00:00:00Z'), forwardedAt: null, closedAt: null };

describe('alertStatus', () => {
  it.each([
    [null, null, 'draft'],
    [at('2026-04-01T00:00:00Z'), null, 'published'],
    [at('2026-04-01T00:00:00Z'), at('2026-04-02T00:00:00Z'), 'withdrawn'],
  ] as const)('published %s, withdrawn %s → %s', (publishedAt, withdrawnAt, want) => {
    expect(alertStatus({ publishedAt, withdrawnAt })).toBe(want);
  });
});

// Report-back requests (001 L14111-15107): open until reported, overdue after the due day (Japan's day).
describe('deliveryState', () => {
  const alert = { reportRequested: true, reportDueOn: '2026-04-10', withdrawnAt: null };
  it.each([
    [
      'acknowledged after 90 minutes',
      { acknowledgedAt: at('2026-04-01T01:30:59Z'), reportedAt: null },
      alert,
      '2026-04-05',
      { minutesToAcknowledge: 90, reportOpen: true, overdue: false },
    ],
    [
      'not yet acknowledged',
      { acknowledgedAt: null, reportedAt: null },
      alert,
      '2026-04-10',
      { minutesToAcknowledge: null, reportOpen: true, overdue: false },
    ],
    [
      'due yesterday, not reported',
      { acknowledgedAt: null, reportedAt: null },
      alert,
      '2026-04-11',
      { minutesToAcknowledge: null, reportOpen: true, overdue: true },
    ],
    [
      'reported late is no longer open',
      { acknowledgedAt: null, reportedAt: at('2026-04-12T00:00:00Z') },
      alert,
      '2026-04-13',
      { minutesToAcknowledge: null, reportOpen: false, overdue: false },
    ],
    [
      'no report requested',
      { acknowledgedAt: null, reportedAt: null },
      { ...alert, reportRequested: false },
      '2026-05-01',
      { minutesToAcknowledge: null, reportOpen: false, overdue: false },
    ],
    [
      'withdrawn alerts ask nothing',
      { acknowledgedAt: null, reportedAt: null },
      { ...alert, withdrawnAt: at('2026-04-02T00:00:00Z') },
      '2026-05-01',
      { minutesToAcknowledge: null, reportOpen: false, overdue: false },
    ],
    [
      'requested without a due day is never overdue',
      { acknowledgedAt: null, reportedAt: null },
      { ...alert, reportDueOn: null },
      '2027-01-01',
      { minutesToAcknowledge: null, reportOpen: true, overdue: false },
    ],
  ] as const)('%s', (_name, d, a, today, want) => {
    expect(deliveryState({ ...received, ...d }, a, today)).toEqual(want);
  });
});

// Released notices on the portal (003 L1291-1297).
describe('isCurrentNotice', () => {
  const live = { withdrawnAt: null };
  it.each([
    ['not released', { releasedAt: null, releasedUntil: null }, live, false],
    ['released with no end', { releasedAt: at('2026-04-01T00:00:00Z'), releasedUntil: null }, live, true],
    ['its last day', { releasedAt: at('2026-04-01T00:00:00Z'), releasedUntil: '2026-04-10' }, live, true],
    [
      'after its last day',
      { releasedAt: at('2026-04-01T00:00:00Z'), releasedUntil: '2026-04-09' },
      live,
      false,
    ],
    [
      'withdrawn by the centre',
      { releasedAt: at('2026-04-01T00:00:00Z'), releasedUntil: null },
      { withdrawnAt: at('2026-04-05T00:00:00Z') },
      false,
    ],
  ] as const)('%s → %s', (_name, d, a, want) => {
    expect(isCurrentNotice(d, a, '2026-04-10')).toBe(want);
  });
});

describe('systemRecipients', () => {
  it('names each officer and administrator once, skipping empty posts', () => {
    expect(
      systemRecipients([
        { securityOfficerId: 'p1', administratorId: 'p2' },
        { securityOfficerId: 'p1', administratorId: null },
        { securityOfficerId: null, administratorId: 'p3' },
      ]),
    ).toEqual(['p1', 'p2', 'p3']);
  });
});
