// Figures for benchmark reports: medians and percentiles (never means alone, the machines are noisy),
// and a description of the machine the numbers came from.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export interface Summary {
  n: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarise(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    min: s[0] ?? Number.NaN,
    median: percentile(s, 50),
    p95: percentile(s, 95),
    p99: percentile(s, 99),
    max: s.at(-1) ?? Number.NaN,
  };
}

/** Milliseconds with one decimal (three below 10 ms would be noise on these machines). */
export const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');

export interface Machine {
  date: string;
  nproc: number;
  cpu: string;
  memoryGiB: string;
  node: string;
  os: string;
}

export function machineInfo(): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? '?';
  let memory = `${(os.totalmem() / 2 ** 30).toFixed(1)}`;
  try {
    // `free -g` as the issue asks; the total is the first number of the "Mem:" line.
    memory = /^Mem:\s+(\d+)/m.exec(execFileSync('free', ['-g'], { encoding: 'utf8' }))?.[1] ?? memory;
  } catch {}
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpu: model,
    memoryGiB: memory,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/** A fixed-width text table: the first row is the header. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  const line = (r: readonly string[]) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** A command-line count (`--staff 300_000` or `300,000`): a whole number ≥ 0, or an error naming the option. */
export function wholeNumberOption(name: string, v: string): number {
  const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: not a whole number: ${v}`);
  return n;
}
