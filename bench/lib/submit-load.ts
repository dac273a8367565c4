// The submitters of the submission benchmark, run as a child process so that their own work does not
// share the server's event loop: each client logs in as a different staff member (cookie + CSRF
// token), then submits its questionnaire again and again with fresh answers. Reads its job as JSON on
// stdin, writes the latencies as JSON on stdout.
//
// Closed loop (ratePerS 0): every client sends its next submission as soon as the last one returns,
// so `clients` are always in flight and latency ≈ clients ÷ throughput once the server saturates.
// Paced (ratePerS > 0): submission k is due at start + k/rate and its latency counts from then, so
// a late client's wait is not hidden (no coordinated omission); at most `clients` in flight.
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../../src/lib/random.js';
import { type AnswerModel, drawAnswers, OPTION_KEYS } from './answers.js';

export interface LoadJob {
  /** Submission k goes to urls[k mod n] (round robin over instances); everyone logs in on urls[0]. */
  urls: string[];
  /**
   * 'app': log in, then PUT the questionnaire's answers with the session cookie and CSRF token.
   * 'bare': no login; PUT the same body to /bare/:memberId (the one-row-insert baseline, bare-insert.mjs).
   */
  target?: 'app' | 'bare';
  password: string;
  clients: { login: string; memberId: string }[];
  /** The staff questionnaire's items (campaign idx and item id). */
  items: { idx: number; itemId: string }[];
  model: AnswerModel;
  warmup: number;
  submissions: number;
  /** 0: closed loop; otherwise submissions due per second. */
  ratePerS: number;
  seed: number;
}

export interface LoadResult {
  latenciesMs: number[];
  statuses: Record<string, number>;
  firstError: string | null;
  wallMs: number;
  /** CPU time of this process (the clients), for the CPU budget per submission. */
  cpuMs: number;
}

async function login(url: string, name: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: name, password }),
  });
  if (res.status !== 200) throw new Error(`login ${name}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('mamoru_session='));
  if (!cookie) throw new Error(`login ${name}: no session cookie`);
  return { cookie, csrf: body.csrfToken };
}

async function run(job: LoadJob): Promise<LoadResult> {
  const bare = job.target === 'bare';
  const sessions = bare
    ? job.clients.map(() => ({ cookie: '', csrf: '' }))
    : await Promise.all(job.clients.map((c) => login(job.urls[0]!, c.login, job.password)));
  const rng = mulberry32(job.seed);
  const idxs = job.items.map((i) => i.idx);
  const body = () => {
    const options = drawAnswers(rng, job.model, idxs, 1);
    const answers = Object.fromEntries(job.items.map((it, k) => [it.itemId, OPTION_KEYS[options[k]!]]));
    return JSON.stringify({ answers, submit: true });
  };
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let firstError: string | null = null;
  let started = 0;
  let measuredFrom = 0;
  const total = job.warmup + job.submissions;
  const cpu = process.cpuUsage();
  const begin = performance.now();
  const due = (n: number) => (job.ratePerS ? begin + (n * 1000) / job.ratePerS : performance.now());
  // Each client has one request in flight at a time: 50 clients, at most 50 concurrent submissions.
  const client = async (k: number) => {
    const { memberId } = job.clients[k]!;
    const { cookie, csrf } = sessions[k]!;
    while (started < total) {
      const n = started++;
      const payload = body();
      const t0 = due(n);
      const wait = t0 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (n === job.warmup) measuredFrom = t0;
      const url = job.urls[n % job.urls.length]!;
      const path = bare ? `/bare/${memberId}` : `/api/v1/selfcheck/questionnaires/${memberId}/answers`;
      const res = await fetch(`${url}${path}`, {
        method: 'PUT',
        headers: bare
          ? { 'content-type': 'application/json' }
          : { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: payload,
      });
      const text = await res.text();
      const elapsed = performance.now() - t0;
      if (n < job.warmup) continue;
      latenciesMs.push(elapsed);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      if (res.status !== 200 && !firstError) firstError = `${res.status} ${text.slice(0, 300)}`;
    }
  };
  await Promise.all(job.clients.map((_, k) => client(k)));
  const { user, system } = process.cpuUsage(cpu);
  return {
    latenciesMs,
    statuses,
    firstError,
    wallMs: performance.now() - measuredFrom,
    cpuMs: (user + system) / 1000,
  };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  input += chunk;
});
process.stdin.on('end', () => {
  run(JSON.parse(input) as LoadJob).then(
    (result) => process.stdout.write(JSON.stringify(result)),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
});
