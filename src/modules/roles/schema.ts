import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgUnits, people, tenants } from '../org/schema.js';

export const METRIC_GROUPS = ['managers', 'system', 'staff'] as const;
export type MetricGroup = (typeof METRIC_GROUPS)[number];

/** Roles are data: each tenant gets the standard catalog and may rename roles or add its own. */
export const roles = pgTable(
  'roles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    key: text('key').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    /** The standard role name this role derives from (kept when an agency renames it). */
    standardName: text('standard_name'),
    metricGroup: text('metric_group', { enum: METRIC_GROUPS }),
    permissions: jsonb('permissions').$type<string[]>().notNull().default([]),
    descriptionJa: text('description_ja').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    sortOrder: integer('sort_order').notNull().default(100),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('roles_tenant_key').on(t.tenantId, t.key)],
);

/** A person holds a role at an org unit; the role's permissions apply to that unit's subtree. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => orgUnits.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_assignments_unique').on(t.personId, t.roleId, t.unitId),
    index('role_assignments_role').on(t.roleId),
    index('role_assignments_unit').on(t.unitId),
  ],
);
