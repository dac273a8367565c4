import { addDays, daysBetween, fiscalYearOf } from '../../lib/dates.js';
import type { FindingState, PlanState } from './schema.js';

// Pure rules of security audits: plan versions, finding states, carry-over across fiscal years and
// the calendar. No I/O.

/** An edit of an approved plan makes a new draft version that the CISO must approve again (003 L826-832). */
export function afterPlanEdit(plan: { state: PlanState; version: number }): {
  state: PlanState;
  version: number;
} {
  return plan.state === 'approved' ? { state: 'draft', version: plan.version + 1 } : plan;
}

export type FindingAction = 'edit' | 'respond' | 'return' | 'verify';

/**
 * Who moves a finding where (000 L488-529, 003 L948-1039): the auditor raises and edits it while open,
 * the auditee responds with a plan and due date, the auditor returns an insufficient response or
 * verifies the fix, which closes it for good.
 */
export function nextFindingState(state: FindingState, action: FindingAction): FindingState | null {
  if (state === 'closed') return null;
  switch (action) {
    case 'edit':
      return state;
    case 'respond':
      return 'responded';
    case 'return':
      return state === 'responded' ? 'open' : null;
    case 'verify':
      return state === 'responded' ? 'closed' : null;
  }
}

export interface FindingYears {
  /** The fiscal year it was raised in. */
  fiscalYear: number;
  closedAt: Date | null;
}

/**
 * A finding shows in the year it was raised and in every later year it was still open at the start of
 * (000 L523-529: 前年度指摘事項のフォローアップ); it leaves the year after the one it was closed in.
 */
export function appearsInYear(f: FindingYears, fiscalYear: number): boolean {
  if (fiscalYear < f.fiscalYear) return false;
  if (f.closedAt === null) return true;
  return fiscalYearOf(f.closedAt) >= fiscalYear;
}

/** Shown in a later year than it was raised in: the carried-over marker. */
export function isCarriedOver(f: FindingYears, fiscalYear: number): boolean {
  return appearsInYear(f, fiscalYear) && f.fiscalYear < fiscalYear;
}

export function isPastDue(f: { state: FindingState; dueOn: string | null }, today: string): boolean {
  return f.state !== 'closed' && f.dueOn !== null && f.dueOn < today;
}

export interface MilestoneTemplate {
  step: string;
  roleLabel: string;
  startOn: string | null;
  dueOn: string;
}

/**
 * The default calendar of a fiscal year's audit (002 L875-962, the Cabinet Office's FY2012 figure):
 * the plan in the March before the year, fieldwork in November–December, the report in February–March
 * and the auditees' response plans in March–April.
 */
export function defaultCalendar(fiscalYear: number): MilestoneTemplate[] {
  const y = fiscalYear;
  const n = fiscalYear + 1;
  return [
    { step: '監査計画策定', roleLabel: '監査責任者', startOn: `${y}-03-01`, dueOn: `${y}-03-20` },
    { step: '監査計画承認', roleLabel: '最高情報セキュリティ責任者', startOn: null, dueOn: `${y}-03-31` },
    { step: '監査実施計画策定', roleLabel: '監査実施者', startOn: null, dueOn: `${y}-03-31` },
    {
      step: '個別システムに対する監査対応への準備',
      roleLabel: '被監査部門の情報システムセキュリティ責任者等',
      startOn: `${y}-10-01`,
      dueOn: `${y}-10-31`,
    },
    {
      step: '準拠性監査・自己点検に関する監査',
      roleLabel: '監査実施者',
      startOn: `${y}-11-01`,
      dueOn: `${y}-12-28`,
    },
    { step: '実施手続（システム監査）', roleLabel: '監査実施者', startOn: `${y}-11-01`, dueOn: `${y}-12-28` },
    { step: '監査調書の作成・提出', roleLabel: '監査実施者', startOn: null, dueOn: `${n}-01-31` },
    { step: '報告書作成・提出', roleLabel: '監査責任者', startOn: `${n}-02-01`, dueOn: `${n}-03-15` },
    { step: '対応指示', roleLabel: '最高情報セキュリティ責任者', startOn: null, dueOn: `${n}-03-31` },
    {
      step: '対応計画策定・報告',
      roleLabel: '被監査部門の情報セキュリティ責任者',
      startOn: `${n}-03-01`,
      dueOn: `${n}-04-30`,
    },
  ];
}

/** Reminders go out a week before a milestone's due date and the day before. */
export const MILESTONE_REMINDER_DAYS = [7, 1] as const;

/**
 * Which reminder a milestone due on `dueOn` is owed today: the nearest threshold it has reached
 * ("7" from a week before, "1" from the day before), none once past due or further away.
 */
export function milestoneReminder(dueOn: string, today: string): string | null {
  const left = daysBetween(today, dueOn);
  if (left < 0) return null;
  const reached = MILESTONE_REMINDER_DAYS.filter((d) => left <= d);
  return reached.length ? String(Math.min(...reached)) : null;
}

/** The window the reminder job looks at: due between today and a week ahead. */
export function reminderWindow(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, Math.max(...MILESTONE_REMINDER_DAYS)) };
}
