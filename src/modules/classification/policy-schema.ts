// Classification policies an agency owns, and which policy it classifies under (re-exported by ./schema.ts).
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from '../org/schema.js';
import type { ClassificationPolicy } from './policy-model.js';

/** An agency's own policy, copied from a shipped one (or another copy) and edited; `definition` is the whole policy. */
export const classificationPolicies = pgTable(
  'classification_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    name: text('name').notNull(),
    /** The shipped policy it descends from (`unified-5th`, `meti-2011`). */
    basedOn: text('based_on').notNull(),
    definition: jsonb('definition').$type<ClassificationPolicy>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('classification_policies_tenant').on(t.tenantId)],
);

/** The policy an agency classifies new information under: a shipped id or one of its own copies' uuid. */
export const classificationSettings = pgTable('classification_settings', {
  tenantId: uuid('tenant_id')
    .primaryKey()
    .references(() => tenants.id),
  activePolicyId: text('active_policy_id').notNull().default('unified-5th'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
