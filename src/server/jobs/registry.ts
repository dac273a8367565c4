import { z } from 'zod';
import { purgeExpiredSessions } from '../../modules/accounts/auth-service.js';
import { defineJob, type JobDefinition, type Recurring } from './queue.js';

const purgeSessions = defineJob({
  name: 'sessions.purge',
  payload: z.object({}),
  handler: (ctx) => purgeExpiredSessions(ctx),
});

/** Every job the workers know. Modules add their definitions here. */
export const JOBS: JobDefinition<never>[] = [purgeSessions as JobDefinition<never>];

/** Jobs run on a schedule by whichever instance gets there first. */
export const RECURRING: Recurring[] = [{ def: purgeSessions as Recurring['def'], everySeconds: 3600 }];
