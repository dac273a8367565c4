// This module's tables (re-exported by src/db/schema.ts).
// Policies and settings: policy-schema.ts; the register and handling requests: register-schema.ts.
export * from './policy-schema.js';
export * from './register-schema.js';
