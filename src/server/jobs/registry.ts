import { z } from 'zod';
import { purgeExpiredSessions } from '../../modules/accounts/auth-service.js';
import { remindJob, scheduledRemindersJob } from '../../modules/selfcheck/jobs.js';
import { type AnyJob, defineJob, type Recurring } from './queue.js';

const purgeSessions = defineJob({
  name: 'sessions.purge',
  payload: z.object({}),
  handler: (ctx) => purgeExpiredSessions(ctx),
});

/** Every job the workers know. Modules add their definitions here. */
export const JOBS: AnyJob[] = [purgeSessions, remindJob, scheduledRemindersJob];

/** Jobs run on a schedule by whichever instance gets there first. */
export const RECURRING: Recurring[] = [
  { def: purgeSessions, everySeconds: 3600 },
  { def: scheduledRemindersJob, everySeconds: 3600 },
];
