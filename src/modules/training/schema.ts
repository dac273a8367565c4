// This module's tables (re-exported by src/db/schema.ts).
export {};
