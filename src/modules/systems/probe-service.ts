import { and, count, desc, eq, gt, ilike, sql } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { can, escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { probeJob } from './probe-jobs.js';
import {
  allowedPorts,
  HOST_KIND_INTERVAL_MINUTES,
  KIND_DEFAULT_PORT,
  probeTarget,
  TENANT_PROBES_PER_WINDOW,
} from './probe-rules.js';
import type { ProbeRequestBody, ProbeRunOut, ProbeRunsQuery } from './probe-validation.js';
import { isSystemResponsible } from './public.js';
import { systemHosts, systemProbeRuns, systems } from './schema.js';

// Probes of ledger hosts: only hosts in the ledger, opted in, on allowed ports; rate-limited per host
// and kind and per tenant; every request audited; the probe itself runs as a job (probe-jobs.ts).

/** The host with its system and owning unit, in the actor's tenant; hidden hosts are "not found". */
async function loadHost(ctx: ActorCtx, hostId: string, need: 'system.view' | 'system.manage') {
  const [row] = await ctx.db
    .select({ host: systemHosts, system: systems, unitPath: orgUnits.path })
    .from(systemHosts)
    .innerJoin(systems, eq(systems.id, systemHosts.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(eq(systemHosts.id, hostId), eq(systemHosts.tenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  const located = { tenantId: row.system.tenantId, unitPath: row.unitPath };
  const responsible = isSystemResponsible(ctx.actor, { ...row.system, tenantId: row.system.tenantId });
  const sees =
    responsible || can(ctx.actor, 'system.view', located) || can(ctx.actor, 'system.manage', located);
  if (!sees) throw new AppError('not_found');
  if (need === 'system.manage' && !responsible && !can(ctx.actor, 'system.manage', located)) {
    throw new AppError('forbidden');
  }
  return row;
}

function present(r: typeof systemProbeRuns.$inferSelect): ProbeRunOut {
  return {
    id: r.id,
    hostId: r.hostId,
    systemId: r.systemId,
    kind: r.kind,
    target: r.target,
    status: r.finishedAt === null ? 'running' : r.error === null ? 'done' : 'failed',
    result: r.result ?? null,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

export async function requestProbe(ctx: ActorCtx, hostId: string, body: ProbeRequestBody) {
  const { host, system } = await loadHost(ctx, hostId, 'system.manage');
  if (!host.probeOptIn) throw new AppError('probe_not_opted_in');
  const port = body.port ?? KIND_DEFAULT_PORT[body.kind];
  if (!allowedPorts(host).includes(port)) {
    throw new AppError('probe_port_not_allowed', { extra: { port, allowed: allowedPorts(host) } });
  }
  const target = probeTarget(body.kind, host, port);
  if (!target) throw new AppError('probe_no_target');

  return ctx.db.transaction(async (tx) => {
    // One request at a time per host, so that two at once cannot both pass the rate limit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`probe:${host.id}`}))`);
    const since = sql`now() - make_interval(mins => ${HOST_KIND_INTERVAL_MINUTES})`;
    const [recentHost] = await tx
      .select({ n: count() })
      .from(systemProbeRuns)
      .where(
        and(
          eq(systemProbeRuns.hostId, host.id),
          eq(systemProbeRuns.kind, body.kind),
          gt(systemProbeRuns.startedAt, since),
        ),
      );
    const [recentTenant] = await tx
      .select({ n: count() })
      .from(systemProbeRuns)
      .where(and(eq(systemProbeRuns.tenantId, host.tenantId), gt(systemProbeRuns.startedAt, since)));
    if ((recentHost?.n ?? 0) > 0 || (recentTenant?.n ?? 0) >= TENANT_PROBES_PER_WINDOW) {
      throw new AppError('probe_rate_limited', { extra: { retryAfterMinutes: HOST_KIND_INTERVAL_MINUTES } });
    }
    const [run] = await tx
      .insert(systemProbeRuns)
      .values({
        tenantId: host.tenantId,
        systemId: system.id,
        hostId: host.id,
        kind: body.kind,
        target: target.label,
        requestedBy: ctx.actor.accountId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'systems.probe_request',
      tenantId: host.tenantId,
      targetId: host.id,
      after: { runId: run!.id, kind: body.kind, target: target.label, systemId: system.id },
    });
    await enqueue(tx, probeJob, { runId: run!.id });
    return present(run!);
  });
}

export async function listProbeRuns(ctx: ActorCtx, hostId: string, q: ProbeRunsQuery) {
  const { host } = await loadHost(ctx, hostId, 'system.view');
  const where = and(
    eq(systemProbeRuns.hostId, host.id),
    eq(systemProbeRuns.tenantId, host.tenantId),
    q.kind ? eq(systemProbeRuns.kind, q.kind) : undefined,
    q.q ? ilike(systemProbeRuns.target, `%${escapeLike(q.q)}%`) : undefined,
  );
  const [total] = await ctx.db.select({ n: count() }).from(systemProbeRuns).where(where);
  const rows = await ctx.db
    .select()
    .from(systemProbeRuns)
    .where(where)
    .orderBy(desc(systemProbeRuns.startedAt), desc(systemProbeRuns.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(present), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
