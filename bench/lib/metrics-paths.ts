// The ways of computing a campaign's results, timed side by side in the same rounds (the machine is
// shared: interleaving keeps a busy moment from favouring one of them):
//  - naive: one GROUP BY over every answer (unit, role, item, option) in SQL, the textbook way;
//  - scan: computeCampaignMetricsByScan, the packed strings read and counted (the reference);
//  - counters: computeCampaignMetrics, the running counters (what the results call now);
//  - results data: what GET …/results computes for the whole agency, last year's comparison included
//    (its frozen figures), small groups withheld: the page's data without HTTP.
// Also the cost of one submission's counters update, for the submission path's before/after.
import { performance } from 'node:perf_hooks';
import { eq, inArray, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../src/db/client.js';
import { orgUnits } from '../../src/modules/org/schema.js';
import { minimumGroupSize, rootUnit } from '../../src/modules/org/service.js';
import {
  computeCampaignMetrics,
  computeCampaignMetricsByScan,
} from '../../src/modules/selfcheck/campaign-metrics.js';
import { suppressSmallGroups } from '../../src/modules/selfcheck/results-privacy.js';
import { frozenOrLive, withPrevious } from '../../src/modules/selfcheck/results-service.js';
import { campaigns } from '../../src/modules/selfcheck/schema.js';
import { type Summary, summarise } from './stats.js';

export interface PathFigures {
  name: string;
  samples: number[];
  summary: Summary;
  /** The naive baseline stopped at its cap (or not repeated past it): its figure is a lower bound. */
  capped?: boolean;
}

async function timed(fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * The naive baseline: every in-scope submitted answer grouped by (unit, role, item, option), in SQL.
 * With `capMs`, PostgreSQL cancels it after that long (statement_timeout); PGlite ignores the setting.
 */
export async function naiveGroupBy(db: Db, campaignId: string, capMs = 0) {
  return db.transaction(async (tx) => {
    if (capMs) await tx.execute(sql`select set_config('statement_timeout', ${String(capMs)}, true)`);
    return rowsOf(
      await tx.execute(sql`
      select m.unit_path, m.role_key, m.metric_group, i.idx, substr(m.answers, i.idx + 1, 1) as answer,
        count(*)::int as n
      from campaign_members m
        join campaign_items i on i.campaign_id = m.campaign_id and i.role_keys ? m.role_key
      where m.campaign_id = ${campaignId}::uuid and m.in_scope and m.state = 'submitted'
      group by 1, 2, 3, 4, 5`),
    );
  });
}

const cancelled = (err: unknown) =>
  /statement timeout|canceling statement/i.test(String((err as { message?: string })?.message ?? err)) ||
  (err as { code?: string })?.code === '57014' ||
  (err as { cause?: { code?: string } })?.cause?.code === '57014';

/**
 * `runs` rounds after one warm-up; in each, every path once, in order. Also checks that the counters
 * give exactly the scan's figures, and refuses to time them otherwise. The naive baseline has no
 * warm-up (it reads everything anyway) and a cap: a run cancelled at the cap counts as the cap, and
 * once a run reached the cap it is not repeated (its figure is then a lower bound: `capped`).
 */
export async function measureMetricsPaths(
  db: Db,
  campaignId: string,
  runs: number,
  which: { naive?: boolean; naiveCapMs?: number } = {},
): Promise<PathFigures[]> {
  const [c] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!c) throw new Error(`no campaign ${campaignId}`);
  const root = await rootUnit(db, c.tenantId);
  const childIds = new Set(
    (
      await db
        .select({ id: orgUnits.id })
        .from(orgUnits)
        .where(inArray(orgUnits.parentId, [root.id]))
    ).map((u) => u.id),
  );
  const opts = { naPasses: false, unitItems: (id: string) => childIds.has(id) };
  const min = await minimumGroupSize(db, c.tenantId);
  const paths: [string, () => Promise<unknown>][] = [
    ['scan (computeCampaignMetricsByScan)', () => computeCampaignMetricsByScan(db, c, opts)],
    ['counters (computeCampaignMetrics)', () => computeCampaignMetrics(db, c, opts)],
    [
      'results data, whole agency, with last year',
      async () => {
        const r = await withPrevious(db, c, await frozenOrLive(db, c, false), []);
        if (!r.previous) throw new Error('no comparison with last year');
        return suppressSmallGroups(r, min);
      },
    ],
  ];
  const [byScan, byCounters] = await Promise.all([
    computeCampaignMetricsByScan(db, c, opts),
    computeCampaignMetrics(db, c, opts),
  ]);
  if (JSON.stringify(sorted(byScan)) !== JSON.stringify(sorted(byCounters)))
    throw new Error('the counters do not give the scan figures: run `mamoru selfcheck verify-counters`');
  for (const [, fn] of paths) await fn();
  const cap = which.naiveCapMs ?? 0;
  const naive = { samples: [] as number[], capped: false };
  const samples = paths.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    if (which.naive !== false && !naive.capped) {
      const t0 = performance.now();
      try {
        await naiveGroupBy(db, c.id, cap);
        naive.samples.push(performance.now() - t0);
      } catch (err) {
        if (!cancelled(err)) throw err;
        naive.samples.push(cap);
      }
      naive.capped = cap > 0 && naive.samples.at(-1)! >= cap;
    }
    for (const [k, [, fn]] of paths.entries()) samples[k]!.push(await timed(fn));
  }
  return [
    ...(which.naive === false
      ? []
      : [
          {
            name: `naive per-answer GROUP BY (SQL only)${naive.capped ? `, stopped at the ${cap / 1000} s cap` : ''}`,
            samples: naive.samples,
            summary: summarise(naive.samples),
            capped: naive.capped,
          },
        ]),
    ...paths.map(([name], k) => ({ name, samples: samples[k]!, summary: summarise(samples[k]!) })),
  ];
}

/** JSON with object keys sorted, so two results compare whatever order their records were built in. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  return v;
}
