import { hostname } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Db, rowsOf } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { jobs, recurringJobs } from './schema.js';

/**
 * A durable job queue in the application's own database (PGlite or PostgreSQL), so it needs no
 * other service: a job is a row; workers claim rows with FOR UPDATE SKIP LOCKED and a lease, and a
 * job whose worker died is claimed again when its lease runs out. Handlers must be idempotent.
 */
export interface JobDefinition<P> {
  name: string;
  payload: z.ZodType<P>;
  maxAttempts?: number;
  /** How long a worker may hold the job before another may take it over. */
  leaseSeconds?: number;
  handler: (ctx: Ctx, payload: P, job: JobHandle) => Promise<void>;
}

export interface JobHandle {
  id: number;
  attempt: number;
  progress(p: { done: number; total: number; note?: string }): Promise<void>;
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
    })
    .onConflictDoNothing({ target: jobs.singletonKey, where: sql`status in ('queued', 'running')` })
    .returning({ id: jobs.id });
  return rows[0]?.id ?? null;
}

/** Retry after 10 s, 40 s, 90 s, … (capped at an hour). */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, 10 * attempt * attempt);
}

export interface Recurring {
  def: JobDefinition<Record<string, never>>;
  everySeconds: number;
}

export class Worker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly defs: Map<string, AnyJob>;
  readonly id = `${hostname()}:${process.pid}`;

  constructor(
    private readonly ctx: Ctx,
    defs: AnyJob[],
    private readonly recurring: Recurring[] = [],
    private readonly pollMs = 1000,
  ) {
    this.defs = new Map(defs.map((d) => [d.name, d]));
  }

  start() {
    const tick = async () => {
      if (!this.running) return;
      try {
        await this.scheduleDue();
        while (this.running && (await this.runOne())) {}
      } catch (err) {
        console.error('job worker:', err);
      }
      if (this.running) this.timer = setTimeout(tick, this.pollMs);
    };
    this.running = true;
    this.timer = setTimeout(tick, 0);
  }

  async stop() {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
  }

  /** Enqueues each recurring job whose time has come; the conditional UPDATE makes one instance win. */
  async scheduleDue(now = new Date()) {
    for (const r of this.recurring) {
      await this.ctx.db
        .insert(recurringJobs)
        .values({ name: r.def.name, everySeconds: r.everySeconds, nextRunAt: now })
        .onConflictDoNothing();
      const won = await this.ctx.db
        .update(recurringJobs)
        .set({ nextRunAt: new Date(now.getTime() + r.everySeconds * 1000), everySeconds: r.everySeconds })
        .where(and(eq(recurringJobs.name, r.def.name), sql`${recurringJobs.nextRunAt} <= ${now}`))
        .returning();
      if (won.length) await enqueue(this.ctx.db, r.def, {}, { singletonKey: `recurring:${r.def.name}` });
    }
  }

  /** Claims and runs one due job. Returns false when there was nothing to do. */
  async runOne(): Promise<boolean> {
    const names = [...this.defs.keys()];
    if (names.length === 0) return false;
    const claimed = await this.ctx.db.execute(sql`
      update jobs set status = 'running', attempts = attempts + 1,
        lease_until = now() + make_interval(secs => 300)
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
      returning id, name, payload, attempts, max_attempts`);
    const [row] = rowsOf<{
      id: number | string;
      name: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
    }>(claimed);
    if (!row) return false;
    const id = Number(row.id);
    const def = this.defs.get(row.name)!;
    if (def.leaseSeconds && def.leaseSeconds !== 300) {
      await this.ctx.db
        .update(jobs)
        .set({ leaseUntil: new Date(Date.now() + def.leaseSeconds * 1000) })
        .where(eq(jobs.id, id));
    }
    const handle: JobHandle = {
      id,
      attempt: row.attempts,
      progress: async (p) => {
        await this.ctx.db.update(jobs).set({ progress: p }).where(eq(jobs.id, id));
      },
    };
    try {
      const run = def.handler as (ctx: Ctx, payload: unknown, job: JobHandle) => Promise<void>;
      await run(this.ctx, def.payload.parse(row.payload), handle);
      await this.ctx.db
        .update(jobs)
        .set({ status: 'done', finishedAt: new Date(), leaseUntil: null })
        .where(eq(jobs.id, id));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = row.attempts >= row.max_attempts;
      await this.ctx.db
        .update(jobs)
        .set({
          status: final ? 'failed' : 'queued',
          lastError: message.slice(0, 2000),
          leaseUntil: null,
          runAt: new Date(Date.now() + backoffSeconds(row.attempts) * 1000),
          ...(final ? { finishedAt: new Date() } : {}),
        })
        .where(eq(jobs.id, id));
    }
    return true;
  }

  /** Runs due jobs until none is left (tests, and `mamoru jobs run`). */
  async drain(limit = 10_000) {
    let n = 0;
    while (n < limit && (await this.runOne())) n++;
    return n;
  }
}
