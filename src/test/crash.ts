import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase, rowsOf } from '../db/client.js';
import { verifyAuditTrail } from '../modules/audit/service.js';
import { ensureShippedCatalog } from '../modules/selfcheck/catalog-service.js';
import { buildApp } from '../server/app.js';
import { type AppEnv, systemCtx } from '../server/context.js';
import { resolveSecretKey } from '../server/crypto.js';
import { createMailer } from '../server/mail.js';
import { TEST_SECRET, type TestApp } from './app.js';
import { copyPgTemplate, ensurePgliteImage, pgliteImagePath, templateKey } from './db.js';
import { freePort } from './ports.js';

// Crash tests: a real `mamoru serve` process on a real database (PostgreSQL with MAMORU_TEST_PG_URL,
// else a PGlite data directory), killed with SIGKILL in the middle of a burst of requests, restarted
// on the same database, and checked: everything acknowledged is stored, nothing is half-applied.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The database one scenario's server processes share, and the in-test handle on it. */
export interface CrashDatabase {
  kind: 'pglite' | 'postgres';
  /** The environment that points `mamoru serve` at it. */
  env: Record<string, string>;
  config: Config;
  /** Opens it in the test process (PGlite: only while no server runs, the data directory is locked). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A migrated PGlite data directory for these migrations (from the suite's image), copied per scenario. */
async function pgliteTemplateDir(key: string): Promise<string> {
  const dir = path.join(os.tmpdir(), `mamoru-crash-pglite-${key}`);
  if (fs.existsSync(dir)) return dir;
  const image = fs.existsSync(pgliteImagePath(key)) ? pgliteImagePath(key) : await ensurePgliteImage(key);
  const building = `${dir}.${process.pid}.tmp`;
  const client = new PGlite(building, { loadDataDir: new Blob([fs.readFileSync(image)]) });
  await client.waitReady;
  await client.close();
  try {
    fs.renameSync(building, dir);
  } catch {
    fs.rmSync(building, { recursive: true, force: true }); // another run made it first
  }
  return dir;
}

export async function createCrashDatabase(): Promise<CrashDatabase> {
  const adminUrl = process.env.MAMORU_TEST_PG_URL;
  const key = templateKey();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-crash-'));
  if (!adminUrl) {
    fs.cpSync(await pgliteTemplateDir(key), path.join(dataDir, 'pglite'), { recursive: true });
    const env = { DATA_DIR: dataDir, SECRET_KEY: TEST_SECRET };
    return {
      kind: 'pglite',
      env,
      config: loadConfig(env),
      open: () => openDatabase({ dataDir: path.join(dataDir, 'pglite') }),
      dispose: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const url = await copyPgTemplate(adminUrl, 'mamoru_test_crash', key);
  const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir, SECRET_KEY: TEST_SECRET };
  return {
    kind: 'postgres',
    env,
    config: loadConfig(env),
    open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 3 }),
    dispose: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${url.pathname.slice(1)} with (force)`);
      await c.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `fn` with an in-process app on the crash database (for setup through the API and factories,
 * and for checks), with the same secret key as the server processes; closes it afterwards.
 */
export async function withApp<T>(target: CrashDatabase, fn: (t: TestApp) => Promise<T>): Promise<T> {
  const database = await target.open();
  await ensureShippedCatalog(database.db);
  const config: Config = {
    ...target.config,
    logLevel: 'silent',
    jobs: false,
    passwordHash: { memoryCost: 1024, timeCost: 1 },
  };
  const env: AppEnv = { secretKey: resolveSecretKey(config), mailer: createMailer(config) };
  const app = await buildApp({ db: database.db, config, env, webRoot: null, logger: false });
  await app.ready();
  const t: TestApp = {
    app,
    database,
    config,
    env,
    sys: systemCtx(database.db, config, env),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
  try {
    return await fn(t);
  } finally {
    await t.close();
  }
}

let bundled: Promise<string> | null = null;

/**
 * The server as one JavaScript file (esbuild, once per test process): it starts in half the CPU time
 * of tsx on the sources. Each module's `import.meta.url` stays its source file's, so migrations and
 * shipped data are found; packages are loaded from node_modules as usual.
 */
export function serverBundle(): Promise<string> {
  bundled ??= (async () => {
    const esbuild = await import('esbuild');
    const outfile = path.join(root, 'dist', 'crash', `server-${process.pid}.mjs`);
    await esbuild.build({
      entryPoints: [path.join(root, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      outfile,
      logLevel: 'warning',
      plugins: [
        {
          name: 'source-urls',
          setup(build) {
            build.onLoad({ filter: /\/src\/.*\.ts$/ }, async (args) => {
              const text = await fs.promises.readFile(args.path, 'utf8');
              const url = JSON.stringify(pathToFileURL(args.path).href);
              return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
            });
          },
        },
      ],
    });
    process.once('exit', () => fs.rmSync(outfile, { force: true }));
    return outfile;
  })();
  return bundled;
}

/** Server processes still alive: killed when the test process exits, even after a timeout. */
const alive = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of alive) c.kill('SIGKILL');
});

/** One `mamoru serve` process (the bundled sources, see serverBundle), its output kept for failure messages. */
export class ServerProcess {
  private output = '';
  private exited: Promise<number | null>;
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    const keep = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    alive.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        alive.delete(child);
        resolve(code);
      }),
    );
  }

  static async start(target: CrashDatabase, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
    const [port, main] = await Promise.all([freePort(), serverBundle()]);
    const child = spawn(process.execPath, [main, 'serve'], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? os.tmpdir(),
        ...target.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`);
    await server.waitReady();
    return server;
  }

  get pid() {
    return this.child.pid;
  }

  get log() {
    return this.output;
  }

  private async waitReady(timeoutMs = 300_000) {
    const deadline = Date.now() + timeoutMs;
    let gone = false;
    void this.exited.then(() => {
      gone = true;
    });
    while (Date.now() < deadline) {
      if (gone) throw new Error(`server exited during start-up:\n${this.output}`);
      try {
        const res = await fetch(`${this.url}/api/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    this.child.kill('SIGKILL');
    throw new Error(`server not ready after ${timeoutMs} ms:\n${this.output}`);
  }

  /** The crash: no shutdown hook runs, open connections and transactions die with the process. */
  async kill() {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A normal stop (SIGTERM): the worker hands back its job, the database is closed. */
  async stop() {
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A random integer in [min, max]. */
export function between(min: number, max: number) {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** A browser-like HTTP client of a server process: session cookie and CSRF token, over real sockets. */
export class HttpClient {
  constructor(
    public base: string,
    public cookie: string | null = null,
    public csrf: string | null = null,
  ) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { 'accept-language': 'ja', ...headers };
    if (this.cookie) h.cookie = `mamoru_session=${this.cookie}`;
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (typeof body === 'string') payload = body;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      h['content-type'] = 'application/json';
    }
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: h,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, json: () => JSON.parse(text) };
  }
}

/**
 * Sends `items` with `concurrency` requests in flight; once `killAfter` requests are acknowledged,
 * calls `kill` (the others are still in flight or not yet sent). Returns the acknowledged items:
 * `send` resolves true for a 2xx answer; a refused or cut connection counts as not acknowledged.
 */
export async function burst<T>(
  items: readonly T[],
  opts: { concurrency: number; killAfter: number; kill: () => Promise<void> },
  send: (item: T) => Promise<boolean>,
): Promise<{ acked: T[]; failed: T[]; killed: Promise<void> | null }> {
  const acked: T[] = [];
  const failed: T[] = [];
  let next = 0;
  let killed: Promise<void> | null = null;
  const lane = async () => {
    while (next < items.length && !killed) {
      const item = items[next++]!;
      let ok = false;
      try {
        ok = await send(item);
      } catch {
        ok = false;
      }
      (ok ? acked : failed).push(item);
      if (ok && acked.length >= opts.killAfter && !killed) killed = opts.kill();
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, lane));
  if (killed) await killed;
  return { acked, failed, killed };
}

/**
 * What a crash leaves behind that only time repairs: job leases and drill send claims of the dead
 * process. Instead of waiting out 2 to 5 minutes, the test moves them into the past, as if that time
 * had passed (call while no server runs).
 */
export async function letLeasesRunOut(target: CrashDatabase) {
  const database = await target.open();
  try {
    await database.db.execute(sql`update jobs set lease_until = now() - interval '1 second'
      where status = 'running'`);
    await database.db.execute(sql`update drill_recipients set claimed_until = now() - interval '1 second'
      where claimed_until is not null`);
  } finally {
    await database.close();
  }
}

/** The invariants every scenario ends with: the audit trail verifies, no job is left running. */
export async function checkAfterStop(t: TestApp) {
  const audit = await verifyAuditTrail(t.sys);
  const running = rowsOf<{ name: string }>(
    await t.sys.db.execute(sql`select name from jobs where status = 'running'`),
  );
  return { auditOk: audit.ok, audit, running: running.map((r) => r.name) };
}

const started = Date.now();
/** With CRASH_DEBUG=1, prints how long each phase took (to find what makes a run slow). */
export function phase(label: string) {
  if (process.env.CRASH_DEBUG)
    console.error(`[crash +${((Date.now() - started) / 1000).toFixed(1)}s] ${label}`);
}
