import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { type AnyJob, defineJob, enqueue, nextCronRun, Worker } from './queue.js';
import { jobs, recurringJobs } from './schema.js';

let t: TestApp;
const seen: string[] = [];
let failuresLeft = 0;

const echo = defineJob({
  name: 'test.echo',
  payload: z.object({ word: z.string() }),
  handler: async (_ctx, p, job) => {
    await job.progress({ done: 1, total: 1 });
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error('flaky');
    }
    seen.push(p.word);
  },
});
const tick = defineJob({
  name: 'test.tick',
  payload: z.object({}),
  handler: async () => void seen.push('tick'),
});
const counted = new Map<number, number>();
const count = defineJob({
  name: 'test.count',
  payload: z.object({ n: z.number() }),
  handler: async (_ctx, p) => {
    counted.set(p.n, (counted.get(p.n) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 1)); // let the other worker race for the next claim
  },
});
const defs: AnyJob[] = [echo, tick, count];

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('durable job queue', () => {
  it('runs a queued job once and marks it done', async () => {
    seen.length = 0;
    const id = await enqueue(t.sys.db, echo, { word: 'hello' });
    const w = new Worker(t.sys, defs);
    expect(await w.drain()).toBe(1);
    expect(seen).toEqual(['hello']);
    const [row] = await t.sys.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row).toMatchObject({ status: 'done', attempts: 1, progress: { done: 1, total: 1 } });
  });

  it('retries a failing job later, then succeeds', async () => {
    seen.length = 0;
    failuresLeft = 1;
    const id = await enqueue(t.sys.db, echo, { word: 'again' });
    const w = new Worker(t.sys, defs);
    await w.drain();
    let [row] = await t.sys.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'flaky' });
    expect(row!.runAt.getTime()).toBeGreaterThan(Date.now());
    await t.sys.db.update(jobs).set({ runAt: new Date() }).where(eq(jobs.id, id!));
    await w.drain();
    [row] = await t.sys.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row!.status).toBe('done');
    expect(seen).toEqual(['again']);
  });

  it('gives up after maxAttempts', async () => {
    failuresLeft = 10;
    const id = await enqueue(t.sys.db, echo, { word: 'never' }, { maxAttempts: 1 });
    await new Worker(t.sys, defs).drain();
    const [row] = await t.sys.db.select().from(jobs).where(eq(jobs.id, id!));
    expect(row!.status).toBe('failed');
    failuresLeft = 0;
  });

  it('takes over a job whose worker crashed once its lease has run out', async () => {
    seen.length = 0;
    const id = await enqueue(t.sys.db, echo, { word: 'orphan' });
    // A worker claimed it and died: running, lease expired.
    await t.sys.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, id!));
    await new Worker(t.sys, defs).drain();
    expect(seen).toEqual(['orphan']);
  });

  it('leaves a job alone while another worker holds its lease', async () => {
    const id = await enqueue(t.sys.db, echo, { word: 'held' });
    await t.sys.db
      .update(jobs)
      .set({ status: 'running', leaseUntil: new Date(Date.now() + 60_000) })
      .where(eq(jobs.id, id!));
    expect(await new Worker(t.sys, defs).drain()).toBe(0);
  });

  it('keeps one waiting job per singleton key', async () => {
    const a = await enqueue(t.sys.db, echo, { word: 's' }, { singletonKey: 'only-one' });
    const b = await enqueue(t.sys.db, echo, { word: 's' }, { singletonKey: 'only-one' });
    expect(a).not.toBeNull();
    expect(b).toBeNull();
  });

  it('runs a recurring job once per period even with two workers', async () => {
    seen.length = 0;
    const w1 = new Worker(t.sys, defs, [{ def: tick, cron: '0 9 * * *' }]);
    const w2 = new Worker(t.sys, defs, [{ def: tick, cron: '0 9 * * *' }]);
    const nine = nextCronRun('0 9 * * *', new Date());
    const after = new Date(nine.getTime() + 1000);
    await Promise.all([w1.scheduleDue(), w2.scheduleDue()]);
    await w1.drain();
    expect(seen).not.toContain('tick'); // not before its first 09:00
    await Promise.all([w1.scheduleDue(after), w2.scheduleDue(after)]);
    await Promise.all([w1.drain(), w2.drain()]);
    await w1.scheduleDue(after);
    await w1.drain();
    expect(seen.filter((s) => s === 'tick')).toHaveLength(1);
    const [row] = await t.sys.db.select().from(recurringJobs).where(eq(recurringJobs.name, tick.name));
    expect(row!.nextRunAt).toEqual(new Date(nine.getTime() + 86_400_000));
  });

  it('never runs a job twice when two workers race for many jobs on one database', async () => {
    for (let n = 0; n < 40; n++) await enqueue(t.sys.db, count, { n });
    const w1 = new Worker(t.sys, [count]);
    const w2 = new Worker(t.sys, [count]);
    const [a, b] = await Promise.all([w1.drain(), w2.drain()]);
    expect(a + b).toBe(40);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
    expect([...counted.keys()].sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
    expect([...counted.values()].every((v) => v === 1)).toBe(true);
  });

  it('rejects a payload that does not match the job’s schema', async () => {
    await expect(enqueue(t.sys.db, echo, { word: 42 } as never)).rejects.toThrow();
  });
});
