import { hostname } from 'node:os';
import { Cron } from 'croner';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, rowsOf } from '../../db/client.js';
import { TIME_ZONE } from '../../lib/dates.js';
import type { Ctx } from '../context.js';
import { type JobProgress, jobs, recurringJobs } from './schema.js';

/**
 * A durable job queue in the application's own database (PGlite or PostgreSQL), so it needs no
 * other service: a job is a row; workers claim rows with FOR UPDATE SKIP LOCKED and a lease, and a
 * job whose worker died is claimed again when its lease runs out. Handlers must be idempotent.
 * (pg-boss would need a PostgreSQL server and cannot run on PGlite, the default database.)
 *
 * Each claim bumps the row's fencing token (`claim`): renewal, progress, completion and failure only
 * apply while the token is unchanged, so a worker that lost its lease is told so (JobLeaseLost, an
 * aborted `job.signal`) and cannot mark the job done or failed over the worker that took it over.
 */
export interface JobDefinition<P> {
  name: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  /** How long a worker may hold the job without renewing before another may take it over (default 300). */
  leaseSeconds?: number;
  handler: (ctx: Ctx, payload: P, job: JobHandle) => Promise<void>;
}

export interface JobHandle {
  id: number;
  attempt: number;
  /** This claim's fencing token. */
  claim: number;
  /** Aborted when the lease is lost or the worker gives up on stopping: start no new side effect. */
  signal: AbortSignal;
  /**
   * Records progress; throws JobLeaseLost when another worker owns the job now, and JobCancelled when
   * someone asked a cancellable job to stop (the handler lets it propagate: nothing more is done).
   */
  progress(p: JobProgress): Promise<void>;
  /** Extends the lease by the definition's leaseSeconds; throws JobLeaseLost when it was lost. */
  renew(): Promise<void>;
  /** True while this claim still owns the job (checks the database). */
  stillOwned(): Promise<boolean>;
}

/** The job was claimed again by another worker (this one's lease ran out): stop, record nothing. */
export class JobLeaseLost extends Error {
  constructor(
    readonly jobId: number,
    readonly claim: number,
  ) {
    super(`job ${jobId}: lease lost (claim ${claim} is no longer current)`);
    this.name = 'JobLeaseLost';
  }
}

/** Someone asked this cancellable job to stop; thrown by JobHandle.progress, recorded as 'cancelled'. */
export class JobCancelled extends Error {
  constructor(readonly jobId: number) {
    super(`job ${jobId}: cancelled on request`);
    this.name = 'JobCancelled';
  }
}

/** A handle for running a handler outside a worker (tests, one-off calls): backed by no row, never lost. */
export function detachedJob(id = 0, attempt = 1): JobHandle {
  return {
    id,
    attempt,
    claim: 0,
    signal: new AbortController().signal,
    progress: async () => {},
    renew: async () => {},
    stillOwned: async () => true,
  };
}

/** Any job definition, whatever its payload (for lists of jobs). */
export interface AnyJob {
  name: string;
  payload: z.ZodType<unknown>;
  maxAttempts?: number;
  leaseSeconds?: number;
  handler: (ctx: Ctx, payload: never, job: JobHandle) => Promise<void>;
}

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

export interface EnqueueOptions {
  runAt?: Date;
  /** At most one queued or running job per key. */
  singletonKey?: string;
  maxAttempts?: number;
  /** Who the work is for: they can watch it through GET /api/v1/jobs/{id}. */
  owner?: { tenantId: string; accountId: string | null };
  /** The handler reports progress and may stop at any report without leaving half-done work. */
  cancellable?: boolean;
}

/** Adds a job; returns its id, or null when a job with the same singleton key is already waiting. */
export async function enqueue<P>(
  db: Db,
  def: JobDefinition<P>,
  payload: P,
  opts: EnqueueOptions = {},
): Promise<number | null> {
  const parsed = def.payload.parse(payload);
  const rows = await db
    .insert(jobs)
    .values({
      name: def.name,
      payload: parsed as object,
      runAt: opts.runAt ?? new Date(),
      singletonKey: opts.singletonKey ?? null,
      maxAttempts: opts.maxAttempts ?? def.maxAttempts ?? 5,
      tenantId: opts.owner?.tenantId ?? null,
      requestedBy: opts.owner?.accountId ?? null,
      cancellable: opts.cancellable ?? false,
    })
    .onConflictDoNothing({ target: jobs.singletonKey, where: sql`status in ('queued', 'running')` })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/** Retry after 10 s, 40 s, 90 s, … (capped at an hour). */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * attempt * attempt);
}

export const DEFAULT_LEASE_SECONDS = 300;

/** The next time a cron expression fires after `from`, read on the Japanese clock ("0 9 * * *" = 09:00 JST). */
export function nextCronRun(cron: string, from: Date): Date {
  const next = new Cron(cron, { timezone: TIME_ZONE, paused: true }).nextRun(from);
  if (!next) throw new RangeError(`cron expression never fires: ${cron}`);
  return next;
}

export interface Recurring {
  def: JobDefinition<Record<string, never>>;
  /** When to run, as a cron expression on the Japanese clock: '0 9 * * *' = daily at 09:00 JST. */
  cron: string;
}

/** The subset of the app's (pino) logger the worker writes to. */
export interface JobLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
const silent: JobLogger = { info() {}, warn() {}, error() {} };

export interface WorkerOptions {
  pollMs?: number;
  /** The app logger (serve passes Fastify's); failures are also kept on the job row. */
  log?: JobLogger;
  /** How often a running job's lease is renewed, as a fraction of its lease (default a third). */
  heartbeatFraction?: number;
}

/** A job this worker has claimed and not yet run. */
export interface ClaimedJob {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  claim: number;
}

export type RunOutcome = 'done' | 'retry' | 'failed' | 'lost' | 'cancelled';

export class Worker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private current: { promise: Promise<RunOutcome>; abort: AbortController; job: ClaimedJob } | null = null;
  private readonly defs: Map<string, AnyJob>;
  private readonly log: JobLogger;
  private readonly pollMs: number;
  private readonly heartbeatFraction: number;
  readonly id = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly ctx: Ctx,
    defs: AnyJob[],
    private readonly recurring: Recurring[] = [],
    opts: WorkerOptions = {},
  ) {
    this.defs = new Map(defs.map((d) => [d.name, d]));
    this.log = opts.log ?? silent;
    this.pollMs = opts.pollMs ?? 1000;
    this.heartbeatFraction = opts.heartbeatFraction ?? 1 / 3;
    for (const r of recurring) nextCronRun(r.cron, new Date()); // a bad expression fails at start
  }

  start() {
    const tick = async () => {
      if (!this.running) return;
      try {
        await this.scheduleDue();
        while (this.running && (await this.runOne())) {}
      } catch (err) {
        this.log.error({ err: errorText(err), worker: this.id }, 'job worker: polling failed');
      }
    };
    const loop = () => {
      this.loop = tick().finally(() => {
        if (this.running) this.timer = setTimeout(loop, this.pollMs);
      });
    };
    this.running = true;
    this.timer = setTimeout(loop, 0);
  }

  /**
   * Stops polling and waits for the running job to finish. After `timeoutMs` the job is released
   * (its fencing token bumped, so the abandoned handler can record nothing) and queued again.
   */
  async stop(timeoutMs = 30_000): Promise<{ released: number | null }> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.allSettled([this.loop, this.current?.promise]).then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    const current = this.current;
    if (!timedOut || !current) return { released: null };
    current.abort.abort(new Error('worker stopping'));
    const { id, claim } = current.job;
    await this.ctx.db
      .update(jobs)
      .set({
        status: 'queued',
        leaseUntil: null,
        claimedBy: null,
        runAt: new Date(),
        claim: sql`${jobs.claim} + 1`,
      })
      .where(and(eq(jobs.id, id), eq(jobs.claim, claim), eq(jobs.status, 'running')));
    this.log.warn(
      { job: current.job.name, jobId: id, timeoutMs },
      'job worker: stopped before the job ended; queued again',
    );
    return { released: id };
  }

  /** Enqueues each recurring job whose time has come; the conditional UPDATE makes one instance win. */
  async scheduleDue(now = new Date()) {
    for (const r of this.recurring) {
      const next = nextCronRun(r.cron, now);
      // New rows, and rows from interval schedules or an older expression, start at the next cron time.
      await this.ctx.db
        .insert(recurringJobs)
        .values({ name: r.def.name, cron: r.cron, nextRunAt: next })
        .onConflictDoUpdate({
          target: recurringJobs.name,
          set: { cron: r.cron, everySeconds: null, nextRunAt: next },
          setWhere: sql`${recurringJobs.cron} is distinct from ${r.cron}`,
        });
      const won = await this.ctx.db
        .update(recurringJobs)
        .set({ nextRunAt: next })
        .where(and(eq(recurringJobs.name, r.def.name), sql`${recurringJobs.nextRunAt} <= ${now}`))
        .returning();
      if (won.length) await enqueue(this.ctx.db, r.def, {}, { singletonKey: `recurring:${r.def.name}` });
    }
  }

  /** Claims one due job (a new one, or one whose lease ran out) and bumps its fencing token. */
  async claim(): Promise<ClaimedJob | null> {
    const names = [...this.defs.keys()];
    if (names.length === 0) return null;
    const leases = sql.join(
      [...this.defs.values()].map(
        (d) => sql`when ${d.name} then ${d.leaseSeconds ?? DEFAULT_LEASE_SECONDS}::int`,
      ),
      sql` `,
    );
    const claimed = await this.ctx.db.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1, claim = claim + 1,
        claimed_by = ${this.id},
        lease_until = now() + make_interval(secs => case name ${leases} else ${DEFAULT_LEASE_SECONDS}::int end)
      where id = (
        select id from jobs
        where name in (${sql.join(
          names.map((n) => sql`${n}`),
          sql`, `,
        )})
          and ((status = 'queued' and run_at <= now()) or (status = 'running' and lease_until < now()))
        order by run_at, id
        limit 1
        for update skip locked)
      returning id, name, payload, attempts, max_attempts, claim`);
    const [row] = rowsOf<{
      id: number | string;
      name: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
      claim: number;
    }>(claimed);
    if (!row) return null;
    return {
      id: Number(row.id),
      name: row.name,
      payload: row.payload,
      attempts: row.attempts,
      maxAttempts: row.max_attempts,
      claim: row.claim,
    };
  }

  /** Runs a claimed job to its end, renewing its lease meanwhile; the outcome is recorded only if still owned. */
  run(job: ClaimedJob): Promise<RunOutcome> {
    const abort = new AbortController();
    const promise = this.execute(job, abort);
    this.current = { promise, abort, job };
    return promise.finally(() => {
      if (this.current?.promise === promise) this.current = null;
    });
  }

  private async execute(job: ClaimedJob, abort: AbortController): Promise<RunOutcome> {
    const def = this.defs.get(job.name)!;
    const db = this.ctx.db;
    const leaseSeconds = def.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    const mine = and(eq(jobs.id, job.id), eq(jobs.claim, job.claim), eq(jobs.status, 'running'));
    const lost = () => {
      const err = new JobLeaseLost(job.id, job.claim);
      if (!abort.signal.aborted) abort.abort(err);
      return err;
    };
    const handle: JobHandle = {
      id: job.id,
      attempt: job.attempts,
      claim: job.claim,
      signal: abort.signal,
      progress: async (p) => {
        const r = await db
          .update(jobs)
          .set({ progress: p })
          .where(mine)
          .returning({ cancellable: jobs.cancellable, cancelAt: jobs.cancelRequestedAt });
        if (r.length === 0) throw lost();
        if (r[0]!.cancellable && r[0]!.cancelAt) throw new JobCancelled(job.id);
      },
      renew: async () => {
        const r = await db
          .update(jobs)
          .set({ leaseUntil: sql`now() + make_interval(secs => ${leaseSeconds}::int)` })
          .where(mine)
          .returning({ id: jobs.id });
        if (r.length === 0) throw lost();
      },
      stillOwned: async () => {
        const r = await db.select({ id: jobs.id }).from(jobs).where(mine);
        if (r.length === 0) lost();
        return r.length > 0 && !abort.signal.aborted;
      },
    };
    // Heartbeat: renew well before the lease runs out, however long the handler takes.
    const heartbeat = setInterval(
      () => {
        handle.renew().catch((err) => {
          if (!(err instanceof JobLeaseLost))
            this.log.warn({ job: job.name, jobId: job.id, err: errorText(err) }, 'job lease renewal failed');
        });
      },
      Math.max(200, leaseSeconds * 1000 * this.heartbeatFraction),
    );
    heartbeat.unref();
    try {
      const run = def.handler as (ctx: Ctx, payload: unknown, job: JobHandle) => Promise<void>;
      await run(this.ctx, def.payload.parse(job.payload), handle);
      clearInterval(heartbeat);
      const done = await db
        .update(jobs)
        .set({ status: 'done', finishedAt: new Date(), leaseUntil: null })
        .where(mine)
        .returning({ id: jobs.id });
      if (done.length === 0) return this.refused(job, 'done');
      return 'done';
    } catch (err) {
      clearInterval(heartbeat);
      if (err instanceof JobLeaseLost || abort.signal.aborted) return this.refused(job, 'failed', err);
      if (err instanceof JobCancelled) {
        const stopped = await db
          .update(jobs)
          .set({ status: 'cancelled', finishedAt: new Date(), leaseUntil: null })
          .where(mine)
          .returning({ id: jobs.id });
        return stopped.length === 0 ? this.refused(job, 'cancelled', err) : 'cancelled';
      }
      const message = errorText(err);
      const final = job.attempts >= job.maxAttempts;
      const failed = await db
        .update(jobs)
        .set({
          status: final ? 'failed' : 'queued',
          lastError: message.slice(0, 2000),
          leaseUntil: null,
          runAt: new Date(Date.now() + backoffSeconds(job.attempts) * 1000),
          ...(final ? { finishedAt: new Date() } : {}),
        })
        .where(mine)
        .returning({ id: jobs.id });
      if (failed.length === 0) return this.refused(job, 'failed', err);
      this.log.error(
        { job: job.name, jobId: job.id, attempt: job.attempts, final, err: message },
        final ? 'job failed for good' : 'job failed; will retry',
      );
      return final ? 'failed' : 'retry';
    }
  }

  private refused(job: ClaimedJob, wanted: string, err?: unknown): RunOutcome {
    this.log.warn(
      { job: job.name, jobId: job.id, claim: job.claim, wanted, err: err ? errorText(err) : undefined },
      'job lease lost: another worker owns it; this run records nothing',
    );
    return 'lost';
  }

  /** Claims and runs one due job. Returns false when there was nothing to do. */
  async runOne(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    await this.run(job);
    return true;
  }

  /** Runs due jobs until none is left (tests, and `mamoru jobs run`). */
  async drain(limit = 10_000) {
    let n = 0;
    while (n < limit && (await this.runOne())) n++;
    return n;
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
