import { and, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { purgeRateLimitHits } from '../rate-limit.js';
import { defineJob } from './queue.js';
import { jobs } from './schema.js';

/** How long finished jobs stay for inspection: done ones briefly, failed ones long enough to be looked into. */
export const JOB_RETENTION_DAYS = { done: 14, failed: 60 } as const;

/** Deletes done and failed jobs older than their retention period; returns how many went. */
export async function purgeFinishedJobs(db: Db, now = new Date()): Promise<{ done: number; failed: number }> {
  const before = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const purge = async (status: 'done' | 'failed') =>
    (
      await db
        .delete(jobs)
        .where(and(eq(jobs.status, status), lt(jobs.finishedAt, before(JOB_RETENTION_DAYS[status]))))
        .returning({ id: jobs.id })
    ).length;
  return { done: await purge('done'), failed: await purge('failed') };
}

export const purgeJobsJob = defineJob({
  name: 'jobs.purge',
  payload: z.object({}),
  handler: async (ctx) => {
    await purgeFinishedJobs(ctx.db);
    // Rate-limit counters of windows long over (the job's daily clean-up is the right place for them).
    await purgeRateLimitHits(ctx.db);
  },
});
