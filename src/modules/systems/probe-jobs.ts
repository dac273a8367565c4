import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../server/context.js';
import { type AnyJob, defineJob } from '../../server/jobs/queue.js';
import { recordAudit } from '../audit/service.js';
import { UnreachableError } from './probe/exchange.js';
import { probeHttp } from './probe/http.js';
import { probeMail } from './probe/mail.js';
import { probeTls } from './probe/tls.js';
import { allowedPorts, mxIsLedgerHost, probeTarget } from './probe-rules.js';
import { systemHosts, systemProbeRuns } from './schema.js';

/**
 * Where probes look things up: DNS servers for mail domains ("host:port"; default the system's, or
 * MAMORU_PROBE_DNS), the SMTP port of an MX, and the per-connection timeout. Tests point these at
 * their local servers.
 */
export const probeSettings: { dns: string[] | undefined; smtpPort: number; timeoutMs: number } = {
  dns: process.env.MAMORU_PROBE_DNS ? process.env.MAMORU_PROBE_DNS.split(',') : undefined,
  smtpPort: 25,
  timeoutMs: 5000,
};

/** Runs one requested probe; the target is read again from the ledger row, never from the request. */
async function runProbe(ctx: Ctx, runId: string) {
  const [row] = await ctx.db
    .select({ run: systemProbeRuns, host: systemHosts })
    .from(systemProbeRuns)
    .innerJoin(systemHosts, eq(systemHosts.id, systemProbeRuns.hostId))
    .where(eq(systemProbeRuns.id, runId));
  if (!row || row.run.finishedAt) return; // gone, or already done (a retried job)
  const { run, host } = row;
  const port = run.kind === 'mail' ? 25 : Number(run.target.slice(run.target.lastIndexOf(':') + 1));
  const target = probeTarget(run.kind, host, port);
  let result: unknown = null;
  let error: string | null = null;
  // The ledger may have changed since the request: opt-in withdrawn or the port removed stops it.
  if (!host.probeOptIn) error = 'probe_not_opted_in';
  else if (run.kind !== 'mail' && !allowedPorts(host).includes(port)) error = 'probe_port_not_allowed';
  else if (!target) error = 'probe_no_target';
  else {
    try {
      const timeoutMs = probeSettings.timeoutMs;
      if (run.kind === 'tls') {
        result = await probeTls({ host: target.connect, port, servername: target.name, timeoutMs });
      } else if (run.kind === 'http') {
        const allowed = allowedPorts(host);
        result = await probeHttp({
          url: `http://${target.connect.includes(':') ? `[${target.connect}]` : target.connect}:${port}/`,
          httpsPort: allowed.includes(443) ? 443 : allowed.find((p) => p !== port),
          timeoutMs,
        });
      } else {
        result = await probeMail({
          domain: target.name,
          dns: probeSettings.dns,
          smtpPort: probeSettings.smtpPort,
          starttls: (mx) => mxIsLedgerHost(mx, host),
          mxAddress: (mx) => (mxIsLedgerHost(mx, host) ? (host.addresses[0] ?? mx) : mx),
          timeoutMs,
        });
      }
    } catch (err) {
      if (!(err instanceof UnreachableError)) throw err;
      error = `unreachable: ${err.message}`;
    }
  }
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(systemProbeRuns)
      .set({ result, error, finishedAt: new Date() })
      .where(and(eq(systemProbeRuns.id, run.id), isNull(systemProbeRuns.finishedAt)))
      .returning({ id: systemProbeRuns.id });
    if (done.length === 0) return;
    await recordAudit(tx, ctx, {
      action: 'systems.probe_complete',
      tenantId: run.tenantId,
      targetId: host.id,
      actorLabel: 'system',
      after: { runId: run.id, kind: run.kind, target: run.target, ok: error === null, error },
    });
  });
}

export const probeJob = defineJob({
  name: 'systems.probe',
  payload: z.object({ runId: z.uuid() }),
  maxAttempts: 2,
  handler: (ctx, p) => runProbe(ctx, p.runId),
});

/** This part's background jobs (listed in server/jobs/registry.ts). */
export const PROBE_JOBS: AnyJob[] = [probeJob as AnyJob];
