import type { Command } from 'commander';
import { startReportListener } from '../modules/drills/inbound.js';
import { buildApp } from '../server/app.js';
import { boot } from '../server/boot.js';
import { systemCtx } from '../server/context.js';
import { Worker } from '../server/jobs/queue.js';
import { JOBS, RECURRING } from '../server/jobs/registry.js';

export async function serve(booted: Awaited<ReturnType<typeof boot>>) {
  const app = await buildApp({ db: booted.database.db, config: booted.config, env: booted.env });
  // Every instance runs a worker; SKIP LOCKED and leases keep them from doing a job twice.
  const worker = booted.config.jobs
    ? new Worker(systemCtx(booted.database.db, booted.config, booted.env), JOBS, RECURRING, {
        log: app.log.child({ component: 'jobs' }),
      })
    : null;
  worker?.start();
  // The drills' report mailbox, when MAMORU_REPORT_SMTP_PORT is set: forwarded lures, replies, bounces.
  const reports =
    booted.config.drills.reportSmtpPort !== undefined
      ? await startReportListener(
          systemCtx(booted.database.db, booted.config, booted.env),
          booted.config.drills.reportSmtpPort,
          booted.config.drills.reportSmtpHost,
          booted.config.drills.incidentAddress
            ? { incidentAddress: booted.config.drills.incidentAddress }
            : {},
        )
      : null;
  // Stop taking jobs and let the running one finish (up to 25 s, within a usual 30 s SIGTERM grace);
  // a job still running then is queued again for the next instance.
  const shutdown = async () => {
    await reports?.close();
    await Promise.all([worker?.stop(25_000), app.close()]);
    await booted.database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ port: booted.config.port, host: booted.config.host });
  return app;
}

export function registerServeCommands(program: Command) {
  program
    .command('serve')
    .description('Start the web server (applies pending migrations first)')
    .action(async () => {
      await serve(await boot());
    });

  program
    .command('migrate')
    .description('Apply pending database migrations and exit')
    .action(async () => {
      const booted = await boot();
      console.log(`Migrations applied (${booted.database.kind}).`);
      await booted.database.close();
    });
}
