/** The classification module's audit actions and the kind of target each names (see audit/events.ts). */
export const CLASSIFICATION_AUDIT_ACTIONS = {
  // Register and handling requests (register-service.ts, request-service.ts, jobs.ts).
  'classification.entry_propose': 'classification_entry',
  'classification.entry_update': 'classification_entry',
  'classification.entry_confirm': 'classification_entry',
  'classification.entry_return': 'classification_entry',
  'classification.entry_review': 'classification_entry',
  'classification.entry_archive': 'classification_entry',
  'classification.request_create': 'handling_request',
  'classification.request_approve': 'handling_request',
  'classification.request_reject': 'handling_request',
  'classification.request_withdraw': 'handling_request',
  'classification.request_expire': 'handling_request',
  'classification.review_remind': 'classification_entry',
  // Policies and the agency's active policy (policy-service.ts).
  'classification.policy_copy': 'classification_policy',
  'classification.policy_update': 'classification_policy',
  'classification.settings_update': 'tenant',
} as const;
