import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../db/client.js';
import { type AnyJob, defineJob, enqueue, type Recurring } from '../../server/jobs/queue.js';
import { followUpJob } from './follow-up.js';
import { scheduleSend, sendJob } from './send.js';

/**
 * Every few minutes: a sending drill whose send job is gone (it failed for good) gets a new one, and
 * recent drills' follow-ups are caught up (should a flush have stored events but not queued one).
 */
export const sweepJob = defineJob({
  name: 'drills.sweep',
  payload: z.object({}),
  handler: async (ctx) => {
    const stalled = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`
        select d.id from drills d where d.state = 'sending' and not exists (
          select 1 from jobs j where j.name = 'drills.send' and j.status in ('queued', 'running')
            and j.payload->>'drillId' = d.id::text)`),
    );
    for (const d of stalled) await scheduleSend(ctx.db, d.id, new Date());
    const recent = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`
        select id from drills where follow_up_course_id is not null and started_at > now() - interval '30 days'`),
    );
    for (const d of recent) {
      await enqueue(ctx.db, followUpJob, { drillId: d.id }, { singletonKey: `drills.follow-up:${d.id}` });
    }
  },
});

/** This module's background jobs (listed in server/jobs/registry.ts). */
export const MODULE_JOBS: AnyJob[] = [sendJob as AnyJob, followUpJob as AnyJob, sweepJob as AnyJob];
export const MODULE_RECURRING: Recurring[] = [{ def: sweepJob, cron: '*/5 * * * *' }];
