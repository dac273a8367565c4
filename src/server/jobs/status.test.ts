import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { auditEvents } from '../../modules/audit/schema.js';
import { buildTestApp, Client, type TestApp } from '../../test/app.js';
import { accountOf, buildAgencyTree, loginAs } from '../../test/factories.js';
import { defineJob, enqueue, Worker } from './queue.js';
import { jobs } from './schema.js';

// Long work runs as jobs that the person who started it can watch (and, where safe, stop);
// the agency's overseers (audit.read for the whole agency) see all of its jobs; nobody else sees any.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let other: Awaited<ReturnType<typeof buildAgencyTree>>;
let starter: Awaited<ReturnType<typeof loginAs>>;
let colleague: Awaited<ReturnType<typeof loginAs>>;

let steps = 0;
/** When `hold` is set, the handler parks after its second step until `open` is called. */
const gate: { hold: boolean; open?: (() => void) | undefined } = { hold: false };
const openGate = () => gate.open?.();
const counting = defineJob({
  name: 'test.counting',
  payload: z.object({ total: z.number() }),
  handler: async (_ctx, p, job) => {
    for (let i = 1; i <= p.total; i++) {
      steps = i;
      await job.progress({ done: i, total: p.total, phase: 'counting' });
      if (i === 2 && gate.hold)
        await new Promise<void>((r) => {
          gate.open = r;
        });
    }
  },
});

async function startJob(owner: { tenantId: string; login: string }, cancellable = true) {
  const account = await accountOf(t, owner.login);
  const id = await enqueue(
    t.sys.db,
    counting,
    { total: 5 },
    {
      owner: { tenantId: owner.tenantId, accountId: account.id },
      cancellable,
    },
  );
  return id!;
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  other = await buildAgencyTree(t);
  starter = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  colleague = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
});
afterAll(() => t.close());

describe('watching a job', () => {
  it('shows its starter the status and progress as it runs to done', async () => {
    const id = await startJob({ tenantId: tree.tenant.id, login: starter.login });
    const queued = await starter.client.get(`/api/v1/jobs/${id}`);
    expect(queued.statusCode, queued.body).toBe(200);
    expect(queued.json()).toMatchObject({ id, name: 'test.counting', status: 'queued', progress: null });
    await new Worker(t.sys, [counting]).drain();
    const done = (await starter.client.get(`/api/v1/jobs/${id}`)).json();
    expect(done).toMatchObject({
      status: 'done',
      progress: { done: 5, total: 5, phase: 'counting' },
      cancellable: false,
    });
    expect(done.finishedAt).not.toBeNull();
  });

  it('lists my jobs, and all of the agency’s only for an overseer', async () => {
    const mine = (await starter.client.get('/api/v1/jobs')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect((await colleague.client.get('/api/v1/jobs')).json().total).toBe(0);
    expect((await colleague.client.get('/api/v1/jobs?scope=agency')).statusCode).toBe(403);
    const agency = (await tree.admin.client.get('/api/v1/jobs?scope=agency')).json();
    expect(agency.total).toBe(mine.total);
    expect((await other.admin.client.get('/api/v1/jobs?scope=agency')).json().total).toBe(0);
  });

  it('hides a job from colleagues and other agencies behind the same 404 as a missing one', async () => {
    const id = await startJob({ tenantId: tree.tenant.id, login: starter.login });
    const missing = await starter.client.get('/api/v1/jobs/999999999');
    expect(missing.statusCode).toBe(404);
    for (const c of [colleague.client, other.admin.client]) {
      const res = await c.get(`/api/v1/jobs/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe(missing.json().code);
      expect((await c.post(`/api/v1/jobs/${id}/cancel`)).statusCode).toBe(404);
    }
    expect((await tree.admin.client.get(`/api/v1/jobs/${id}`)).statusCode).toBe(200);
    expect((await new Client(t.app).get(`/api/v1/jobs/${id}`)).statusCode).toBe(401);
    await t.sys.db.delete(jobs).where(eq(jobs.id, id));
  });

  it('refuses an API token without the self scope', async () => {
    const created = await tree.admin.client.post('/api/v1/me/tokens', {
      name: 'no-self',
      scopes: ['org.read'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/jobs',
      headers: { authorization: `Bearer ${created.json().token}` },
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('cancelling a job', () => {
  it('cancels a queued job at once: no worker runs it', async () => {
    const id = await startJob({ tenantId: tree.tenant.id, login: starter.login });
    const res = await starter.client.post(`/api/v1/jobs/${id}/cancel`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancellable: false, cancelRequested: true });
    steps = 0;
    expect(await new Worker(t.sys, [counting]).drain()).toBe(0);
    expect(steps).toBe(0);
    const [audit] = await t.sys.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'job.cancel'))
      .limit(1);
    expect(audit).toBeDefined();
  });

  it('stops a running job at its next progress report', async () => {
    const id = await startJob({ tenantId: tree.tenant.id, login: starter.login });
    gate.hold = true;
    gate.open = undefined;
    const running = new Worker(t.sys, [counting]).drain();
    await expect.poll(() => gate.open !== undefined, { timeout: 10_000 }).toBe(true);
    const res = await starter.client.post(`/api/v1/jobs/${id}/cancel`);
    expect(res.json()).toMatchObject({ status: 'running', cancelRequested: true });
    gate.hold = false;
    openGate();
    await running;
    // Step 3 was the last one done: its progress report found the request and the handler stopped there.
    expect(steps).toBe(3);
    const after = (await starter.client.get(`/api/v1/jobs/${id}`)).json();
    expect(after).toMatchObject({ status: 'cancelled', progress: { done: 3, total: 5 } });
  });

  it('refuses to cancel a job that is not cancellable, or already finished', async () => {
    const id = await startJob({ tenantId: tree.tenant.id, login: starter.login }, false);
    const res = await starter.client.post(`/api/v1/jobs/${id}/cancel`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('invalid_state');
    await new Worker(t.sys, [counting]).drain();
    const done = await starter.client.post(`/api/v1/jobs/${id}/cancel`);
    expect(done.json().code).toBe('invalid_state');
  });
});
