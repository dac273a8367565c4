#!/usr/bin/env node
// The `mamoru` command: runs the compiled CLI (npm run build produces dist/).
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('Mamoru is not built yet: run `npm run build` first.');
  process.exit(1);
}
await import(entry.href);
