import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.js';
import { buildTemplate, fillFromTemplate, migrationsFolder, migrationsKey } from './pglite-template.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-template-test-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8'));

async function appliedMigrations(dataDir: string, migrate: boolean) {
  const database = await openDatabase({ dataDir });
  try {
    if (migrate) await database.migrate();
    const rows = await database.db.execute('select count(*)::int as n from drizzle.__drizzle_migrations');
    return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
  } finally {
    await database.close();
  }
}

describe('the migrated PGlite template', () => {
  it('starts a new data directory with every migration applied, and leaves an existing one alone', async () => {
    const folder = path.join(root, 'templates');
    fs.mkdirSync(path.join(folder, 'old-migrations'), { recursive: true });
    const { dir, built } = await buildTemplate(async (dataDir) => {
      const database = await openDatabase({ dataDir });
      await database.migrate();
      await database.close();
    }, folder);
    expect(built).toBe(true);
    expect(path.basename(dir)).toBe(migrationsKey());
    // Templates of other migration sets go; the lock file of the build does not stay in the copy.
    expect(fs.readdirSync(folder)).toEqual([migrationsKey()]);
    expect(fs.existsSync(path.join(dir, 'mamoru.pid'))).toBe(false);

    const fresh = path.join(root, 'fresh');
    expect(fillFromTemplate(fresh, dir)).toBe(true);
    expect(await appliedMigrations(fresh, false)).toBe(journal.entries.length);
    expect(await appliedMigrations(fresh, true)).toBe(journal.entries.length);
    // Already a database (its own lock file and cluster): never overwritten.
    expect(fillFromTemplate(fresh, dir)).toBe(false);
    expect(fillFromTemplate(path.join(root, 'none'), path.join(folder, 'missing'))).toBe(false);
    expect(fs.existsSync(path.join(root, 'none'))).toBe(false);

    const again = await buildTemplate(async () => {
      throw new Error('not rebuilt');
    }, folder);
    expect(again).toEqual({ dir, built: false });
  }, 120_000);
});
