import fs from 'node:fs';
import path from 'node:path';

/**
 * One process at a time on an embedded (PGlite) data directory: two would each see only their own
 * writes and can corrupt the files. The holder writes its PID and command to `mamoru.pid` beside the
 * data; another process refuses with the holder's PID. A file left by a process that died is taken over.
 */
export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
    readonly command: string,
  ) {
    super(
      `The embedded database in ${dir} is in use by process ${pid} (${command}). ` +
        'Stop that process first, run the command on the server with DATABASE_URL, ' +
        'or use the web interface / API of the running server.',
    );
  }
}

interface Holder {
  pid: number;
  command: string;
}

const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, command: String(parsed.command ?? '') } : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return null; // unreadable or half-written: treated as stale below only if its writer is gone
  }
}

/** Takes the lock on `dir` for this process; returns the function that releases it. */
export function lockDataDir(dir: string, command = process.argv.slice(2).join(' ') || 'mamoru'): () => void {
  const file = path.join(dir, 'mamoru.pid');
  const key = path.resolve(file);
  if (held.has(key)) throw new DataDirInUse(dir, process.pid, 'this process');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, command }), { flag: 'wx' });
      held.add(key);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        held.delete(key);
        process.off('exit', release);
        if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid))
        throw new DataDirInUse(dir, holder.pid, holder.command);
      // Left behind by a process that died (or by this process before a crash in the same PID): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}
