import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { people, tenants } from '../org/schema.js';
import { systemHosts, systemProbeRuns, systems } from './schema.js';

// Diagnosis findings (脆弱性診断の指摘事項, 001 L11748-11796): what the yearly outside diagnosis, a
// scanner or Mamoru's own probe found on a system, routed to the system's security officer, with a
// target date by CVSS band, and followed to a verified closure after a re-test.

export const FINDING_SOURCES = ['csv', 'testssl', 'zap', 'probe', 'manual'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** CVSS bands (001 L11788-11796): high 7.0–10.0 at once, medium 4.0–6.9 on a plan; low and info below. */
export const FINDING_BANDS = ['high', 'medium', 'low', 'info'] as const;
export type FindingBand = (typeof FINDING_BANDS)[number];

/** open → fixed (by the owner) → closed (verified after a re-test) | open again; accepted = risk accepted. */
export const FINDING_STATUSES = ['open', 'fixed', 'closed', 'accepted'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** The outcome of the latest re-test (a later import of the same source over the same host). */
export const RETEST_RESULTS = ['present', 'absent'] as const;
export type RetestResult = (typeof RETEST_RESULTS)[number];

/** The tenant's days from discovery to the target date per band (policy data; defaults when absent). */
export const systemFindingPolicies = pgTable('system_finding_policies', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  highDays: integer('high_days').notNull(),
  mediumDays: integer('medium_days').notNull(),
  lowDays: integer('low_days').notNull(),
  infoDays: integer('info_days').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').references(() => accounts.id),
});

/** One import of a diagnosis file or of a probe run's verdicts. */
export const systemFindingImports = pgTable(
  'system_finding_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    source: text('source', { enum: FINDING_SOURCES }).notNull(),
    fileName: text('file_name').notNull(),
    probeRunId: uuid('probe_run_id').references(() => systemProbeRuns.id, { onDelete: 'set null' }),
    /** new / present / reopened / absent counts and the unassigned hosts. */
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    importedBy: uuid('imported_by').references(() => accounts.id),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('system_finding_imports_tenant').on(t.tenantId, t.importedAt)],
);

export const systemFindings = pgTable(
  'system_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    hostId: uuid('host_id').references(() => systemHosts.id, { onDelete: 'set null' }),
    /** The host as the diagnosis named it (ip:port, domain, URL host). */
    hostLabel: text('host_label').notNull().default(''),
    source: text('source', { enum: FINDING_SOURCES }).notNull(),
    /** system / host / source / normalised title: a re-import of the next diagnosis finds the same row. */
    matchKey: text('match_key').notNull(),
    title: text('title').notNull(),
    band: text('band', { enum: FINDING_BANDS }).notNull(),
    cvssScore: real('cvss_score'),
    cvssVector: text('cvss_vector'),
    description: text('description').notNull().default(''),
    recommendation: text('recommendation').notNull().default(''),
    /** Scanner ids, CVE/CWE, URIs: what the finding rests on. */
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull().default({}),
    foundOn: date('found_on').notNull(),
    targetDate: date('target_date').notNull(),
    /** The system's 情報システムセキュリティ責任者 when the finding was raised (002 L287-295). */
    ownerId: uuid('owner_id').references(() => people.id),
    status: text('status', { enum: FINDING_STATUSES }).notNull().default('open'),
    retest: text('retest', { enum: RETEST_RESULTS }),
    retestedOn: date('retested_on'),
    acceptedReason: text('accepted_reason'),
    fixedOn: date('fixed_on'),
    closedOn: date('closed_on'),
    lastImportId: uuid('last_import_id').references(() => systemFindingImports.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('system_findings_match').on(t.tenantId, t.matchKey),
    index('system_findings_system').on(t.systemId, t.status),
    index('system_findings_tenant_status').on(t.tenantId, t.status, t.targetDate),
  ],
);

/** Every change of a finding: who, when, what (status before/after, re-test outcome, note). */
export const systemFindingEvents = pgTable(
  'system_finding_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    findingId: uuid('finding_id')
      .notNull()
      .references(() => systemFindings.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => accounts.id),
    /** created, retest_present, retest_absent, reopened_by_retest, fixed, verified, reopened, accepted. */
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note').notNull().default(''),
    importId: uuid('import_id').references(() => systemFindingImports.id, { onDelete: 'set null' }),
  },
  (t) => [index('system_finding_events_finding').on(t.findingId, t.at)],
);
