import type { ReportState } from './schema.js';

// The annual report's approval flow: the office edits a draft and asks the CISO; the CISO approves
// (the document is frozen) or returns it with a comment; an approved report is reopened explicitly
// before anything changes.

export type ReportAction = 'edit' | 'request_approval' | 'approve' | 'return' | 'reopen';

const NEXT: Record<ReportAction, Partial<Record<ReportState, ReportState>>> = {
  edit: { draft: 'draft' },
  request_approval: { draft: 'pending_approval' },
  approve: { pending_approval: 'approved' },
  return: { pending_approval: 'draft' },
  reopen: { approved: 'draft' },
};

/** The state after the action, or null when the action is not possible in this state. */
export function nextState(state: ReportState, action: ReportAction): ReportState | null {
  return NEXT[action][state] ?? null;
}

/** Fiscal years the report accepts (a typo such as 20025 is refused, not stored). */
export function validFiscalYear(fy: number): boolean {
  return Number.isInteger(fy) && fy >= 2000 && fy <= 2100;
}

/** The statement items that are still empty (whitespace only counts as empty). */
export function emptyItems(keys: readonly string[], texts: Record<string, string | undefined>): string[] {
  return keys.filter((k) => !(texts[k] ?? '').trim());
}
