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
import { accounts } from '../accounts/schema.js';
import { orgUnits, people, tenants } from '../org/schema.js';
import type { InspectionItem } from './inspection-data/shipped-sets.js';
import type { AnswerStatus } from './inspection-rules.js';
import { HOST_ROLES, type HostRole, systemHosts, systems } from './schema.js';

// Focused inspection rounds (重点検査, 000 L1144-1229, 003 L699-772, 001 L2961-3070): an agency's own
// item sets, the rounds it runs, each host's assignment to its system's owner, and the answers.

/** An agency's item set: a copy of a shipped set, edited or extended (001 L14602-14608), or its own. */
export const inspectionItemSets = pgTable(
  'inspection_item_sets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    role: text('role', { enum: HOST_ROLES }).notNull(),
    name: text('name').notNull(),
    /** The shipped set it was copied from, if any. */
    basedOn: text('based_on'),
    items: jsonb('items').$type<InspectionItem[]>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inspection_item_sets_tenant').on(t.tenantId)],
);

/** The items of a role as the round froze them when it opened (later set edits do not change it). */
export interface RoundItemSet {
  role: HostRole;
  /** "shipped:web" or the agency set's id. */
  ref: string;
  name: string;
  items: InspectionItem[];
}

/** The units a round covers, with their paths at opening (for scope checks). */
export interface RoundUnit {
  id: string;
  path: string;
}

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

export const INSPECTION_ROUND_STATUSES = ['open', 'closed'] as const;

export const inspectionRounds = pgTable(
  'inspection_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    /** 検査基準日 (001 L2975): answers describe the state on this day. */
    referenceDate: date('reference_date').notNull(),
    dueOn: date('due_on'),
    units: jsonb('units').$type<RoundUnit[]>().notNull(),
    itemSets: jsonb('item_sets').$type<RoundItemSet[]>().notNull(),
    /** The round this one is compared with (003 L713-717). */
    previousRoundId: uuid('previous_round_id'),
    status: text('status', { enum: INSPECTION_ROUND_STATUSES }).notNull().default('open'),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [index('inspection_rounds_tenant').on(t.tenantId, t.createdAt)],
);

/** One host of a round, assigned to its system's 情報システムセキュリティ責任者. */
export const inspectionTargets = pgTable(
  'inspection_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    roundId: uuid('round_id')
      .notNull()
      .references(() => inspectionRounds.id, { onDelete: 'cascade' }),
    hostId: uuid('host_id')
      .notNull()
      .references(() => systemHosts.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    /** The system's owning division when the round opened: the grade table groups by it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    role: text('role', { enum: HOST_ROLES }).notNull(),
    hostName: text('host_name').notNull(),
    /** Who was asked (the security officer at opening); the answering right follows the ledger. */
    assigneeId: uuid('assignee_id').references(() => people.id),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => accounts.id),
  },
  (t) => [
    uniqueIndex('inspection_targets_round_host').on(t.roundId, t.hostId),
    index('inspection_targets_system').on(t.systemId),
  ],
);

/** The answer to one item for one host: met / not met / not applicable, with its evidence. */
export const inspectionAnswers = pgTable(
  'inspection_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => inspectionTargets.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    status: text('status').$type<AnswerStatus>(),
    evidence: text('evidence').notNull().default(''),
    /** An evidence file (a screenshot, a settings export, a report), kept with the answer. */
    evidenceFileName: text('evidence_file_name'),
    evidenceFileType: text('evidence_file_type'),
    evidenceFileBytes: bytea('evidence_file_bytes'),
    /** Filled from a probe run: its id (the evidence) until the owner answers otherwise. */
    probeRunId: uuid('probe_run_id'),
    probeSummary: text('probe_summary'),
    /** 'probe' while only measured; 'owner' once the owner confirmed or answered. */
    answeredBy: text('answered_by', { enum: ['probe', 'owner'] }).notNull(),
    answeredAccount: uuid('answered_account').references(() => accounts.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inspection_answers_target_item').on(t.targetId, t.itemKey)],
);
