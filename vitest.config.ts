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
    // Vitest's default (CPUs − 1) is a single worker on the 2-core machines we run on, leaving a core
    // idle while PGlite computes in-process and while PostgreSQL answers; MAMORU_TEST_WORKERS overrides.
    maxWorkers: Number(process.env.MAMORU_TEST_WORKERS) || Math.max(2, availableParallelism() - 1),
    // Migrates one template database; each test file starts from a copy (src/test/db.ts).
    globalSetup: ['src/test/global-setup.ts'],
  },
});
