// Phase (b) of the self-check benchmark: the real HTTP route, a listening server in this process and
// the submitters in a child process (submit-load.ts), with where the CPU went and, on PostgreSQL,
// where the pool's connections waited.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../../src/config.js';
import { type Db, rowsOf } from '../../src/db/client.js';
import { mulberry32 } from '../../src/lib/random.js';
import { buildApp } from '../../src/server/app.js';
import type { AppEnv } from '../../src/server/context.js';
import type { AnswerModel } from './answers.js';
import { itemsOf } from './selfcheck-setup.js';
import { type Summary, summarise } from './stats.js';
import type { LoadJob, LoadResult } from './submit-load.js';

export interface LoadFigures extends Summary {
  mode: string;
  throughputPerS: number;
  statuses: Record<string, number>;
  firstError: string | null;
  /** CPU milliseconds per submission (warm-up included) in the server, PostgreSQL backends, clients. */
  cpuPerSubmission: { server: number; postgres: number | null; clients: number };
  /** PostgreSQL only: mean number of the bench database's connections in each state. */
  connections: { active: number; advisoryLockWait: number; idleInTransaction: number } | null;
}

export interface SubmissionOptions {
  db: Db;
  config: Config;
  env: AppEnv;
  /** The benchmark database's URL on PostgreSQL (for pg_stat_activity); null on PGlite. */
  url: string | null;
  campaignId: string;
  model: AnswerModel;
  password: string;
  clients: number;
  seed: number;
  runs: { warmup: number; submissions: number; ratePerS: number }[];
  profile?: (name: string, fn: () => Promise<LoadResult>) => Promise<LoadResult>;
  /** The server's log (at the configured level) goes here instead of stdout. */
  logStream: { write(line: string): void };
}

export async function measureSubmissions(o: SubmissionOptions): Promise<LoadFigures[]> {
  const { items, picked } = await pickSubmitters(o.db, o.campaignId, o.clients, o.seed);
  const app = await buildApp({
    db: o.db,
    config: o.config,
    env: o.env,
    webRoot: null,
    logStream: o.logStream,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const out: LoadFigures[] = [];
  try {
    for (const [k, run] of o.runs.entries()) {
      const job: LoadJob = {
        urls: [`http://127.0.0.1:${port}`],
        password: o.password,
        clients: picked,
        items,
        model: o.model,
        ...run,
        seed: o.seed * 13 + k,
      };
      const sampler = o.url ? connectionSampler(o.url) : null;
      const pgBefore = o.url ? await backendCpuMs(o.url) : null;
      const cpu = process.cpuUsage();
      const mode = run.ratePerS ? `paced ${run.ratePerS}/s` : 'closed loop';
      const load = await (o.profile ?? ((_, fn) => fn()))(run.ratePerS ? 'paced' : 'closed', () =>
        runLoad(job),
      );
      const { user, system } = process.cpuUsage(cpu);
      const pgAfter = o.url ? await backendCpuMs(o.url) : null;
      const requests = run.warmup + run.submissions;
      const postgres =
        pgBefore && pgAfter
          ? [...pgAfter].reduce((sum, [pid, ms]) => sum + ms - (pgBefore.get(pid) ?? 0), 0) / requests
          : null;
      out.push({
        mode,
        ...summarise(load.latenciesMs),
        throughputPerS: Math.round((load.latenciesMs.length / load.wallMs) * 1000),
        statuses: load.statuses,
        firstError: load.firstError,
        cpuPerSubmission: {
          server: (user + system) / 1000 / requests,
          postgres,
          clients: load.cpuMs / requests,
        },
        connections: sampler ? await sampler() : null,
      });
    }
  } finally {
    await app.close();
  }
  return out;
}

/** `clients` staff members in scope of the campaign, drawn at random, and the staff questionnaire's items. */
export async function pickSubmitters(db: Db, campaignId: string, clients: number, seed: number) {
  const items = (await itemsOf(db, campaignId)).filter((i) => i.roleKeys.includes('staff'));
  const candidates = rowsOf<{ login: string; member_id: string }>(
    await db.execute(sql`
      select a.login, m.id as member_id from campaign_members m
        join accounts a on a.person_id = m.person_id
      where m.campaign_id = ${campaignId} and m.role_key = 'staff' and m.in_scope
      order by a.login`),
  );
  const rng = mulberry32(seed);
  const picked = new Map<string, string>();
  while (picked.size < Math.min(clients, candidates.length)) {
    const c = candidates[Math.floor(rng() * candidates.length)]!;
    picked.set(c.login, c.member_id);
  }
  return {
    items: items.map((i) => ({ idx: i.idx, itemId: i.itemId })),
    picked: [...picked].map(([login, memberId]) => ({ login, memberId })),
  };
}

/** Runs the submitters (submit-load.ts) in a child process of their own. */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  const script = fileURLToPath(new URL('./submit-load.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  child.stdin.end(JSON.stringify(job));
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as LoadResult)
        : reject(new Error(`load generator exited ${code}`)),
    ),
  );
}

const SAMPLER = 'mamoru-bench-sampler';

async function query<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

/** CPU time so far of each server process connected to the bench database (Linux /proc, same host). */
export async function backendCpuMs(url: string): Promise<Map<number, number>> {
  const pids = await query<{ pid: number }>(
    url,
    `select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()
      and application_name <> '${SAMPLER}'`,
  );
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // A server on another host, or a connection closed meanwhile: no figure for it.
    }
  }
  return out;
}

/** Samples pg_stat_activity every 20 ms: where the pool's connections are while submissions run. */
export function connectionSampler(url: string) {
  const client = new pg.Client({ connectionString: url, application_name: SAMPLER });
  const totals = { active: 0, advisoryLockWait: 0, idleInTransaction: 0 };
  let samples = 0;
  let running = true;
  const done = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query(`
        select count(*) filter (where state = 'active')::int as active,
          count(*) filter (where wait_event = 'advisory')::int as advisory,
          count(*) filter (where state like 'idle in transaction%')::int as idle_tx
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
      totals.active += rows[0].active;
      totals.advisoryLockWait += rows[0].advisory;
      totals.idleInTransaction += rows[0].idle_tx;
      samples++;
      await new Promise((r) => setTimeout(r, 20));
    }
    await client.end();
  })();
  return async () => {
    running = false;
    await done;
    const mean = (x: number) => Math.round((x / Math.max(1, samples)) * 10) / 10;
    return {
      active: mean(totals.active),
      advisoryLockWait: mean(totals.advisoryLockWait),
      idleInTransaction: mean(totals.idleInTransaction),
    };
  };
}
