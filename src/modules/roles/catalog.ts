import type { Permission } from '../../server/policy.js';
import type { MetricGroup } from './schema.js';

export interface StandardRole {
  key: string;
  nameJa: string;
  nameEn: string;
  /** Set for the roles the Unified Standards define; null for Mamoru's own administrator role. */
  standardName: string | null;
  metricGroup: MetricGroup | null;
  permissions: Permission[];
  descriptionJa: string;
  descriptionEn: string;
}

/**
 * The standard role catalog (001 L2772-2802, 002 L263-384, 003 L224-299). Each agency
 * gets a copy as data and may rename roles or add its own; `standardName` keeps the link for metrics.
 */
export const STANDARD_ROLES: StandardRole[] = [
  {
    key: 'ciso',
    nameJa: '最高情報セキュリティ責任者',
    nameEn: 'Chief Information Security Officer (CISO)',
    standardName: '最高情報セキュリティ責任者',
    metricGroup: 'managers',
    permissions: [
      'org.read',
      'audit.read',
      'selfcheck.view',
      'selfcheck.approve',
      'classification.overview',
      'training.view',
      'drill.view',
    ],
    descriptionJa: '府省庁の情報セキュリティ対策を統括する責任者（通常は大臣官房長）。',
    descriptionEn:
      'Heads information security for the agency (usually the Director-General of the Secretariat).',
  },
  {
    key: 'chief_security_officer',
    nameJa: '統括情報セキュリティ責任者',
    nameEn: 'Chief Security Coordinator',
    standardName: '統括情報セキュリティ責任者',
    metricGroup: 'managers',
    permissions: [
      'org.read',
      'org.manage',
      'role.assign',
      'account.manage',
      'audit.read',
      'selfcheck.manage',
      'selfcheck.view',
      'classification.manage',
      'classification.overview',
      'training.manage',
      'training.view',
      'drill.manage',
      'drill.view',
    ],
    descriptionJa: 'CISO を補佐し、対策の実務を統括する責任者（情報システム部門の長）。',
    descriptionEn: 'Assists the CISO and coordinates the measures (head of the IT office).',
  },
  {
    key: 'security_officer',
    nameJa: '情報セキュリティ責任者',
    nameEn: 'Information Security Officer',
    standardName: '情報セキュリティ責任者',
    metricGroup: 'managers',
    permissions: [
      'org.read',
      'selfcheck.view',
      'classification.confirm',
      'classification.overview',
      'training.view',
      'drill.view',
    ],
    descriptionJa: '部局における情報セキュリティ対策の責任者（部局長）。',
    descriptionEn: 'Responsible for security in a bureau (bureau head).',
  },
  {
    key: 'division_security_officer',
    nameJa: '課室情報セキュリティ責任者',
    nameEn: 'Division Information Security Officer',
    standardName: '課室情報セキュリティ責任者',
    metricGroup: 'managers',
    permissions: [
      'org.read',
      'selfcheck.view',
      'classification.confirm',
      'classification.overview',
      'training.view',
      'drill.view',
    ],
    descriptionJa: '課室における情報セキュリティ対策の責任者（課室長）。',
    descriptionEn: 'Responsible for security in a division (division head).',
  },
  {
    key: 'system_security_officer',
    nameJa: '情報システムセキュリティ責任者',
    nameEn: 'Information System Security Officer',
    standardName: '情報システムセキュリティ責任者',
    metricGroup: 'system',
    permissions: [],
    descriptionJa: '所管する情報システムの情報セキュリティ対策の責任者。',
    descriptionEn: 'Responsible for the security of an information system they own.',
  },
  {
    key: 'system_security_administrator',
    nameJa: '情報システムセキュリティ管理者',
    nameEn: 'Information System Security Administrator',
    standardName: '情報システムセキュリティ管理者',
    metricGroup: 'system',
    permissions: [],
    descriptionJa: '情報システムの管理業務において対策を実施する者。',
    descriptionEn: 'Carries out the security measures in administering an information system.',
  },
  {
    key: 'staff',
    nameJa: '行政事務従事者',
    nameEn: 'Staff Member',
    standardName: '行政事務従事者',
    metricGroup: 'staff',
    permissions: [],
    descriptionJa: '府省庁の行政事務に従事するすべての職員（非常勤を含む）。',
    descriptionEn: 'Every person doing the agency’s administrative work, part-time staff included.',
  },
  {
    key: 'audit_officer',
    nameJa: '情報セキュリティ監査責任者',
    nameEn: 'Information Security Audit Officer',
    standardName: '情報セキュリティ監査責任者',
    metricGroup: null,
    permissions: [
      'org.read',
      'audit.read',
      'selfcheck.view',
      'selfcheck.audit',
      'classification.overview',
      'training.view',
      'drill.view',
    ],
    descriptionJa: '情報セキュリティ監査を統括する責任者。自己点検の対象外。',
    descriptionEn: 'Heads information security audits. Not self-checked.',
  },
  {
    key: 'security_advisor',
    nameJa: '最高情報セキュリティアドバイザー',
    nameEn: 'Chief Information Security Advisor',
    standardName: '最高情報セキュリティアドバイザー',
    metricGroup: null,
    permissions: [],
    descriptionJa: 'CISO に助言する外部の専門家（CIO 補佐官など）。',
    descriptionEn: 'External expert advising the CISO (e.g. a CIO adviser).',
  },
  {
    key: 'mamoru_admin',
    nameJa: 'Mamoru 管理者',
    nameEn: 'Mamoru Administrator',
    standardName: null,
    metricGroup: null,
    permissions: [
      'org.read',
      'org.manage',
      'role.manage',
      'role.assign',
      'account.manage',
      'audit.read',
      'selfcheck.manage',
      'selfcheck.view',
      'selfcheck.audit',
      // Assigning a role needs its permissions (no escalation), so the administrator who assigns the CISO holds it.
      'selfcheck.approve',
      'classification.manage',
      'classification.confirm',
      'classification.overview',
      'training.manage',
      'training.view',
      'drill.manage',
      'drill.view',
    ],
    descriptionJa: 'このシステムの運用管理者（統一基準の役割ではありません）。',
    descriptionEn: 'Operates this system (not a role of the Unified Standards).',
  },
];

/** The central body's own roles: it sees only what agencies submit. */
export const CENTRAL_ROLES: StandardRole[] = [
  {
    key: 'central_analyst',
    nameJa: '内閣サイバーセキュリティセンター 担当者',
    nameEn: 'Central Body Analyst',
    standardName: null,
    metricGroup: null,
    permissions: ['central.read'],
    descriptionJa: '各府省庁から提出された結果を閲覧・比較する。',
    descriptionEn: 'Reads and compares what agencies submitted.',
  },
  {
    key: 'mamoru_admin',
    nameJa: 'Mamoru 管理者',
    nameEn: 'Mamoru Administrator',
    standardName: null,
    metricGroup: null,
    permissions: [
      'org.read',
      'org.manage',
      'role.manage',
      'role.assign',
      'account.manage',
      'audit.read',
      'central.read',
    ],
    descriptionJa: 'このシステムの運用管理者。',
    descriptionEn: 'Operates this system.',
  },
];

export const METRIC_GROUP_NAMES: Record<MetricGroup, { ja: string; en: string }> = {
  managers: { ja: '責任者等', en: 'Officers' },
  system: { ja: 'システム責任者等', en: 'System officers' },
  staff: { ja: '行政事務従事者', en: 'Staff' },
};
