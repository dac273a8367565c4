import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { orgUnits, people, tenants } from '../org/schema.js';

// Targeted-email drills (標的型メール訓練, 001 L11359-11479): a lure mailed to frozen recipients,
// events recorded by the tracking endpoints, training content and a survey on the landing page.

export const DRILL_STATES = ['draft', 'scheduled', 'sending', 'paused', 'done', 'cancelled'] as const;
export type DrillState = (typeof DRILL_STATES)[number];
export const DRILL_VARIANTS = ['standard', 'exchange'] as const;
export const LURE_KINDS = ['link', 'attachment'] as const;

export interface SurveyQuestion {
  id: string;
  text: string;
  options: string[];
}

export const drills = pgTable(
  'drills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    title: text('title').notNull(),
    state: text('state', { enum: DRILL_STATES }).notNull().default('draft'),
    /** やりとり型: a benign first mail, the lure as a reply after an answer or a delay. */
    variant: text('variant', { enum: DRILL_VARIANTS }).notNull().default('standard'),
    announced: boolean('announced').notNull().default(false),
    senderName: text('sender_name').notNull(),
    senderAddress: text('sender_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    lureKind: text('lure_kind', { enum: LURE_KINDS }).notNull().default('link'),
    attachmentName: text('attachment_name'),
    benignSubject: text('benign_subject'),
    benignBody: text('benign_body'),
    /** Exchange variant: the lure follows this long after the benign mail when nobody answered. */
    lureDelayHours: integer('lure_delay_hours').notNull().default(48),
    /** Markdown shown on the landing page the moment a lure is opened (001 L11391-11440). */
    trainingContent: text('training_content').notNull(),
    survey: jsonb('survey').$type<SurveyQuestion[]>().notNull().default([]),
    targetUnitIds: jsonb('target_unit_ids').$type<string[]>().notNull().default([]),
    targetRoleKeys: jsonb('target_role_keys').$type<string[]>().notNull().default([]),
    samplePercent: integer('sample_percent').notNull().default(100),
    sampleSeed: integer('sample_seed').notNull().default(1),
    startAt: timestamp('start_at', { withTimezone: true }),
    /** Daily send window in Japan time ("09:00"–"17:00"); mail waits outside it. */
    windowStart: text('window_start').notNull().default('00:00'),
    windowEnd: text('window_end').notNull().default('24:00'),
    ratePerSecond: integer('rate_per_second').notNull().default(20),
    /** Events this soon after delivery are flagged as probable scanners. */
    scannerWindowSeconds: integer('scanner_window_seconds').notNull().default(10),
    followUpCourseId: uuid('follow_up_course_id'),
    /** Fencing token of the sender run: a stale worker's claims and marks are refused. */
    sendEpoch: integer('send_epoch').notNull().default(0),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('drills_tenant').on(t.tenantId, t.createdAt)],
);

export const SEND_STATES = ['queued', 'sending', 'sent', 'failed', 'bounced', 'unknown'] as const;
export type SendState = (typeof SEND_STATES)[number];

/**
 * One row per person mailed, frozen when the drill is scheduled. The numeric id is inside the
 * person's tracking token (with an HMAC), so the tracking endpoints need no lookup.
 */
export const drillRecipients = pgTable(
  'drill_recipients',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    drillId: uuid('drill_id')
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    unitPath: text('unit_path').notNull(),
    roleKeys: jsonb('role_keys').$type<string[]>().notNull().default([]),
    /** The lure: queued → sending → sent | failed | bounced | unknown (crashed mid-send; never resent blindly). */
    state: text('state', { enum: SEND_STATES }).notNull().default('queued'),
    lureDueAt: timestamp('lure_due_at', { withTimezone: true }),
    messageId: text('message_id'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    error: text('error'),
    /** Exchange variant: the benign first mail. */
    benignState: text('benign_state', { enum: SEND_STATES }),
    benignMessageId: text('benign_message_id'),
    benignSentAt: timestamp('benign_sent_at', { withTimezone: true }),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    followUpAt: timestamp('follow_up_at', { withTimezone: true }),
  },
  (t) => [
    index('drill_recipients_drill_state').on(t.drillId, t.state, t.id),
    index('drill_recipients_drill_path').using('btree', t.drillId, sql`${t.unitPath} text_pattern_ops`),
    index('drill_recipients_message').on(t.messageId),
    index('drill_recipients_benign_message').on(t.benignMessageId),
  ],
);

export const EVENT_KINDS = ['open', 'click', 'attachment', 'report', 'survey'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What the tracking endpoints saw; written in groups by the event writer (no audit row per event). */
export const drillEvents = pgTable(
  'drill_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    drillId: uuid('drill_id')
      .notNull()
      .references(() => drills.id, { onDelete: 'cascade' }),
    recipientId: bigint('recipient_id', { mode: 'number' }).notNull(),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Why the event looks like a scanner rather than a person (empty: a person). */
    flags: jsonb('flags').$type<string[]>().notNull().default([]),
    flagged: boolean('flagged').notNull().default(false),
    method: text('method'),
    userAgent: text('user_agent'),
    ip: text('ip'),
    data: jsonb('data'),
  },
  (t) => [
    index('drill_events_recipient').on(t.recipientId, t.kind),
    index('drill_events_drill').on(t.drillId),
  ],
);

/** Suspicious mail staff reported that was not (recognisably) a drill lure, and bounces without a token. */
export const drillInboundMail = pgTable(
  'drill_inbound_mail',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenants.id),
    kind: text('kind', { enum: ['drill_report', 'suspicious', 'reply', 'bounce'] }).notNull(),
    drillId: uuid('drill_id'),
    recipientId: bigint('recipient_id', { mode: 'number' }),
    fromAddress: text('from_address'),
    subject: text('subject'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    via: text('via', { enum: ['smtp', 'api'] }).notNull(),
    size: integer('size').notNull(),
  },
  (t) => [index('drill_inbound_tenant').on(t.tenantId, t.receivedAt)],
);
