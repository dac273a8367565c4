import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { defineJob, nextCronRun, Worker } from './queue.js';
import { RECURRING } from './registry.js';
import { jobs, recurringJobs } from './schema.js';

// Recurring jobs run by cron expressions read on the Japanese clock, whatever the server's time zone.

describe('nextCronRun (Asia/Tokyo)', () => {
  it.each([
    // [cron, from (UTC), next (UTC), why]
    [
      '0 9 * * *',
      '2026-12-05T15:30:00Z',
      '2026-12-06T00:00:00Z',
      '00:30 JST on the 6th → 09:00 JST the same day',
    ],
    ['0 9 * * *', '2026-12-06T00:00:00Z', '2026-12-07T00:00:00Z', 'exactly 09:00 JST → the next day'],
    ['0 9 * * *', '2026-12-05T23:59:00Z', '2026-12-06T00:00:00Z', '08:59 JST → a minute later'],
    ['0 9 * * 1', '2026-12-05T15:30:00Z', '2026-12-07T00:00:00Z', 'Sunday 6 Dec (JST) → Monday 09:00 JST'],
    ['*/5 * * * *', '2026-12-06T00:02:10Z', '2026-12-06T00:05:00Z', 'every five minutes'],
    [
      '0 0 1 4 *',
      '2026-12-06T00:00:00Z',
      '2027-03-31T15:00:00Z',
      'start of fiscal year 2027 (1 April 00:00 JST)',
    ],
  ])('%s from %s is %s (%s)', (cron, from, next) => {
    expect(nextCronRun(cron, new Date(from)).toISOString()).toBe(new Date(next).toISOString());
  });

  it('refuses an expression that is not cron', () => {
    expect(() => nextCronRun('every day', new Date())).toThrow();
  });
});

describe('recurring jobs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const daily = defineJob({ name: 'test.daily', payload: z.object({}), handler: async () => {} });

  it('enqueues a daily 09:00 job once at 09:00 JST, and schedules the next day', async () => {
    const w = new Worker(t.sys, [], [{ def: daily, cron: '0 9 * * *' }]);
    await w.scheduleDue(new Date('2026-12-05T15:30:00Z')); // 00:30 JST
    const [row] = await t.sys.db.select().from(recurringJobs).where(eq(recurringJobs.name, daily.name));
    expect(row!.nextRunAt.toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(await t.sys.db.select().from(jobs).where(eq(jobs.name, daily.name))).toHaveLength(0);
    await w.scheduleDue(new Date('2026-12-06T00:00:05Z'));
    await w.scheduleDue(new Date('2026-12-06T00:00:06Z'));
    expect(await t.sys.db.select().from(jobs).where(eq(jobs.name, daily.name))).toHaveLength(1);
    const [after] = await t.sys.db.select().from(recurringJobs).where(eq(recurringJobs.name, daily.name));
    expect(after!.nextRunAt.toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });

  it('moves a row written by the interval scheduler onto its cron expression', async () => {
    const legacy = defineJob({ name: 'test.legacy', payload: z.object({}), handler: async () => {} });
    await t.sys.db
      .insert(recurringJobs)
      .values({ name: legacy.name, everySeconds: 3600, nextRunAt: new Date('2026-12-01T00:00:00Z') });
    const w = new Worker(t.sys, [], [{ def: legacy, cron: '0 9 * * *' }]);
    await w.scheduleDue(new Date('2026-12-05T15:30:00Z'));
    const [row] = await t.sys.db.select().from(recurringJobs).where(eq(recurringJobs.name, legacy.name));
    expect(row).toMatchObject({ cron: '0 9 * * *', everySeconds: null });
    expect(row!.nextRunAt.toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });

  it('refuses to start with an invalid schedule', () => {
    expect(() => new Worker(t.sys, [], [{ def: daily, cron: 'daily' }])).toThrow();
  });

  it('has a valid cron expression for every shipped recurring job, each job once', () => {
    for (const r of RECURRING) expect(() => nextCronRun(r.cron, new Date())).not.toThrow();
    const names = RECURRING.map((r) => r.def.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
