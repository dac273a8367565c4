// The information register and handling requests (re-exported by ./schema.ts, which C1's policy tables share).
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { systems } from '../systems/schema.js';

export const ENTRY_FORMS = ['paper', 'electronic', 'both'] as const;
export type EntryForm = (typeof ENTRY_FORMS)[number];
export const ENTRY_STATUSES = ['proposed', 'returned', 'confirmed', 'archived'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface StoredRestriction {
  key: string;
  param?: string | null;
}

/** One piece of information a division holds (情報の格付台帳の1行). */
export const classificationEntries = pgTable(
  'classification_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The policy in force when it was classified (policy id, e.g. `meti-2011` or an agency copy). */
    policyId: text('policy_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerPersonId: uuid('owner_person_id')
      .notNull()
      .references(() => people.id),
    form: text('form', { enum: ENTRY_FORMS }).notNull(),
    storageLocation: text('storage_location').notNull().default(''),
    confidentiality: integer('confidentiality').notNull(),
    integrity: integer('integrity'),
    availability: integer('availability'),
    restrictions: jsonb('restrictions').$type<StoredRestriction[]>().notNull().default([]),
    retentionUntil: date('retention_until'),
    retentionNote: text('retention_note').notNull().default(''),
    /** The level requires a named access scope: unit members outside it do not see the entry. */
    scopeRestricted: boolean('scope_restricted').notNull(),
    status: text('status', { enum: ENTRY_STATUSES }).notNull(),
    /** Issued once for serial-numbered levels; never changed or reused (000 L790). */
    serialNo: text('serial_no'),
    correctionComment: text('correction_comment'),
    reviewDueOn: date('review_due_on'),
    /** The due date a review reminder was last mailed for (makes the reminder job idempotent). */
    reviewRemindedFor: date('review_reminded_for'),
    proposedBy: uuid('proposed_by')
      .notNull()
      .references(() => people.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid('confirmed_by').references(() => people.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('classification_entries_unit').on(t.tenantId, t.unitId, t.status),
    uniqueIndex('classification_entries_serial')
      .on(t.tenantId, t.serialNo)
      .where(sql`${t.serialNo} is not null`),
    index('classification_entries_review').on(t.reviewDueOn),
    // The owner's and proposer's ways into the register (visibleCandidates, register-access.ts).
    index('classification_entries_owner').on(t.ownerPersonId),
    index('classification_entries_proposer').on(t.proposedBy),
  ],
);

/** Who may access a scope-restricted entry: a named person, or everyone in a unit's subtree. */
export const classificationEntryAccess = pgTable(
  'classification_entry_access',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => classificationEntries.id),
    personId: uuid('person_id').references(() => people.id),
    unitId: uuid('unit_id').references(() => orgUnits.id),
  },
  (t) => [
    index('classification_entry_access_entry').on(t.entryId),
    // Named people and units reach their entries through these (visibleCandidates).
    index('classification_entry_access_person').on(t.personId),
    index('classification_entry_access_unit').on(t.unitId),
  ],
);

export const ENTRY_EVENT_KINDS = [
  'proposed',
  'updated',
  'returned',
  'confirmed',
  'reviewed',
  'archived',
  'serial_issued',
] as const;
export type EntryEventKind = (typeof ENTRY_EVENT_KINDS)[number];

/** The entry's full history: every proposal, correction, confirmation, review and archiving. */
export const classificationEntryEvents = pgTable(
  'classification_entry_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => classificationEntries.id),
    kind: text('kind', { enum: ENTRY_EVENT_KINDS }).notNull(),
    personId: uuid('person_id').references(() => people.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    /** Fields that changed: { field: [before, after] }. */
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull().default({}),
    comment: text('comment'),
  },
  (t) => [index('classification_entry_events_entry').on(t.entryId, t.at)],
);

/** The agency's serial-number counter: `last_issued` is bumped in the creating transaction. */
export const classificationSerials = pgTable('classification_serials', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  lastIssued: integer('last_issued').notNull(),
});

export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'withdrawn',
  'notified',
  'expired',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
/** Stored statuses; `expired` is read from an approved request past its validUntil. */
export type StoredRequestStatus = Exclude<RequestStatus, 'expired'>;

/** A request to carry out, provide, process outside, copy, or use a private device / cloud service. */
export const handlingRequests = pgTable(
  'handling_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    entryId: uuid('entry_id').references(() => classificationEntries.id),
    /** The unit whose approvers decide: the entry's unit, or the requester's when there is no entry. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    action: text('action').notNull(),
    policyId: text('policy_id').notNull(),
    confidentiality: integer('confidentiality').notNull(),
    rule: text('rule').notNull(),
    details: text('details').notNull(),
    destination: text('destination').notNull().default(''),
    requesterPersonId: uuid('requester_person_id')
      .notNull()
      .references(() => people.id),
    /** The information system concerned (000 L749-751, 002 L283-295): its security officer decides. */
    systemId: uuid('system_id').references(() => systems.id),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn', 'notified'] }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    expiryNotifiedAt: timestamp('expiry_notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('handling_requests_requester').on(t.requesterPersonId, t.createdAt),
    index('handling_requests_entry').on(t.entryId),
    index('handling_requests_unit').on(t.tenantId, t.unitId, t.status),
  ],
);

export const STEP_KINDS = ['permission', 'notification'] as const;
export const STEP_DECISIONS = ['approved', 'rejected', 'notified'] as const;

/** One permission or notification a request needs, resolved to the unit where the role is held. */
export const handlingRequestSteps = pgTable(
  'handling_request_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => handlingRequests.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: STEP_KINDS }).notNull(),
    roleKey: text('role_key').notNull(),
    roleName: text('role_name').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    /** The one person who answers this step (the named system's security officer), instead of the role's holders. */
    assigneePersonId: uuid('assignee_person_id').references(() => people.id),
    decision: text('decision', { enum: STEP_DECISIONS }),
    decidedByPersonId: uuid('decided_by_person_id').references(() => people.id),
    comment: text('comment'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('handling_request_steps_request').on(t.requestId, t.position),
    index('handling_request_steps_role').on(t.roleKey, t.unitId),
  ],
);

/** The information systems that hold a register entry (validated through systems/public.ts). */
export const classificationEntrySystems = pgTable(
  'classification_entry_systems',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => classificationEntries.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
  },
  (t) => [
    uniqueIndex('classification_entry_systems_pk').on(t.entryId, t.systemId),
    index('classification_entry_systems_system').on(t.systemId),
  ],
);
