import type { AnyJob, Recurring } from '../../server/jobs/queue.js';

/** This module's background jobs (listed in server/jobs/registry.ts). */
export const MODULE_JOBS: AnyJob[] = [];
export const MODULE_RECURRING: Recurring[] = [];
