/** The central body's audit actions and the kind of target each names (see audit/events.ts). */
export const CENTRAL_AUDIT_ACTIONS = {
  'central.forward': 'submission',
  'central.common_items_set': 'tenant',
  'central.national_export': 'tenant',
} as const;
