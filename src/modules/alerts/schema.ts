import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people, tenants } from '../org/schema.js';
import type { AffectedProduct } from '../systems/public.js';

// The central body's alerts (注意喚起, 001 L447-462, L504-516, L600-613) and their delivery to each
// agency, where they are acknowledged, forwarded, released to staff and answered (001 L14111-15107).

export const ALERT_KINDS = ['suspicious_mail', 'vulnerability', 'notice'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const centralAlerts = pgTable(
  'central_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The central body that publishes it. */
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    kind: text('kind', { enum: ALERT_KINDS }).notNull(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en'),
    /** Plain text with line breaks; for suspicious mail: sender, subject, indicators. */
    body: text('body').notNull(),
    /** Products named (vendor, product, version ranges or CPE), matched against each agency's ledger. */
    products: jsonb('products').$type<AffectedProduct[]>().notNull().default([]),
    reportRequested: boolean('report_requested').notNull().default(false),
    reportDueOn: date('report_due_on', { mode: 'string' }),
    /** null: every agency of the central body; otherwise the chosen agencies' tenant ids. */
    agencyIds: jsonb('agency_ids').$type<string[] | null>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => people.id),
    publishedBy: uuid('published_by').references(() => people.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('central_alerts_tenant').on(t.tenantId, t.createdAt)],
);

/** One alert as one agency received it: the only part of the agency's handling the central body sees. */
export const alertDeliveries = pgTable(
  'alert_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => centralAlerts.id),
    /** The receiving agency. */
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedBy: uuid('acknowledged_by').references(() => people.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    forwardedAt: timestamp('forwarded_at', { withTimezone: true }),
    /** Everyone it was forwarded to inside the agency (each mailed once); the central body sees only the count. */
    forwardedTo: jsonb('forwarded_to').$type<string[]>().notNull().default([]),
    /** Released to staff on the security portal (003 L1291-1297) … */
    releasedAt: timestamp('released_at', { withTimezone: true }),
    /** … until this day (null: until withdrawn). */
    releasedUntil: date('released_until', { mode: 'string' }),
    actionReport: text('action_report'),
    reportedBy: uuid('reported_by').references(() => people.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('alert_deliveries_alert_tenant').on(t.alertId, t.tenantId),
    index('alert_deliveries_tenant').on(t.tenantId, t.receivedAt),
    index('alert_deliveries_released')
      .on(t.tenantId, t.releasedUntil)
      .where(sql`${t.releasedAt} is not null`),
  ],
);
