/** The annual report's audit actions and the kind of target each names (see audit/events.ts). */
export const REPORT_AUDIT_ACTIONS = {
  'report.facts_update': 'annual_report',
  'report.narrative_save': 'annual_report',
  'report.request_approval': 'annual_report',
  'report.approve': 'annual_report',
  'report.return': 'annual_report',
  'report.reopen': 'annual_report',
  'report.statement_submit': 'annual_report',
} as const;
