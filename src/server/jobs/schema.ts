import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

/** What a job reports as it goes: done of total, and the phase it is in (shown as a progress bar). */
export interface JobProgress {
  done: number;
  total: number;
  note?: string;
  phase?: string;
}

/** The durable job queue: rows survive a crash; a running job whose lease expired is picked up again. */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    /**
     * Fencing token: incremented by every claim. Completion, failure, progress and renewal only touch
     * the row `where id = … and claim = …`, so a worker that lost its lease cannot overwrite the new owner.
     */
    claim: integer('claim').notNull().default(0),
    claimedBy: text('claimed_by'),
    /** At most one queued or running job per key (e.g. one reminder run per campaign and day). */
    singletonKey: text('singleton_key'),
    lastError: text('last_error'),
    progress: jsonb('progress').$type<JobProgress>(),
    /** The agency and account the work was started for: they (and the agency's overseers) may watch it. */
    tenantId: uuid('tenant_id'),
    requestedBy: uuid('requested_by'),
    /** The handler stops safely at its next progress report when asked to (see JobCancelled). */
    cancellable: boolean('cancellable').notNull().default(false),
    cancelRequestedAt: timestamp('cancel_requested_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    index('jobs_pick').on(t.status, t.runAt),
    index('jobs_finished').on(t.status, t.finishedAt),
    index('jobs_tenant_created').on(t.tenantId, t.createdAt),
    uniqueIndex('jobs_singleton').on(t.singletonKey).where(sql`status in ('queued', 'running')`),
  ],
);

/**
 * Recurring jobs: whichever instance first moves `next_run_at` forward enqueues the run (no doubles).
 * `cron` is the schedule (Asia/Tokyo); rows written before cron schedules have only `every_seconds`
 * and are moved onto their cron expression the first time a worker sees them.
 */
export const recurringJobs = pgTable('recurring_jobs', {
  name: text('name').primaryKey(),
  cron: text('cron'),
  /** Legacy (interval schedules); no longer written. */
  everySeconds: integer('every_seconds'),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull(),
});
