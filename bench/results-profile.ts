// `node --import tsx bench/results-profile.ts --url URL|--pglite-dir DIR [--runs 5] [--out FILE]`: the
// results page's data (whole agency, last year included, small groups withheld) computed `runs` times
// on a kept benchmark database under the V8 CPU profiler, each run timed; summarise the profile with
// bench/lib/profile-summary.ts.
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '../src/db/client.js';
import { minimumGroupSize } from '../src/modules/org/service.js';
import { suppressSmallGroups } from '../src/modules/selfcheck/results-privacy.js';
import { frozenOrLive, withPrevious } from '../src/modules/selfcheck/results-service.js';
import { campaigns } from '../src/modules/selfcheck/schema.js';
import { profiled } from './lib/profile.js';
import { ms } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    'pglite-dir': { type: 'string' },
    runs: { type: 'string', default: '5' },
    out: { type: 'string', default: path.join(os.tmpdir(), 'results-data.cpuprofile') },
  },
});
if (!args.url && !args['pglite-dir']) throw new Error('--url or --pglite-dir: the kept benchmark database');
const database = await openDatabase(
  args.url ? { databaseUrl: args.url, poolSize: 4 } : { dataDir: args['pglite-dir'] },
);
await database.migrate();
const { db } = database;
const [open] = rowsOf<{ id: string }>(
  await db.execute(sql`select id from campaigns where state = 'open' order by fiscal_year desc limit 1`),
);
const [c] = await db.select().from(campaigns).where(eq(campaigns.id, open!.id));
const min = await minimumGroupSize(db, c!.tenantId);
const resultsData = async () =>
  suppressSmallGroups(await withPrevious(db, c!, await frozenOrLive(db, c!, false), []), min);
await resultsData();
const samples: number[] = [];
const out = path.resolve(args.out);
await profiled(path.dirname(out), path.basename(out, '.cpuprofile'), async () => {
  for (let r = 0; r < Number(args.runs); r++) {
    const t0 = performance.now();
    await resultsData();
    samples.push(performance.now() - t0);
  }
});
console.log(
  `results data: ${samples.map(ms).join(', ')} ms (load ${os.loadavg()[0]!.toFixed(2)}); profile ${out}`,
);
await database.close();
