// `npm run bench:drill`: one drill to N generated recipients (default 200,000) through a local SMTP sink
// (smtp-server in its own process), timed; then open and click events replayed against the tracking
// endpoints with autocannon (its own process) on loopback. Goals (issue #5): ≥ 1,000 mails/s into
// the sink; tracking ≥ 5,000 requests/s with p99 < 50 ms and events stored = requests acknowledged.
// Figures go to docs/benchmarks.md; no test asserts them.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type Db, openDatabase, rowsOf } from '../src/db/client.js';
import { closeDrillTransports, lureMail, newMessageId } from '../src/modules/drills/mailer.js';
import { drills } from '../src/modules/drills/schema.js';
import { runSender } from '../src/modules/drills/send.js';
import { makeToken, tokenKey } from '../src/modules/drills/tokens.js';
import { buildApp } from '../src/server/app.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { createMailer } from '../src/server/mail.js';
import { BROWSER, seedDrill, trackingPaths } from './lib/drill-setup.js';
import { fileLog } from './lib/http.js';
import { machineInfo } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    recipients: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    'smtp-connections': { type: 'string', default: '10' },
    senders: { type: 'string', default: '2' },
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '25' },
    pool: { type: 'string', default: '10' },
    keep: { type: 'boolean', default: false },
  },
});
const N = Number(args.recipients);
const RUNS = Number(args.runs);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'mamoru_bench_drill';

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await c.query(statement);
  } finally {
    await c.end();
  }
}

const count = async (db: Db, q: ReturnType<typeof sql>) => rowsOf<{ n: number }>(await db.execute(q))[0]!.n;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** CPU seconds the database's backends have used (Linux /proc; connections closed meanwhile are missed). */
async function backendCpu(db: Db): Promise<Map<number, number>> {
  const pids = rowsOf<{ pid: number }>(
    await db.execute(sql`select pid from pg_stat_activity where datname = current_database()`),
  );
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(pid, (Number(f[11]) + Number(f[12])) * 10); // clock ticks (1/100 s) → ms
    } catch {}
  }
  return out;
}
const backendDelta = (a: Map<number, number>, b: Map<number, number>) =>
  [...b].reduce((s, [pid, ms]) => s + ms - (a.get(pid) ?? 0), 0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

function child(script: string) {
  const p = fork(new URL(script, import.meta.url).pathname, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // biome-ignore lint/suspicious/noExplicitAny: IPC messages of our own helper scripts (sink counts, autocannon results)
  const next = () => new Promise<any>((resolve) => p.once('message', resolve));
  return { p, next };
}

/**
 * Baseline of the sending goal: a nodemailer pool (same connections, unlimited messages each) composing
 * and sending the same lures (lureMail, the same names, units and tokens) with no database, 2 per
 * connection in flight. Returns mails/s counted by the sink.
 */
async function baselineSend(
  config: ReturnType<typeof loadConfig>,
  d: typeof drills.$inferSelect,
  who: { id: number; name: string; email: string; unit: string }[],
  key: Buffer,
  sink: ReturnType<typeof child>,
) {
  const u = new URL(config.drills.smtpUrl!);
  const pool = nodemailer.createTransport({
    pool: true,
    maxConnections: config.drills.connections,
    maxMessages: Number.POSITIVE_INFINITY,
    host: u.hostname,
    port: Number(u.port),
    ignoreTLS: true,
  });
  sink.p.send('count');
  const before = (await sink.next()).messages as number;
  const t0 = performance.now();
  let i = 0;
  await Promise.all(
    Array.from({ length: config.drills.connections * 2 }, async () => {
      while (i < who.length) {
        const r = who[i++]!;
        const token = makeToken(key, r.id);
        await pool.sendMail(
          lureMail(
            config,
            d,
            { name: r.name, email: r.email, unitName: r.unit },
            token,
            newMessageId(config.publicUrl),
          ),
        );
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  pool.close();
  sink.p.send('count');
  return ((await sink.next()).messages - before) / secs;
}

/** Baseline of the tracking goal: a bare node:http server answering the same GIF, no database, no log. */
function bareGifServer(): Promise<http.Server> {
  const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'cache-control': 'no-store, max-age=0', 'content-type': 'image/gif' });
    res.end(gif);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const machine = machineInfo();
  console.log(
    `drill benchmark: ${N.toLocaleString()} recipients, ${RUNS} run(s), ${machine.nproc} CPUs, ${machine.cpu}`,
  );
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(adminUrl);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: Number(args.pool) });
  const sink = child('./lib/drill-sink.mjs');
  try {
    await database.migrate();
    const db = database.db;
    const { port: sinkPort } = await sink.next();
    const base = loadConfig({
      ...process.env,
      DATABASE_URL: url.toString(),
      SECRET_KEY: 'bench-secret-key-bench-secret-key-0123456789',
    });
    const config = {
      ...base,
      // The production log level (src/config.ts default): the tracking server logs every request to a file.
      logLevel: 'info' as const,
      jobs: false,
      publicUrl: 'http://127.0.0.1',
      drills: {
        ...base.drills,
        smtpUrl: `smtp://127.0.0.1:${sinkPort}?tls=off`,
        connections: Number(args['smtp-connections']),
      },
    };
    const env: AppEnv = { secretKey: Buffer.alloc(32, 9), mailer: createMailer(config) };
    const t0 = performance.now();
    const drillId = await seedDrill(db, env, config, N);
    console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const paths = await trackingPaths(db, drillId, env.secretKey);
    const key = tokenKey(env.secretKey);

    const [drill] = await db.select().from(drills).where(sql`${drills.id} = ${drillId}`);
    const who = rowsOf<{ id: number | string; name: string; email: string; unit: string }>(
      await db.execute(sql`select r.id, r.name, r.email, u.name_ja as unit from drill_recipients r
        join org_units u on u.id = r.unit_id where r.drill_id = ${drillId} order by r.id`),
    ).map((r) => ({ ...r, id: Number(r.id) }));
    const sendRates: number[] = [];
    const baseRates: number[] = [];
    const baseTracking: { rps: number; p99: number }[] = [];
    const tracking: {
      rps: number;
      p50: number;
      p99: number;
      acked: number;
      stored: number;
      non2xx: number;
      errors: number;
    }[] = [];
    for (let run = 1; run <= RUNS; run++) {
      if (run > 1) {
        await db.execute(sql`update drill_recipients set state = 'queued', sent_at = null, message_id = null,
          claimed_by = null, claimed_until = null where drill_id = ${drillId}`);
        await db.execute(sql`update drills set state = 'scheduled' where id = ${drillId}`);
        await db.execute(sql`truncate drill_events`);
        await db.execute(sql`vacuum analyze drill_recipients`);
      }
      // --- sending -------------------------------------------------------------------------------
      const baseRate = await baselineSend(config, drill!, who, key, sink);
      baseRates.push(baseRate);
      console.log(`run ${run} baseline send (nodemailer pool, no database): ${baseRate.toFixed(0)} mails/s`);
      sink.p.send('count');
      const sinkBefore = await sink.next();
      const before = sinkBefore.messages as number;
      const loadBefore = load();
      const pg0 = await backendCpu(db);
      const cpu0 = process.cpuUsage();
      const s0 = performance.now();
      await runSender(systemCtx(db, config, env), drillId, {
        runSeconds: 3600,
        senders: Number(args.senders),
      });
      const secs = (performance.now() - s0) / 1000;
      const senderCpu = cpuMs(process.cpuUsage(cpu0));
      const pgCpu = backendDelta(pg0, await backendCpu(db));
      closeDrillTransports();
      sink.p.send('count');
      const sinkAfter = await sink.next();
      const received = (sinkAfter.messages as number) - before;
      const sinkCpu = cpuMs(sinkAfter.cpu) - cpuMs(sinkBefore.cpu);
      const sent = await count(
        db,
        sql`select count(*)::int as n from drill_recipients where drill_id = ${drillId} and state = 'sent'`,
      );
      const rate = received / secs;
      sendRates.push(rate);
      console.log(
        `run ${run} send: ${received.toLocaleString()} mails received by the sink (${sent.toLocaleString()} marked sent) in ${secs.toFixed(1)} s = ${rate.toFixed(0)} mails/s; load ${loadBefore} → ${load()}`,
      );
      console.log(
        `  CPU ms per mail: sender ${(senderCpu / received).toFixed(2)}, sink ${(sinkCpu / received).toFixed(2)}, PostgreSQL backends ${(pgCpu / received).toFixed(2)}`,
      );
      if (received !== N || sent !== N) console.log(`  MISMATCH: expected ${N} received and sent`);

      // --- tracking ------------------------------------------------------------------------------
      {
        const bare = await bareGifServer();
        const bareTarget = `http://127.0.0.1:${(bare.address() as { port: number }).port}`;
        const c0 = child('./lib/drill-load.mjs');
        await c0.next();
        c0.p.send({
          url: bareTarget,
          paths,
          connections: Number(args.connections),
          headers: { 'user-agent': BROWSER },
          duration: 3,
        });
        const w = await c0.next();
        const c1 = child('./lib/drill-load.mjs');
        await c1.next();
        c1.p.send({
          url: bareTarget,
          paths,
          connections: Number(args.connections),
          headers: { 'user-agent': BROWSER },
          amount: Math.max(50_000, Math.round(w.requests.average * Number(args.seconds))),
        });
        const b = await c1.next();
        bare.close();
        const rps = (b['2xx'] as number) / (b.duration as number);
        baseTracking.push({ rps, p99: b.latency.p99 });
        console.log(
          `run ${run} baseline tracking (bare node:http GIF): ${rps.toFixed(0)} req/s, p99 ${b.latency.p99} ms`,
        );
      }
      const log = fileLog(`${os.tmpdir()}/mamoru-bench-drill-${process.pid}.log`);
      const app = await buildApp({ db, config, env, webRoot: null, logStream: log.stream });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address() as { port: number };
      const target = `http://127.0.0.1:${address.port}`;
      const cannon = async (opts: object) => {
        const c = child('./lib/drill-load.mjs');
        await c.next();
        c.p.send({
          url: target,
          paths,
          connections: Number(args.connections),
          headers: { 'user-agent': BROWSER },
          ...opts,
        });
        return c.next();
      };
      const warm = await cannon({ duration: 3 });
      // A fixed number of requests (so every one completes and "acknowledged" is exact), sized to last
      // about --seconds at the warm-up rate; the measured duration is printed.
      const amount = Math.max(50_000, Math.round(warm.requests.average * Number(args.seconds) * 1.5));
      const e0 = await count(db, sql`select count(*)::int as n from drill_events`);
      const loadT = load();
      const tpg0 = await backendCpu(db);
      const tcpu0 = process.cpuUsage();
      const res = await cannon({ amount });
      const serverCpu = cpuMs(process.cpuUsage(tcpu0));
      const tpgCpu = backendDelta(tpg0, await backendCpu(db));
      await app.close();
      log.close();
      fs.rmSync(log.file, { force: true });
      const stored = (await count(db, sql`select count(*)::int as n from drill_events`)) - e0;
      const acked = (res['2xx'] as number) + (res['3xx'] as number);
      const rps = acked / (res.duration as number);
      tracking.push({
        rps,
        p50: res.latency.p50,
        p99: res.latency.p99,
        acked,
        stored,
        non2xx: res.non2xx,
        errors: res.errors,
      });
      console.log(
        `run ${run} tracking: ${acked.toLocaleString()} acknowledged in ${(res.duration as number).toFixed(1)} s = ${rps.toFixed(0)} req/s, p50 ${res.latency.p50} ms, p99 ${res.latency.p99} ms, max ${res.latency.max} ms; events stored ${stored.toLocaleString()} (${stored === acked ? 'equal' : `DIFFERENT by ${stored - acked}`}); non-2xx ${res.non2xx}, errors ${res.errors}, timeouts ${res.timeouts}; load ${loadT} → ${load()}`,
      );
      console.log(
        `  CPU ms per request: server ${(serverCpu / acked).toFixed(3)}, autocannon ${(res.cpuMicros.user / 1000 / acked + res.cpuMicros.system / 1000 / acked).toFixed(3)}, PostgreSQL backends ${(tpgCpu / acked).toFixed(3)}`,
      );
    }
    console.log('\nsummary (median of runs):');
    console.log(
      `  send: ${median(sendRates).toFixed(0)} mails/s (runs: ${sendRates.map((r) => r.toFixed(0)).join(', ')}); baseline ${median(baseRates).toFixed(0)} (runs: ${baseRates.map((r) => r.toFixed(0)).join(', ')}); ratio per run ${sendRates.map((r, i) => (r / baseRates[i]!).toFixed(2)).join(', ')}, median ${median(sendRates.map((r, i) => r / baseRates[i]!)).toFixed(2)}; goal ≥ 1.5×`,
    );
    console.log(
      `  tracking vs bare node:http: baseline ${baseTracking.map((x) => `${x.rps.toFixed(0)}/s p99 ${x.p99}`).join('; ')}; ratio per run ${tracking.map((x, i) => (x.rps / baseTracking[i]!.rps).toFixed(2)).join(', ')}, median ${median(tracking.map((x, i) => x.rps / baseTracking[i]!.rps)).toFixed(2)}; goal ≥ 0.3×, p99 < 50 ms`,
    );
    console.log(
      `  tracking: ${median(tracking.map((x) => x.rps)).toFixed(0)} req/s, p99 ${median(tracking.map((x) => x.p99))} ms (runs: ${tracking
        .map((x) => `${x.rps.toFixed(0)}/s p50 ${x.p50} p99 ${x.p99}`)
        .join('; ')}); goal ≥ 5,000 req/s, p99 < 50 ms`,
    );
    console.log(
      `  lost events: ${tracking.map((x) => x.acked - x.stored).join(', ')} (acknowledged − stored)`,
    );
    console.log(`  machine: ${JSON.stringify(machine)}`);
  } finally {
    sink.p.send('stop');
    await database.close();
    if (!args.keep) await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
