import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensurePgliteImage, ensurePgTemplate, pgliteImagePath, templateKey } from './db.js';

/** Vitest global setup: migrate the suite's template database once (see db.ts). */
export default async function setup() {
  const key = templateKey();
  const adminUrl = process.env.MAMORU_TEST_PG_URL;
  if (adminUrl) {
    await ensurePgTemplate(adminUrl, key);
    return;
  }
  // Images of older migration sets are 40 MB each: remove those nobody has used for an hour.
  const keep = path.basename(pgliteImagePath(key));
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith('mamoru-test-pglite-') || name === keep) continue;
    const full = path.join(os.tmpdir(), name);
    if (Date.now() - fs.statSync(full).mtimeMs > 3_600_000) fs.rmSync(full, { force: true });
  }
  await ensurePgliteImage(key);
}
