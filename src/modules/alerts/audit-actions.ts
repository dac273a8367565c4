/** The alerts module's audit actions and the kind of target each names (see audit/events.ts). */
export const ALERT_AUDIT_ACTIONS = {
  'alert.create': 'central_alert',
  'alert.update': 'central_alert',
  'alert.publish': 'central_alert',
  'alert.withdraw': 'central_alert',
  'alert.acknowledge': 'alert_delivery',
  'alert.forward': 'alert_delivery',
  'alert.release': 'alert_delivery',
  'alert.report': 'alert_delivery',
} as const;
