// `npm run bench:selfcheck`: a campaign of N staff × M items, loaded, then measured through the
// product's own code: (a) the full metrics (computeCampaignMetrics, and buildResults as the results
// page calls it), (b) submissions through the real HTTP route by 50 concurrent logged-in staff.
// Goals (issue): metrics of 300,000 × 60 on PostgreSQL < 1 s, of 50,000 × 60 on PGlite < 2 s,
// submission p99 < 100 ms. Figures go to docs/benchmarks.md; no test asserts them.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { computeCampaignMetrics } from '../src/modules/selfcheck/campaign-metrics.js';
import { ensureShippedCatalog } from '../src/modules/selfcheck/catalog-service.js';
import { buildResults } from '../src/modules/selfcheck/results-service.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { createMailer } from '../src/server/mail.js';
import { profiled } from './lib/profile.js';
import {
  benchConfig,
  type FillStats,
  fillAnswers,
  openBenchDatabase,
  openCampaign,
  scaledPlan,
  seedAgency,
  type Target,
} from './lib/selfcheck-setup.js';
import { machineInfo, ms, type Summary, summarise, table } from './lib/stats.js';
import { type LoadFigures, measureSubmissions } from './lib/submissions.js';
import { timedExecute } from './lib/timed-db.js';

const USAGE = `npm run bench:selfcheck -- [options]
  --db postgres|pglite   one target (default: both, each at its goal's size)
  --staff N              staff (default: 300,000 on PostgreSQL, 50,000 on PGlite)
  --items M              items each staff member answers (default 60; the catalog has 92)
  --runs R               timed runs of each metrics call, after one warm-up (default 7)
  --submissions S        measured closed-loop submissions (default 2,000), after --warmup (200)
  --concurrency C        concurrent submitters, each logged in as a different person (default 50)
  --rate R --paced P     then P submissions due at R per second (default 25/s, 1,000; --paced 0: none)
  --pool N               PostgreSQL pool size (default DATABASE_POOL_SIZE, 10)
  --seed S               data seed (default 1)
  --json FILE            also write every figure as JSON
  --cpu-prof-dir DIR     V8 CPU profiles of each measured phase
  --keep                 keep the PostgreSQL database for experiments (drop it by hand)
DATABASE_URL: the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); the
benchmark creates mamoru_bench_<random> there and drops it at the end.`;

const { values: args } = parseArgs({
  options: {
    db: { type: 'string' },
    staff: { type: 'string' },
    items: { type: 'string', default: '60' },
    runs: { type: 'string', default: '7' },
    submissions: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '50' },
    rate: { type: 'string', default: '25' },
    paced: { type: 'string', default: '1000' },
    pool: { type: 'string' },
    seed: { type: 'string', default: '1' },
    json: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const int = (name: string, v: string) => {
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: not a whole number: ${v}`);
  return n;
};
const DEFAULTS: Record<Target, { staff: number; metricsGoalMs: number }> = {
  postgres: { staff: 300_000, metricsGoalMs: 1000 },
  pglite: { staff: 50_000, metricsGoalMs: 2000 },
};
const SUBMIT_P99_GOAL_MS = 100;
const PASSWORD = 'bench-password-0123456789';
const targets: Target[] = args.db
  ? args.db.split(',').map((t) => {
      if (t !== 'postgres' && t !== 'pglite') throw new Error(`--db: postgres or pglite, not ${t}`);
      return t;
    })
  : ['postgres', 'pglite'];
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = benchConfig(loadConfig({ ...process.env, LOG_LEVEL: 'silent', JOBS: 'off' }));
const poolSize = args.pool ? int('pool', args.pool) : base.databasePoolSize;
const config = { ...base, databasePoolSize: poolSize };
const seed = int('seed', args.seed);
const prof = args['cpu-prof-dir'];

interface TargetResult {
  target: Target;
  engine: string;
  staff: number;
  itemsPerStaff: number;
  setupSeconds: { seed: number; open: number; answers: number };
  fill: FillStats;
  units: number;
  /** 1-minute load average when each phase began: the machine is shared. */
  loadAverage: { metrics: number; submissions: number };
  metrics: Summary;
  metricsSql: Summary;
  results: Summary;
  metricsGoalMs: number;
  submissions: LoadFigures[];
}

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

/** One warm-up call (JIT, plan cache, buffers), then `runs` timed ones. */
async function timeRuns(runs: number, fn: () => Promise<unknown>) {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function benchTarget(target: Target): Promise<TargetResult> {
  const staff = args.staff ? int('staff', args.staff) : DEFAULTS[target].staff;
  const itemsPerStaff = int('items', args.items);
  log(`${target}: ${staff.toLocaleString('en-US')} staff × ${itemsPerStaff} items`);
  const bench = await openBenchDatabase(target, { adminUrl, poolSize });
  const dispose = async () => {
    if (!args.keep || !bench.url) return bench.dispose();
    await bench.database.close();
    log(`  kept ${bench.url}`);
  };
  const onSigint = () => void dispose().finally(() => process.exit(130));
  process.once('SIGINT', onSigint);
  try {
    const { db } = bench.database;
    const env: AppEnv = { secretKey: Buffer.alloc(32, 7), mailer: createMailer(config) };
    let t0 = performance.now();
    const plan = scaledPlan(staff, seed);
    const { admin } = await seedAgency(systemCtx(db, config, env), plan, PASSWORD);
    const seedS = seconds(t0);
    log(`  seeded ${plan.units.length + 1} units, ${plan.people.length} people in ${seedS} s`);
    t0 = performance.now();
    const campaign = await openCampaign(admin, await ensureShippedCatalog(db), itemsPerStaff);
    const openS = seconds(t0);
    log(`  campaign opened (members materialised) in ${openS} s`);
    t0 = performance.now();
    const { model, ...fill } = await fillAnswers(db, campaign.id, seed * 31 + 7);
    const answersS = seconds(t0);
    log(`  answers written in ${answersS} s: ${JSON.stringify(fill)}`);

    const runs = int('runs', args.runs);
    const loadAtMetrics = load1();
    const sqlMs: number[] = [];
    const sink = { ms: 0 };
    const timed = timedExecute(db, sink);
    let units = 0;
    const metricsMs = await profiled(prof, `${target}-metrics`, () =>
      timeRuns(runs, async () => {
        sink.ms = 0;
        const m = await computeCampaignMetrics(timed, campaign, { naPasses: false });
        units = Object.keys(m.units).length;
        sqlMs.push(sink.ms);
      }),
    );
    sqlMs.shift(); // the warm-up's
    log(`  computeCampaignMetrics: ${metricsMs.map(ms).join(', ')} ms (SQL ${sqlMs.map(ms).join(', ')})`);
    const resultsMs = await profiled(prof, `${target}-results`, () =>
      timeRuns(runs, () => buildResults(db, campaign, { naPasses: false, roots: null })),
    );
    log(`  buildResults: ${resultsMs.map(ms).join(', ')} ms`);

    const loadAtSubmissions = load1();
    const warmup = int('warmup', args.warmup);
    const paced = int('paced', args.paced);
    log(
      `  submitting: ${args.concurrency} clients, closed loop then ${paced ? `${args.rate}/s` : 'no'} paced`,
    );
    const submissions = await measureSubmissions({
      db,
      config,
      env,
      url: bench.url,
      campaignId: campaign.id,
      model,
      password: PASSWORD,
      clients: int('concurrency', args.concurrency),
      seed: seed * 17 + 3,
      runs: [
        { warmup, submissions: int('submissions', args.submissions), ratePerS: 0 },
        ...(paced ? [{ warmup: 0, submissions: paced, ratePerS: int('rate', args.rate) }] : []),
      ],
      profile: (name, fn) => profiled(prof, `${target}-submit-${name}`, fn),
    });
    for (const s of submissions)
      log(`  ${s.mode}: p50 ${ms(s.median)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)} ms, ${s.throughputPerS}/s`);
    return {
      target,
      engine: bench.engine,
      staff,
      itemsPerStaff,
      setupSeconds: { seed: seedS, open: openS, answers: answersS },
      fill,
      units,
      loadAverage: { metrics: loadAtMetrics, submissions: loadAtSubmissions },
      metrics: summarise(metricsMs),
      metricsSql: summarise(sqlMs),
      results: summarise(resultsMs),
      metricsGoalMs: DEFAULTS[target].metricsGoalMs,
      submissions,
    };
  } finally {
    process.off('SIGINT', onSigint);
    await dispose();
  }
}

const machine = machineInfo();
const results: TargetResult[] = [];
for (const target of targets) results.push(await benchTarget(target));

const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
const count = (n: number) => n.toLocaleString('en-US');
const spread = (s: Summary) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
console.log(`\nSelf-check benchmark, ${machine.date}`);
console.log(
  `Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`,
);
console.log(`Command: npm run bench:selfcheck -- ${process.argv.slice(2).join(' ')}`.trimEnd());
for (const r of results)
  console.log(
    `${r.target}: ${r.engine}${r.target === 'postgres' ? `, pool ${poolSize}` : ''}; load average ${JSON.stringify(r.loadAverage)}`,
  );
console.log(
  `\n(a) full metrics, ${args.runs} runs after a warm-up, milliseconds: median (min–max)\n${table([
    [
      'target',
      'staff × items',
      'members',
      'distinct',
      'units',
      'computeCampaignMetrics',
      'its SQL',
      'buildResults',
      'goal',
    ],
    ...results.map((r) => [
      r.target,
      `${count(r.staff)} × ${r.itemsPerStaff}`,
      count(r.fill.members),
      count(r.fill.distinctSubmitted),
      count(r.units),
      spread(r.metrics),
      ms(r.metricsSql.median),
      spread(r.results),
      `< ${r.metricsGoalMs}: ${verdict(r.metrics.median < r.metricsGoalMs && r.results.median < r.metricsGoalMs)}`,
    ]),
  ])}`,
);
console.log(
  `\n(b) submissions, PUT /api/v1/selfcheck/questionnaires/:id/answers, ${args.concurrency} clients, milliseconds\n${table(
    [
      ['target', 'mode', 'n', 'p50', 'p95', 'p99', 'max', 'per s', 'CPU ms/submission', 'statuses', 'goal'],
      ...results.flatMap((r) =>
        r.submissions.map((s) => [
          r.target,
          s.mode,
          String(s.n),
          ms(s.median),
          ms(s.p95),
          ms(s.p99),
          ms(s.max),
          String(s.throughputPerS),
          `server ${ms(s.cpuPerSubmission.server)}, pg ${ms(s.cpuPerSubmission.postgres ?? Number.NaN)}, clients ${ms(s.cpuPerSubmission.clients)}`,
          JSON.stringify(s.statuses),
          `p99 < ${SUBMIT_P99_GOAL_MS}: ${verdict(s.p99 < SUBMIT_P99_GOAL_MS)}`,
        ]),
      ),
    ],
  )}`,
);
for (const r of results)
  for (const s of r.submissions) {
    if (s.firstError) console.log(`${r.target} ${s.mode}: first failed submission: ${s.firstError}`);
    if (s.connections)
      console.log(
        `${r.target} ${s.mode}: mean connections: ${JSON.stringify(s.connections)} of pool ${poolSize}`,
      );
  }
if (args.json)
  fs.writeFileSync(
    args.json,
    JSON.stringify({ machine, poolSize, argv: process.argv.slice(2), results }, null, 2),
  );
