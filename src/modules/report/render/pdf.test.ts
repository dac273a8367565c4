import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { renderPdf } from './index.js';
import { chromiumPath } from './pdf.js';
import { fixtureDoc } from './test-fixture.js';

const chromium = await chromiumPath();
if (!chromium && process.env.CI !== 'true')
  console.warn('PDF test skipped: no Chromium (set MAMORU_CHROMIUM)');

describe('renderPdf', () => {
  it('has a Chromium on CI', () => {
    if (process.env.CI === 'true') expect(chromium).not.toBeNull();
  });

  it.skipIf(!chromium)(
    'prints the HTML to a PDF and leaves no temporary files',
    { timeout: 90_000 },
    async () => {
      const before = (await readdir(tmpdir())).filter((f) => f.startsWith('mamoru-pdf-'));
      const pdf = await renderPdf(fixtureDoc());
      expect(pdf?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const after = (await readdir(tmpdir())).filter((f) => f.startsWith('mamoru-pdf-'));
      expect(after).toEqual(before);
    },
  );

  it('returns null when no Chromium is installed', async () => {
    const saved = process.env.MAMORU_CHROMIUM;
    process.env.MAMORU_CHROMIUM = '/nonexistent/chromium';
    try {
      expect(await renderPdf(fixtureDoc())).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.MAMORU_CHROMIUM;
      else process.env.MAMORU_CHROMIUM = saved;
    }
  });
});
