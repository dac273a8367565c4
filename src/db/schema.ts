// The one Drizzle schema: every capability's tables, re-exported for the client and drizzle-kit.
export * from '../modules/accounts/schema.js';
export * from '../modules/audit/schema.js';
export * from '../modules/classification/schema.js';
export * from '../modules/drills/schema.js';
export * from '../modules/org/schema.js';
export * from '../modules/roles/schema.js';
export * from '../modules/selfcheck/schema.js';
export * from '../modules/systems/schema.js';
export * from '../modules/training/schema.js';
export * from '../modules/vendors/schema.js';
export * from '../server/jobs/schema.js';
export * from '../server/mail-schema.js';
