import { z } from 'zod';
import { analyze } from '../../db/client.js';
import { purgeExpiredSessions } from '../../modules/accounts/auth-service.js';
import * as accounts from '../../modules/accounts/notice.js';
import * as classification from '../../modules/classification/jobs.js';
import * as drills from '../../modules/drills/jobs.js';
import { remindJob, scheduledRemindersJob } from '../../modules/selfcheck/jobs.js';
import * as training from '../../modules/training/jobs.js';
import { type AnyJob, defineJob, type Recurring } from './queue.js';

const purgeSessions = defineJob({
  name: 'sessions.purge',
  payload: z.object({}),
  handler: (ctx) => purgeExpiredSessions(ctx),
});

// PGlite has no autovacuum: refresh the planner's statistics now and then (harmless on PostgreSQL).
const analyzeJob = defineJob({
  name: 'db.analyze',
  payload: z.object({}),
  handler: (ctx) => analyze(ctx.db),
});

/** Every job the workers know. Modules add their definitions here. */
export const JOBS: AnyJob[] = [
  purgeSessions,
  analyzeJob,
  remindJob,
  scheduledRemindersJob,
  ...accounts.MODULE_JOBS,
  ...classification.MODULE_JOBS,
  ...training.MODULE_JOBS,
  ...drills.MODULE_JOBS,
];

/** Jobs run on a schedule by whichever instance gets there first. */
export const RECURRING: Recurring[] = [
  { def: purgeSessions, everySeconds: 3600 },
  { def: scheduledRemindersJob, everySeconds: 3600 },
  { def: analyzeJob, everySeconds: 6 * 3600 },
  ...classification.MODULE_RECURRING,
  ...training.MODULE_RECURRING,
  ...drills.MODULE_RECURRING,
];
