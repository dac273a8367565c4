import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgArray, rowsOf } from '../../db/client.js';
import { type ClaimedJob, defineJob, type JobHandle, Worker } from '../../server/jobs/queue.js';
import { jobs } from '../../server/jobs/schema.js';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, loginAs, roleByKey } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { people } from '../org/schema.js';
import { roleAssignments } from '../roles/schema.js';
import { verifyCounters } from './campaign-counters.js';
import { materialiseJob, materialiseMembers } from './materialise.js';
import { campaigns } from './schema.js';

// Opening a large agency's campaign returns at once; a job creates the questionnaires in batches of
// people. Small batches here (3, 6, 12, 12, …) stand in for production's 1,000 → 25,000.
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let early: { client: Client; person: { id: string } };
let late: { client: Client; person: { id: string } };
let outsider: { client: Client };

/** A gate the test opens: a job paused at it looks, to everyone else, like a worker that died. */
let pauseAfterProgress: number | null = null;
let paused: () => void = () => {};
let resume: () => void = () => {};
/** A pause after each report, so a watcher polling the API sees the steps one by one. */
let stepDelayMs = 0;

const smallBatches = defineJob({
  ...materialiseJob,
  handler: (ctx, p, job) => materialiseMembers(ctx, p.campaignId, pausing(job), { first: 3, max: 12 }),
});

function pausing(job: JobHandle): JobHandle {
  let reports = 0;
  return {
    ...job,
    progress: async (p) => {
      await job.progress(p);
      if (stepDelayMs) await new Promise((r) => setTimeout(r, stepDelayMs));
      if (++reports === pauseAfterProgress) {
        pauseAfterProgress = null;
        paused();
        await new Promise<void>((r) => {
          resume = r;
        });
      }
    },
  };
}

/** The members opening made before it became a job: one statement over the whole agency (reference). */
async function referenceMembers(campaignId: string, tenantId: string) {
  const roleIds = rowsOf<{ id: string }>(
    await t.sys.db.execute(sql`
      select distinct r.id from roles r join campaign_items i on i.role_keys @> to_jsonb(r.key)
      where i.campaign_id = ${campaignId} and r.tenant_id = ${tenantId}::uuid`),
  ).map((r) => r.id);
  return rowsOf<{ k: string }>(
    await t.sys.db.execute(sql`
      select distinct on (person_id, role_id) concat_ws('|', person_id, role_key, unit_id, status) as k
      from (
        select p.id as person_id, r.id as role_id, r.key as role_key, u.id as unit_id, u.path as unit_path, p.status, 0 as source
        from role_assignments ra join roles r on r.id = ra.role_id join people p on p.id = ra.person_id
          join org_units u on u.id = ra.unit_id
        where ra.tenant_id = ${tenantId}::uuid and r.id = any(${pgArray(roleIds)}::uuid[])
          and p.status <> 'left' and u.abolished_at is null
        union all
        select p.id, r.id, r.key, u.id, u.path, p.status, 1
        from people p join org_units u on u.id = p.unit_id join roles r on r.tenant_id = p.tenant_id and r.key = 'staff'
        where p.tenant_id = ${tenantId}::uuid and p.status <> 'left' and u.abolished_at is null
      ) m
      order by person_id, role_id, source, unit_path`),
  )
    .map((r) => r.k)
    .sort();
}

async function membersOf(campaignId: string) {
  return rowsOf<{ k: string }>(
    await t.sys.db.execute(sql`
      select concat_ws('|', m.person_id, m.role_key, m.unit_id, p.status) as k
      from campaign_members m join people p on p.id = m.person_id where m.campaign_id = ${campaignId}`),
  )
    .map((r) => r.k)
    .sort();
}

const hex = (n: bigint) => n.toString(16).padStart(32, '0');
const asUuid = (h: string) =>
  `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

beforeAll(async () => {
  t = await buildTestApp({ selfcheck: { syncOpenMaxPeople: 0 } });
  tree = await buildAgencyTree(t);
  const a = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
  const b = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
  [early, late] = a.person.id < b.person.id ? [a, b] : [b, a];
  outsider = await loginAs(t, { unit: (await buildAgency(t)).root, roles: ['staff'] });
  // Many people whose ids lie between the two, so `late` comes batches after `early`; some on long
  // leave, some gone, some holding a role at other units (answering once, at the first).
  const lo = BigInt(`0x${early.person.id.replaceAll('-', '')}`);
  const hi = BigInt(`0x${late.person.id.replaceAll('-', '')}`);
  const units = [tree.divA1, tree.divA2, tree.divB1, tree.bureauA];
  const n = 60;
  const rows = Array.from({ length: n }, (_, i) => ({
    id: asUuid(hex(lo + ((hi - lo) * BigInt(i + 1)) / BigInt(n + 2))),
    tenantId: tree.tenant.id,
    staffNo: `B${String(i).padStart(5, '0')}`,
    name: `一括 ${i}`,
    kana: `いっかつ ${i}`,
    unitId: units[i % units.length]!.id,
    status: i % 7 === 3 ? ('long_leave' as const) : i % 11 === 5 ? ('left' as const) : ('active' as const),
  }));
  await t.sys.db.insert(people).values(rows);
  const officer = await roleByKey(t.sys, tree.tenant.id, 'division_security_officer');
  const sysadmin = await roleByKey(t.sys, tree.tenant.id, 'system_security_administrator');
  await t.sys.db.insert(roleAssignments).values(
    rows.flatMap((r, i) => [
      ...(i % 5 === 0
        ? [{ tenantId: r.tenantId, personId: r.id, roleId: officer.id, unitId: tree.divA2.id }]
        : []),
      ...(i % 6 === 0
        ? [
            { tenantId: r.tenantId, personId: r.id, roleId: sysadmin.id, unitId: tree.divB1.id },
            { tenantId: r.tenantId, personId: r.id, roleId: sysadmin.id, unitId: tree.divA1.id },
          ]
        : []),
    ]),
  );
}, 60_000);
afterAll(() => t?.close());

/**
 * The results' headcounts and `several` marks, written batch by batch (a crashed batch's with it), are
 * those a recount of the members gives; and the agency has people with several questionnaires.
 */
async function expectHeadcountsExact(campaignId: string, members: number) {
  expect((await verifyCounters(t.sys.db, campaignId)).differences).toEqual([]);
  const [row] = rowsOf<{ members: number; several: number }>(
    await t.sys.db.execute(sql`
      select (select sum(members)::int from selfcheck_counters where campaign_id = ${campaignId}) as members,
        (select count(*)::int from campaign_members where campaign_id = ${campaignId} and several) as several`),
  );
  expect(row).toEqual({ members, several: expect.any(Number) });
  expect(row!.several).toBeGreaterThan(0);
}

async function jobOf(campaignId: string) {
  const [c] = await t.sys.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  return c!;
}

describe('opening a campaign as a background job', () => {
  it('returns at once with a job id that can be watched to completion, progress never going back', async () => {
    const admin = tree.admin.client;
    const { campaignId } = await buildOpenCampaign(admin, { title: '監視する自己点検' });
    const before = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}`)).json();
    expect(before).toMatchObject({ state: 'open', membersPending: true, counts: { members: 0 } });
    const jobId = before.membersJobId as number;
    expect(jobId).toBeGreaterThan(0);

    const worker = new Worker(t.sys, [smallBatches], [], { pollMs: 10 });
    stepDelayMs = 40;
    worker.start();
    const seen: { done: number; total: number }[] = [];
    let status = '';
    for (let i = 0; i < 500 && status !== 'done'; i++) {
      const res = await admin.get(`/api/v1/jobs/${jobId}`);
      expect(res.statusCode).toBe(200);
      const job = res.json();
      status = job.status;
      if (job.progress) seen.push(job.progress);
      await new Promise((r) => setTimeout(r, 5));
    }
    await worker.stop();
    stepDelayMs = 0;
    expect(status).toBe('done');
    const dones = seen.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((x, y) => x - y));
    expect(new Set(dones).size).toBeGreaterThan(2); // watched in several steps
    const [{ n }] = rowsOf<{ n: number }>(
      await t.sys.db.execute(
        sql`select count(*)::int as n from people where tenant_id = ${tree.tenant.id} and status <> 'left'`,
      ),
    ) as [{ n: number }];
    expect(seen.at(-1)).toMatchObject({ done: n, total: n });

    const after = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}`)).json();
    expect(after).toMatchObject({ state: 'open', membersPending: false });
    expect(await membersOf(campaignId)).toEqual(await referenceMembers(campaignId, tree.tenant.id));
    const audit = rowsOf<{ after: { members: number } }>(
      await t.sys.db.execute(
        sql`select after from audit_events where action = 'selfcheck.campaign_members_ready' and target_id = ${campaignId}`,
      ),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after.members).toBe((await membersOf(campaignId)).length);
  });

  it('answers with the job id from the transition itself', async () => {
    // buildOpenCampaign checks 200; the body carries the job.
    const admin = tree.admin.client;
    const { campaignId } = await buildOpenCampaign(admin, { title: '二つ目' });
    const c = await jobOf(campaignId);
    expect(c.membersJobId).not.toBeNull();
    await new Worker(t.sys, [smallBatches]).drain();
    expect((await jobOf(campaignId)).membersPending).toBe(false);
  });

  it('lets staff answer as soon as their questionnaire exists, and tells the others it is being prepared', async () => {
    const admin = tree.admin.client;
    const { campaignId } = await buildOpenCampaign(admin, { title: '準備中の自己点検' });
    const a = new Worker(t.sys, [smallBatches]);
    pauseAfterProgress = 2; // the start, then the first batch of 3 people
    const stopped = new Promise<void>((r) => {
      paused = r;
    });
    const run = a.run((await a.claim())!);
    await stopped;

    const mine = (await early.client.get('/api/v1/selfcheck/my')).json().items as { campaignId: string }[];
    expect(mine.some((q) => q.campaignId === campaignId)).toBe(true);
    expect(await answerAll(early.client, campaignId)).toBeDefined();
    const theirs = (await late.client.get('/api/v1/selfcheck/my')).json().items as { campaignId: string }[];
    expect(theirs.some((q) => q.campaignId === campaignId)).toBe(false);
    const preparing = await late.client.get('/api/v1/selfcheck/my/preparing');
    expect(preparing.json().items).toEqual([{ campaignId, title: '準備中の自己点検', fiscalYear: 2026 }]);
    expect((await early.client.get('/api/v1/selfcheck/my/preparing')).json().items).toEqual([]);
    // Nobody of another agency hears of it (they have no questionnaire in it either).
    expect((await outsider.client.get('/api/v1/selfcheck/my/preparing')).json().items).toEqual([]);

    // Reminding or closing now would miss everyone not created yet.
    const remind = await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/reminders`, {});
    expect(remind.statusCode).toBe(409);
    const close = await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'closed' });
    expect(close.statusCode).toBe(409);

    resume();
    expect(await run).toBe('done');
    expect((await late.client.get('/api/v1/selfcheck/my/preparing')).json().items).toEqual([]);
    const closed = await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to: 'closed' });
    expect(closed.statusCode).toBe(200);
  });

  it('resumes after a worker lost its lease mid-job: exact members, none twice, the old worker records nothing', async () => {
    const admin = tree.admin.client;
    const { campaignId } = await buildOpenCampaign(admin, { title: '引継ぎ' });
    const a = new Worker(t.sys, [smallBatches]);
    pauseAfterProgress = 3; // after two batches
    const stopped = new Promise<void>((r) => {
      paused = r;
    });
    const claimed = (await a.claim()) as ClaimedJob;
    const runA = a.run(claimed);
    await stopped;
    const partial = (await membersOf(campaignId)).length;
    expect(partial).toBeGreaterThan(0);

    // Worker A stops answering: its lease runs out and worker B takes the job over.
    await t.sys.db
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, claimed.id));
    const b = new Worker(t.sys, [smallBatches]);
    expect(await b.drain()).toBe(1);
    resume(); // A wakes up, tries its next batch, and is fenced out
    expect(await runA).toBe('lost');

    const members = await membersOf(campaignId);
    expect(members).toEqual(await referenceMembers(campaignId, tree.tenant.id));
    await expectHeadcountsExact(campaignId, members.length);
    const [dup] = rowsOf<{ n: number }>(
      await t.sys.db.execute(sql`
        select count(*)::int as n from (select 1 from campaign_members where campaign_id = ${campaignId}
          group by person_id, role_id having count(*) > 1) d`),
    );
    expect(dup!.n).toBe(0);
    const [job] = await t.sys.db.select().from(jobs).where(eq(jobs.id, claimed.id));
    expect(job).toMatchObject({ status: 'done', attempts: 2 });
    const ready = rowsOf<{ actor_label: string }>(
      await t.sys.db.execute(
        sql`select actor_label from audit_events where action = 'selfcheck.campaign_members_ready' and target_id = ${campaignId}`,
      ),
    );
    expect(ready).toHaveLength(1);
  });

  it('creates a small agency’s questionnaires in the request itself, without a job', async () => {
    t.config.selfcheck.syncOpenMaxPeople = 10_000;
    try {
      const { campaignId } = await buildOpenCampaign(tree.admin.client, { title: '小規模' });
      const c = await jobOf(campaignId);
      expect(c).toMatchObject({ membersPending: false, membersJobId: null });
      const members = await membersOf(campaignId);
      expect(members).toEqual(await referenceMembers(campaignId, tree.tenant.id));
      await expectHeadcountsExact(campaignId, members.length);
    } finally {
      t.config.selfcheck.syncOpenMaxPeople = 0;
    }
  });
});
