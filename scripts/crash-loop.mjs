#!/usr/bin/env node
// `npm run crash:loop -- --times 20`: runs the crash tests (src/server/crash.test.ts) N times in a row
// and prints how often each scenario passed. The database is PGlite, or PostgreSQL when
// MAMORU_TEST_PG_URL is set (e.g. MAMORU_TEST_PG_URL=postgres://postgres@127.0.0.1:5432/test).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const times = Number(arg('times', '20'));
const file = arg('file', 'src/server/crash.test.ts');
const db = process.env.MAMORU_TEST_PG_URL ? 'PostgreSQL' : 'PGlite';
const report = path.join(os.tmpdir(), `mamoru-crash-loop-${process.pid}.json`);
const tally = new Map(); // test name → { passed, failed }
let runsPassed = 0;

for (let run = 1; run <= times; run++) {
  const started = Date.now();
  const res = spawnSync('npx', ['vitest', 'run', file, '--reporter=json', `--outputFile=${report}`], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  let results = [];
  try {
    results = JSON.parse(fs.readFileSync(report, 'utf8')).testResults.flatMap((f) => f.assertionResults);
  } catch {
    // no report: the run itself failed (shown below)
  }
  for (const r of results) {
    const t = tally.get(r.fullName) ?? { passed: 0, failed: 0 };
    if (r.status === 'passed') t.passed++;
    else t.failed++;
    tally.set(r.fullName, t);
  }
  const ok = res.status === 0 && results.length > 0;
  if (ok) runsPassed++;
  const failed = results.filter((r) => r.status !== 'passed');
  console.log(
    `run ${run}/${times} on ${db}: ${ok ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s` +
      (failed.length ? ` (${failed.map((r) => r.fullName).join('; ')})` : ''),
  );
  for (const r of failed)
    console.log(`  ${r.fullName}: ${(r.failureMessages ?? []).join('\n').split('\n')[0]}`);
  if (!results.length) console.log(res.stderr.split('\n').slice(-15).join('\n'));
}
fs.rmSync(report, { force: true });

console.log(`\n${runsPassed}/${times} runs passed on ${db}`);
for (const [name, t] of tally) console.log(`  ${t.passed}/${t.passed + t.failed}  ${name}`);
process.exit(runsPassed === times ? 0 : 1);
