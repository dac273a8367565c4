import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase } from '../db/client.js';
import { migrationsKey } from '../db/pglite-template.js';

// Every test file gets its own fresh, migrated database. Running the migrations for each file is most
// of a small file's time, so the suite migrates ONE template per set of migrations (global-setup.ts)
// and each file starts from a copy: a PGlite data-directory image, or PostgreSQL's CREATE DATABASE …
// TEMPLATE. The template's name carries a hash of the migrations, so a changed migration makes a new one.

export function templateKey(): string {
  return migrationsKey();
}

export const pgliteImagePath = (key: string) => path.join(os.tmpdir(), `mamoru-test-pglite-${key}.tar`);
export const pgTemplateName = (key: string) => `mamoru_tpl_${key}`;

/** Writes the migrated PGlite image for these migrations unless it exists (atomic: tmp file, rename). */
export async function ensurePgliteImage(key = templateKey()): Promise<string> {
  const file = pgliteImagePath(key);
  if (fs.existsSync(file)) return file;
  const database = await openDatabase({});
  try {
    await database.migrate();
    const client = (database.db as unknown as { $client: PGlite }).$client;
    const image = await client.dumpDataDir('none');
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await database.close();
  }
  return file;
}

/** Creates and migrates the PostgreSQL template database for these migrations unless it exists. */
export async function ensurePgTemplate(adminUrl: string, key = templateKey()): Promise<string> {
  const name = pgTemplateName(key);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Several runs may start at once: one of them builds the template, the others wait for it.
    await admin.query('select pg_advisory_lock(727275)');
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      const building = `${name}_building`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const url = new URL(adminUrl);
      url.pathname = `/${building}`;
      const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 1 });
      try {
        await database.migrate();
      } finally {
        await database.close();
      }
      await admin.query(`alter database ${building} rename to ${name}`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock(727275)').catch(() => {});
    await admin.end();
  }
  return name;
}

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default; with
 * MAMORU_TEST_PG_URL (an admin URL) a new PostgreSQL database that is dropped on close.
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const adminUrl = process.env.MAMORU_TEST_PG_URL;
  const key = templateKey();
  if (!adminUrl) {
    const image = fs.existsSync(pgliteImagePath(key)) ? pgliteImagePath(key) : await ensurePgliteImage(key);
    const database = await openDatabase({ loadDataDir: new Blob([fs.readFileSync(image)]) });
    return database;
  }
  const url = await copyPgTemplate(adminUrl, 'mamoru_test', key);
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${url.pathname.slice(1)} with (force)`);
      await c.end();
    },
  };
}

/** A new PostgreSQL database copied from the migrated template; its URL. */
export async function copyPgTemplate(adminUrl: string, prefix: string, key = templateKey()): Promise<URL> {
  const template = await ensurePgTemplate(adminUrl, key);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url;
}
