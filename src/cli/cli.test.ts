import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_SECRET } from '../test/app.js';
import { createTestDatabase } from '../test/db.js';
import { buildProgram } from './program.js';

const run = promisify(execFile);
let dataDir: string;
let env: NodeJS.ProcessEnv;
let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>> | null = null;

// The CLI's commands run in this process (a fresh program each time, configured by the environment
// as an operator's would be), on PGlite under DATA_DIR or on PostgreSQL when the suite runs there.
async function mamoru(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(`${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(`${a.join(' ')}\n`));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  process.exitCode = 0;
  let code: number;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'mamoru', ...args]);
    code = Number(process.exitCode ?? 0);
  } catch (e) {
    err.push(String(e instanceof Error ? e.message : e));
    code = 1;
  } finally {
    process.env = saved;
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
  }
  return { code, stdout: out.join(''), stderr: err.join('') };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-cli-'));
  env = { ...process.env, DATA_DIR: dataDir, SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent' };
  if (process.env.MAMORU_TEST_PG_URL) {
    pgDatabase = await createTestDatabase();
    env.DATABASE_URL = pgDatabase.url;
  }
});
afterAll(async () => {
  await pgDatabase?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the mamoru binary', () => {
  it('starts as its own process and prints its commands', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--help'], {
      env,
      timeout: 60_000,
    });
    for (const c of ['serve', 'migrate', 'demo', 'user', 'token', 'import', 'audit'])
      expect(stdout).toContain(c);
  });
});

describe('mamoru CLI', () => {
  it('creates an agency, an administrator, imports, issues a token and verifies the audit trail', async () => {
    expect((await mamoru('migrate')).code).toBe(0);
    expect((await mamoru('agency', 'create', '--code', 'cli', '--name', 'CLI省')).stdout).toContain(
      'Created agency cli',
    );
    const user = await mamoru(
      'user',
      'create',
      '--login',
      'Chief',
      '--name',
      '管理 一郎',
      '--role',
      'mamoru_admin',
      'staff',
      '--password',
      'a long enough password',
    );
    expect(user.code).toBe(0);
    expect(user.stdout).toContain('login:    chief');

    const org = path.join(dataDir, 'org.csv');
    fs.writeFileSync(org, 'code,name_ja,parent_code,kind\nB1,大臣官房,,bureau\nD1,総務課,B1,division\n');
    expect((await mamoru('import', 'org', org, '--dry-run')).stdout).toContain('[dry run]');
    expect((await mamoru('import', 'org', org)).stdout).toContain('created 2');
    expect((await mamoru('import', 'org', org)).stdout).toContain('created 0, updated 0, unchanged 2');

    const staff = path.join(dataDir, 'staff.csv');
    fs.writeFileSync(staff, 'staff_no,name,unit_code\nS1,山田 太郎,D1\nS2,,D9\n');
    const bad = await mamoru('import', 'staff', staff);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 3, column name');
    expect(bad.stderr).toContain('line 3, column unit_code');

    const token = await mamoru('token', 'create', '--user', 'chief', '--scopes', 'org.read');
    expect(token.stdout.trim()).toMatch(/^mmr_[A-Za-z0-9_-]{43}$/);
    const refused = await mamoru('token', 'create', '--user', 'chief', '--scopes', 'central.read');
    expect(refused.code).not.toBe(0);

    const ok = await mamoru('audit', 'verify');
    expect(ok.code).toBe(0);
    // The agency's events spread over its chains (cli, cli/3, …): each one verifies.
    expect(ok.stdout).toMatch(/OK\s+cli(\/\d+)?: \d+ events, chain intact/);
    expect(ok.stdout).not.toContain('BROKEN');
  }, 120_000);

  it('prints an anchor, and verify --anchor notices the newest events were deleted', async () => {
    const anchor = await mamoru('audit', 'anchor');
    expect(anchor.code).toBe(0);
    const parsed = JSON.parse(anchor.stdout) as { chains: { name: string; seq: number; hash: string }[] };
    // The agency's longest chain.
    const cli = parsed.chains
      .filter((c) => /^cli(\/\d+)?$/.test(c.name))
      .reduce((a, b) => (b.seq > a.seq ? b : a));
    expect(cli.seq).toBeGreaterThan(1);
    expect(cli.hash).toMatch(/^[0-9a-f]{64}$/);
    const file = path.join(dataDir, 'anchor.json');
    fs.writeFileSync(file, anchor.stdout);
    expect((await mamoru('audit', 'verify', '--anchor', file)).code).toBe(0);

    const { openDatabase } = await import('../db/client.js');
    const db = await openDatabase(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.join(dataDir, 'pglite') },
    );
    await db.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
    await db.db.execute(
      sql`delete from audit_events where seq = (select max(seq) from audit_events a where a.chain = audit_events.chain)`,
    );
    await db.db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
    await db.close();
    // Without an anchor, the newest rows of the agency look intact; older rows of one chain (deleted
    // here too, as the newest of their own chain) may be seen missing by a later row of another chain.
    const res = await mamoru('audit', 'verify', '--anchor', file);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(`BROKEN  ${cli.name}: the anchored event seq ${cli.seq} is gone`);
  }, 60_000);

  it('reports the first broken link when a row was edited', async () => {
    const { openDatabase } = await import('../db/client.js');
    const db = await openDatabase(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: path.join(dataDir, 'pglite') },
    );
    await db.db.execute(sql`alter table audit_events disable trigger audit_events_no_change`);
    await db.db.execute(sql`update audit_events set actor_label = 'someone else' where seq = 1`);
    await db.db.execute(sql`alter table audit_events enable trigger audit_events_no_change`);
    await db.close();
    const res = await mamoru('audit', 'verify');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/BROKEN {2}cli(\/\d+)?: first broken link at seq 1 /);
  }, 60_000);
});
