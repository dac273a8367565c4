import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { type AnyJob, defineJob, enqueue, type JobHandle, type JobLogger, Worker } from './queue.js';
import { JOB_RETENTION_DAYS, purgeFinishedJobs } from './retention.js';
import { jobs } from './schema.js';

// Leases, their renewal and fencing, failure logging, graceful stop and retention of the job queue.

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rowOf = async (id: number) => (await t.sys.db.select().from(jobs).where(eq(jobs.id, id)))[0]!;

/** A handler that waits until the test lets it go, and records what it saw of its lease. */
function gatedJob(name: string, leaseSeconds?: number) {
  let release!: () => void;
  let entered!: (job: JobHandle) => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const started = new Promise<JobHandle>((r) => {
    entered = r;
  });
  const def = defineJob({
    name,
    payload: z.object({}),
    ...(leaseSeconds ? { leaseSeconds } : {}),
    handler: async (_ctx, _p, job) => {
      entered(job);
      await Promise.race([gate, new Promise((_, reject) => job.signal.addEventListener('abort', reject))]);
    },
  });
  return { def, release, started };
}

function memoryLog() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const log: JobLogger = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { log, lines };
}

describe('leases', () => {
  it("claims with the definition's lease, not a fixed five minutes", async () => {
    const g = gatedJob('test.lease-short', 20);
    const id = (await enqueue(t.sys.db, g.def, {}))!;
    const w = new Worker(t.sys, [g.def as AnyJob], [], { heartbeatFraction: 10 });
    const run = w.runOne();
    await g.started;
    const lease = (await rowOf(id)).leaseUntil!.getTime() - Date.now();
    expect(lease).toBeGreaterThan(10_000);
    expect(lease).toBeLessThanOrEqual(20_000);
    g.release();
    await run;
    expect((await rowOf(id)).status).toBe('done');
  });

  it('renews the lease while the handler runs, so no other worker takes the job over', async () => {
    const g = gatedJob('test.lease-heartbeat', 1);
    const id = (await enqueue(t.sys.db, g.def, {}))!;
    const w1 = new Worker(t.sys, [g.def as AnyJob], [], { heartbeatFraction: 0.25 });
    const w2 = new Worker(t.sys, [g.def as AnyJob]);
    const run = w1.runOne();
    await g.started;
    await sleep(1800); // longer than the one-second lease
    expect(await w2.claim()).toBeNull();
    expect((await rowOf(id)).leaseUntil!.getTime()).toBeGreaterThan(Date.now());
    g.release();
    await run;
    expect(await rowOf(id)).toMatchObject({ status: 'done', attempts: 1, claim: 1 });
  });

  it('lets a handler renew by hand and learn that it still owns the job', async () => {
    const g = gatedJob('test.lease-manual', 60);
    const id = (await enqueue(t.sys.db, g.def, {}))!;
    const w = new Worker(t.sys, [g.def as AnyJob], [], { heartbeatFraction: 10 });
    const run = w.runOne();
    const job = await g.started;
    await t.sys.db
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() + 1000) })
      .where(eq(jobs.id, id));
    await job.renew();
    expect((await rowOf(id)).leaseUntil!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(await job.stillOwned()).toBe(true);
    g.release();
    await run;
  });

  it('refuses the completion of a worker whose lease ran out and whose job another worker ran', async () => {
    const seen: string[] = [];
    const def = defineJob({
      name: 'test.fenced',
      payload: z.object({}),
      handler: async (_ctx, _p, job) => {
        seen.push(`run by claim ${job.claim}, owned: ${await job.stillOwned()}`);
      },
    });
    const id = (await enqueue(t.sys.db, def, {}))!;
    const a = new Worker(t.sys, [def as AnyJob]);
    const b = new Worker(t.sys, [def as AnyJob]);
    const claimedByA = (await a.claim())!;
    await t.sys.db
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, id));
    expect(await b.drain()).toBe(1);
    expect(await a.run(claimedByA)).toBe('lost');
    expect(seen).toEqual(['run by claim 2, owned: true', 'run by claim 1, owned: false']);
    expect(await rowOf(id)).toMatchObject({ status: 'done', claim: 2, attempts: 2, lastError: null });
  });

  it('refuses the failure of a worker that lost its job, too', async () => {
    const def = defineJob({
      name: 'test.fenced-failure',
      payload: z.object({}),
      handler: async () => {
        throw new Error('too late to matter');
      },
    });
    const id = (await enqueue(t.sys.db, def, {}, { maxAttempts: 1 }))!;
    const a = new Worker(t.sys, [def as AnyJob]);
    const claimed = (await a.claim())!;
    await t.sys.db.update(jobs).set({ status: 'done', claim: 2 }).where(eq(jobs.id, id));
    expect(await a.run(claimed)).toBe('lost');
    expect(await rowOf(id)).toMatchObject({ status: 'done', lastError: null });
  });
});

describe('failures', () => {
  it('keeps the error on the row and logs it through the given logger', async () => {
    const def = defineJob({
      name: 'test.broken',
      payload: z.object({}),
      handler: async () => {
        throw new Error('relay unreachable');
      },
    });
    const id = (await enqueue(t.sys.db, def, {}, { maxAttempts: 1 }))!;
    const { log, lines } = memoryLog();
    await new Worker(t.sys, [def as AnyJob], [], { log }).drain();
    expect(await rowOf(id)).toMatchObject({ status: 'failed', lastError: 'relay unreachable' });
    expect(lines).toContainEqual({
      level: 'error',
      obj: expect.objectContaining({ job: 'test.broken', jobId: id, err: 'relay unreachable', final: true }),
      msg: 'job failed for good',
    });
  });
});

describe('graceful stop', () => {
  it('waits for the running job to finish', async () => {
    const g = gatedJob('test.stop-wait');
    const id = (await enqueue(t.sys.db, g.def, {}))!;
    const w = new Worker(t.sys, [g.def as AnyJob], [], { pollMs: 50 });
    w.start();
    await g.started;
    const stopping = w.stop(10_000);
    setTimeout(g.release, 200);
    expect(await stopping).toEqual({ released: null });
    expect((await rowOf(id)).status).toBe('done');
  });

  it('after its timeout, queues the job again and fences the abandoned run out', async () => {
    const g = gatedJob('test.stop-timeout');
    const id = (await enqueue(t.sys.db, g.def, {}))!;
    const { log, lines } = memoryLog();
    const w = new Worker(t.sys, [g.def as AnyJob], [], { pollMs: 50, log });
    w.start();
    const job = await g.started;
    expect(await w.stop(100)).toEqual({ released: id });
    expect(job.signal.aborted).toBe(true);
    expect(await job.stillOwned()).toBe(false);
    expect(await rowOf(id)).toMatchObject({ status: 'queued', claim: 2, leaseUntil: null });
    expect(lines.map((l) => l.msg)).toContain('job worker: stopped before the job ended; queued again');
    // Another worker finishes it.
    g.release();
    expect(await new Worker(t.sys, [g.def as AnyJob]).drain()).toBe(1);
    expect((await rowOf(id)).status).toBe('done');
  });

  it('stops at once when idle', async () => {
    const w = new Worker(t.sys, [], [], { pollMs: 50 });
    w.start();
    await sleep(20);
    expect(await w.stop(100)).toEqual({ released: null });
  });
});

describe('retention', () => {
  it(`deletes done jobs after ${JOB_RETENTION_DAYS.done} days and failed ones after ${JOB_RETENTION_DAYS.failed}`, async () => {
    const now = new Date('2026-12-06T00:00:00Z');
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const add = async (status: 'done' | 'failed' | 'queued', finishedAt: Date | null) =>
      (
        await t.sys.db
          .insert(jobs)
          .values({ name: 'test.old', payload: {}, status, finishedAt })
          .returning({ id: jobs.id })
      )[0]!.id;
    const keep = [
      await add('done', daysAgo(13)),
      await add('failed', daysAgo(59)),
      await add('queued', null),
      await add('failed', daysAgo(20)),
    ];
    const purge = [await add('done', daysAgo(15)), await add('failed', daysAgo(61))];
    expect(await purgeFinishedJobs(t.sys.db, now)).toEqual({ done: 1, failed: 1 });
    const left = (await t.sys.db.select({ id: jobs.id }).from(jobs)).map((r) => r.id);
    expect(left).toEqual(expect.arrayContaining(keep));
    for (const id of purge) expect(left).not.toContain(id);
  });
});
