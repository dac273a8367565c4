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
  { def: dailyRulesJob, everySeconds: 24 * 3600 },
  { def: dueRemindersJob, everySeconds: 6 * 3600 },
];
