import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One suite, two databases: MAMORU_TEST_PG_URL switches every API test from PGlite to PostgreSQL.
// Browser tests (*.browser.test.ts) run separately (scripts/test.mjs) against a built web app.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts', 'node_modules/**', 'dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Each worker runs its files in one module graph (files never share a database: each opens its
    // own copy of the template). Re-importing the app and PGlite per file cost 2.6–4.5× the time
    // (docs/ci.md); MAMORU_TEST_ISOLATE=true gives every file a fresh process again.
    isolate: process.env.MAMORU_TEST_ISOLATE === 'true',
    // Vitest's default (CPUs − 1) is a single worker on the 2-core machines we run on, leaving a core
    // idle while PGlite computes in-process and while PostgreSQL answers; MAMORU_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.MAMORU_TEST_WORKERS) || Math.max(2, availableParallelism() - 1),
    // Migrates one template database; each test file starts from a copy (src/test/db.ts).
    globalSetup: ['src/test/global-setup.ts'],
  },
});
