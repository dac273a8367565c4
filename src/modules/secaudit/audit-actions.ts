/** The security-audit module's audit actions and the kind of target each names (see audit/events.ts). */
export const SECAUDIT_AUDIT_ACTIONS = {
  'secaudit.plan_create': 'secaudit_plan',
  'secaudit.plan_update': 'secaudit_plan',
  'secaudit.plan_approve': 'secaudit_plan',
  'secaudit.milestone_create': 'secaudit_plan',
  'secaudit.milestone_update': 'secaudit_plan',
  'secaudit.engagement_create': 'secaudit_engagement',
  'secaudit.engagement_update': 'secaudit_engagement',
  'secaudit.finding_create': 'secaudit_finding',
  'secaudit.finding_update': 'secaudit_finding',
  'secaudit.finding_respond': 'secaudit_finding',
  'secaudit.finding_return': 'secaudit_finding',
  'secaudit.finding_verify': 'secaudit_finding',
  'secaudit.paper_upload': 'secaudit_engagement',
  'secaudit.paper_read': 'secaudit_engagement',
} as const;
