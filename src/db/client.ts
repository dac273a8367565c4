import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.js';
import { fillFromTemplate, migrationsFolder } from './pglite-template.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The database handle every service receives: PGlite and node-postgres share this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… for a server; otherwise PGlite. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; omit for an in-memory database (tests). */
  dataDir?: string | undefined;
  /** In-memory PGlite only: start from this data directory image (tests reuse one migrated image). */
  loadDataDir?: Blob;
  poolSize?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 });
    // An idle connection that the server drops (restart, failover) must not crash the process; the
    // pool replaces it on the next query.
    pool.on('error', (err) => console.error(`database: idle connection lost: ${err.message}`));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      // Several app instances may start at once: one advisory lock serialises their migrations.
      async migrate() {
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock(727274)');
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
        } finally {
          await client.query('select pg_advisory_unlock(727274)').catch(() => {});
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const unlock = opts.dataDir ? lockDataDir(opts.dataDir) : () => {};
  let client: PGlite;
  try {
    // A new data directory starts from the build's migrated template, if one matches the migrations.
    if (opts.dataDir) fillFromTemplate(opts.dataDir);
    client = opts.dataDir
      ? new PGlite(opts.dataDir)
      : new PGlite(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
    await client.waitReady;
  } catch (err) {
    unlock();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    migrate: async () => {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        unlock();
      }
    },
  };
}

/** Rows of a raw `db.execute(sql…)`: both drivers answer with `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A JS array as ONE query parameter (drizzle would otherwise expand it into a list): `= any(${pgArray(xs)}::uuid[])`. */
export function pgArray<T>(values: readonly T[]) {
  return sql.param(values);
}

/**
 * Refreshes the planner's statistics. PostgreSQL's autovacuum does this by itself; PGlite has no
 * autovacuum, and without statistics a 50,000-person list takes a second instead of milliseconds.
 * Called after bulk writes (imports, the demo, opening a campaign) and by a periodic job.
 */
export async function analyze(db: Db, table?: string) {
  await db.execute(table ? sql`analyze ${sql.identifier(table)}` : sql`analyze`);
}
