import { ALERT_AUDIT_ACTIONS } from '../alerts/audit-actions.js';
import { CENTRAL_AUDIT_ACTIONS } from '../central/audit-actions.js';
import { CLASSIFICATION_AUDIT_ACTIONS } from '../classification/audit-actions.js';
import { DRILL_AUDIT_ACTIONS } from '../drills/audit-actions.js';
import { EXCEPTION_AUDIT_ACTIONS } from '../exceptions/audit-actions.js';
import { INCIDENT_AUDIT_ACTIONS } from '../incidents/audit-actions.js';
import { PORTAL_AUDIT_ACTIONS } from '../portal/audit-actions.js';
import { REPORT_AUDIT_ACTIONS } from '../report/audit-actions.js';
import { SECAUDIT_AUDIT_ACTIONS } from '../secaudit/audit-actions.js';
import { ADVISORY_AUDIT_ACTIONS } from '../systems/advisory-audit-actions.js';
import { SYSTEM_AUDIT_ACTIONS } from '../systems/audit-actions.js';
import { FINDING_AUDIT_ACTIONS } from '../systems/finding-audit-actions.js';
import { INSPECTION_AUDIT_ACTIONS } from '../systems/inspection-audit-actions.js';
import { SYSTEM_PROBE_AUDIT_ACTIONS } from '../systems/probe-audit-actions.js';
import { TRAINING_AUDIT_ACTIONS } from '../training/audit-actions.js';
import { VENDOR_AUDIT_ACTIONS } from '../vendors/audit-actions.js';

/**
 * Every audit action, with the kind of target it names. Services record these explicitly
 * (STYLE.md pattern 4); later modules add their own actions here.
 */
export const AUDIT_ACTIONS = {
  'auth.login': 'account',
  'auth.login_failed': 'account',
  'auth.locked': 'account',
  'auth.logout': 'account',
  'auth.totp_failed': 'account',
  'account.create': 'account',
  'account.update': 'account',
  'account.password_change': 'account',
  'account.password_reset': 'account',
  'account.unlock': 'account',
  'account.totp_setup': 'account',
  'account.totp_enable': 'account',
  'account.totp_disable': 'account',
  'token.create': 'api_token',
  'token.revoke': 'api_token',
  'tenant.create': 'tenant',
  'tenant.settings_update': 'tenant',
  'unit.create': 'org_unit',
  'unit.update': 'org_unit',
  'person.create': 'person',
  'person.update': 'person',
  'import.org': 'import',
  'import.staff': 'import',
  'role.create': 'role',
  'role.update': 'role',
  'role.assign': 'role_assignment',
  'role.unassign': 'role_assignment',
  'demo.seed': 'tenant',
  'selfcheck.catalog_import': 'catalog_version',
  'selfcheck.policy_create': 'policy',
  'selfcheck.policy_change': 'policy',
  'selfcheck.policy_change_remove': 'policy',
  'selfcheck.campaign_create': 'campaign',
  'selfcheck.campaign_update': 'campaign',
  'selfcheck.campaign_transition': 'campaign',
  'selfcheck.campaign_members_ready': 'campaign',
  'selfcheck.plan_update': 'campaign',
  'selfcheck.plan_approve': 'campaign',
  'selfcheck.plan_withdraw': 'campaign',
  'selfcheck.answers_save': 'campaign_member',
  'selfcheck.answers_submit': 'campaign_member',
  'selfcheck.remind': 'campaign',
  'selfcheck.sample_draw': 'campaign',
  'selfcheck.sample_verify': 'campaign',
  'central.submit': 'submission',
  'job.cancel': 'job',
  ...CENTRAL_AUDIT_ACTIONS,
  ...CLASSIFICATION_AUDIT_ACTIONS,
  ...TRAINING_AUDIT_ACTIONS,
  ...DRILL_AUDIT_ACTIONS,
  ...SECAUDIT_AUDIT_ACTIONS,
  ...EXCEPTION_AUDIT_ACTIONS,
  ...INCIDENT_AUDIT_ACTIONS,
  ...SYSTEM_AUDIT_ACTIONS,
  ...ADVISORY_AUDIT_ACTIONS,
  ...INSPECTION_AUDIT_ACTIONS,
  ...FINDING_AUDIT_ACTIONS,
  ...VENDOR_AUDIT_ACTIONS,
  ...SYSTEM_PROBE_AUDIT_ACTIONS,
  ...ALERT_AUDIT_ACTIONS,
  ...PORTAL_AUDIT_ACTIONS,
  ...REPORT_AUDIT_ACTIONS,
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;
export type AuditTargetType = (typeof AUDIT_ACTIONS)[AuditAction];
