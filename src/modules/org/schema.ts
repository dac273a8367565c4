import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const TENANT_KINDS = ['central', 'agency'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

/** A central body (NISC) or an agency (府省庁). Everything else belongs to exactly one tenant. */
export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  kind: text('kind', { enum: TENANT_KINDS }).notNull(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en'),
  /** The central body an agency reports to; independent administrative agencies point at their supervisor. */
  parentTenantId: uuid('parent_tenant_id'),
  /**
   * Aggregates of fewer people than this are shown only to those allowed to see individual results,
   * and are merged upward in exports and in what goes to the central body (policy data, default 5).
   */
  minGroupSize: integer('min_group_size').notNull().default(5),
  /** The agency's session timeouts, set by its security office; null: the server's (SESSION_…). */
  sessionIdleMinutes: integer('session_idle_minutes'),
  sessionAbsoluteHours: integer('session_absolute_hours'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const UNIT_KINDS = ['root', 'bureau', 'external_bureau', 'division', 'office', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/**
 * Org units form a tree of any depth. `path` is the materialised chain of ids ("/root/…/self/"),
 * so "this unit and everything below it" is one indexed prefix match.
 */
export const orgUnits = pgTable(
  'org_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    parentId: uuid('parent_id'),
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: UNIT_KINDS }).notNull(),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    abolishedAt: timestamp('abolished_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('org_units_tenant_code').on(t.tenantId, t.code),
    index('org_units_path').using('btree', sql`${t.path} text_pattern_ops`),
    index('org_units_parent').on(t.parentId),
  ],
);

export const EMPLOYMENT_TYPES = [
  'regular',
  'part_time',
  'fixed_term',
  'secondee',
  'contractor',
  'other',
] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
export const PERSON_STATUSES = ['active', 'long_leave', 'excluded', 'left'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    staffNo: text('staff_no').notNull(),
    name: text('name').notNull(),
    kana: text('kana').notNull().default(''),
    email: text('email'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    employmentType: text('employment_type', { enum: EMPLOYMENT_TYPES }).notNull().default('regular'),
    status: text('status', { enum: PERSON_STATUSES }).notNull().default('active'),
    leftAt: timestamp('left_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_tenant_staff_no').on(t.tenantId, t.staffNo),
    index('people_unit').on(t.unitId, t.staffNo),
  ],
);
