/** The exceptions module's audit actions and the kind of target each names (see audit/events.ts). */
export const EXCEPTION_AUDIT_ACTIONS = {
  'exception.request': 'exception',
  'exception.revise': 'exception',
  'exception.withdraw': 'exception',
  'exception.decide': 'exception',
} as const;
