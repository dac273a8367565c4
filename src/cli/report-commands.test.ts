import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_SECRET } from '../test/app.js';
import { createTestDatabase } from '../test/db.js';
import { buildProgram } from './program.js';

// `mamoru report annual` writes the demo agency's report files and prints their paths; an unknown
// fiscal year or agency exits 2 with the reason on stderr.

let dataDir: string;
let outDir: string;
let env: NodeJS.ProcessEnv;
let pgDatabase: Awaited<ReturnType<typeof createTestDatabase>> | null = null;

async function mamoru(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(`${a.join(' ')}\n`));
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(`${a.join(' ')}\n`));
  const saved = { ...process.env };
  Object.assign(process.env, env);
  process.exitCode = 0;
  try {
    await buildProgram()
      .exitOverride()
      .parseAsync(['node', 'mamoru', ...args]);
    return { code: Number(process.exitCode ?? 0), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.env = saved;
    process.exitCode = 0;
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-report-cli-'));
  outDir = path.join(dataDir, 'out');
  env = { ...process.env, DATA_DIR: dataDir, SECRET_KEY: TEST_SECRET, LOG_LEVEL: 'silent' };
  if (process.env.MAMORU_TEST_PG_URL) {
    pgDatabase = await createTestDatabase();
    env.DATABASE_URL = pgDatabase.url;
  }
  const demo = await mamoru('demo', '--staff', '200', '--password', 'a long demo password 123', '--no-serve');
  expect(demo.code, demo.stderr).toBe(0);
}, 300_000);
afterAll(async () => {
  await pgDatabase?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('mamoru report annual', () => {
  it('writes report.html, .docx and .xlsx for the demo agency and prints their paths', async () => {
    const res = await mamoru('report', 'annual', '--fy', '2025', '--out', outDir);
    expect(res.code, res.stderr).toBe(0);
    const paths = res.stdout.trim().split('\n');
    expect(paths.map((p) => path.basename(p))).toEqual(['report.html', 'report.docx', 'report.xlsx']);
    const html = fs.readFileSync(path.join(outDir, 'report.html'), 'utf8');
    expect(html).toContain('全職員を対象とした自己点検');
    const docx = await JSZip.loadAsync(fs.readFileSync(path.join(outDir, 'report.docx')));
    expect(await docx.file('word/document.xml')?.async('string')).toContain('次年度の目標');
  }, 120_000);

  it('exits 2 with the reason for an unknown agency, a year without data, or a bad year', async () => {
    const tenant = await mamoru('report', 'annual', '--fy', '2025', '--tenant', 'nope', '--out', outDir);
    expect(tenant).toMatchObject({ code: 2 });
    expect(tenant.stderr).toContain('No agency with code "nope"');
    const year = await mamoru('report', 'annual', '--fy', '2031', '--out', outDir);
    expect(year).toMatchObject({ code: 2 });
    expect(year.stderr).toContain('no report and no data');
    const bad = await mamoru('report', 'annual', '--fy', '25', '--out', outDir);
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toContain('Not a fiscal year');
    const format = await mamoru('report', 'annual', '--fy', '2025', '--format', 'odt', '--out', outDir);
    expect(format).toMatchObject({ code: 2 });
  }, 120_000);
});
