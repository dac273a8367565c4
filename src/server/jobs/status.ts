import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../modules/audit/service.js';
import type { ActorCtx } from '../context.js';
import { AppError } from '../errors.js';
import { canTenantWide } from '../policy.js';
import { type JOB_STATUSES, type JobProgress, jobs } from './schema.js';

// Long work runs as jobs; the person who started it (and the agency's overseers) can watch it and,
// where the job allows it, stop it. Jobs of other agencies and the system's own jobs stay invisible.

type JobRow = typeof jobs.$inferSelect;
export type JobStatus = (typeof JOB_STATUSES)[number];

export function presentJob(row: JobRow) {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    progress: (row.progress as JobProgress | null) ?? null,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    cancellable: row.cancellable && (row.status === 'queued' || row.status === 'running'),
    cancelRequested: row.cancelRequestedAt !== null,
    /** Why the last attempt failed (shortened): the owner needs to know what to fix or whom to ask. */
    error: row.lastError ? row.lastError.slice(0, 300) : null,
  };
}
export type JobOut = ReturnType<typeof presentJob>;

/** Overseers of the agency see every job started in it: the holders of audit.read for the whole agency. */
const oversees = (ctx: ActorCtx) => canTenantWide(ctx.actor, 'audit.read');

async function visibleJob(ctx: ActorCtx, id: number): Promise<JobRow> {
  const [row] = await ctx.db.select().from(jobs).where(eq(jobs.id, id));
  const mine = row && row.tenantId === ctx.actor.tenantId;
  if (!row || !mine || (row.requestedBy !== ctx.actor.accountId && !oversees(ctx)))
    throw new AppError('not_found');
  return row;
}

export async function getJob(ctx: ActorCtx, id: number): Promise<JobOut> {
  return presentJob(await visibleJob(ctx, id));
}

export async function listJobs(
  ctx: ActorCtx,
  q: { scope: 'mine' | 'agency'; status?: JobStatus | undefined; page: number; pageSize: number },
) {
  if (q.scope === 'agency' && !oversees(ctx)) throw new AppError('forbidden');
  const conds: SQL[] = [eq(jobs.tenantId, ctx.actor.tenantId)];
  if (q.scope === 'mine') conds.push(eq(jobs.requestedBy, ctx.actor.accountId));
  if (q.status) conds.push(eq(jobs.status, q.status));
  const where = and(...conds);
  const [total] = await ctx.db.select({ n: count() }).from(jobs).where(where);
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(where)
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total: total?.n ?? 0, items: rows.map(presentJob) };
}

/**
 * Stops a cancellable job: a queued one at once, a running one at its next progress report (the
 * handler stops there, so nothing is left half-done). Only the person who started it, or an overseer.
 */
export async function cancelJob(ctx: ActorCtx, id: number): Promise<JobOut> {
  const row = await visibleJob(ctx, id);
  if (!row.cancellable || (row.status !== 'queued' && row.status !== 'running'))
    throw new AppError('invalid_state', {
      detail: {
        ja: 'この処理は取り消せません（取消不可、または既に終了しています）。',
        en: 'This job cannot be cancelled (not cancellable, or already finished).',
      },
    });
  return ctx.db.transaction(async (tx) => {
    const now = new Date();
    const [queued] = await tx
      .update(jobs)
      .set({ status: 'cancelled', cancelRequestedAt: now, finishedAt: now })
      .where(and(eq(jobs.id, id), eq(jobs.status, 'queued')))
      .returning();
    const [after] = queued
      ? [queued]
      : await tx
          .update(jobs)
          .set({ cancelRequestedAt: now })
          .where(and(eq(jobs.id, id), eq(jobs.status, 'running')))
          .returning();
    if (!after) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'job.cancel',
      tenantId: ctx.actor.tenantId,
      targetId: String(id),
      before: { status: row.status },
      after: { status: after.status, name: row.name },
    });
    return presentJob(after);
  });
}
