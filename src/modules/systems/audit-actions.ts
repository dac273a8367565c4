/** The ledger's audit actions and the kind of target each names (see audit/events.ts). */
export const SYSTEM_AUDIT_ACTIONS = {
  'system.create': 'system',
  'system.update': 'system',
  'system.delete': 'system',
  'system.review': 'system',
  'system.host_add': 'system',
  'system.host_update': 'system',
  'system.host_remove': 'system',
  'system.software_add': 'system',
  'system.software_update': 'system',
  'system.software_remove': 'system',
  'system.certificate_add': 'system',
  'system.certificate_update': 'system',
  'system.certificate_remove': 'system',
  'system.import': 'import',
  'system.settings_update': 'tenant',
} as const;
