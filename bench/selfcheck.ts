// `npm run bench:selfcheck`: a campaign of N staff × M items, with last year's campaign published,
// measured as users get it: the production log level (info, to a file), the real app (buildApp), and
// (a) the HTTP calls the results and progress pages make, through `app.inject` with a logged-in
// security officer's session cookie, each beside a baseline (GET /api/v1/me by the same person) timed
// in the same run: the machine is shared and noisy, the ratio is what compares across runs;
// (b) submissions through the real HTTP route by 50 concurrent logged-in staff.
// Goals (issue): metrics of 300,000 × 60 on PostgreSQL < 1 s, of 50,000 × 60 on PGlite < 2 s,
// submission p99 < 100 ms. Figures go to docs/benchmarks.md; no test asserts them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { ensureShippedCatalog } from '../src/modules/selfcheck/catalog-service.js';
import { buildApp } from '../src/server/app.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { createMailer } from '../src/server/mail.js';
import { fileLog, InjectClient } from './lib/http.js';
import { measureMetricsPaths, type PathFigures } from './lib/metrics-paths.js';
import { BASELINE_CALLS, measurePages, type PageFigures, type PageMeasurement } from './lib/pages.js';
import { profiled } from './lib/profile.js';
import {
  BENCH_YEARS,
  benchConfig,
  type FillStats,
  fillAnswers,
  officerLogins,
  openBenchDatabase,
  openCampaign,
  scaledPlan,
  seedAgency,
  type Target,
} from './lib/selfcheck-setup.js';
import { wholeNumberOption as int, machineInfo, ms, type Summary, table } from './lib/stats.js';
import { type LoadFigures, measureSubmissions } from './lib/submissions.js';

const USAGE = `npm run bench:selfcheck -- [options]
  --db postgres|pglite   one target (default: both, each at its goal's size)
  --staff N              staff (default: 300,000 on PostgreSQL, 50,000 on PGlite)
  --items M              items each staff member answers (default 60; the catalog has 92)
  --runs R               timed runs of each page call, after one warm-up (default 7, at least 3)
  --log FILE             the server log, at LOG_LEVEL (default info, as in production); default: a
                         temporary file, deleted at the end
  --submissions S        measured closed-loop submissions (default 2,000), after --warmup (200)
  --concurrency C        concurrent submitters, each logged in as a different person (default 50)
  --rate R --paced P     then P submissions due at R per second (default 25/s, 1,000; --paced 0: none)
  --pool N               PostgreSQL pool size (default DATABASE_POOL_SIZE, 10)
  --seed S               data seed (default 1)
  --json FILE            also write every figure as JSON
  --cpu-prof-dir DIR     V8 CPU profiles of each measured phase
  --keep                 keep the PostgreSQL database for experiments (drop it by hand)
  --pglite-dir DIR       PGlite on disk in DIR (new), kept for experiments (bench/metrics-paths.ts)
  --naive-cap S          stop the naive GROUP BY baseline after S seconds (PostgreSQL: statement_timeout;
                         PGlite cannot be stopped: it is run once); default 120
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
    log: { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
    keep: { type: 'boolean', default: false },
    'pglite-dir': { type: 'string' },
    'naive-cap': { type: 'string', default: '120' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const DEFAULTS: Record<Target, { staff: number; metricsGoalMs: number }> = {
  postgres: { staff: 300_000, metricsGoalMs: 1000 },
  pglite: { staff: 50_000, metricsGoalMs: 2000 },
};
const SUBMIT_P99_GOAL_MS = 100;
/** Issue #12: the results page's data from counters, including last year. */
const PAGE_DATA_GOAL_MS: Record<Target, number> = { postgres: 200, pglite: 100 };
const PASSWORD = 'bench-password-0123456789';
const targets: Target[] = args.db
  ? args.db.split(',').map((t) => {
      if (t !== 'postgres' && t !== 'pglite') throw new Error(`--db: postgres or pglite, not ${t}`);
      return t;
    })
  : ['postgres', 'pglite'];
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const base = benchConfig(loadConfig({ ...process.env, JOBS: 'off' }));
const poolSize = args.pool ? int('pool', args.pool) : base.databasePoolSize;
const config = { ...base, databasePoolSize: poolSize };
const seed = int('seed', args.seed);
const prof = args['cpu-prof-dir'];
const runs = int('runs', args.runs);
if (runs < 3) throw new Error('--runs: at least 3 (a median of fewer says little on a shared machine)');
const logFile = args.log ?? path.join(os.tmpdir(), `mamoru-bench-${process.pid}.log`);
const serverLog = fileLog(logFile);

interface TargetResult {
  target: Target;
  engine: string;
  staff: number;
  itemsPerStaff: number;
  setupSeconds: { seed: number; previousYear: number; open: number; answers: number };
  fill: FillStats;
  previousFill: FillStats;
  /** The bureau whose 情報セキュリティ責任者 is measured (the one with the most members). */
  bureau: { code: string; members: number };
  /** 1-minute load average when each phase began: the machine is shared. */
  loadAverage: { pages: number; paths: number; submissions: number };
  /** Lines and bytes the server logged during the page measurements. */
  logged: { lines: number; bytes: number };
  pages: PageFigures[];
  /** The naive GROUP BY, the scan, the counters and the page's data without HTTP, same rounds. */
  paths: PathFigures[];
  metricsGoalMs: number;
  submissions: LoadFigures[];
}

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;
const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

async function benchTarget(target: Target): Promise<TargetResult> {
  const staff = args.staff ? int('staff', args.staff) : DEFAULTS[target].staff;
  const itemsPerStaff = int('items', args.items);
  log(`${target}: ${staff.toLocaleString('en-US')} staff × ${itemsPerStaff} items`);
  const bench = await openBenchDatabase(target, { adminUrl, poolSize, pgliteDir: args['pglite-dir'] });
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
    const { seeded, admin } = await seedAgency(systemCtx(db, config, env), plan, PASSWORD);
    const seedS = seconds(t0);
    log(`  seeded ${plan.units.length + 1} units, ${plan.people.length} people in ${seedS} s`);
    const versionId = await ensureShippedCatalog(db);
    const app = await buildApp({ db, config, env, webRoot: null, logStream: serverLog.stream });
    await app.ready();
    try {
      // Last year's campaign, answered, closed and published through the route (which freezes its
      // figures), so the results page has a year-over-year comparison to make.
      t0 = performance.now();
      const previous = await openCampaign(admin, versionId, itemsPerStaff, BENCH_YEARS.previous);
      const previousFill = await fillAnswers(db, previous.id, seed * 43 + 5);
      const { chief, bureau } = await officerLogins(db, seeded.tenantId, previous.id);
      const chiefClient = await InjectClient.login(app, chief, PASSWORD);
      for (const to of ['closed', 'published'])
        await chiefClient.post(`/api/v1/selfcheck/campaigns/${previous.id}/transition`, { to });
      const previousS = seconds(t0);
      log(`  FY${previous.fiscalYear} campaign opened, answered and published in ${previousS} s`);
      t0 = performance.now();
      const campaign = await openCampaign(admin, versionId, itemsPerStaff);
      const openS = seconds(t0);
      log(`  campaign opened (members materialised) in ${openS} s`);
      t0 = performance.now();
      const { model, ...fill } = await fillAnswers(db, campaign.id, seed * 31 + 7);
      const answersS = seconds(t0);
      log(`  answers written in ${answersS} s: ${JSON.stringify(fill)}`);

      const bureauClient = await InjectClient.login(app, bureau.login, PASSWORD);
      const c = `/api/v1/selfcheck/campaigns/${campaign.id}`;
      // What the pages ask for (src/web/features/selfcheck/api.ts useResults, useProgress): no unitId
      // means "my top unit"; naPasses=false is the page's default (NISC's rule).
      const measurements: PageMeasurement[] = [
        {
          name: 'results, whole agency (統括情報セキュリティ責任者)',
          client: chiefClient,
          url: `${c}/results?naPasses=false`,
          results: true,
        },
        {
          name: `results, bureau ${bureau.code} (情報セキュリティ責任者)`,
          client: bureauClient,
          url: `${c}/results?naPasses=false`,
          results: true,
        },
        {
          name: 'progress, whole agency (統括情報セキュリティ責任者)',
          client: chiefClient,
          url: `${c}/progress`,
        },
        {
          name: `progress, bureau ${bureau.code} (情報セキュリティ責任者)`,
          client: bureauClient,
          url: `${c}/progress`,
        },
      ];
      const loadAtPages = load1();
      const logBefore = { ...serverLog.stats };
      const pages = await profiled(prof, `${target}-pages`, () =>
        measurePages(measurements, { runs, previousCampaignId: previous.id }),
      );
      const logged = {
        lines: serverLog.stats.lines - logBefore.lines,
        bytes: serverLog.stats.bytes - logBefore.bytes,
      };
      for (const p of pages)
        log(`  ${p.name}: ${p.samples.map(ms).join(', ')} ms; baseline ${p.baselines.map(ms).join(', ')} ms`);
      const loadAtPaths = load1();
      const paths = await profiled(prof, `${target}-paths`, () =>
        measureMetricsPaths(db, campaign.id, runs, {
          naiveCapMs: int('naive-cap', args['naive-cap']) * 1000,
        }),
      );
      for (const p of paths) log(`  ${p.name}: ${p.samples.map(ms).join(', ')} ms`);
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
        logStream: serverLog.stream,
      });
      for (const s of submissions)
        log(`  ${s.mode}: p50 ${ms(s.median)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)} ms, ${s.throughputPerS}/s`);
      return {
        target,
        engine: bench.engine,
        staff,
        itemsPerStaff,
        setupSeconds: { seed: seedS, previousYear: previousS, open: openS, answers: answersS },
        fill,
        previousFill: (({ model: _, ...f }) => f)(previousFill),
        bureau: { code: bureau.code, members: bureau.members },
        loadAverage: { pages: loadAtPages, paths: loadAtPaths, submissions: loadAtSubmissions },
        logged,
        pages,
        paths,
        metricsGoalMs: DEFAULTS[target].metricsGoalMs,
        submissions,
      };
    } finally {
      await app.close();
    }
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
const ratio = (x: number) => (x >= 10 ? x.toFixed(0) : x.toFixed(1));
console.log(`\nSelf-check benchmark, ${machine.date}`);
console.log(
  `Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}`,
);
console.log(`Command: npm run bench:selfcheck -- ${process.argv.slice(2).join(' ')}`.trimEnd());
console.log(`Server log: level ${config.logLevel}, to ${args.log ?? 'a temporary file'}`);
for (const r of results)
  console.log(
    `${r.target}: ${r.engine}${r.target === 'postgres' ? `, pool ${poolSize}` : ''}; load average ${JSON.stringify(r.loadAverage)}; ` +
      `members ${count(r.fill.members)} (FY${BENCH_YEARS.previous.fiscalYear}: ${count(r.previousFill.members)}), ` +
      `bureau ${r.bureau.code}: ${count(r.bureau.members)} members; logged during (a): ${r.logged.lines} lines, ${r.logged.bytes} bytes`,
  );
console.log(
  `\n(a) what the pages call, through app.inject with the officer's session cookie, ${runs} runs after a warm-up;
    baseline: GET /api/v1/me by the same person just before each call (median of ${BASELINE_CALLS});
    ratio: each call over its own baseline. Milliseconds (ratio: times): median (min–max)\n${table([
      ['target', 'staff × items', 'call', 'measured', 'baseline', 'ratio', 'KiB', 'goal'],
      ...results.flatMap((r) =>
        r.pages.map((p) => [
          r.target,
          `${count(r.staff)} × ${r.itemsPerStaff}`,
          p.name,
          spread(p.measured),
          spread(p.baseline),
          `${ratio(p.ratio.median)} (${ratio(p.ratio.min)}–${ratio(p.ratio.max)})`,
          (p.bytes / 1024).toFixed(0),
          p.name.startsWith('results, whole agency')
            ? `< ${r.metricsGoalMs}: ${verdict(p.measured.median < r.metricsGoalMs)}`
            : '',
        ]),
      ),
    ])}`,
);
console.log(
  `\n(a2) the results computed ${runs} times each, interleaved, no HTTP (milliseconds, median (min–max));
    naive ÷ this: how many times faster than the naive per-answer GROUP BY of the same round set\n${table([
      ['target', 'staff × items', 'path', 'measured', 'naive ÷ this', 'goal'],
      ...results.flatMap((r) =>
        r.paths.map((p) => [
          r.target,
          `${count(r.staff)} × ${r.itemsPerStaff}`,
          p.name,
          spread(p.summary),
          `${r.paths[0]!.capped && p !== r.paths[0] ? '> ' : ''}${ratio(r.paths[0]!.summary.median / p.summary.median)}`,
          p.name.startsWith('results data')
            ? `≤ ${PAGE_DATA_GOAL_MS[r.target]} and ≥ 15×: ${verdict(p.summary.median <= PAGE_DATA_GOAL_MS[r.target] && r.paths[0]!.summary.median / p.summary.median >= 15)}`
            : '',
        ]),
      ),
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
    JSON.stringify(
      { machine, poolSize, logLevel: config.logLevel, argv: process.argv.slice(2), results },
      null,
      2,
    ),
  );
serverLog.close();
if (!args.log) fs.rmSync(logFile, { force: true });
