#!/usr/bin/env node
// `npm run bench:demo`: times `mamoru demo --staff N --no-serve` on a fresh embedded database, several
// runs, and prints each wall time and the median (issue goal: 50,000 staff in under 60 s).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { progressLine } from '../dist/cli/progress.js';

const arg = (name, def) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const staff = arg('staff', 50_000);
const runs = arg('runs', 3);
const times = [];
const bar = progressLine('bench:demo', runs);
for (let i = 0; i < runs; i++) {
  bar.step(`run ${i + 1}`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mamoru-bench-demo-'));
  const started = performance.now();
  const res = spawnSync(
    process.execPath,
    ['bin/mamoru.js', 'demo', '--staff', String(staff), '--no-serve', '--password', 'bench-demo-password'],
    {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    },
  );
  const seconds = (performance.now() - started) / 1000;
  rmSync(dataDir, { recursive: true, force: true });
  if (res.status !== 0) {
    console.error(res.stdout, res.stderr);
    process.exit(1);
  }
  times.push(seconds);
  console.log(
    `run ${i + 1}: ${seconds.toFixed(1)} s (${res.stdout.match(/Done in ([\d.]+) s/)?.[1] ?? '?'} s seeding)`,
  );
}
bar.end();
const sorted = [...times].sort((a, b) => a - b);
console.log(
  `median of ${runs}: ${sorted[Math.floor(runs / 2)].toFixed(1)} s for ${staff.toLocaleString('en-US')} staff (load ${os.loadavg()[0].toFixed(2)}, ${os.cpus().length} cores, Node ${process.version})`,
);
