/** The advisory module's audit actions and the kind of target each names (see audit/events.ts). */
export const ADVISORY_AUDIT_ACTIONS = {
  'advisory.create': 'advisory',
  'advisory.import': 'advisory',
  'advisory.match': 'advisory',
  'advisory.response_answer': 'advisory_response',
  'advisory.policy_update': 'tenant',
} as const;
