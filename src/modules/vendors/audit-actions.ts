/** The vendors module's audit actions and the kind of target each names (see audit/events.ts). */
export const VENDOR_AUDIT_ACTIONS = {
  'vendor.cloud_create': 'cloud_service',
  'vendor.cloud_update': 'cloud_service',
  'vendor.cloud_name_responsible': 'cloud_service',
  'vendor.cloud_confirm': 'cloud_service',
  'vendor.sns_create': 'sns_account',
  'vendor.sns_update': 'sns_account',
  'vendor.sns_checklist': 'sns_account',
  'vendor.sns_confirm': 'sns_account',
  'vendor.contract_create': 'vendor_contract',
  'vendor.contract_update': 'vendor_contract',
  'vendor.contract_check': 'vendor_contract',
  'vendor.contract_evidence_upload': 'vendor_contract',
  'vendor.reconfirm_remind': 'tenant',
} as const;
