// `npm run bench:systems:probe`: probe 1,000 loopback TLS endpoints fully — every protocol version from
// SSLv2 to TLS 1.3, every weak family (NULL, EXPORT, RC4, 3DES, anonymous) and the certificate — with
// bounded concurrency. Goal (issue #14): < 60 s. Baseline in the same run: one plain node:tls
// connect+handshake per endpoint at the same concurrency. Median of --runs runs; no test asserts it.
import { fork } from 'node:child_process';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { limiter } from '../src/modules/systems/probe/exchange.js';
import { probeTls } from '../src/modules/systems/probe/tls.js';
import type { TlsProbeResult } from '../src/modules/systems/probe/types.js';
import { machineInfo } from './lib/stats.js';

const { values: args } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '64' },
  },
});
const N = Number(args.endpoints);
const RUNS = Number(args.runs);
const CONCURRENCY = Number(args.concurrency);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

interface Target {
  port: number;
  kind: 'modern' | 'old' | 'legacy';
}

function handshake(port: number) {
  return new Promise<void>((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false });
    const done = () => {
      s.destroy();
      resolve();
    };
    s.once('secureConnect', done);
    s.once('error', done);
  });
}

/** The verdicts each kind of endpoint must get, so that a fast wrong answer cannot pass. */
function expected(kind: Target['kind'], r: TlsProbeResult) {
  const p = r.protocols;
  const w = r.weakCiphers;
  if (kind === 'modern')
    return p['TLSv1.2'] && p['TLSv1.3'] && !p['TLSv1.1'] && !Object.values(w).some(Boolean);
  if (kind === 'old') return p['TLSv1.0'] && p['TLSv1.2'] && !p['TLSv1.3'] && w.NULL && w.anonymous && !w.RC4;
  return p.SSLv2 && p.SSLv3 && p['TLSv1.0'] && w.RC4 && w.EXPORT && w['3DES'] && !w.NULL;
}

const child = fork(new URL('./lib/probe-servers.ts', import.meta.url).pathname, [String(N)], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const t0 = performance.now();
const { targets } = await new Promise<{ targets: Target[] }>((r) => child.once('message', r as never));
console.log(`${targets.length} endpoints listening in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const baselines: number[] = [];
const figures: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const limit = limiter(CONCURRENCY);
  let t = performance.now();
  await Promise.all(targets.map((x) => limit(() => handshake(x.port))));
  const baseline = (performance.now() - t) / 1000;

  t = performance.now();
  let connections = 0;
  const counted: typeof limit = (task) => {
    connections++;
    return limit(task);
  };
  const results = await Promise.all(
    targets.map((x) =>
      probeTls({ host: '127.0.0.1', port: x.port, servername: 'localhost', limit: counted }),
    ),
  );
  const figure = (performance.now() - t) / 1000;
  const wrong = results.filter((r, i) => !expected(targets[i]!.kind, r)).length;
  baselines.push(baseline);
  figures.push(figure);
  console.log(
    `run ${run}: baseline (one handshake each) ${baseline.toFixed(2)} s; full probe ${figure.toFixed(2)} s ` +
      `(${connections.toLocaleString()} connections, ${(connections / figure).toFixed(0)}/s); wrong verdicts ${wrong}`,
  );
  if (wrong) process.exitCode = 1;
}
const b = median(baselines);
const f = median(figures);
console.log('\nsummary (median of runs):');
console.log(`  baseline: ${b.toFixed(2)} s for ${N} plain node:tls handshakes at concurrency ${CONCURRENCY}`);
console.log(`  figure:   ${f.toFixed(2)} s to probe ${N} endpoints fully; goal < 60 s`);
console.log(`  ratio:    ${(f / b).toFixed(1)}× the baseline`);
console.log(`  machine:  ${JSON.stringify(machineInfo())}`);
child.send('stop');
