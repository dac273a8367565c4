/** The drills module's audit actions and the kind of target each names (see audit/events.ts). */
export const DRILL_AUDIT_ACTIONS = {
  'drill.create': 'drill',
  'drill.update': 'drill',
  'drill.delete': 'drill',
  'drill.schedule': 'drill',
  'drill.transition': 'drill',
  'drill.resend_unknown': 'drill',
  'drill.follow_up': 'drill',
  'drill.inbound_mail': 'drill',
} as const;
