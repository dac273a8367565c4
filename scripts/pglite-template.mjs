#!/usr/bin/env node
// `npm run build:server` ends here: the migrated PGlite data directory that a new embedded database
// starts from (src/db/pglite-template.ts), so `mamoru demo` or a first `serve` skip initdb and migrations.
import { openDatabase } from '../dist/db/client.js';
import { buildTemplate } from '../dist/db/pglite-template.js';

const started = performance.now();
const { dir, built } = await buildTemplate(async (dataDir) => {
  const database = await openDatabase({ dataDir });
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
});
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(built ? `PGlite template built in ${seconds} s: ${dir}` : `PGlite template up to date: ${dir}`);
