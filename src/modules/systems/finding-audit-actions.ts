/** The diagnosis findings' audit actions and the kind of target each names (see audit/events.ts). */
export const FINDING_AUDIT_ACTIONS = {
  'finding.import': 'finding_import',
  'finding.create': 'system_finding',
  'finding.fix': 'system_finding',
  'finding.verify': 'system_finding',
  'finding.reopen': 'system_finding',
  'finding.accept': 'system_finding',
  'finding.policy_update': 'tenant',
} as const;
