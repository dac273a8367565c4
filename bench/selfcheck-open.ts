// Opening a self-check campaign for a large agency (issue #12 item 1): "job done in < 15 s; first
// questionnaires usable in < 2 s". Each run opens two campaigns of the same agency, one after the other:
// the baseline (the old way: every questionnaire in one INSERT … SELECT inside the opening request)
// and the job (the request returns at once; a worker, as `serve` runs it, creates them in batches).
//   npm run bench:selfcheck:open -- [--db postgres|pglite] [--staff N] [--runs R] [--json FILE]
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { rowsOf } from '../src/db/client.js';
import { insertAccount } from '../src/modules/accounts/service.js';
import { ADMIN_LOGIN } from '../src/modules/demo/seed.js';
import { ensureShippedCatalog } from '../src/modules/selfcheck/catalog-service.js';
import { campaigns } from '../src/modules/selfcheck/schema.js';
import { buildApp } from '../src/server/app.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { hashPassword } from '../src/server/crypto.js';
import { Worker } from '../src/server/jobs/queue.js';
import { JOBS } from '../src/server/jobs/registry.js';
import { jobs } from '../src/server/jobs/schema.js';
import { createMailer } from '../src/server/mail.js';
import { fileLog, InjectClient } from './lib/http.js';
import {
  approvedCampaign,
  benchConfig,
  openBenchDatabase,
  scaledPlan,
  seedAgency,
  type Target,
} from './lib/selfcheck-setup.js';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'postgres' },
    staff: { type: 'string' },
    runs: { type: 'string', default: '3' },
    items: { type: 'string', default: '60' },
    json: { type: 'string' },
  },
});
const target = args.db as Target;
if (target !== 'postgres' && target !== 'pglite') throw new Error(`--db: postgres or pglite, not ${target}`);
const staff = Number(args.staff ?? (target === 'postgres' ? 300_000 : 50_000));
const runs = Number(args.runs);
if (!(runs >= 3)) throw new Error('--runs: at least 3');
const itemsPerStaff = Number(args.items);
const PASSWORD = 'bench-password-0123456789';
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const config = benchConfig(loadConfig({ ...process.env, JOBS: 'off' }));
const serverLog = fileLog(path.join(os.tmpdir(), `mamoru-bench-open-${process.pid}.log`));
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;
const ms = (t0: number) => Math.round(performance.now() - t0);
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

interface Run {
  run: number;
  load: number;
  baseline: { openMs: number; members: number };
  job: { returnMs: number; firstUsableMs: number; doneMs: number; members: number; batches: number };
}

log(`${target}: ${staff.toLocaleString('en-US')} staff × ${itemsPerStaff} items, ${runs} runs`);
const bench = await openBenchDatabase(target, { adminUrl, poolSize: config.databasePoolSize });
const results: Run[] = [];
try {
  const { db } = bench.database;
  const env: AppEnv = { secretKey: Buffer.alloc(32, 7), mailer: createMailer(config) };
  const sys = systemCtx(db, config, env);
  const t0 = performance.now();
  const { seeded, admin } = await seedAgency(sys, scaledPlan(staff, 1), PASSWORD);
  log(`  seeded in ${Math.round(ms(t0) / 1000)} s`);
  const versionId = await ensureShippedCatalog(db);
  // The person whose questionnaire is created first (lowest id) gets an account, to ask for it.
  const [first] = rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from people where tenant_id = ${seeded.tenantId} and status = 'active' order by id limit 1`,
    ),
  );
  // The demo seeds accounts (all with PASSWORD); the person gets one here if they have none.
  const [existing] = rowsOf<{ login: string }>(
    await db.execute(sql`select login from accounts where person_id = ${first!.id} limit 1`),
  );
  const firstLogin = existing?.login ?? 'bench-first-person';
  if (!existing)
    await insertAccount(db, {
      tenantId: seeded.tenantId,
      personId: first!.id,
      login: firstLogin,
      passwordHash: await hashPassword(PASSWORD, config.passwordHash),
      mustChangePassword: false,
    });
  const app = await buildApp({ db, config, env, webRoot: null, logStream: serverLog.stream });
  await app.ready();
  const office = await InjectClient.login(app, ADMIN_LOGIN, PASSWORD);
  const person = await InjectClient.login(app, firstLogin, PASSWORD);
  const countMembers = async (id: string) =>
    rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from campaign_members where campaign_id = ${id}`),
    )[0]!.n;
  const drop = async (id: string) => {
    await db.execute(sql`delete from campaign_members where campaign_id = ${id}`);
    await db.execute(sql`delete from campaigns where id = ${id}`);
    await db.execute(sql`vacuum analyze campaign_members`);
  };
  for (let run = 1; run <= runs; run++) {
    const year = { fiscalYear: 2030 + run, startsOn: `${2030 + run}-11-01`, endsOn: `${2031 + run}-03-31` };
    const load = load1();
    // Baseline: the old single statement, inside the opening request (the sync path, without a limit).
    config.selfcheck.syncOpenMaxPeople = Number.MAX_SAFE_INTEGER;
    const base = await approvedCampaign(admin, versionId, itemsPerStaff, year);
    let t = performance.now();
    await office.post(`/api/v1/selfcheck/campaigns/${base}/transition`, { to: 'open' });
    const baseline = { openMs: ms(t), members: await countMembers(base) };
    await drop(base);

    // The job: the route returns with its id; a worker as `serve` runs it (default poll, 1 s).
    config.selfcheck.syncOpenMaxPeople = 2000;
    const id = await approvedCampaign(admin, versionId, itemsPerStaff, year);
    const worker = new Worker(systemCtx(db, config, env), JOBS, []);
    worker.start();
    t = performance.now();
    const opened = (await office.post(`/api/v1/selfcheck/campaigns/${id}/transition`, { to: 'open' })).json();
    const returnMs = ms(t);
    if (!opened.jobId) throw new Error('opening did not start a job');
    let firstUsableMs = -1;
    for (;;) {
      const mine = (await person.get('/api/v1/selfcheck/my')).json().items as {
        campaignId: string;
        memberId: string;
      }[];
      const q = mine.find((m) => m.campaignId === id);
      if (q) {
        await person.get(`/api/v1/selfcheck/questionnaires/${q.memberId}`); // must answer 200
        firstUsableMs = ms(t);
        break;
      }
      await sleep(20);
    }
    let doneMs = -1;
    let batches = 0;
    let lastDone = -1;
    for (;;) {
      const [j] = await db.select().from(jobs).where(eq(jobs.id, opened.jobId));
      if (j!.progress && j!.progress.done !== lastDone) {
        lastDone = j!.progress.done;
        batches++;
      }
      if (j!.status === 'done') {
        doneMs = ms(t);
        break;
      }
      if (j!.status === 'failed') throw new Error(`job failed: ${j!.lastError}`);
      await sleep(50);
    }
    await worker.stop();
    const [c] = await db.select().from(campaigns).where(eq(campaigns.id, id));
    if (c!.membersPending) throw new Error('job done but campaign still pending');
    const members = await countMembers(id);
    if (members !== baseline.members)
      throw new Error(`members differ: job ${members}, single statement ${baseline.members}`);
    results.push({ run, load, baseline, job: { returnMs, firstUsableMs, doneMs, members, batches } });
    log(`  run ${run} (load ${load}): ${JSON.stringify(results.at(-1))}`);
    await drop(id);
  }
  await app.close();
} finally {
  await bench.dispose();
}

const med = (f: (r: Run) => number) => {
  const xs = results.map(f).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)]!;
};
const summary = {
  target,
  engine: bench.engine,
  staff,
  runs: results.length,
  members: results[0]?.baseline.members,
  cpus: os.cpus().length,
  loadAverages: results.map((r) => r.load),
  median: {
    baselineOpenMs: med((r) => r.baseline.openMs),
    jobReturnMs: med((r) => r.job.returnMs),
    jobFirstUsableMs: med((r) => r.job.firstUsableMs),
    jobDoneMs: med((r) => r.job.doneMs),
  },
  goals: { doneMs: 15_000, firstUsableMs: 2_000 },
};
console.log(JSON.stringify({ summary, results }, null, 2));
if (args.json)
  (await import('node:fs')).writeFileSync(args.json, JSON.stringify({ summary, results }, null, 2));
