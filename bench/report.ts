// `npm run bench:report`: the annual report and the national tables, measured as users get them (the real
// app, the production log level to a file, `app.inject` with a logged-in session), each beside a baseline
// timed in the same run (the machine is shared and loaded: the ratio is what compares across runs).
// (a) The demo agency's complete annual report: figures collected, the document built, HTML + .docx +
//     .xlsx with charts, in process and as the three downloads; baselines: the self-check results API
//     call and the same document's tables written as plain CSV.
// (b) The national tables for N agencies: N 'annual.statement' submissions derived from the demo agency's
//     real statement (figures varied), then GET /central/national and its html/docx/xlsx exports;
//     baseline: GET /central/submissions.
// Goals (issue #11): each < 5 s for 50,000 staff / 30 agencies. Figures go to docs/benchmarks.md.
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { analyze, rowsOf } from '../src/db/client.js';
import { writeCsv } from '../src/lib/export.js';
import { submitToCentral } from '../src/modules/central/service.js';
import { CENTRAL_LOGIN } from '../src/modules/demo/seed.js';
import { seedDemoSelfcheck } from '../src/modules/demo/selfcheck-seed.js';
import { createTenant } from '../src/modules/org/service.js';
import { blocksOf } from '../src/modules/report/doc-model.js';
import { currentDocument } from '../src/modules/report/document.js';
import { renderReport } from '../src/modules/report/export.js';
import { STATEMENT_ITEMS } from '../src/modules/report/figures-model.js';
import { tenantOf } from '../src/modules/report/store.js';
import { buildApp } from '../src/server/app.js';
import { type AppEnv, systemCtx } from '../src/server/context.js';
import { createMailer } from '../src/server/mail.js';
import { fileLog, InjectClient } from './lib/http.js';
import { benchConfig, openBenchDatabase, scaledPlan, seedAgency } from './lib/selfcheck-setup.js';
import { machineInfo, ms, summarise, table } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    staff: { type: 'string', default: '50000' },
    agencies: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
  },
});
const int = (v: string) => Number(v.replaceAll('_', '').replaceAll(',', ''));
const staff = int(args.staff);
const agencies = int(args.agencies);
const runs = int(args.runs);
const seed = int(args.seed);
if (runs < 3) throw new Error('--runs: at least 3');
const FY = 2025;
const PASSWORD = 'bench-password-0123456789';
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const load1 = () => os.loadavg()[0]!.toFixed(2);

const config = benchConfig(loadConfig({ ...process.env, JOBS: 'off' }));
const serverLog = fileLog(path.join(os.tmpdir(), `mamoru-bench-report-${process.pid}.log`));
const bench = await openBenchDatabase('pglite', { adminUrl: '', poolSize: 1 });
const { db } = bench.database;
const env: AppEnv = { secretKey: Buffer.alloc(32, 7), mailer: createMailer(config) };
const sys = systemCtx(db, config, env);

let t0 = performance.now();
const plan = scaledPlan(staff, seed);
const { seeded } = await seedAgency(sys, plan, PASSWORD);
const sc = await seedDemoSelfcheck(sys, { tenantId: seeded.tenantId, seed, visitorStaffNos: [] });
await analyze(db);
log(
  `seeded ${plan.people.length.toLocaleString('en-US')} staff and the demo self-check in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);

const app = await buildApp({ db, config, env, webRoot: null, logStream: serverLog.stream });
await app.ready();
const [chief] = rowsOf<{ login: string }>(
  await db.execute(sql`
    select a.login from role_assignments ra
      join roles r on r.id = ra.role_id and r.key = 'chief_security_officer'
      join accounts a on a.person_id = ra.person_id
    where ra.tenant_id = ${seeded.tenantId} order by a.login limit 1`),
);
const office = await InjectClient.login(app, chief!.login, PASSWORD);
const analyst = await InjectClient.login(app, CENTRAL_LOGIN, PASSWORD);

/** Median of `runs` timed calls after one warm-up. */
async function timed(fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    samples.push(performance.now() - s);
  }
  return summarise(samples);
}

const rows: string[][] = [['measure', 'median ms', 'min', 'max', '× baseline', 'load']];
const add = (name: string, s: ReturnType<typeof summarise>, base: number | null) =>
  rows.push([name, ms(s.median), ms(s.min), ms(s.max), base ? (s.median / base).toFixed(1) : '—', load1()]);

// (a) The annual report.
const tenant = await tenantOf(db, seeded.tenantId);
const bytes: Record<string, number> = {};
const results = await timed(() => office.get(`/api/v1/selfcheck/campaigns/${sc.previousCampaignId}/results`));
const docOnly = await timed(() => currentDocument(db, tenant, FY, null));
const doc = await currentDocument(db, tenant, FY, null);
const csv = await timed(async () => {
  for (const t of blocksOf(doc, 'table'))
    writeCsv(
      t.columns.map((c) => c.label),
      t.rows.map((r) => r.map((c) => (c && typeof c === 'object' ? c.value : c))),
    );
});
const complete = await timed(async () => {
  const d = await currentDocument(db, tenant, FY, null);
  for (const f of ['html', 'docx', 'xlsx'] as const) bytes[f] = (await renderReport(d, f))!.length;
});
const perFormat: Record<string, ReturnType<typeof summarise>> = {};
for (const f of ['html', 'docx', 'xlsx'] as const) perFormat[f] = await timed(() => renderReport(doc, f));
const downloads = await timed(async () => {
  for (const f of ['html', 'docx', 'xlsx'])
    await office.get(`/api/v1/reports/annual/${FY}/export?format=${f}`);
});
add('baseline: GET self-check results (FY2025)', results, null);
add('baseline: the doc’s tables as plain CSV', csv, null);
add('collect figures + build the document', docOnly, results.median);
for (const f of ['html', 'docx', 'xlsx']) add(`render ${f} (built doc)`, perFormat[f]!, results.median);
add('complete report: collect + build + html + docx + xlsx', complete, results.median);
add('the three downloads through the API', downloads, results.median);
log(
  `report: ${blocksOf(doc, 'table').length} tables, ${blocksOf(doc, 'chart').length} charts; bytes ${JSON.stringify(bytes)}`,
);

// (b) The national tables: the demo agency's real statement, then N-1 more agencies with varied figures.
const login = await app.inject({
  method: 'POST',
  url: '/api/v1/auth/login',
  payload: { login: chief!.login, password: PASSWORD },
});
const headers = {
  cookie: `mamoru_session=${login.cookies.find((c) => c.name === 'mamoru_session')!.value}`,
  'x-csrf-token': (login.json() as { csrfToken: string }).csrfToken,
};
for (const item of STATEMENT_ITEMS) {
  const res = await app.inject({
    method: 'PUT',
    url: `/api/v1/reports/annual/${FY}/narratives/${item.key}`,
    payload: { body: `${item.ja}（ベンチマーク）` },
    headers,
  });
  if (res.statusCode !== 200) throw new Error(`narrative: ${res.statusCode} ${res.body}`);
}
const sent = await app.inject({ method: 'POST', url: `/api/v1/reports/annual/${FY}/statement`, headers });
if (sent.statusCode !== 201) throw new Error(`statement: ${sent.statusCode} ${sent.body}`);
const submission = (await analyst.get(`/api/v1/central/submissions/${sent.json().submissionId}`)).json() as {
  payload: unknown;
};
const vary = (v: unknown, f: number): unknown =>
  typeof v === 'number' && v > 0 && v < 1 && !Number.isInteger(v)
    ? Math.min(1, v * f)
    : Array.isArray(v)
      ? v.map((x) => vary(x, f))
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, vary(x, f)]))
        : v;
const [central] = rowsOf<{ id: string }>(await db.execute(sql`select id from tenants where code = 'nisc'`));
const centralId = central!.id;
t0 = performance.now();
for (let i = 2; i <= agencies; i++) {
  const code = `bench${String(i).padStart(2, '0')}`;
  const { tenant: other } = await createTenant(sys, {
    code,
    kind: 'agency',
    nameJa: `ベンチ省${i}`,
    nameEn: `Bench Ministry ${i}`,
    parentTenantId: centralId,
  });
  const payload = vary(submission.payload, 0.8 + (i % 10) / 50) as Record<string, unknown>;
  await db.transaction((tx) =>
    submitToCentral(tx, sys, {
      fromTenantId: other.id,
      kind: 'annual.statement',
      fiscalYear: FY,
      title: `${FY}年度 ベンチ省${i}`,
      payload: { ...payload, agencyCode: code, agencyName: `ベンチ省${i}` },
    }),
  );
}
log(`${agencies} statements in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const subs = await timed(() => analyst.get(`/api/v1/central/submissions?fiscalYear=${FY}`));
const national = await timed(() => analyst.get(`/api/v1/central/national?fiscalYear=${FY}`));
const nationalRows = (await analyst.get(`/api/v1/central/national?fiscalYear=${FY}`)).json() as {
  agencies: unknown[];
};
if (nationalRows.agencies.length !== agencies)
  throw new Error(`national: ${nationalRows.agencies.length} agencies, expected ${agencies}`);
add(`baseline: GET central/submissions (${agencies})`, subs, null);
add(`GET central/national (${agencies} agencies)`, national, subs.median);
const exportsAll = await timed(async () => {
  for (const f of ['html', 'docx', 'xlsx'])
    await analyst.get(`/api/v1/central/national/export?fiscalYear=${FY}&format=${f}`);
});
for (const f of ['html', 'docx', 'xlsx'])
  add(
    `national export ${f}`,
    await timed(() => analyst.get(`/api/v1/central/national/export?fiscalYear=${FY}&format=${f}`)),
    subs.median,
  );
add('national: GET + html + docx + xlsx', summarise([national.median + exportsAll.median]), subs.median);

const m = machineInfo();
console.log(
  `\n${m.date} · ${m.nproc} CPUs (${m.cpu}) · ${m.memoryGiB} GiB · Node ${m.node} · ${bench.engine}`,
);
console.log(
  `${staff.toLocaleString('en-US')} staff, ${agencies} agencies, ${runs} runs after a warm-up, log level ${config.logLevel ?? 'info'}; server log ${serverLog.stats.lines} lines\n`,
);
console.log(table(rows));
await app.close();
serverLog.close();
await bench.dispose();
