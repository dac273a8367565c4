// `node --import tsx bench/metrics-paths.ts --url URL|--pglite-dir DIR [--runs 5] [--updates 300]
// [--naive-cap S] [--no-naive]`: the results' ways of computing (bench/lib/metrics-paths.ts) on a
// database the self-check benchmark kept (`--keep`, `--pglite-dir`), and
// the time of one submission's counters update. Run `mamoru selfcheck verify-counters --repair` (or
// let this script do it: --rebuild) first on a database loaded before the counters existed.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../src/db/client.js';
import {
  applyQuestionnaireChange,
  loadCounterLayout,
  rebuildCounters,
  verifyCounters,
} from '../src/modules/selfcheck/campaign-counters.js';
import { measureMetricsPaths } from './lib/metrics-paths.js';
import { ms, summarise, table } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'pglite-dir': { type: 'string' },
    'naive-cap': { type: 'string', default: '120' },
    runs: { type: 'string', default: '5' },
    updates: { type: 'string', default: '300' },
    rebuild: { type: 'boolean', default: false },
    naive: { type: 'boolean', default: true },
    'no-naive': { type: 'boolean', default: false },
  },
});
if (!args.url && !args['pglite-dir']) throw new Error('--url or --pglite-dir: the kept benchmark database');
const database = await openDatabase(
  args.url ? { databaseUrl: args.url, poolSize: 4 } : { dataDir: args['pglite-dir'] },
);
await database.migrate();
const { db } = database;
const [c] = rowsOf<{ id: string; answer_options: never }>(
  await db.execute(
    sql`select id, answer_options from campaigns where state = 'open' order by fiscal_year desc limit 1`,
  ),
);
if (!c) throw new Error('no open campaign');
const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
if (args.rebuild) {
  const t0 = performance.now();
  await rebuildCounters(db, c.id);
  log(`counters rebuilt from the answers in ${ms(performance.now() - t0)} ms`);
}
const load = () => os.loadavg()[0]!.toFixed(2);
log(`paths, load ${load()}`);
const figures = await measureMetricsPaths(db, c.id, Number(args.runs), {
  naive: !args['no-naive'],
  naiveCapMs: Number(args['naive-cap']) * 1000,
});
const base = figures[0]!.summary.median;
const lowerBound = figures[0]!.capped ? '> ' : '';
console.log(
  table([
    ['path', 'median ms', 'min–max', 'runs', args['no-naive'] ? 'first ÷ this' : 'naive ÷ this'],
    ...figures.map((f, k) => [
      f.name,
      ms(f.summary.median),
      `${ms(f.summary.min)}–${ms(f.summary.max)}`,
      String(f.samples.length),
      `${k ? lowerBound : ''}${(base / f.summary.median).toFixed(1)}`,
    ]),
  ]),
);

// One submission's counters update, alone: the delta of a stored questionnaire to one with its first
// answer changed (timed), then back (not timed), so the counters end as they began.
log(`counters updates, load ${load()}`);
const layout = await loadCounterLayout(db, c.id, c.answer_options);
const members = rowsOf<{ unit_path: string; role_key: string; metric_group: string; answers: string }>(
  await db.execute(sql`select unit_path, role_key, metric_group, answers from campaign_members
    where campaign_id = ${c.id}::uuid and in_scope and state = 'submitted' order by random() limit ${Number(args.updates)}`),
);
const samples: number[] = [];
for (const m of members) {
  const place = { unitPath: m.unit_path, roleKey: m.role_key, metricGroup: m.metric_group };
  const own = layout.itemsOfRole.get(m.role_key)![0]!;
  const flipped = m.answers.slice(0, own) + (m.answers[own] === '0' ? '2' : '0') + m.answers.slice(own + 1);
  const q = (answers: string) => ({ roleKey: m.role_key, inScope: true, submitted: true, answers });
  const t0 = performance.now();
  await db.transaction((tx) => applyQuestionnaireChange(tx, c.id, layout, place, q(m.answers), q(flipped)));
  samples.push(performance.now() - t0);
  await db.transaction((tx) => applyQuestionnaireChange(tx, c.id, layout, place, q(flipped), q(m.answers)));
}
const s = summarise(samples);
console.log(
  `counters update in its own transaction, ${s.n} sequential: p50 ${ms(s.median)} ms, p99 ${ms(s.p99)} ms, max ${ms(s.max)} ms`,
);
const check = await verifyCounters(db, c.id);
console.log(
  `verify-counters afterwards: ${check.differences.length ? 'DIFFERENCES' : 'agree'} (${check.rows} rows)`,
);
await database.close();
