import type { AnyJob, Recurring } from '../../server/jobs/queue.js';
import { assignmentNoticeJob } from './notice-job.js';
import { dueRemindersJob, remindJob } from './reminders.js';
import { applyRulesJob, dailyRulesJob } from './rule-service.js';

/** This module's background jobs (listed in server/jobs/registry.ts). */
export const MODULE_JOBS: AnyJob[] = [
  assignmentNoticeJob as AnyJob,
  applyRulesJob as AnyJob,
  dailyRulesJob as AnyJob,
  remindJob as AnyJob,
  dueRemindersJob as AnyJob,
];
export const MODULE_RECURRING: Recurring[] = [
  // Rules assign before the working day; reminders go out at 09:00 JST.
  { def: dailyRulesJob, cron: '0 8 * * *' },
  { def: dueRemindersJob, cron: '0 9 * * *' },
];
