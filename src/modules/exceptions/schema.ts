import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgUnits, people, tenants } from '../org/schema.js';

// Exceptions (例外措置, 002 L223, L279; audited per 003 L940-944, L1037-1039): a requested departure
// from a clause for a period, approved by the 情報セキュリティ責任者 over the requester's unit.

export const EXCEPTION_STATES = ['requested', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];

export const securityExceptions = pgTable(
  'security_exceptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    /** The requester's unit: the approver holds exception.approve over it. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => people.id),
    clause: text('clause').notNull(),
    /** Optional requirement-catalog item (e.g. "6.2.4(1)(a)"). */
    catalogItemId: text('catalog_item_id'),
    reason: text('reason').notNull(),
    scopePeople: text('scope_people').notNull().default(''),
    scopeSystems: text('scope_systems').notNull().default(''),
    scopeInformation: text('scope_information').notNull().default(''),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    toOn: date('to_on', { mode: 'string' }).notNull(),
    measures: text('measures').notNull(),
    state: text('state', { enum: EXCEPTION_STATES }).notNull().default('requested'),
    decidedBy: uuid('decided_by').references(() => people.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
    /** A renewal names the exception it continues. */
    renewsId: uuid('renews_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('security_exceptions_tenant').on(t.tenantId, t.state, t.toOn),
    index('security_exceptions_requester').on(t.requesterId),
  ],
);
