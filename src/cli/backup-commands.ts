import type { Command } from 'commander';
import { chainLabel } from '../modules/audit/shards.js';
import { tenants } from '../modules/org/schema.js';
import { BackupError, restoreBackup, writeBackup } from '../server/backup.js';
import { boot } from '../server/boot.js';

// `mamoru backup` / `mamoru restore`: the whole database (every agency) as one gzip file, the same on the
// embedded database and PostgreSQL. Exit 2 with the reason when a file cannot be restored; 1 when the
// restored audit trail does not verify against the anchors taken with the backup.

export function registerBackupCommands(program: Command) {
  program
    .command('backup')
    .description(
      'Write a consistent snapshot of the whole database to FILE (gzip; PostgreSQL: while the app runs; embedded: stop the server first). Keep SECRET_KEY with it: the audit seals need it.',
    )
    .requiredOption('--out <file>', 'where to write the backup')
    .action(async (o: { out: string }) => {
      const booted = await boot();
      try {
        const started = Date.now();
        const r = await writeBackup(booted.database, o.out);
        const rows = r.tables.reduce((n, t) => n + t.rows, 0);
        console.log(
          `${o.out}: ${r.tables.length} tables, ${rows} rows, ${r.bytes} bytes, ${r.header.anchors.length} audit chain anchors (${Date.now() - started} ms)`,
        );
      } finally {
        await booted.database.close();
      }
    });
  program
    .command('restore')
    .description(
      'Load a backup written by `mamoru backup` into this database (same Mamoru version; empty unless --force), then verify the audit trail against the anchors taken with it',
    )
    .argument('<file>', 'the backup file')
    .option('--force', 'replace the data this database already holds')
    .action(async (file: string, o: { force?: boolean }) => {
      const booted = await boot();
      try {
        const r = await restoreBackup(booted.database, booted, file, { force: Boolean(o.force) });
        const rows = r.tables.reduce((n, t) => n + t.rows, 0);
        console.log(
          `${file}: restored ${r.tables.length} tables, ${rows} rows (backup of ${r.header.createdAt})`,
        );
        const codes = new Map((await booted.database.db.select().from(tenants)).map((t) => [t.id, t.code]));
        for (const c of r.verify.chains) {
          const bad = c.firstBreak || c.anchorMismatch;
          const name = chainLabel(c.chain, (id) => codes.get(id));
          if (bad) console.log(`BROKEN  audit chain ${name}: ${JSON.stringify(bad)}`);
        }
        console.log(
          r.verify.ok ? 'audit trail verified against the backup anchors' : 'AUDIT TRAIL DOES NOT VERIFY',
        );
        process.exitCode = r.verify.ok ? 0 : 1;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(`restore refused: ${err.message}`);
        process.exitCode = 2;
      } finally {
        await booted.database.close();
      }
    });
}
