import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import { roles } from '../roles/schema.js';

// --- requirement catalogs ---------------------------------------------------------------------------

/** A series of requirement catalogs (e.g. the Unified Standards); tenant null = shipped with Mamoru. */
export const catalogs = pgTable(
  'catalogs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    code: text('code').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('catalogs_tenant_code').on(
      sql`coalesce(${t.tenantId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.code,
    ),
  ],
);

export type CatalogOutline = {
  no: string;
  title: string;
  titleEn?: string | undefined;
  sections: { no: string; title: string; titleEn?: string | undefined }[];
}[];

/** Each import is a new version; older versions stay (history), policies and campaigns point at one. */
export const catalogVersions = pgTable(
  'catalog_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    catalogId: uuid('catalog_id')
      .notNull()
      .references(() => catalogs.id),
    version: text('version').notNull(),
    summary: boolean('summary').notNull().default(false),
    notice: text('notice'),
    source: text('source', { enum: ['shipped', 'yaml', 'xlsx'] }).notNull(),
    itemCount: integer('item_count').notNull(),
    /** Chapters and sections, including those without items, so the structure survives an export. */
    outline: jsonb('outline').$type<CatalogOutline>().notNull().default([]),
    importedBy: uuid('imported_by').references(() => accounts.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('catalog_versions_unique').on(t.catalogId, t.version)],
);

export const ITEM_LEVELS = ['basic', 'enhanced'] as const;

export const catalogItems = pgTable(
  'catalog_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => catalogVersions.id),
    itemId: text('item_id').notNull(),
    chapterNo: text('chapter_no').notNull(),
    chapterTitle: text('chapter_title').notNull(),
    chapterTitleEn: text('chapter_title_en'),
    sectionNo: text('section_no').notNull(),
    sectionTitle: text('section_title').notNull(),
    sectionTitleEn: text('section_title_en'),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    text: text('text').notNull(),
    guidance: text('guidance'),
    roles: jsonb('roles').$type<string[]>().notNull(),
    level: text('level', { enum: ITEM_LEVELS }).notNull(),
    tags: jsonb('tags').$type<string[]>().notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [uniqueIndex('catalog_items_unique').on(t.versionId, t.itemId)],
);

// --- agency policy ------------------------------------------------------------------------------------

/** An agency's policy (対策基準): a catalog version plus the agency's own changes, each with a reason. */
export const policies = pgTable('policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  catalogVersionId: uuid('catalog_version_id')
    .notNull()
    .references(() => catalogVersions.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const POLICY_CHANGE_KINDS = ['add', 'tighten', 'not_applicable'] as const;
export type PolicyChangeKind = (typeof POLICY_CHANGE_KINDS)[number];

/** The item as the policy states it (for `add` and `tighten`). */
export interface PolicyItemContent {
  chapterNo: string;
  chapterTitle: string;
  chapterTitleEn?: string | null;
  sectionNo: string;
  sectionTitle: string;
  sectionTitleEn?: string | null;
  title: string;
  titleEn?: string | null;
  text: string;
  guidance?: string | null;
  roles: string[];
  level: 'basic' | 'enhanced';
  tags: string[];
}

export const policyChanges = pgTable(
  'policy_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: POLICY_CHANGE_KINDS }).notNull(),
    itemId: text('item_id').notNull(),
    content: jsonb('content').$type<PolicyItemContent>(),
    reason: text('reason').notNull(),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('policy_changes_unique').on(t.policyId, t.itemId)],
);

// --- campaigns -------------------------------------------------------------------------------------

export const CAMPAIGN_STATES = ['draft', 'open', 'closed', 'published'] as const;
export type CampaignState = (typeof CAMPAIGN_STATES)[number];
export const ANSWER_MEANINGS = ['implemented', 'not_implemented', 'no_duty'] as const;
export type AnswerMeaning = (typeof ANSWER_MEANINGS)[number];

/**
 * The metric definition a campaign's plan says it will report (004 L722-742, 000 L1036, 002 L536-569): NISC (mean of item rates,
 * 004 L722-742), METI (people who implemented every item, 000 L1036) or the Cabinet Office's reading
 * (people who implemented, 002 L536; 該当なし passes, 002 L567-569). Mapped to the engine by campaign-rules.
 */
export const METRIC_DEFINITIONS = ['nisc', 'meti', 'cabinet_office'] as const;
export type MetricDefinition = (typeof METRIC_DEFINITIONS)[number];

/** The yearly self-check plan (自己点検計画, 003 L531-535), approved by the CISO before opening (002 L265-267). */
export interface CampaignPlan {
  /** 方針 */
  policy: string;
  /** 対象 */
  scope: string;
  /** 点検内容 */
  content: string;
  /** 実施時期 */
  timing: string;
  /** 評価方法 */
  evaluation: string;
  metricDefinition: MetricDefinition;
}

export interface AnswerOption {
  key: string;
  labelJa: string;
  labelEn: string;
  meaning: AnswerMeaning;
}

export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    policyId: uuid('policy_id')
      .notNull()
      .references(() => policies.id),
    state: text('state', { enum: CAMPAIGN_STATES }).notNull().default('draft'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** Units whose subtrees are in scope (empty = the whole agency). */
    scopeUnitIds: jsonb('scope_unit_ids').$type<string[]>().notNull().default([]),
    /** Roles that answer (empty = every self-checked role). */
    scopeRoleKeys: jsonb('scope_role_keys').$type<string[]>().notNull().default([]),
    /** Per role key: 'all' its items, or a focus set of item ids (NISC picks focus items, 001 L2806). */
    itemsPerRole: jsonb('items_per_role').$type<Record<string, 'all' | string[]>>().notNull().default({}),
    excludedStatuses: jsonb('excluded_statuses')
      .$type<string[]>()
      .notNull()
      .default(['long_leave', 'excluded']),
    instructions: text('instructions').notNull().default(''),
    answerOptions: jsonb('answer_options').$type<AnswerOption[]>().notNull(),
    /** Remind non-submitters every N days while open (null = only on demand). */
    reminderEveryDays: integer('reminder_every_days'),
    lastReminderAt: timestamp('last_reminder_at', { withTimezone: true }),
    /** The campaign to compare with (year over year); default: the latest earlier published one. */
    previousCampaignId: uuid('previous_campaign_id'),
    /** The plan, written whole (null until drafted); editing it withdraws the approval. */
    plan: jsonb('plan').$type<CampaignPlan>(),
    planApprovedBy: uuid('plan_approved_by').references(() => accounts.id),
    planApprovedAt: timestamp('plan_approved_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Opened, but its questionnaires are still being created by a background job (campaign-rules: WHILE_PREPARING). */
    membersPending: boolean('members_pending').notNull().default(false),
    /** The job creating the questionnaires (selfcheck.campaign.materialise), for watching it. */
    membersJobId: bigint('members_job_id', { mode: 'number' }),
  },
  (t) => [index('campaigns_tenant').on(t.tenantId, t.fiscalYear)],
);

/** The items of a campaign, frozen when it opens; `idx` is the position in every packed answer string. */
export const campaignItems = pgTable(
  'campaign_items',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    idx: integer('idx').notNull(),
    itemId: text('item_id').notNull(),
    chapterNo: text('chapter_no').notNull(),
    chapterTitle: text('chapter_title').notNull(),
    chapterTitleEn: text('chapter_title_en'),
    sectionNo: text('section_no').notNull(),
    sectionTitle: text('section_title').notNull(),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    text: text('text').notNull(),
    guidance: text('guidance'),
    level: text('level', { enum: ITEM_LEVELS }).notNull(),
    /** Role keys that answer this item in this campaign. */
    roleKeys: jsonb('role_keys').$type<string[]>().notNull(),
    /** The staff area (001 L2883-2904) from the item's `staff-area:` tag, null for none. */
    area: text('area'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.idx] })],
);

export const MEMBER_STATES = ['not_started', 'draft', 'submitted'] as const;
export type MemberState = (typeof MEMBER_STATES)[number];

/**
 * One questionnaire: a person answering for one role they hold. Answers are packed into one string,
 * one character per campaign item (the option's position, '.' = not answered), so a submission is
 * one row write and the full metrics are one scan (issue: "answers packed per submission").
 */
export const campaignMembers = pgTable(
  'campaign_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    roleKey: text('role_key').notNull(),
    metricGroup: text('metric_group', { enum: ['managers', 'system', 'staff'] }).notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    inScope: boolean('in_scope').notNull(),
    exclusion: text('exclusion'),
    state: text('state', { enum: MEMBER_STATES }).notNull().default('not_started'),
    answers: text('answers').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    lastRemindedAt: timestamp('last_reminded_at', { withTimezone: true }),
    /**
     * In scope and one of its person's several in-scope questionnaires: set when the members are made
     * (they never move afterwards), so results read these few rows instead of grouping every member.
     */
    several: boolean('several').notNull().default(false),
  },
  (t) => [
    uniqueIndex('campaign_members_unique').on(t.campaignId, t.personId, t.roleId),
    index('campaign_members_person').on(t.personId),
    index('campaign_members_path').using('btree', t.campaignId, sql`${t.unitPath} text_pattern_ops`),
    // Results from counters: headcounts per (unit, role) and the people with several questionnaires,
    // each an index-only scan instead of reading 300,000 rows (docs/benchmarks.md).
    index('campaign_members_cells').on(t.campaignId, t.unitPath, t.roleKey, t.metricGroup, t.inScope),
    index('campaign_members_several').on(t.campaignId, t.personId).where(sql`${t.inScope}`),
    index('campaign_members_flagged').on(t.campaignId).where(sql`${t.several}`),
  ],
);

/** Every write of a counters row takes the next value: a campaign's largest tells whether anything changed. */
export const selfcheckCountersVersion = pgSequence('selfcheck_counters_version');

/**
 * Running sums of a campaign's submitted answers per (unit, role, group), kept by submit and amend in the
 * answer's own transaction so results read ~2,000 rows instead of every packed string. Rows appear
 * with their headcounts when the members are made (a member's unit, role and scope never change after).
 * The sums are per questionnaire; results turn them into people (several questionnaires of one person
 * count once). `mamoru selfcheck verify-counters` recomputes them from the members and their answers.
 */
export const selfcheckCounters = pgTable(
  'selfcheck_counters',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    unitPath: text('unit_path').notNull(),
    roleKey: text('role_key').notNull(),
    metricGroup: text('metric_group').notNull(),
    /** Per campaign item idx i: [3i] implemented, [3i+1] not implemented, [3i+2] 該当なし. */
    items: integer('items').array().notNull(),
    /** In-scope submitted questionnaires. */
    captured: integer('captured').notNull(),
    /** Of those, questionnaires with at least one not-implemented item. */
    failed: integer('failed').notNull(),
    /** Per chapter (in campaign item order): questionnaires with a not-implemented item in it. */
    failedByChapter: integer('failed_by_chapter').array().notNull(),
    /** Questionnaires of this (unit, role, group), in scope or not: written when the members are made. */
    members: integer('members').notNull().default(0),
    /** Of those, in scope (the denominator of 把握率, before people with several count once). */
    inScope: integer('in_scope').notNull().default(0),
    /** selfcheck_counters_version when the row was last written (results cache their roll-up by it). */
    version: bigint('version', { mode: 'number' })
      .notNull()
      .default(sql`nextval('selfcheck_counters_version')`),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitPath, t.roleKey, t.metricGroup] })],
);

/** Figures frozen at publication: later edits to people or units do not change them. */
export const campaignResults = pgTable(
  'campaign_results',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    naPasses: boolean('na_passes').notNull(),
    payload: jsonb('payload').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.naPasses] })],
);

/**
 * Auditing the self-check as the Cabinet Office does it (002 L453-470): sample bureaus or divisions
 * first (drawn with the seed, or picked), then per role the number of people to check, then per answer
 * whether it was true. Samples drawn before units and role counts existed have `perRole` (N for every
 * role) and no units; the migration filled their `roleCounts` from their entries.
 */
export const auditSamples = pgTable('selfcheck_audit_samples', {
  id: uuid('id').primaryKey().defaultRandom(),
  campaignId: uuid('campaign_id')
    .notNull()
    .references(() => campaigns.id, { onDelete: 'cascade' }),
  seed: integer('seed').notNull(),
  /** Legacy: one number for every role (null for samples drawn with role counts). */
  perRole: integer('per_role'),
  /** Role key → people sampled (as asked). */
  roleCounts: jsonb('role_counts').$type<Record<string, number>>().notNull().default({}),
  /** How the units were chosen: drawn with the seed, picked by the auditor, or the whole agency. */
  unitMode: text('unit_mode', { enum: ['drawn', 'picked', 'all'] })
    .notNull()
    .default('all'),
  /** The sampled units (their subtrees are sampled); empty = the whole agency. */
  unitIds: jsonb('unit_ids').$type<string[]>().notNull().default([]),
  /** Answers checked per person; null = every answer of the person. */
  itemsPerMember: integer('items_per_member'),
  createdBy: uuid('created_by').references(() => accounts.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const auditSampleEntries = pgTable(
  'selfcheck_audit_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sampleId: uuid('sample_id')
      .notNull()
      .references(() => auditSamples.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => campaignMembers.id, { onDelete: 'cascade' }),
    itemIdx: integer('item_idx').notNull(),
    /** The answer as it stood when sampled (option key). */
    answer: text('answer'),
    verified: boolean('verified'),
    note: text('note').notNull().default(''),
    verifiedBy: uuid('verified_by').references(() => accounts.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('selfcheck_audit_entries_unique').on(t.sampleId, t.memberId, t.itemIdx)],
);

/** What agencies send to the central body (NISC); the only agency data central users can read. */
export const submissions = pgTable(
  'submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fromTenantId: uuid('from_tenant_id')
      .notNull()
      .references(() => tenants.id),
    toTenantId: uuid('to_tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    title: text('title').notNull(),
    payload: jsonb('payload').notNull(),
    submittedBy: uuid('submitted_by').references(() => accounts.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /** 1, 2, … per (recipient, agency whose figures these are, kind, fiscal year); nothing is ever replaced. */
    version: integer('version').notNull().default(1),
    /**
     * Whose figures these are when not the sender's own: a ministry forwarding its 独法's statement to the
     * central body (001 L15064-15078). Null: the sender's own.
     */
    originTenantId: uuid('origin_tenant_id').references(() => tenants.id),
    /** The 独法's submission to its ministry that this forwarded copy was made from. */
    forwardedFromId: uuid('forwarded_from_id'),
  },
  (t) => [
    index('submissions_to').on(t.toTenantId, t.kind, t.fiscalYear),
    index('submissions_from').on(t.fromTenantId, t.kind, t.fiscalYear),
  ],
);
