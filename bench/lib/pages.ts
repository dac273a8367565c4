// Phase (a) of the self-check benchmark: the calls the results and progress pages make, each timed
// beside a baseline made by the same person just before it, so a busy machine slows both and the
// ratio still compares runs made at different loads.
import { performance } from 'node:perf_hooks';
import type { InjectClient } from './http.js';
import { type Summary, summarise } from './stats.js';

/** GET /api/v1/me calls before each measured call; their median is that call's baseline. */
export const BASELINE_CALLS = 5;
const BASELINE_URL = '/api/v1/me';

export interface PageMeasurement {
  name: string;
  client: InjectClient;
  url: string;
  /** A results call: checked to carry last year's comparison, else the benchmark measures less. */
  results?: boolean;
}

export interface PageFigures {
  name: string;
  url: string;
  /** Milliseconds of each timed call, and of the baseline made just before it. */
  samples: number[];
  baselines: number[];
  measured: Summary;
  baseline: Summary;
  /** Each call over its own baseline. */
  ratio: Summary;
  /** Size of the response body. */
  bytes: number;
}

const median = (xs: number[]) => summarise(xs).median;

async function timed(fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function baselineOf(client: InjectClient) {
  const xs: number[] = [];
  for (let i = 0; i < BASELINE_CALLS; i++) xs.push(await timed(() => client.get(BASELINE_URL)));
  return median(xs);
}

/**
 * One warm-up round (JIT, plan cache, buffers), then `runs` rounds; in each round every measurement
 * once, in order, each after its own baseline. Every call must answer 200.
 */
export async function measurePages(
  list: PageMeasurement[],
  opts: { runs: number; previousCampaignId: string },
): Promise<PageFigures[]> {
  const bytes = new Map<string, number>();
  for (const m of list) {
    await baselineOf(m.client);
    const res = await m.client.get(m.url);
    bytes.set(m.name, res.rawPayload.length);
    if (m.results) {
      const body = res.json() as { previous: { campaignId: string } | null };
      if (body.previous?.campaignId !== opts.previousCampaignId)
        throw new Error(`${m.name}: no comparison with last year's campaign in the response`);
    }
  }
  const samples = new Map(list.map((m) => [m.name, { measured: [] as number[], base: [] as number[] }]));
  for (let run = 0; run < opts.runs; run++) {
    for (const m of list) {
      const s = samples.get(m.name)!;
      s.base.push(await baselineOf(m.client));
      s.measured.push(await timed(() => m.client.get(m.url)));
    }
  }
  return list.map((m) => {
    const s = samples.get(m.name)!;
    return {
      name: m.name,
      url: m.url,
      samples: s.measured,
      baselines: s.base,
      measured: summarise(s.measured),
      baseline: summarise(s.base),
      ratio: summarise(s.measured.map((x, i) => x / s.base[i]!)),
      bytes: bytes.get(m.name)!,
    };
  });
}
