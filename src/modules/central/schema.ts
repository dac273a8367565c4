import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { tenants } from '../org/schema.js';

/**
 * The common item set (共通項目) the central body designates per fiscal year: catalog item codes that every
 * agency's self-check must include (001 L2784-2790). One row per code.
 */
export const commonItems = pgTable(
  'central_common_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    centralTenantId: uuid('central_tenant_id')
      .notNull()
      .references(() => tenants.id),
    fiscalYear: integer('fiscal_year').notNull(),
    /** The catalog's item number, e.g. "6.2.4(1)(a)". */
    code: text('code').notNull(),
    note: text('note').notNull().default(''),
    designatedBy: uuid('designated_by').references(() => accounts.id),
    designatedAt: timestamp('designated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('central_common_items_code').on(t.centralTenantId, t.fiscalYear, t.code),
    index('central_common_items_fy').on(t.centralTenantId, t.fiscalYear),
  ],
);
