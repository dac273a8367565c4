// Backup and restore of the whole database, the same on PGlite and PostgreSQL (issue #13.6).
//
// A backup is one gzip file of lines: a `#mamoru-backup` header (format, migrations, the audit chains'
// anchors), then per table a `#table` line followed by one JSON object per row (row_to_json), and a
// `#end` line with every table's row count. It is read in one REPEATABLE READ, READ ONLY transaction,
// so it is a consistent snapshot while the app keeps running (PostgreSQL; the embedded database is held
// by one process, so the server is stopped first). A restore refuses a truncated file, a backup of
// another schema version and (without --force) a database that already holds data; it loads every row
// in one transaction and then verifies the audit trail against the anchors taken with the backup.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Db } from '../db/client.js';
import {
  type AnchorPoint,
  auditAnchor,
  type VerifyResult,
  verifyAuditTrail,
} from '../modules/audit/service.js';
import type { Ctx } from './context.js';

const FORMAT = 'mamoru-backup';
const VERSION = 1;
const FETCH = 2000;
const INSERT_BATCH = 1000;

export interface BackupHeader {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  database: Database['kind'];
  /** Applied migrations (count and the newest one's hash): a restore needs the same schema. */
  migrations: { count: number; last: string | null };
  anchors: AnchorPoint[];
}

export interface TableCount {
  table: string;
  rows: number;
}

export class BackupError extends Error {}

type Row = Record<string, unknown>;
const rowsOf = (r: unknown): Row[] => (r as { rows: Row[] }).rows;
const ident = (name: string) => sql.raw(`"${name.replaceAll('"', '""')}"`);

async function userTables(db: Db): Promise<string[]> {
  const r = await db.execute(sql`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
  return rowsOf(r).map((x) => String(x.name));
}

async function migrationState(db: Db): Promise<BackupHeader['migrations']> {
  const exists = rowsOf(
    await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`),
  )[0]?.ok;
  if (!exists) return { count: 0, last: null };
  const [row] = rowsOf(
    await db.execute(sql`
      select count(*)::int as count,
        (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as last
      from drizzle.__drizzle_migrations`),
  );
  return { count: Number(row?.count ?? 0), last: (row?.last as string | null) ?? null };
}

/** Writes a consistent snapshot of every table to `file` (gzip). */
export async function writeBackup(
  database: Database,
  file: string,
): Promise<{ header: BackupHeader; tables: TableCount[]; bytes: number }> {
  const gzip = createGzip();
  const done = pipeline(gzip, fs.createWriteStream(file, { mode: 0o600 }));
  // events.once rejects on 'error' and removes its listeners either way.
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const result = await database.db.transaction(
    async (tx) => {
      const header: BackupHeader = {
        format: FORMAT,
        version: VERSION,
        createdAt: new Date().toISOString(),
        database: database.kind,
        migrations: await migrationState(tx),
        anchors: await auditAnchor(tx),
      };
      await write(`#${FORMAT} ${JSON.stringify(header)}`);
      const hash = createHash('sha256');
      const tables: TableCount[] = [];
      for (const table of await userTables(tx)) {
        await write(`#table ${JSON.stringify({ table })}`);
        await tx.execute(sql`declare mamoru_backup no scroll cursor for
          select row_to_json(t)::text as j from ${ident(table)} t`);
        let rows = 0;
        for (;;) {
          const batch = rowsOf(await tx.execute(sql.raw(`fetch forward ${FETCH} from mamoru_backup`)));
          for (const r of batch) {
            const line = String(r.j);
            hash.update(line);
            await write(line);
          }
          rows += batch.length;
          if (batch.length < FETCH) break;
        }
        await tx.execute(sql`close mamoru_backup`);
        tables.push({ table, rows });
      }
      await write(`#end ${JSON.stringify({ tables, sha256: hash.digest('hex') })}`);
      return { header, tables };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  gzip.end();
  await done;
  return { ...result, bytes: fs.statSync(file).size };
}

interface Parsed {
  header: BackupHeader;
  /** Called per table with its rows in batches. */
  tables: TableCount[];
}

/** Reads a backup file, handing rows to `onRows` in batches; checks the footer's counts and checksum. */
async function readBackup(
  file: string,
  onHeader: (h: BackupHeader) => Promise<void>,
  onRows: (table: string, rows: string[]) => Promise<void>,
): Promise<Parsed> {
  if (!fs.existsSync(file)) throw new BackupError(`${file}: no such file`);
  const lines = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header: BackupHeader | null = null;
  let table: string | null = null;
  let pending: string[] = [];
  const seen: TableCount[] = [];
  const hash = createHash('sha256');
  let footer: { tables: TableCount[]; sha256: string } | null = null;
  // Errors of the callbacks (the database) pass through as they are; only reading errors are relabelled.
  let callbackFailed = false;
  const call = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      callbackFailed = true;
      throw err;
    }
  };
  const flush = async () => {
    const t = table;
    const batch = pending;
    pending = [];
    if (t && batch.length) await call(() => onRows(t, batch));
  };
  try {
    for await (const line of lines) {
      if (!header) {
        if (!line.startsWith(`#${FORMAT} `)) throw new BackupError('not a Mamoru backup file');
        header = JSON.parse(line.slice(FORMAT.length + 2)) as BackupHeader;
        if (header.version !== VERSION)
          throw new BackupError(`backup format version ${header.version} is not supported`);
        const h = header;
        await call(() => onHeader(h));
      } else if (footer) {
        throw new BackupError('data after the end of the backup');
      } else if (line.startsWith('#table ')) {
        await flush();
        table = (JSON.parse(line.slice(7)) as { table: string }).table;
        seen.push({ table, rows: 0 });
      } else if (line.startsWith('#end ')) {
        await flush();
        footer = JSON.parse(line.slice(5)) as { tables: TableCount[]; sha256: string };
      } else {
        if (!table) throw new BackupError('a row before any table');
        hash.update(line);
        pending.push(line);
        seen[seen.length - 1]!.rows++;
        if (pending.length >= INSERT_BATCH) await flush();
      }
    }
  } catch (err) {
    if (err instanceof BackupError || callbackFailed) throw err;
    if (err instanceof SyntaxError) throw new BackupError(`the backup is damaged: ${err.message}`);
    // zlib: unexpected end of file and the like.
    throw new BackupError(`the backup cannot be read: ${(err as Error).message}`);
  }
  if (!header) throw new BackupError('the file is empty');
  if (!footer) throw new BackupError('the backup is incomplete (no end marker): it was cut off');
  if (footer.sha256 !== hash.digest('hex'))
    throw new BackupError('the backup is damaged (checksum mismatch)');
  if (JSON.stringify(footer.tables) !== JSON.stringify(seen))
    throw new BackupError('the backup is damaged (row counts differ from its end marker)');
  return { header, tables: seen };
}

/**
 * Loads a backup into `database` (migrated to the same schema first). Without `force` the database must
 * hold no data; with it, every table is emptied first. Everything happens in one transaction: a failure
 * leaves the database as it was. Needs a role that may set session_replication_role (the embedded
 * database, or a PostgreSQL superuser / a role granted SET on that parameter), so foreign keys and the
 * audit trail's append-only trigger do not fire while rows are loaded in table order.
 */
export async function restoreBackup(
  database: Database,
  ctx: Pick<Ctx, 'env'>,
  file: string,
  opts: { force?: boolean } = {},
): Promise<{ header: BackupHeader; tables: TableCount[]; verify: VerifyResult }> {
  // A cheap first pass rejects a damaged or cut-off file before anything is touched.
  await readBackup(
    file,
    async () => {},
    async () => {},
  );
  const parsed = await database.db.transaction(async (tx) => {
    const tables = await userTables(tx);
    const known = new Set(tables);
    return readBackup(
      file,
      async (header) => {
        const mine = await migrationState(tx);
        if (header.migrations.count !== mine.count || header.migrations.last !== mine.last) {
          throw new BackupError(
            `the backup was made with schema version ${header.migrations.count} and this Mamoru has ${mine.count}: ` +
              'restore it with the version that made it, then upgrade',
          );
        }
        const [{ n } = { n: 0 }] = rowsOf(await tx.execute(sql`select count(*)::int as n from tenants`)) as {
          n: number;
        }[];
        if (Number(n) > 0 && !opts.force)
          throw new BackupError(
            'the database already holds data: restore into an empty one, or pass --force to replace it',
          );
        await tx.execute(sql`set local session_replication_role = replica`);
        // Even a database without agencies holds what start-up installs (the shipped catalog): the backup has
        // its own copy, so every table is emptied first.
        await tx.execute(sql.raw(`truncate ${tables.map((t) => `"${t}"`).join(', ')}`));
      },
      async (table, rows) => {
        if (!known.has(table)) throw new BackupError(`the backup has a table this schema lacks: ${table}`);
        await tx.execute(
          sql`insert into ${ident(table)} overriding system value
            select * from json_populate_recordset(null::${ident(table)}, ${`[${rows.join(',')}]`}::json)`,
        );
      },
    );
  });
  await resetSequences(database.db);
  const verify = await verifyAuditTrail(
    { db: database.db, env: ctx.env },
    { anchors: parsed.header.anchors },
  );
  return { ...parsed, verify };
}

/** Serial columns continue after the restored rows. */
async function resetSequences(db: Db) {
  // The sequences owned by public tables' columns, from the catalog (a WHERE on information_schema may
  // evaluate pg_get_serial_sequence on other schemas' tables first, and fail).
  const seqs = rowsOf(
    await db.execute(sql`
      select tbl.relname as t, att.attname as c, seq.oid::regclass::text as s
      from pg_class seq
        join pg_depend d on d.objid = seq.oid and d.classid = 'pg_class'::regclass and d.deptype in ('a', 'i')
        join pg_class tbl on tbl.oid = d.refobjid
        join pg_attribute att on att.attrelid = tbl.oid and att.attnum = d.refobjsubid
        join pg_namespace n on n.oid = tbl.relnamespace
      where seq.relkind = 'S' and n.nspname = 'public'`),
  );
  for (const { t, c, s } of seqs) {
    await db.execute(
      sql`select setval(${String(s)}, coalesce((select max(${ident(String(c))}) from ${ident(String(t))}), 1),
        (select count(*) > 0 from ${ident(String(t))}))`,
    );
  }
}
