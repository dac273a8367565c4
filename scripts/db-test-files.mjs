// Which test files open a test database (src/test/db.ts, directly or through other modules)?
// Only those change when MAMORU_TEST_PG_URL switches the suite to PostgreSQL; the others (rules,
// renderers, pure helpers) would run a second time unchanged, so the PostgreSQL pass leaves them out.
// The import graph is read from the sources (static and dynamic relative imports).
import fs from 'node:fs';
import path from 'node:path';

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function resolve(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importsOf(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = [];
  for (const m of text.matchAll(IMPORT)) {
    const target = resolve(file, m[1] ?? m[2]);
    if (target) out.push(target);
  }
  return out;
}

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.test.ts') && !entry.name.endsWith('.browser.test.ts')) out.push(full);
  }
  return out;
}

/** The suite's test files (relative paths, sorted) whose imports reach src/test/db.ts. */
export function dbTestFiles(root = process.cwd()) {
  const target = path.resolve(root, 'src/test/db.ts');
  const tests = walk(path.resolve(root, 'src'));
  // Every module the tests import, and who imports it; then everything that reaches the target.
  const importers = new Map();
  const queue = [...tests];
  const seen = new Set(queue);
  while (queue.length) {
    const file = queue.pop();
    for (const dep of importsOf(file)) {
      if (!importers.has(dep)) importers.set(dep, []);
      importers.get(dep).push(file);
      if (!seen.has(dep)) {
        seen.add(dep);
        queue.push(dep);
      }
    }
  }
  const reaching = new Set([target]);
  const back = [target];
  while (back.length) {
    for (const importer of importers.get(back.pop()) ?? []) {
      if (!reaching.has(importer)) {
        reaching.add(importer);
        back.push(importer);
      }
    }
  }
  return tests
    .filter((f) => reaching.has(f))
    .map((f) => path.relative(root, f))
    .sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const f of dbTestFiles()) console.log(f);
}
