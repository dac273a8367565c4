import { bigint, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { people, tenants } from '../org/schema.js';

// The agency's annual report (000 L60-1498): the facts the office enters, the narrative blocks people
// write (every edit a new version), and the CISO's approval, which freezes the document as a snapshot.

export const REPORT_STATES = ['draft', 'pending_approval', 'approved'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Basic facts of section 2 (000 L120-170): entered by the office, not derived from data. */
export interface ReportFacts {
  /** 定員数 */
  staffQuota: number | null;
  /** IT予算 (yen) */
  itBudgetYen: number | null;
  /** 情報セキュリティ予算 (yen) */
  securityBudgetYen: number | null;
  /** 責任部署 */
  responsibleDivision: string;
  notes: string;
}

export const EMPTY_FACTS: ReportFacts = {
  staffQuota: null,
  itBudgetYen: null,
  securityBudgetYen: null,
  responsibleDivision: '',
  notes: '',
};

export const annualReports = pgTable(
  'annual_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id),
    fiscalYear: integer('fiscal_year').notNull(),
    facts: jsonb('facts').$type<ReportFacts>().notNull(),
    state: text('state', { enum: REPORT_STATES }).notNull().default('draft'),
    requestedBy: uuid('requested_by').references(() => people.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => people.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The CISO's comment when the report was last returned. */
    returnComment: text('return_comment'),
    /** The ReportDoc frozen at approval: the approved report's exports come from it. */
    snapshot: jsonb('snapshot'),
    /** Bumped on every change, so two concurrent edits cannot both pass a state check. */
    revision: bigint('revision', { mode: 'number' }).notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('annual_reports_tenant_fy').on(t.tenantId, t.fiscalYear)],
);

/** Every edit of a narrative block is a new row; nothing is overwritten. */
export const reportNarratives = pgTable(
  'report_narratives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => annualReports.id),
    blockKey: text('block_key').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    authorId: uuid('author_id').references(() => people.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('report_narratives_version').on(t.reportId, t.blockKey, t.version),
    index('report_narratives_report').on(t.reportId, t.blockKey),
  ],
);
