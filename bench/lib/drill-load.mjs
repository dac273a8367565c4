// The benchmark's load generator (autocannon), in a process of its own so it does not share the
// server's event loop. Parent (IPC) sends { url | urls, paths, amount | duration, connections, headers };
// this answers with autocannon's result. With several `urls` (instances), one autocannon per URL runs
// at once with an equal share of the connections and of the amount; counts are summed, the duration is
// the longest, and each latency percentile is the worst instance's (an upper bound of the combined one).
import autocannon from 'autocannon';

function one(opts, url, connections, amount) {
  let i = 0;
  const paths = opts.paths;
  return autocannon({
    url,
    connections,
    pipelining: 1,
    ...(amount ? { amount } : { duration: opts.duration }),
    headers: opts.headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
}

process.on('message', async (opts) => {
  const urls = opts.urls ?? [opts.url];
  const n = urls.length;
  const results = await Promise.all(
    urls.map((url, k) =>
      one(
        opts,
        url,
        Math.floor(opts.connections / n) + (k < opts.connections % n ? 1 : 0),
        opts.amount ? Math.floor(opts.amount / n) + (k < opts.amount % n ? 1 : 0) : 0,
      ),
    ),
  );
  const sum = (key) => results.reduce((s, r) => s + r[key], 0);
  const worst = (key) => Math.max(...results.map((r) => r.latency[key]));
  const result =
    n === 1
      ? results[0]
      : {
          ...results[0],
          '2xx': sum('2xx'),
          '3xx': sum('3xx'),
          non2xx: sum('non2xx'),
          errors: sum('errors'),
          timeouts: sum('timeouts'),
          duration: Math.max(...results.map((r) => r.duration)),
          requests: { ...results[0].requests, average: sum2(results.map((r) => r.requests.average)) },
          latency: { p50: worst('p50'), p99: worst('p99'), max: worst('max') },
          perInstance: results.map((r) => ({ '2xx': r['2xx'], duration: r.duration, p99: r.latency.p99 })),
        };
  process.send({ ...result, cpuMicros: process.cpuUsage() });
  process.exit(0);
});
const sum2 = (xs) => xs.reduce((s, x) => s + x, 0);
process.send({ ready: true });
