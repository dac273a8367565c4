// `npm run bench:scaleout`: 1, 2 and 4 real `mamoru serve` processes (the compiled build, JOBS on,
// LOG_LEVEL info to a file each) on ONE PostgreSQL database, with the load spread round robin over
// them by the load generators (no proxy). For each instance count, in every run:
//  - submissions: 50 staff log in on instance 1 and submit, closed loop, to all instances in turn with
//    that one session each (sessions across instances: a refused session would show as 401s), beside
//    the baseline of the same number of bare Fastify processes inserting one row per submission;
//  - tracking: open pixels and clicks (autocannon, one per instance), events stored = acknowledged,
//    beside the baseline of the same number of bare node:http GIF processes.
// Then, with the most instances up, N account notices are queued and each must be mailed exactly once.
// Goals (issue #12): submissions at 1 instance ≥ 0.5× the bare insert with p99 < 100 ms; throughput
// growing with instances (on a 2-core machine it cannot grow much: the figures say by how much).
// Figures go to docs/benchmarks.md; no test asserts them.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { type Db, rowsOf } from '../src/db/client.js';
import { accountNoticeJob } from '../src/modules/accounts/notice.js';
import { ensureShippedCatalog } from '../src/modules/selfcheck/catalog-service.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { resolveSecretKey } from '../src/server/crypto.js';
import { enqueue } from '../src/server/jobs/queue.js';
import { createMailer } from '../src/server/mail.js';
import { BROWSER, seedDrill, trackingPaths } from './lib/drill-setup.js';
import { type Instance, procCpuMs, startBaseline, startInstance } from './lib/instances.js';
import {
  benchConfig,
  fillAnswers,
  openBenchDatabase,
  openCampaign,
  scaledPlan,
  seedAgency,
} from './lib/selfcheck-setup.js';
import { wholeNumberOption as int, machineInfo, ms, summarise, table } from './lib/stats.js';
import { backendCpuMs, connectionSampler, pickSubmitters, runLoad } from './lib/submissions.js';
import type { LoadJob } from './lib/submit-load.js';

const USAGE = `npm run bench:scaleout -- [options]
  --instances LIST     instance counts (default 1,2,4)
  --runs R             runs per instance count (default 3, at least 3)
  --staff N            people of the self-check agency (default 10,000)
  --items M            items per staff member (default 60)
  --recipients N       drill recipients (default 20,000)
  --clients C          concurrent submitters, closed loop (default 50)
  --submissions S      measured submissions per run (default 1,000) after --warmup (default 200)
  --connections C      tracking connections in all (default 50)
  --seconds S          tracking: about this long per run (default 8)
  --jobs N             jobs queued for the exactly-once check (default 1,000; 0: none)
  --pool N             DATABASE_POOL_SIZE of each instance and baseline process (default 10)
  --log-dir DIR        keep the instances' logs here (default: a temporary directory, deleted)
  --cpu-prof-dir DIR   V8 CPU profile of the single instance (node --cpu-prof), written when it stops
  --no-tracking        submissions only (e.g. with --cpu-prof-dir, to profile submissions alone)
  --tsx                run src/cli/main.ts through tsx instead of the build in dist/
DATABASE_URL: the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); the
benchmark creates mamoru_bench_<random> there and drops it at the end.`;

const { values: args } = parseArgs({
  options: {
    instances: { type: 'string', default: '1,2,4' },
    runs: { type: 'string', default: '3' },
    staff: { type: 'string', default: '10000' },
    items: { type: 'string', default: '60' },
    recipients: { type: 'string', default: '20000' },
    clients: { type: 'string', default: '50' },
    submissions: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '200' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '8' },
    jobs: { type: 'string', default: '1000' },
    pool: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    'log-dir': { type: 'string' },
    'cpu-prof-dir': { type: 'string' },
    json: { type: 'string' },
    tsx: { type: 'boolean', default: false },
    'no-tracking': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const COUNTS = args.instances.split(',').map((v) => int('instances', v));
const RUNS = int('runs', args.runs);
if (RUNS < 3) throw new Error('--runs: at least 3 (a median of fewer says little on a shared machine)');
const POOL = int('pool', args.pool);
const SEED = int('seed', args.seed);
const PASSWORD = 'bench-password-0123456789';
const SECRET_KEY = 'bench-scaleout-secret-key-0123456789abcdef';
const SUBMIT_RATIO_GOAL = 0.5;
const SUBMIT_P99_GOAL_MS = 100;
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROOT = path.resolve(import.meta.dirname, '..');
const ENTRY = args.tsx ? path.join(ROOT, 'src/cli/main.ts') : path.join(ROOT, 'dist/cli/main.js');
if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run npm run build:server (or pass --tsx)`);
const workDir = args['log-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-scaleout-'));
fs.mkdirSync(workDir, { recursive: true });

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

interface SubmitFigures {
  perS: number;
  p50: number;
  p99: number;
  max: number;
  n: number;
  statuses: Record<string, number>;
  firstError: string | null;
  /** CPU ms per submission: the server processes, PostgreSQL's backends. */
  cpu: { servers: number; postgres: number };
  load1: number;
  /** With --cpu-prof-dir only (the sampling costs CPU): mean connections active, waiting on an advisory lock. */
  connections?: { active: number; advisoryLockWait: number; idleInTransaction: number };
}

async function measureSubmissions(
  target: 'app' | 'bare',
  urls: string[],
  pids: number[],
  dbUrl: string,
  base: Omit<LoadJob, 'urls' | 'target' | 'seed'>,
  seed: number,
): Promise<SubmitFigures> {
  const load = load1();
  const cpu0 = pids.map(procCpuMs);
  const pg0 = await backendCpuMs(dbUrl);
  const sampler = args['cpu-prof-dir'] ? connectionSampler(dbUrl) : null;
  const res = await runLoad({ ...base, urls, target, seed });
  const connections = await sampler?.();
  const pg1 = await backendCpuMs(dbUrl);
  const servers = pids.reduce((s, pid, k) => s + procCpuMs(pid) - cpu0[k]!, 0);
  const postgres = [...pg1].reduce((s, [pid, t]) => s + t - (pg0.get(pid) ?? 0), 0);
  const total = base.warmup + base.submissions;
  const s = summarise(res.latenciesMs);
  return {
    perS: Math.round((res.latenciesMs.length / res.wallMs) * 1000),
    p50: s.median,
    p99: s.p99,
    max: s.max,
    n: s.n,
    statuses: res.statuses,
    firstError: res.firstError,
    cpu: { servers: servers / total, postgres: postgres / total },
    load1: load,
    ...(connections ? { connections } : {}),
  };
}

interface TrackFigures {
  perS: number;
  p50: number;
  p99: number;
  acked: number;
  stored: number | null;
  failed: number;
  load1: number;
}

function cannon(opts: object): Promise<Record<string, never> & { [k: string]: unknown }> {
  const c = fork(new URL('./lib/drill-load.mjs', import.meta.url).pathname, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => {
    c.once('message', () => {
      c.once('message', resolve as never);
      c.send(opts);
    });
  });
}

async function measureTracking(urls: string[], paths: string[], db: Db | null): Promise<TrackFigures> {
  const common = {
    urls,
    paths,
    connections: int('connections', args.connections),
    headers: { 'user-agent': BROWSER },
  };
  // biome-ignore lint/suspicious/noExplicitAny: autocannon's result, through IPC
  const warm: any = await cannon({ ...common, duration: 3 });
  // A fixed number of requests, so every one completes and "acknowledged" is exact.
  const amount = Math.max(20_000, Math.round(warm.requests.average * int('seconds', args.seconds)));
  const count = async () =>
    db ? rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from drill_events`))[0]!.n : 0;
  const e0 = await count();
  const load = load1();
  // biome-ignore lint/suspicious/noExplicitAny: autocannon's result, through IPC
  const r: any = await cannon({ ...common, amount });
  const acked = r['2xx'] + r['3xx'];
  return {
    perS: Math.round(acked / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    acked,
    stored: db ? (await count()) - e0 : null,
    failed: r.non2xx + r.errors + r.timeouts,
    load1: load,
  };
}

/** Queues `n` account notices with 4 instances' workers polling; every one must be mailed exactly once. */
async function jobsOnce(db: Db, instances: Instance[], n: number) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await enqueue(db, accountNoticeJob, {
      to: `job-${i}@bench.invalid`,
      kind: 'password_reset' as const,
      name: `職員 ${i}`,
      login: `job-${i}`,
      by: 'bench',
      at: new Date().toISOString(),
    });
  const deadline = Date.now() + 300_000;
  let left = n;
  while (left > 0 && Date.now() < deadline) {
    await sleep(500);
    left = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from jobs where name = 'accounts.notice' and status <> 'done'`,
      ),
    )[0]!.n;
  }
  const seconds = (performance.now() - t0) / 1000;
  const [rows] = rowsOf<{ done: number; once: number; workers: number }>(
    await db.execute(sql`
      select count(*) filter (where status = 'done')::int as done,
        count(*) filter (where attempts = 1 and claim = 1)::int as once,
        count(distinct claimed_by)::int as workers
      from jobs where name = 'accounts.notice'`),
  );
  // The handler's own trace: each instance's mailer appends the mails it sent to its DATA_DIR/mail.log.
  const mails = new Map<string, number>();
  const perInstance = instances.map((inst) => {
    const file = path.join(inst.dataDir, 'mail.log');
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
    let mine = 0;
    for (const line of lines) {
      const to = (JSON.parse(line) as { to: string }).to;
      if (!to.startsWith('job-')) continue;
      mine++;
      mails.set(to, (mails.get(to) ?? 0) + 1);
    }
    return mine;
  });
  const counts = [...mails.values()];
  return {
    queued: n,
    seconds: Math.round(seconds * 10) / 10,
    done: rows!.done,
    claimedOnce: rows!.once,
    workers: rows!.workers,
    mailedPerInstance: perInstance,
    distinctMailed: mails.size,
    mailedTwice: counts.filter((c) => c > 1).length,
    neverMailed: n - mails.size,
  };
}

async function main() {
  const machine = machineInfo();
  log(
    `scale-out benchmark: instances ${COUNTS.join(', ')}, ${RUNS} runs, ${machine.nproc} CPUs, ${machine.cpu}`,
  );
  const bench = await openBenchDatabase('postgres', { adminUrl, poolSize: 4 });
  const dbUrl = bench.url!;
  const onSigint = () => void bench.dispose().finally(() => process.exit(130));
  process.once('SIGINT', onSigint);
  try {
    const { db } = bench.database;
    const config = benchConfig(
      loadConfig({ ...process.env, DATABASE_URL: dbUrl, SECRET_KEY, JOBS: 'off', LOG_LEVEL: 'info' }),
    );
    // The instances' key (SECRET_KEY), so the tracking tokens made here are theirs.
    const env: AppEnv = { secretKey: resolveSecretKey(config), mailer: createMailer(config) };
    let t0 = performance.now();
    const staff = int('staff', args.staff);
    const { admin } = await seedAgency(systemCtx(db, config, env), scaledPlan(staff, SEED), PASSWORD);
    const versionId = await ensureShippedCatalog(db);
    const campaign = await openCampaign(admin, versionId, int('items', args.items));
    const { model, ...fill } = await fillAnswers(db, campaign.id, SEED * 31 + 7);
    const drillId = await seedDrill(db, env, config, int('recipients', args.recipients));
    // Delivered an hour ago and finished, so no worker starts sending it and events are not "too soon".
    await db.execute(sql`update drill_recipients set state = 'sent', sent_at = now() - interval '1 hour'
      where drill_id = ${drillId}`);
    await db.execute(sql`update drills set state = 'done' where id = ${drillId}`);
    const paths = await trackingPaths(db, drillId, env.secretKey);
    await db.execute(sql`create table bench_bare_submissions (id bigserial primary key, member_id uuid not null,
      answers text not null, submitted boolean not null, at timestamptz not null default now())`);
    const { items, picked } = await pickSubmitters(
      db,
      campaign.id,
      int('clients', args.clients),
      SEED * 17 + 3,
    );
    log(
      `seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ${staff} staff (${fill.members} members, ${items.length} staff items), ${args.recipients} recipients`,
    );
    const base = {
      password: PASSWORD,
      clients: picked,
      items,
      model,
      warmup: int('warmup', args.warmup),
      submissions: int('submissions', args.submissions),
      ratePerS: 0,
    };

    const results: {
      instances: number;
      runs: {
        bareSubmit: SubmitFigures;
        submit: SubmitFigures;
        bareTrack: TrackFigures;
        track: TrackFigures;
      }[];
    }[] = [];
    let jobs: Awaited<ReturnType<typeof jobsOnce>> | null = null;
    for (const k of COUNTS) {
      t0 = performance.now();
      const profile = k === 1 ? args['cpu-prof-dir'] : undefined;
      const instances: Instance[] = [];
      // One after the other: each applies pending migrations (none) and the catalog check at boot.
      for (let i = 0; i < k; i++)
        instances.push(
          await startInstance({
            databaseUrl: dbUrl,
            entry: ENTRY,
            cwd: ROOT,
            pool: POOL,
            secretKey: SECRET_KEY,
            workDir,
            profileDir: profile,
          }),
        );
      log(
        `${k} instance(s) up in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${instances.map((i) => i.url).join(' ')}`,
      );
      const urls = instances.map((i) => i.url);
      const pids = instances.map((i) => i.pid);
      const runs: (typeof results)[number]['runs'] = [];
      try {
        for (let r = 1; r <= RUNS; r++) {
          const seed = SEED * 1000 + k * 10 + r;
          const bi = await startBaseline('./bare-insert.mjs', k, dbUrl, POOL);
          const bareSubmit = await measureSubmissions('bare', bi.urls, bi.pids, dbUrl, base, seed);
          await bi.stop();
          const submit = await measureSubmissions('app', urls, pids, dbUrl, base, seed);
          const skipped: TrackFigures = {
            perS: Number.NaN,
            p50: Number.NaN,
            p99: Number.NaN,
            acked: 0,
            stored: 0,
            failed: 0,
            load1: Number.NaN,
          };
          const bg = args['no-tracking'] ? null : await startBaseline('./bare-gif.mjs', k, dbUrl, POOL);
          const bareTrack = bg ? await measureTracking(bg.urls, paths, null) : skipped;
          await bg?.stop();
          const track = bg ? await measureTracking(urls, paths, db) : skipped;
          runs.push({ bareSubmit, submit, bareTrack, track });
          log(
            `${k} × run ${r}: submissions ${submit.perS}/s p50 ${ms(submit.p50)} p99 ${ms(submit.p99)} ms ${JSON.stringify(submit.statuses)} (bare ${bareSubmit.perS}/s p99 ${ms(bareSubmit.p99)}; load ${submit.load1}); ` +
              `tracking ${track.perS}/s p99 ${track.p99} ms stored ${track.stored}/${track.acked} failed ${track.failed} (bare ${bareTrack.perS}/s p99 ${bareTrack.p99}; load ${track.load1})`,
          );
          if (submit.firstError) log(`  first failed submission: ${submit.firstError}`);
          if (submit.connections)
            log(
              `  connections (mean, all instances; bare: ${JSON.stringify(bareSubmit.connections)}): ${JSON.stringify(submit.connections)}`,
            );
        }
        if (k === Math.max(...COUNTS) && int('jobs', args.jobs) > 0) {
          jobs = await jobsOnce(db, instances, int('jobs', args.jobs));
          log(`jobs across ${k} instances: ${JSON.stringify(jobs)}`);
        }
      } finally {
        await Promise.all(instances.map((i) => i.stop()));
      }
      results.push({ instances: k, runs });
    }

    const f0 = (x: number) => x.toFixed(0);
    const f2 = (x: number) => x.toFixed(2);
    const one = results.find((r) => r.instances === 1);
    const oneSubmit = one ? median(one.runs.map((r) => r.submit.perS)) : Number.NaN;
    const oneTrack = one ? median(one.runs.map((r) => r.track.perS)) : Number.NaN;
    console.log(`\nScale-out benchmark, ${machine.date}`);
    console.log(
      `Machine: ${machine.nproc} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; ${bench.engine}`,
    );
    console.log(`Command: npm run bench:scaleout -- ${process.argv.slice(2).join(' ')}`.trimEnd());
    console.log(
      `Instances: ${args.tsx ? 'tsx src/cli/main.ts' : 'dist/cli/main.js'} serve, JOBS on, LOG_LEVEL info to a file each, pool ${POOL} each; medians of ${RUNS} runs (per-run ratios, then their median)`,
    );
    console.log(
      `\nSubmissions: ${base.submissions} per run after ${base.warmup}, ${picked.length} clients closed loop, round robin over the instances, sessions from instance 1\n${table(
        [
          [
            'instances',
            'bare insert /s (p99 ms)',
            'Mamoru /s',
            'ratio',
            'p50 / p99 ms',
            '× 1 instance',
            'statuses',
            'CPU ms/subm. servers, PG',
            'load 1 min',
            'goal (1 instance)',
          ],
          ...results.map(({ instances, runs }) => {
            const perS = median(runs.map((r) => r.submit.perS));
            const ratio = median(runs.map((r) => r.submit.perS / r.bareSubmit.perS));
            const p99 = median(runs.map((r) => r.submit.p99));
            const statuses: Record<string, number> = {};
            for (const r of runs)
              for (const [s, c] of Object.entries(r.submit.statuses)) statuses[s] = (statuses[s] ?? 0) + c;
            return [
              String(instances),
              `${f0(median(runs.map((r) => r.bareSubmit.perS)))} (${ms(median(runs.map((r) => r.bareSubmit.p99)))})`,
              `${f0(perS)} (${runs.map((r) => r.submit.perS).join(', ')})`,
              `${f2(ratio)} (${runs.map((r) => f2(r.submit.perS / r.bareSubmit.perS)).join(', ')})`,
              `${ms(median(runs.map((r) => r.submit.p50)))} / ${ms(p99)}`,
              f2(perS / oneSubmit),
              JSON.stringify(statuses),
              `${ms(median(runs.map((r) => r.submit.cpu.servers)))}, ${ms(median(runs.map((r) => r.submit.cpu.postgres)))}`,
              runs.map((r) => r.submit.load1).join(', '),
              instances === 1
                ? `≥ ${SUBMIT_RATIO_GOAL}× and p99 < ${SUBMIT_P99_GOAL_MS}: ${ratio >= SUBMIT_RATIO_GOAL && p99 < SUBMIT_P99_GOAL_MS ? 'met' : 'MISSED'}`
                : '',
            ];
          }),
        ],
      )}`,
    );
    if (!args['no-tracking'])
      console.log(
        `\nTracking: open pixels and clicks, ${args.connections} connections in all, one autocannon per instance (p99: the worst instance's)\n${table(
          [
            [
              'instances',
              'bare GIF /s (p99 ms)',
              'Mamoru /s',
              'ratio',
              'p50 / p99 ms',
              '× 1 instance',
              'stored − acknowledged',
              'failed',
              'load 1 min',
            ],
            ...results.map(({ instances, runs }) => {
              const perS = median(runs.map((r) => r.track.perS));
              return [
                String(instances),
                `${f0(median(runs.map((r) => r.bareTrack.perS)))} (${median(runs.map((r) => r.bareTrack.p99))})`,
                `${f0(perS)} (${runs.map((r) => r.track.perS).join(', ')})`,
                `${f2(median(runs.map((r) => r.track.perS / r.bareTrack.perS)))} (${runs.map((r) => f2(r.track.perS / r.bareTrack.perS)).join(', ')})`,
                `${median(runs.map((r) => r.track.p50))} / ${median(runs.map((r) => r.track.p99))}`,
                f2(perS / oneTrack),
                runs.map((r) => (r.track.stored ?? 0) - r.track.acked).join(', '),
                runs.map((r) => r.track.failed).join(', '),
                runs.map((r) => r.track.load1).join(', '),
              ];
            }),
          ],
        )}`,
      );
    if (jobs)
      console.log(
        `\nJobs: ${jobs.queued} account notices queued with ${Math.max(...COUNTS)} instances up; ${jobs.done} done in ${jobs.seconds} s, ` +
          `${jobs.claimedOnce} claimed exactly once (attempts = claim = 1), by ${jobs.workers} workers; mails sent per instance ${jobs.mailedPerInstance.join(', ')}; ` +
          `${jobs.distinctMailed} addresses mailed, ${jobs.mailedTwice} twice or more, ${jobs.neverMailed} never: ${jobs.done === jobs.queued && jobs.mailedTwice === 0 && jobs.neverMailed === 0 ? 'each ran exactly once' : 'NOT exactly once'}`,
      );
    if (args.json)
      fs.writeFileSync(
        args.json,
        JSON.stringify({ machine, argv: process.argv.slice(2), results, jobs }, null, 2),
      );
  } finally {
    process.off('SIGINT', onSigint);
    await bench.dispose();
    if (!args['log-dir']) fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
