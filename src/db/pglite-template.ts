import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// A new embedded database spends most of its first start creating the cluster (initdb inside PGlite) and
// running every migration. The build makes that once: a migrated data directory, named by a hash of the
// migrations and the PGlite version. A new data directory starts as a copy of it, and `migrate()` then
// has nothing left to do; with any other set of migrations (or none built) nothing changes.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const migrationsFolder = path.join(root, 'drizzle');
const templatesFolder = path.join(root, 'dist', 'pglite-template');

function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A hash of every migration file and the PGlite version: a template made for other ones is never used. */
export function migrationsKey(): string {
  const hash = createHash('sha256').update(`pglite ${pgliteVersion()}\0`);
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else hash.update(`${path.relative(migrationsFolder, full)}\0`).update(fs.readFileSync(full));
    }
  };
  walk(migrationsFolder);
  return hash.digest('hex').slice(0, 12);
}

export const templateDir = (key = migrationsKey(), folder = templatesFolder) => path.join(folder, key);

/** A data directory PGlite has not initialised yet (missing, or holding only our lock file). */
export function isNewDataDir(dataDir: string): boolean {
  return !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Fills a new data directory from the template for the current migrations, if the build made one.
 * Returns whether it did; the caller then opens it as usual.
 */
export function fillFromTemplate(dataDir: string, template = templateDir()): boolean {
  if (!isNewDataDir(dataDir)) return false;
  if (!fs.existsSync(path.join(template, 'PG_VERSION'))) return false;
  fs.cpSync(template, dataDir, { recursive: true });
  return true;
}

/**
 * Builds the template for the current migrations (run by `npm run build:server`): a migrated data
 * directory written beside its final place and renamed, so a reader never sees half of one. Templates
 * of other migration sets are removed.
 */
export async function buildTemplate(
  migrate: (dataDir: string) => Promise<void>,
  folder = templatesFolder,
): Promise<{ dir: string; built: boolean }> {
  const key = migrationsKey();
  const dir = templateDir(key, folder);
  fs.mkdirSync(folder, { recursive: true });
  for (const name of fs.readdirSync(folder)) {
    if (name !== key) fs.rmSync(path.join(folder, name), { recursive: true, force: true });
  }
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return { dir, built: false };
  const building = `${dir}.${process.pid}.tmp`;
  try {
    await migrate(building);
    fs.rmSync(path.join(building, 'mamoru.pid'), { force: true });
    fs.renameSync(building, dir);
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
  return { dir, built: true };
}
