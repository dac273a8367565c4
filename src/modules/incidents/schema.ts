import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgUnits, people, tenants } from '../org/schema.js';
import {
  type FlowStep,
  INCIDENT_SOURCES,
  INCIDENT_STATES,
  INCIDENT_TYPES,
  RESOLVERS,
  SEVERITIES,
} from './rules.js';

// Incidents (障害・事故等, 002 L692-778, 003 L1105-1262): reports from the reporting point, triaged by
// the CSIRT, handled through the agency's flow (data), with the liaison record and contact drills.

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** The agency's response flow; absent → the shipped default (rules.ts DEFAULT_FLOW). */
export const incidentFlows = pgTable('incident_flows', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  steps: jsonb('steps').$type<FlowStep[]>().notNull(),
  updatedBy: uuid('updated_by').references(() => people.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The reporting unit: the reporter's own, the root for anonymous reports, set again at triage. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    source: text('source', { enum: INCIDENT_SOURCES }).notNull(),
    reporterPersonId: uuid('reporter_person_id').references(() => people.id),
    /** Text only, as typed; every screen escapes it. */
    what: text('what').notNull(),
    whenText: text('when_text').notNull().default(''),
    whereText: text('where_text').notNull().default(''),
    contact: text('contact').notNull().default(''),
    discoveredAt: timestamp('discovered_at', { withTimezone: true }),
    state: text('state', { enum: INCIDENT_STATES }).notNull().default('reported'),
    title: text('title'),
    type: text('type', { enum: INCIDENT_TYPES }),
    severity: text('severity', { enum: SEVERITIES }),
    personalData: boolean('personal_data'),
    systemIds: jsonb('system_ids').$type<string[]>().notNull().default([]),
    registerEntryIds: jsonb('register_entry_ids').$type<string[]>().notNull().default([]),
    /** 対応等 and 再発防止策 as the year's list shows them (001 L15114-15120). */
    response: text('response'),
    prevention: text('prevention'),
    triagedAt: timestamp('triaged_at', { withTimezone: true }),
    triagedBy: uuid('triaged_by').references(() => people.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('incidents_tenant').on(t.tenantId, t.createdAt)],
);

/** One case's copy of the flow, each step resolved to people when the case was triaged. */
export const incidentSteps = pgTable(
  'incident_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    key: text('key').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    resolver: text('resolver', { enum: RESOLVERS }).notNull(),
    roleKey: text('role_key'),
    holderIds: jsonb('holder_ids').$type<string[]>().notNull().default([]),
    note: text('note'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => people.id),
  },
  (t) => [unique('incident_steps_position').on(t.incidentId, t.position)],
);

/** Files sent with a report: kept in the database (never under the web root), type sniffed. */
export const incidentAttachments = pgTable('incident_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  incidentId: uuid('incident_id')
    .notNull()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  bytes: bytea('bytes').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const LIAISON_DIRECTIONS = ['sent', 'received'] as const;
export const LIAISON_COUNTERPARTS = ['nisc', 'gsoc', 'other'] as const;

/** What was sent to NISC/GSOC and when, and their replies. */
export const incidentLiaisons = pgTable('incident_liaisons', {
  id: uuid('id').primaryKey().defaultRandom(),
  incidentId: uuid('incident_id')
    .notNull()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  direction: text('direction', { enum: LIAISON_DIRECTIONS }).notNull(),
  counterpart: text('counterpart', { enum: LIAISON_COUNTERPARTS }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  channel: text('channel').notNull().default(''),
  content: text('content').notNull(),
  recordedBy: uuid('recorded_by').references(() => people.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A test alert sent down the chain (002 L785-791): each link acknowledges with its token. */
export const incidentContactDrills = pgTable('incident_contact_drills', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  title: text('title').notNull(),
  message: text('message').notNull(),
  createdBy: uuid('created_by').references(() => people.id),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
});

export const incidentContactLinks = pgTable(
  'incident_contact_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    drillId: uuid('drill_id')
      .notNull()
      .references(() => incidentContactDrills.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** SHA-256 of the acknowledgement token mailed to the person. */
    tokenHash: text('token_hash').notNull().unique(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [unique('incident_contact_links_person').on(t.drillId, t.personId)],
);

/** The emergency contact list re-confirmed before long holidays (003 L1236-1262). */
export const incidentContactChecks = pgTable('incident_contact_checks', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id')
    .notNull()
    .references(() => tenants.id),
  title: text('title').notNull(),
  /** Confirm by this day (Japan), e.g. the working day before Golden Week. */
  dueDay: text('due_day').notNull(),
  createdBy: uuid('created_by').references(() => people.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const incidentContactConfirmations = pgTable(
  'incident_contact_confirmations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    checkId: uuid('check_id')
      .notNull()
      .references(() => incidentContactChecks.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** The contact as confirmed (phone or mail reachable during the holiday). */
    contact: text('contact'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [unique('incident_contact_confirmations_person').on(t.checkId, t.personId)],
);
