// The PDF is the HTML page printed by headless Chromium (its print CSS: A4, page breaks, repeated
// table headers). No Chromium, no PDF: the caller offers the other formats.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { ReportDoc } from '../doc-model.js';
import { renderHtmlPage } from './html.js';

const run = promisify(execFile);
const TIMEOUT_MS = 60_000;

/** The Chromium to print with: MAMORU_CHROMIUM, else /usr/bin/chromium; null when neither exists. */
export async function chromiumPath(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  const path = env.MAMORU_CHROMIUM || '/usr/bin/chromium';
  try {
    await access(path);
    return path;
  } catch {
    // Not installed: no PDF (the other formats do not need it).
    return null;
  }
}

/** The HTML printed by Chromium (MAMORU_CHROMIUM or /usr/bin/chromium); null when it is not installed. */
export async function renderPdfFile(doc: ReportDoc): Promise<Buffer | null> {
  const chromium = await chromiumPath();
  if (!chromium) return null;
  const dir = await mkdtemp(join(tmpdir(), 'mamoru-pdf-'));
  try {
    const html = join(dir, 'report.html');
    const pdf = join(dir, 'report.pdf');
    await writeFile(html, renderHtmlPage(doc), 'utf8');
    await run(
      chromium,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--no-default-browser-check',
        `--user-data-dir=${join(dir, 'profile')}`,
        `--print-to-pdf=${pdf}`,
        '--no-pdf-header-footer',
        pathToFileURL(html).href,
      ],
      { timeout: TIMEOUT_MS, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 },
    );
    return await readFile(pdf);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
