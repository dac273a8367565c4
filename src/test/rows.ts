import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../db/client.js';

// "Nothing was written", checked cheaply: the next transaction id moves only when a transaction
// wrote, and then the row count of every table (one query) says what changed.

export async function nextXid(db: Db): Promise<string> {
  const [row] = rowsOf<{ x: string }>(
    await db.execute(sql`select pg_snapshot_xmax(pg_current_snapshot())::text as x`),
  );
  return row!.x;
}

export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select table_name as name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    ),
  ).map((r) => r.name);
  const parts = tables.map((name) => `select '${name}' as name, count(*)::int as n from "${name}"`);
  const rows = rowsOf<{ name: string; n: number }>(await db.execute(sql.raw(parts.join(' union all '))));
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/**
 * Counted for every request, refused or not, by design: a rate limit that ignored refused requests
 * would let a client hammer a route with bad input. Not data a request "writes".
 */
const BOOKKEEPING = new Set(['rate_limit_hits']);

/** Tables whose row count differs, as "table before→after". */
export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((k) => !BOOKKEEPING.has(k) && after[k] !== before[k])
    .map((k) => `${k} ${before[k]}→${after[k]}`);
}

/** Remembers the database's state; `changes()` lists the tables whose row count moved since. */
export async function rowWatch(db: Db) {
  let xid = await nextXid(db);
  let rows = await rowCounts(db);
  return {
    async changes(): Promise<string[]> {
      const now = await nextXid(db);
      if (now === xid) return [];
      const after = await rowCounts(db);
      const diff = changedTables(rows, after);
      rows = after;
      xid = await nextXid(db);
      return diff;
    },
  };
}
