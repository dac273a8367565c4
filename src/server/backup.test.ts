import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { generateDemo } from '../modules/demo/generate.js';
import { seedDemo } from '../modules/demo/seed.js';
import { buildTestApp, type TestApp } from '../test/app.js';
import { createTestDatabase } from '../test/db.js';
import { BackupError, restoreBackup, writeBackup } from './backup.js';

// Backup and restore round-trip the demo on the database the suite runs on (issue #13.6).

let source: TestApp;
let target: Database;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mamoru-backup-'));
const file = path.join(dir, 'demo.backup.gz');

/** Every table's row count and a digest of its rows, to compare two databases. */
async function fingerprint(db: Database['db']) {
  const tables = (
    (await db.execute(sql`select table_name as t from information_schema.tables
      where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)) as unknown as {
      rows: { t: string }[];
    }
  ).rows.map((r) => r.t);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const r = (await db.execute(
      sql.raw(
        `select count(*)::int as n, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from "${t}" x`,
      ),
    )) as unknown as { rows: { n: number; h: string }[] };
    out[t] = `${r.rows[0]!.n}:${r.rows[0]!.h}`;
  }
  return out;
}

beforeAll(async () => {
  source = await buildTestApp();
  await seedDemo(source.sys, {
    plan: generateDemo({ staff: 200, seed: 3 }),
    password: 'backup-test-password',
  });
  target = await createTestDatabase();
}, 300_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('round-trips the demo: every table identical, sequences continue, the audit trail verifies', async () => {
    const written = await writeBackup(source.database, file);
    expect(written.tables.find((t) => t.table === 'people')?.rows).toBeGreaterThanOrEqual(200);
    expect(written.header.anchors.length).toBeGreaterThan(0);

    const restored = await restoreBackup(target, source, file);
    expect(restored.verify.ok).toBe(true);
    expect(await fingerprint(target.db)).toEqual(await fingerprint(source.database.db));
    // A serial column continues after the restored rows instead of colliding with them.
    const next = (await target.db.execute(
      sql`select nextval(pg_get_serial_sequence('audit_events', 'id'))::bigint as n, (select max(id) from audit_events) as m`,
    )) as unknown as { rows: { n: string; m: string }[] };
    expect(Number(next.rows[0]!.n)).toBeGreaterThan(Number(next.rows[0]!.m));
  }, 300_000);

  it('refuses a database that holds data unless forced', async () => {
    await expect(restoreBackup(target, source, file)).rejects.toThrow(/already holds data/);
    const again = await restoreBackup(target, source, file, { force: true });
    expect(again.verify.ok).toBe(true);
  }, 300_000);

  it('refuses a cut-off or damaged file and leaves the database as it was', async () => {
    const before = await fingerprint(target.db);
    const whole = fs.readFileSync(file);
    const cut = path.join(dir, 'cut.gz');
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(restoreBackup(target, source, cut, { force: true })).rejects.toBeInstanceOf(BackupError);
    const text = gunzipSync(whole).toString('utf8').split('\n');
    const edited = path.join(dir, 'edited.gz');
    const i = text.findIndex((l) => l.startsWith('{'));
    text[i] = text[i]!.replace(/"/, '"x');
    fs.writeFileSync(edited, gzipSync(text.join('\n')));
    await expect(restoreBackup(target, source, edited, { force: true })).rejects.toThrow(/damaged/);
    expect(await fingerprint(target.db)).toEqual(before);
  }, 300_000);

  it('detects newest audit events removed from a consistently rewritten backup (the anchors)', async () => {
    const lines = gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n').filter(Boolean);
    const start = lines.indexOf('#table {"table":"audit_events"}');
    let end = start + 1;
    while (end < lines.length && !lines[end]!.startsWith('#')) end++;
    const events = lines.slice(start + 1, end).map((l) => JSON.parse(l) as { seq: number; chain: string });
    const newest = events.reduce((a, b) => (b.seq > a.seq ? b : a));
    const kept = lines.filter(
      (l, k) =>
        !(k > start && k < end && JSON.parse(l).seq === newest.seq && JSON.parse(l).chain === newest.chain),
    );
    // Rewrite the end marker so counts and checksum match: only the anchors can tell.
    const hash = createHash('sha256');
    const counts: { table: string; rows: number }[] = [];
    for (const l of kept.slice(1, -1)) {
      if (l.startsWith('#table ')) counts.push({ table: JSON.parse(l.slice(7)).table, rows: 0 });
      else {
        hash.update(l);
        counts[counts.length - 1]!.rows++;
      }
    }
    kept[kept.length - 1] = `#end ${JSON.stringify({ tables: counts, sha256: hash.digest('hex') })}`;
    const forged = path.join(dir, 'forged.gz');
    fs.writeFileSync(forged, gzipSync(`${kept.join('\n')}\n`));
    const r = await restoreBackup(target, source, forged, { force: true });
    expect(r.verify.ok).toBe(false);
    expect(r.verify.chains.find((c) => c.chain === newest.chain)?.anchorMismatch?.found).toBeNull();
  }, 300_000);
});
