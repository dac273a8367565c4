/** The measured probes' audit actions and the kind of target each names (see audit/events.ts). */
export const SYSTEM_PROBE_AUDIT_ACTIONS = {
  'systems.probe_request': 'system_host',
  'systems.probe_complete': 'system_host',
} as const;
