// API shapes, inferred from the server's zod schemas so the two cannot drift apart.
// Type-only imports: nothing from the server ends up in the browser bundle.
import type { z } from 'zod';
import type {
  AccountDetailOut,
  AccountOut,
  CreatedTokenOut,
  LoginOut,
  MeOut,
  SessionOut,
  TemporaryPasswordOut,
  TokenOut,
  TotpSetupOut,
} from '../../modules/accounts/validation.js';
import type { PersonDetailOut, PersonOut, UnitOut } from '../../modules/org/validation.js';
import type { RoleOut } from '../../modules/roles/validation.js';
import type { ResultsOut, SummaryOut } from '../../modules/selfcheck/results-validation.js';
import type { SampleDetailOut, SampleOut } from '../../modules/selfcheck/sample-validation.js';
import type {
  AnswerOptionIn,
  CampaignOut,
  CatalogItemOut,
  CatalogOutlineOut,
  CatalogVersionOut,
  ChangeAfterCloseOut,
  JobQueuedOut,
  PendingOut,
  PolicyDetailOut,
  PolicyOut,
  ProgressOut,
  QuestionnaireOut,
  QuestionnaireSummaryOut,
} from '../../modules/selfcheck/validation.js';
import type { Permission } from '../../server/policy.js';

export type { Permission };
export type Me = z.infer<typeof MeOut>;
export type Session = z.infer<typeof SessionOut>;
export type SessionStatus = Session['status'];
export type LoginResult = z.infer<typeof LoginOut>;
export type Account = z.infer<typeof AccountOut>;
export type AccountDetail = z.infer<typeof AccountDetailOut>;
export type TemporaryPassword = z.infer<typeof TemporaryPasswordOut>;
export type ApiToken = z.infer<typeof TokenOut>;
export type CreatedToken = z.infer<typeof CreatedTokenOut>;
export type TotpSetup = z.infer<typeof TotpSetupOut>;
export type Unit = z.infer<typeof UnitOut>;
export type Person = z.infer<typeof PersonOut>;
export type PersonDetail = z.infer<typeof PersonDetailOut>;
export type Role = z.infer<typeof RoleOut>;
export type CatalogVersion = z.infer<typeof CatalogVersionOut>;
export type CatalogOutline = z.infer<typeof CatalogOutlineOut>;
export type CatalogItem = z.infer<typeof CatalogItemOut>;
export type Policy = z.infer<typeof PolicyOut>;
export type PolicyDetail = z.infer<typeof PolicyDetailOut>;
export type AnswerOption = z.infer<typeof AnswerOptionIn>;
export type Campaign = z.infer<typeof CampaignOut>;
export type CampaignState = Campaign['state'];
export type ChangeAfterClose = z.infer<typeof ChangeAfterCloseOut>;
export type QuestionnaireSummary = z.infer<typeof QuestionnaireSummaryOut>;
export type Questionnaire = z.infer<typeof QuestionnaireOut>;
export type Progress = z.infer<typeof ProgressOut>;
export type Pending = z.infer<typeof PendingOut>;
export type JobQueued = z.infer<typeof JobQueuedOut>;
export type Results = z.infer<typeof ResultsOut>;
export type ResultsSummary = z.infer<typeof SummaryOut>;
export type Sample = z.infer<typeof SampleOut>;
export type SampleDetail = z.infer<typeof SampleDetailOut>;

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** GET /roles/:id/holders (the server keeps this schema private to its route file). */
export interface RoleHolder {
  assignmentId: string;
  personId: string;
  staffNo: string;
  name: string;
  unitId: string;
  unitName: string;
}

/** GET /audit-events (the server keeps this schema private to its route file). */
export interface AuditEvent {
  id: number;
  seq: number;
  at: string;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  rows: number;
  firstBreak: {
    seq: number;
    id: number;
    reason: 'edited' | 'missing_before' | 'bad_link' | 'bad_seal' | 'unsealed' | 'missing_newest';
  } | null;
}

/** The permission names, in the server's order (server/policy.ts imports the database, so it is not bundled). */
export const PERMISSIONS = [
  'org.read',
  'org.manage',
  'role.manage',
  'role.assign',
  'account.manage',
  'audit.read',
  'central.read',
  'selfcheck.manage',
  'selfcheck.view',
  'selfcheck.audit',
  'selfcheck.approve',
  'classification.manage',
  'classification.confirm',
  'classification.overview',
  'training.manage',
  'training.view',
  'drill.manage',
  'drill.view',
  'system.view',
  'system.manage',
  'incident.handle',
  'incident.view',
  'secaudit.manage',
  'secaudit.approve',
  'secaudit.view',
  'exception.approve',
  'exception.view',
  'vendor.manage',
  'vendor.view',
  'report.manage',
  'report.approve',
  'report.view',
  'alert.handle',
  'portal.manage',
  'central.manage',
] as const satisfies readonly Permission[];

// Fails to compile when the server adds a permission this list lacks.
type MissingPermission = Exclude<Permission, (typeof PERMISSIONS)[number]>;
export const permissionsComplete: [MissingPermission] extends [never] ? true : never = true;
