#!/usr/bin/env node
// The compiled server reads a few data files next to its modules (e.g. the shipped requirement
// catalog); tsc copies only code, so this copies every src/**/…-data/ folder into dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (!statSync(full).isDirectory() || name === 'web') continue;
    if (name.endsWith('-data'))
      cpSync(full, path.join('dist', path.relative('src', full)), { recursive: true });
    else walk(full);
  }
}
walk('src');
