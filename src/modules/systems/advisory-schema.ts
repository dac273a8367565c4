import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { tenants } from '../org/schema.js';
import type { AffectedProduct } from './advisory-match.js';
import { ADVISORY_SOURCES, type AdvisoryPolicyData, RESPONSE_STATUSES } from './advisory-rules.js';
import { systems } from './schema.js';

// Vulnerability advisories matched against the ledger, and each affected system's response
// (issue #14 part 3; 001 L11788-11796 for the CVSS bands).

export const advisories = pgTable(
  'advisories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    source: text('source', { enum: ADVISORY_SOURCES }).notNull(),
    /** JVNDB-…, CVE-…, a vendor's advisory id: unique per tenant, so a re-import updates nothing twice. */
    trackingId: text('tracking_id').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    published: date('published'),
    cves: jsonb('cves').$type<string[]>().notNull().default([]),
    cvssVector: text('cvss_vector'),
    cvssScore: real('cvss_score'),
    products: jsonb('products').$type<AffectedProduct[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => accounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the advisory was last matched against the ledger. */
    matchedAt: timestamp('matched_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('advisories_tenant_tracking').on(t.tenantId, t.trackingId),
    index('advisories_tenant_published').on(t.tenantId, t.published),
  ],
);

/** One per (advisory, affected system): what its owner did about it, against a target date. */
export const advisoryResponses = pgTable(
  'advisory_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    advisoryId: uuid('advisory_id')
      .notNull()
      .references(() => advisories.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    /** The matched components (software ids with vendor/product/version as they were at match time). */
    components: jsonb('components')
      .$type<{ id: string; vendor: string; product: string; version: string }[]>()
      .notNull()
      .default([]),
    status: text('status', { enum: RESPONSE_STATUSES }).notNull().default('open'),
    reason: text('reason').notNull().default(''),
    targetDate: date('target_date').notNull(),
    answeredBy: uuid('answered_by').references(() => accounts.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('advisory_responses_pair').on(t.advisoryId, t.systemId),
    index('advisory_responses_system').on(t.systemId),
    index('advisory_responses_open').on(t.tenantId, t.targetDate).where(sql`${t.status} = 'open'`),
  ],
);

/** The agency's advisory policy: CVSS bands → days, and crypto migration deadlines. */
export const advisoryPolicies = pgTable('advisory_policies', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  data: jsonb('data').$type<AdvisoryPolicyData>().notNull(),
  updatedBy: uuid('updated_by').references(() => accounts.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
