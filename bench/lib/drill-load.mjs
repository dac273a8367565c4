// The benchmark's load generator (autocannon), in a process of its own so it does not share the
// server's event loop. Parent (IPC) sends { url, paths, amount | duration, connections, headers };
// this answers with autocannon's result.
import autocannon from 'autocannon';

process.on('message', async (opts) => {
  let i = 0;
  const paths = opts.paths;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    pipelining: 1,
    ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration }),
    headers: opts.headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  process.send({ ...result, cpuMicros: process.cpuUsage() });
  process.exit(0);
});
process.send({ ready: true });
