#!/usr/bin/env node
// `npm test`: the whole suite on PGlite, its database tests again on PostgreSQL, then the browser tests.
// Outside CI a missing PostgreSQL server or Chromium skips that part with a one-line notice;
// with CI=true their absence fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { dbTestFiles } from './db-test-files.mjs';

const CI = process.env.CI === 'true';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const pgUrl = process.env.MAMORU_TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const extra = process.argv.slice(2).filter((a) => !a.startsWith('--only='));
const failed = [];

function vitest(label, args, env = {}) {
  console.log(`\n=== ${label} ===`);
  const { MAMORU_TEST_PG_URL: _ignored, ...base } = process.env;
  const res = spawnSync('npx', ['vitest', 'run', ...args, ...extra], {
    stdio: 'inherit',
    env: { ...base, ...env },
  });
  if (res.status !== 0) failed.push(label);
}

function unavailable(what, why) {
  if (CI) {
    console.error(`\n${what}: ${why} (required with CI=true)`);
    failed.push(what);
  } else {
    console.log(`\nSkipping ${what}: ${why}.`);
  }
}

async function postgresReachable() {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Test databases of crashed runs would pile up: remove any left behind by this suite. */
async function dropLeftovers() {
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const { rows } = await client.query(
    "select datname from pg_database where datname like 'mamoru_test_%' or datname like 'mamoru_tpl_%'",
  );
  for (const r of rows) await client.query(`drop database if exists "${r.datname}" with (force)`);
  await client.end();
}

if (!only || only === 'pglite') vitest('API and unit tests on PGlite', []);

if (!only || only === 'postgres') {
  if (await postgresReachable()) {
    // Only the files that open a test database: the rest would run again unchanged (db-test-files.mjs).
    // Named files or filters on the command line are passed as given.
    const files = extra.some((a) => !a.startsWith('-')) ? [] : dbTestFiles();
    vitest(
      `The same suite on PostgreSQL (${pgUrl.replace(/:[^:@/]*@/, ':***@')}): ${files.length || 'the named'} files that use the database`,
      files,
      {
        MAMORU_TEST_PG_URL: pgUrl,
      },
    );
    await dropLeftovers();
  } else unavailable('the PostgreSQL run', `no server at ${pgUrl}`);
}

if (!only || only === 'browser') {
  if (existsSync(chromium)) {
    if (!existsSync('dist/web/index.html') || process.env.MAMORU_BUILD_WEB !== 'false') {
      console.log('\n=== Building the web app for the browser tests ===');
      const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
      if (build.status !== 0) failed.push('web build');
    }
    vitest('Browser tests (Chromium)', ['-c', 'vitest.browser.config.ts']);
  } else unavailable('the browser tests', `no Chromium at ${chromium} (apt-get install -y chromium)`);
}

if (failed.length) {
  console.error(`\nFailed: ${failed.join(', ')}`);
  process.exit(1);
}
console.log('\nAll test runs passed.');
