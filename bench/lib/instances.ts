// The processes of bench:scaleout: `mamoru serve` instances started as an operator starts them
// (configured by the environment, logging to stdout, here a file each), and baseline servers.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../src/test/ports.js';

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));

export interface InstanceOptions {
  databaseUrl: string;
  /** dist/cli/main.js, or src/cli/main.ts (run through tsx). */
  entry: string;
  cwd: string;
  pool: number;
  secretKey: string;
  /** Each instance's log file and DATA_DIR go here. */
  workDir: string;
  /** node --cpu-prof into this directory (written when the instance stops). */
  profileDir?: string;
}

let started = 0;

/** CPU milliseconds a process has used so far (Linux /proc; utime + stime in 1/100 s). */
export function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface Instance {
  url: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

/** One `mamoru serve` process as an operator starts it: configured by the environment, logging to stdout. */
export async function startInstance(o: InstanceOptions): Promise<Instance> {
  const { databaseUrl, profileDir, workDir } = o;
  const n = ++started;
  const port = await freePort();
  const dataDir = path.join(workDir, `instance-${n}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const out = fs.openSync(path.join(workDir, `instance-${n}.log`), 'a');
  const nodeArgs = [
    ...(o.entry.endsWith('.ts') ? ['--import', 'tsx'] : []),
    ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
  ];
  const child = spawn(process.execPath, [...nodeArgs, o.entry, 'serve'], {
    cwd: o.cwd,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: String(o.pool),
      SECRET_KEY: o.secretKey,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      JOBS: 'on',
      LOG_LEVEL: 'info',
      // 50 logins a run from one address; production's 30 a minute would refuse them.
      LOGIN_RATE_PER_MINUTE: '100000',
      SMTP_URL: '',
    },
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${n} exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`instance ${n} did not answer within 2 minutes`);
    await sleep(250);
  }
  return {
    url,
    pid: child.pid!,
    dataDir,
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}

/** K copies of a baseline server (bare-insert.mjs or bare-gif.mjs), each in its own process. */
export async function startBaseline(script: string, k: number, databaseUrl: string, pool: number) {
  const children = await Promise.all(
    Array.from({ length: k }, async () => {
      const p = fork(new URL(script, import.meta.url).pathname, [], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: String(pool) },
      });
      const { port } = await new Promise<{ port: number }>((resolve) => p.once('message', resolve as never));
      return { p, url: `http://127.0.0.1:${port}` };
    }),
  );
  return {
    urls: children.map((c) => c.url),
    pids: children.map((c) => c.p.pid!),
    async stop() {
      for (const c of children) c.p.send('stop');
      await Promise.all(children.map((c) => exited(c.p)));
    },
  };
}
