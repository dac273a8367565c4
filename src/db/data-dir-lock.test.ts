import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { DataDirInUse, lockDataDir } from './data-dir-lock.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-lock-'));
  dirs.push(d);
  return d;
}

/** Another process that holds the lock, as `mamoru serve` would. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const code = `import('./src/db/data-dir-lock.ts').then((m) => { m.lockDataDir(${JSON.stringify(dir)}, 'serve'); console.log('locked'); setInterval(() => {}, 1000); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => b.toString().includes('locked') && resolve());
    child.on('exit', (c) => reject(new Error(`holder exited with ${c}`)));
  });
  return child;
}

describe('one process per embedded data directory', () => {
  it('refuses a second process, naming the running one', async () => {
    const dir = tempDir();
    const child = await holderProcess(dir);
    let error: unknown;
    try {
      lockDataDir(dir, 'token create');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataDirInUse);
    expect((error as DataDirInUse).pid).toBe(child.pid);
    expect((error as Error).message).toContain(`in use by process ${child.pid} (serve)`);
  }, 30_000);

  it('takes over the lock of a process that died', async () => {
    const dir = tempDir();
    const child = await holderProcess(dir);
    child.kill('SIGKILL'); // no chance to remove its file
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(path.join(dir, 'mamoru.pid'))).toBe(true);
    const release = lockDataDir(dir);
    release();
    expect(fs.existsSync(path.join(dir, 'mamoru.pid'))).toBe(false);
  }, 30_000);

  it('refuses a second open in the same process, and frees the directory on close', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir });
    await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirInUse);
    await first.close();
    const again = await openDatabase({ dataDir: dir });
    await again.close();
  }, 60_000);
});
