// `npm run bench:lists` (issue #12 item 7): the big lists, on PostgreSQL, as their pages ask for them —
// the people list (300,000), the classification register under its visibility rule (1,000,000 entries),
// a drill's results and recipients (200,000), training completion (300,000 people, three fiscal years).
// Each case is a page view through `app.inject` by a logged-in person of realistic scope (the
// administrator, a bureau's 情報セキュリティ責任者, a 課室長): page 1, a middle page, a search. Every SQL
// statement a page view sends is captured (pg's Client.query) and EXPLAINed with its parameters; a
// Seq Scan on one of the big tables fails the case (exit 1). Timings: median of --runs, each call
// after its own baseline (GET /api/v1/me), the ratio is what compares runs on a shared machine.
//   npm run bench:lists -- [--people N] [--entries N] [--recipients N] [--runs R] [--keep] [--reuse DB]
//     [--only SUBSTRING] [--json FILE]
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { type Database, openDatabase, rowsOf } from '../src/db/client.js';
import { ADMIN_LOGIN } from '../src/modules/demo/seed.js';
import { buildApp } from '../src/server/app.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { createMailer } from '../src/server/mail.js';
import { fileLog, InjectClient } from './lib/http.js';
import { growAgency } from './lib/lists-seed.js';
import { type PlanFinding, seqScansOf } from './lib/plans.js';
import { benchConfig, scaledPlan, seedAgency } from './lib/selfcheck-setup.js';
import { machineInfo, ms, summarise } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '300000' },
    entries: { type: 'string', default: '1000000' },
    recipients: { type: 'string', default: '200000' },
    runs: { type: 'string', default: '3' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    only: { type: 'string' },
    json: { type: 'string' },
    /** Also EXPLAIN ANALYZE every statement and print the plans of those over 100 ms. */
    analyze: { type: 'boolean', default: false },
  },
});
const int = (v: string) => Number(v.replaceAll('_', '').replaceAll(',', ''));
const sizes = { people: int(args.people), entries: int(args.entries), recipients: int(args.recipients) };
const runs = int(args.runs);
if (!(runs >= 3)) throw new Error('--runs: at least 3');
const PASSWORD = 'bench-password-0123456789';
/** Tables whose Seq Scan fails a case (unless it holds fewer than TINY rows). */
const BIG = [
  'people',
  'classification_entries',
  'classification_entry_access',
  'drill_recipients',
  'drill_events',
  'training_assignments',
];
const TINY = 10_000;
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const load1 = () => os.loadavg()[0]!.toFixed(2);

// Every statement sent while `capture` is set (the app's pool; the EXPLAIN client is left out).
type Captured = { text: string; values: unknown[] };
let capture: Captured[] | null = null;
const explainClients = new WeakSet<object>();
const originalQuery = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: object, ...a: unknown[]) {
  if (capture && !explainClients.has(this)) {
    const [q, v] = a;
    if (typeof q === 'string') capture.push({ text: q, values: Array.isArray(v) ? v : [] });
    else if (q && typeof q === 'object' && 'text' in q)
      capture.push({
        text: String(q.text),
        values: (q as { values?: unknown[] }).values ?? (Array.isArray(v) ? v : []),
      });
  }
  return originalQuery.apply(this, a);
} as typeof pg.Client.prototype.query;

const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = async (statement: string) => {
  const c = new pg.Client({ connectionString: adminUrl });
  explainClients.add(c);
  await c.connect();
  try {
    return await c.query(statement);
  } finally {
    await c.end();
  }
};
const name = args.reuse ?? `mamoru_bench_${randomBytes(4).toString('hex')}`;
if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`--reuse: not a database name: ${name}`);
if (!args.reuse) await admin(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
log(`database ${name}${args.reuse ? ' (reused)' : ''}; load ${load1()}`);

const config = benchConfig(
  loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', JOBS: 'off' }),
);
const serverLog = fileLog(path.join(os.tmpdir(), `mamoru-bench-lists-${process.pid}.log`));
let database: Database | null = null;
let failed = false;
try {
  database = await openDatabase({ databaseUrl: url.toString(), poolSize: config.databasePoolSize });
  await database.migrate();
  const { db } = database;
  const env: AppEnv = { secretKey: Buffer.alloc(32, 7), mailer: createMailer(config) };
  const sys = systemCtx(db, config, env);
  let tenantId: string;
  let ids: { drillId: string; courseId: string };
  if (!args.reuse) {
    let t0 = performance.now();
    const { seeded } = await seedAgency(sys, scaledPlan(2000, 1), PASSWORD);
    log(`demo agency (2,000 staff) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    t0 = performance.now();
    const grown = await growAgency(db, seeded.tenantId, sizes, log);
    log(`grown in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(grown.counts)}`);
    tenantId = seeded.tenantId;
    ids = grown;
  } else {
    [{ tenantId } = { tenantId: '' }] = rowsOf<{ tenantId: string }>(
      await db.execute(sql`select tenant_id as "tenantId" from accounts where login = ${ADMIN_LOGIN}`),
    );
    const [d] = rowsOf<{ id: string }>(
      await db.execute(sql`select id from drills where title = 'ベンチ訓練' limit 1`),
    );
    const [c] = rowsOf<{ id: string }>(
      await db.execute(
        sql`select course_id as id from training_assignments group by course_id order by count(*) desc limit 1`,
      ),
    );
    ids = { drillId: d!.id, courseId: c!.id };
  }
  const counts = Object.fromEntries(
    rowsOf<{ relname: string; n: number }>(
      await db.execute(sql`select relname, reltuples::bigint::int as n from pg_class
        where relname in (${sql.join(
          BIG.map((b) => sql`${b}`),
          sql`, `,
        )}) and relkind = 'r'`),
    ).map((r) => [r.relname, r.n]),
  );

  // The people who look: a 課室長 and a bureau's 情報セキュリティ責任者 of the largest units, the administrator.
  const holder = async (roleKey: string) => {
    const [row] = rowsOf<{ login: string; unit_id: string }>(
      await db.execute(sql`
        select a.login, ra.unit_id from role_assignments ra
          join roles r on r.id = ra.role_id and r.key = ${roleKey}
          join accounts a on a.person_id = ra.person_id
          join org_units u on u.id = ra.unit_id
        where ra.tenant_id = ${tenantId}
        order by (select count(*) from people p join org_units pu on pu.id = p.unit_id
                  where starts_with(pu.path, u.path)) desc, a.login
        limit 1`),
    );
    if (!row) throw new Error(`nobody holds ${roleKey}`);
    return row;
  };
  const head = await holder('division_security_officer');
  const officer = await holder('security_officer');
  const app = await buildApp({ db, config, env, webRoot: null, logStream: serverLog.stream });
  await app.ready();
  const as = {
    admin: await InjectClient.login(app, ADMIN_LOGIN, PASSWORD),
    officer: await InjectClient.login(app, officer.login, PASSWORD),
    head: await InjectClient.login(app, head.login, PASSWORD),
  };
  type Who = keyof typeof as;
  const totalOf = async (who: Who, u: string) => (await as[who].get(u)).json().total as number;
  const middle = async (who: Who, u: string, pageSize: number) =>
    `${u}&page=${Math.max(1, Math.ceil((await totalOf(who, u)) / pageSize / 2))}`;

  const { drillId, courseId } = ids;
  const all: { name: string; who: Who; url: string | (() => Promise<string>) }[] = [
    { name: 'people: page 1 (admin)', who: 'admin', url: '/api/v1/people?pageSize=50' },
    {
      name: 'people: middle page (admin)',
      who: 'admin',
      url: () => middle('admin', '/api/v1/people?pageSize=50', 50),
    },
    {
      name: 'people: search (admin)',
      who: 'admin',
      url: `/api/v1/people?q=${encodeURIComponent('職員12345')}`,
    },
    { name: 'people: page 1 (bureau officer)', who: 'officer', url: '/api/v1/people?pageSize=50' },
    { name: 'people: page 1 (division head)', who: 'head', url: '/api/v1/people?pageSize=50' },
    {
      name: 'register: page 1 (division head)',
      who: 'head',
      url: '/api/v1/classification/entries?pageSize=50',
    },
    {
      name: 'register: middle page (division head)',
      who: 'head',
      url: () => middle('head', '/api/v1/classification/entries?pageSize=50', 50),
    },
    {
      name: 'register: search (division head)',
      who: 'head',
      url: `/api/v1/classification/entries?q=${encodeURIComponent('予算')}`,
    },
    {
      name: 'register: page 1 (bureau officer)',
      who: 'officer',
      url: '/api/v1/classification/entries?pageSize=50',
    },
    { name: 'register: page 1 (admin)', who: 'admin', url: '/api/v1/classification/entries?pageSize=50' },
    { name: 'drill results (admin)', who: 'admin', url: `/api/v1/drills/${drillId}/results` },
    { name: 'drill results (bureau officer)', who: 'officer', url: `/api/v1/drills/${drillId}/results` },
    { name: 'drill results (division head)', who: 'head', url: `/api/v1/drills/${drillId}/results` },
    {
      name: 'drill recipients: page 1 (admin)',
      who: 'admin',
      url: `/api/v1/drills/${drillId}/recipients?pageSize=100`,
    },
    {
      name: 'drill recipients: middle page (admin)',
      who: 'admin',
      url: () => middle('admin', `/api/v1/drills/${drillId}/recipients?pageSize=100`, 100),
    },
    {
      name: 'drill recipients: reported (admin)',
      who: 'admin',
      url: `/api/v1/drills/${drillId}/recipients?status=reported`,
    },
    {
      name: 'training completion FY2026 (admin)',
      who: 'admin',
      url: `/api/v1/training/completion?courseId=${courseId}&fiscalYear=2026`,
    },
    {
      name: 'training completion FY2026 (division head)',
      who: 'head',
      url: `/api/v1/training/completion?courseId=${courseId}&fiscalYear=2026`,
    },
    {
      name: 'training people: page 1 (admin)',
      who: 'admin',
      url: `/api/v1/training/completion/people?courseId=${courseId}&fiscalYear=2026&pageSize=50`,
    },
    {
      name: 'training people: middle page (admin)',
      who: 'admin',
      url: () =>
        middle(
          'admin',
          `/api/v1/training/completion/people?courseId=${courseId}&fiscalYear=2026&pageSize=50`,
          50,
        ),
    },
    {
      name: 'training people: search (admin)',
      who: 'admin',
      url: `/api/v1/training/completion/people?courseId=${courseId}&fiscalYear=2026&q=${encodeURIComponent('職員12345')}`,
    },
    {
      name: 'training people: page 1 (division head)',
      who: 'head',
      url: `/api/v1/training/completion/people?courseId=${courseId}&fiscalYear=2026&pageSize=50`,
    },
  ];
  const cases = all.filter((c) => !args.only || c.name.includes(args.only));

  const explainer = new pg.Client({ connectionString: url.toString() });
  explainClients.add(explainer);
  await explainer.connect();
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  interface Result {
    name: string;
    url: string;
    total: number | null;
    median: number;
    baseline: number;
    ratio: number;
    load: string;
    statements: number;
    findings: PlanFinding[];
  }
  const results: Result[] = [];
  for (const c of cases) {
    const client = as[c.who];
    const url = typeof c.url === 'string' ? c.url : await c.url();
    // One captured warm-up call: its statements are the ones EXPLAINed.
    capture = [];
    const body = (await client.get(url)).json() as { total?: number };
    const statements = capture;
    capture = null;
    const findings: PlanFinding[] = [];
    let explained = 0;
    for (const s of statements) {
      if (!/^\s*(select|with)\b/i.test(s.text)) continue;
      const res = await explainer.query(`explain (format json) ${s.text}`, s.values);
      explained++;
      if (args.analyze) {
        const a = await explainer.query(`explain (analyze, format json) ${s.text}`, s.values);
        const plan = a.rows[0]['QUERY PLAN'][0];
        if (plan['Execution Time'] > 100) {
          const text = await explainer.query(`explain (analyze, costs off) ${s.text}`, s.values);
          console.log(
            `--- ${plan['Execution Time'].toFixed(0)} ms: ${s.text.replace(/\s+/g, ' ').slice(0, 200)}`,
          );
          console.log(text.rows.map((r) => r['QUERY PLAN']).join('\n'));
        }
      }
      for (const f of seqScansOf(res.rows[0]['QUERY PLAN'][0].Plan, s.text))
        if (BIG.includes(f.table) && (counts[f.table] ?? 0) >= TINY) findings.push(f);
    }
    const samples: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < runs; i++) {
      baselines.push(await timed(() => client.get('/api/v1/me')));
      samples.push(await timed(() => client.get(url)));
    }
    const median = summarise(samples).median;
    const baseline = summarise(baselines).median;
    results.push({
      name: c.name,
      url,
      total: typeof body.total === 'number' ? body.total : null,
      median,
      baseline,
      ratio: median / baseline,
      load: load1(),
      statements: explained,
      findings,
    });
    const r = results.at(-1)!;
    log(
      `${findings.length ? 'FAIL' : 'ok  '} ${c.name}: ${ms(median)} ms (baseline ${ms(baseline)}, ×${r.ratio.toFixed(0)}), ${explained} statements${r.total === null ? '' : `, total ${r.total.toLocaleString('en-US')}`}, load ${r.load}`,
    );
    for (const f of findings)
      console.log(
        `     Seq Scan on ${f.table} (plan rows ${f.rows}): ${f.sql.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
  }
  await explainer.end();
  await app.close();

  const bad = results.filter((r) => r.findings.length);
  console.log(
    '\n| case | total | median ms | baseline ms | × baseline | statements | Seq Scan on a big table | load |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---|---:|');
  for (const r of results)
    console.log(
      `| ${r.name} | ${r.total?.toLocaleString('en-US') ?? '—'} | ${ms(r.median)} | ${ms(r.baseline)} | ${r.ratio.toFixed(0)} | ${r.statements} | ${[...new Set(r.findings.map((f) => f.table))].join(', ') || 'none'} | ${r.load} |`,
    );
  console.log(`\nsizes: ${JSON.stringify(counts)}; runs ${runs}; machine ${JSON.stringify(machineInfo())}`);
  if (args.json)
    fs.writeFileSync(
      args.json,
      JSON.stringify({ sizes: counts, runs, machine: machineInfo(), results }, null, 2),
    );
  if (bad.length) {
    failed = true;
    console.log(`FAILED: ${bad.length} of ${results.length} cases scan a big table sequentially`);
  } else console.log(`OK: no Seq Scan on a big table in ${results.length} cases`);
} finally {
  await database?.close().catch(() => {});
  serverLog.close();
  if (!args.keep && !args.reuse) await admin(`drop database if exists ${name} with (force)`);
  else log(`kept database ${name} (reuse with --reuse ${name})`);
}
process.exit(failed ? 1 : 0);
