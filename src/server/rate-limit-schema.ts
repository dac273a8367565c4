import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Request counters of the HTTP rate limits (rate-limit.ts), in the database so that every instance
 * on one PostgreSQL counts together: one row per route and client key, for the current window.
 * Rows of windows long over are deleted by the daily jobs.purge.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: text('key').primaryKey(),
    hits: integer('hits').notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('rate_limit_hits_window').on(t.windowEndsAt)],
);
