import { sql } from 'drizzle-orm';
import {
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgUnits, people, tenants } from '../org/schema.js';

// Security audits (監査, 000 L464-529, 002 L425-452, 003 L826-1039): the yearly plan approved by the
// CISO, engagements, the calendar, findings followed across fiscal years, and working papers.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const PLAN_STATES = ['draft', 'approved'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** 方針, 対象, 方法, 判断基準 (003 L826-832): one plan per agency and fiscal year. */
export const secauditPlans = pgTable(
  'secaudit_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    fiscalYear: integer('fiscal_year').notNull(),
    /** Bumped by every edit after an approval: the approved text is kept in secaudit_plan_versions. */
    version: integer('version').notNull().default(1),
    state: text('state', { enum: PLAN_STATES }).notNull().default('draft'),
    policy: text('policy').notNull().default(''),
    targets: text('targets').notNull().default(''),
    methods: text('methods').notNull().default(''),
    criteria: text('criteria').notNull().default(''),
    approvedBy: uuid('approved_by').references(() => people.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('secaudit_plans_year').on(t.tenantId, t.fiscalYear)],
);

/** Each approved version of a plan, as approved. */
export const secauditPlanVersions = pgTable(
  'secaudit_plan_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => secauditPlans.id),
    version: integer('version').notNull(),
    policy: text('policy').notNull(),
    targets: text('targets').notNull(),
    methods: text('methods').notNull(),
    criteria: text('criteria').notNull(),
    approvedBy: uuid('approved_by').references(() => people.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('secaudit_plan_versions_key').on(t.planId, t.version)],
);

/** Engagement kinds (000 L464-484, 003 L836-944). */
export const ENGAGEMENT_KINDS = [
  'policy_vs_standards',
  'procedures_vs_policy',
  'operation_manuals',
  'selfcheck',
  'system',
] as const;
export type EngagementKind = (typeof ENGAGEMENT_KINDS)[number];
export const AUDITOR_KINDS = ['internal', 'external'] as const;

export const secauditEngagements = pgTable(
  'secaudit_engagements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => secauditPlans.id),
    fiscalYear: integer('fiscal_year').notNull(),
    kind: text('kind', { enum: ENGAGEMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    /** The audited unit. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    auditorKind: text('auditor_kind', { enum: AUDITOR_KINDS }).notNull(),
    auditorName: text('auditor_name').notNull(),
    /** How the auditor is independent of the audited unit (003 L826-832: 客観性・独立性). */
    independence: text('independence').notNull(),
    /** Named audit-team members besides the secaudit.manage holders: they may read working papers. */
    teamPersonIds: jsonb('team_person_ids').$type<string[]>().notNull().default([]),
    /** kind 'selfcheck': the self-check campaign whose audit samples are examined. */
    campaignId: uuid('campaign_id'),
    /** kind 'system': the ledger system audited (systems/public.ts). */
    systemId: uuid('system_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('secaudit_engagements_year').on(t.tenantId, t.fiscalYear)],
);

/** Dated steps of the audit calendar with who does each (002 L875-962). */
export const secauditMilestones = pgTable(
  'secaudit_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => secauditPlans.id),
    step: text('step').notNull(),
    /** The role that does the step, as the calendar names it (監査責任者, 被監査部門…). */
    roleLabel: text('role_label').notNull(),
    responsibleId: uuid('responsible_id').references(() => people.id),
    startOn: date('start_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('secaudit_milestones_due').on(t.tenantId, t.dueOn)],
);

export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FINDING_STATES = ['open', 'responded', 'closed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

/** 指摘事項 (000 L488-529, 003 L948-1039): followed until the auditor verifies the fix. */
export const secauditFindings = pgTable(
  'secaudit_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => secauditEngagements.id),
    /** The fiscal year the finding was raised in; it shows in later years until closed. */
    fiscalYear: integer('fiscal_year').notNull(),
    /** The auditee unit; its head responds. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    clause: text('clause').notNull(),
    condition: text('condition').notNull(),
    cause: text('cause').notNull().default(''),
    severity: text('severity', { enum: SEVERITIES }).notNull(),
    proposal: text('proposal').notNull().default(''),
    state: text('state', { enum: FINDING_STATES }).notNull().default('open'),
    response: text('response'),
    responsePlan: text('response_plan'),
    dueOn: date('due_on', { mode: 'string' }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('secaudit_findings_open').on(t.tenantId, t.state, t.fiscalYear),
    index('secaudit_findings_engagement').on(t.engagementId),
  ],
);

export const FINDING_EVENT_KINDS = ['raised', 'edited', 'responded', 'returned', 'verified'] as const;

/** Every change of a finding, shown as its history in every year it appears. */
export const secauditFindingEvents = pgTable(
  'secaudit_finding_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => secauditFindings.id),
    kind: text('kind', { enum: FINDING_EVENT_KINDS }).notNull(),
    personId: uuid('person_id').references(() => people.id),
    note: text('note'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('secaudit_finding_events_finding').on(t.findingId, t.at)],
);

/** 監査調書: files of an engagement (optionally of one finding), in the database, never under the web root. */
export const secauditPapers = pgTable(
  'secaudit_papers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => secauditEngagements.id),
    findingId: uuid('finding_id').references(() => secauditFindings.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('secaudit_papers_engagement').on(t.engagementId)],
);
