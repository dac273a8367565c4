/** The incidents module's audit actions and the kind of target each names (see audit/events.ts). */
export const INCIDENT_AUDIT_ACTIONS = {
  'incident.report': 'incident',
  'incident.triage': 'incident',
  'incident.step_complete': 'incident',
  'incident.liaison_record': 'incident',
  'incident.flow_update': 'tenant',
  'incident.contact_drill': 'incident_contact_drill',
  'incident.contact_ack': 'incident_contact_drill',
  'incident.contact_check': 'incident_contact_check',
  'incident.contact_confirm': 'incident_contact_check',
} as const;
