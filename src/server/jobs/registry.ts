import { z } from 'zod';
import { analyze } from '../../db/client.js';
import { purgeExpiredSessions } from '../../modules/accounts/auth-service.js';
import * as accounts from '../../modules/accounts/notice.js';
import * as alerts from '../../modules/alerts/jobs.js';
import * as classification from '../../modules/classification/jobs.js';
import * as drills from '../../modules/drills/jobs.js';
import * as exceptions from '../../modules/exceptions/jobs.js';
import * as secaudit from '../../modules/secaudit/jobs.js';
import { remindJob, scheduledRemindersJob } from '../../modules/selfcheck/jobs.js';
import { materialiseJob } from '../../modules/selfcheck/materialise.js';
import { advisoryNoticeJob } from '../../modules/systems/advisory-notice-job.js';
import { inspectionNoticeJob } from '../../modules/systems/inspection-job.js';
import { PROBE_JOBS } from '../../modules/systems/probe-jobs.js';
import * as training from '../../modules/training/jobs.js';
import * as vendors from '../../modules/vendors/jobs.js';
import { type AnyJob, defineJob, type Recurring } from './queue.js';
import { purgeJobsJob } from './retention.js';

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
  purgeJobsJob,
  remindJob,
  scheduledRemindersJob,
  materialiseJob,
  ...accounts.MODULE_JOBS,
  ...classification.MODULE_JOBS,
  ...training.MODULE_JOBS,
  ...drills.MODULE_JOBS,
  ...secaudit.MODULE_JOBS,
  ...exceptions.MODULE_JOBS,
  advisoryNoticeJob as AnyJob,
  inspectionNoticeJob as AnyJob,
  ...vendors.MODULE_JOBS,
  ...PROBE_JOBS,
  ...alerts.MODULE_JOBS,
];

/** Jobs run on a schedule (cron, Japanese clock) by whichever instance gets there first. */
export const RECURRING: Recurring[] = [
  { def: purgeSessions, cron: '5 * * * *' },
  // Reminders to people go out in the morning of a working day's clock (09:00 JST).
  { def: scheduledRemindersJob, cron: '0 9 * * *' },
  { def: analyzeJob, cron: '20 */6 * * *' },
  { def: purgeJobsJob, cron: '40 3 * * *' },
  ...classification.MODULE_RECURRING,
  ...training.MODULE_RECURRING,
  ...drills.MODULE_RECURRING,
  ...secaudit.MODULE_RECURRING,
  ...exceptions.MODULE_RECURRING,
  ...vendors.MODULE_RECURRING,
];
