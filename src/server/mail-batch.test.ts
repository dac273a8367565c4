import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../modules/org/schema.js';
import { remindJob } from '../modules/selfcheck/jobs.js';
import { buildTestApp, type TestApp } from '../test/app.js';
import { buildAgencyTree, buildPerson } from '../test/factories.js';
import { buildOpenCampaign } from '../test/selfcheck.js';
import type { Ctx } from './context.js';
import { type AnyJob, detachedJob, Worker } from './jobs/queue.js';
import { JOBS } from './jobs/registry.js';
import { jobs } from './jobs/schema.js';
import type { Mailer, MailMessage } from './mail.js';
import { type BatchMail, sendBatch } from './mail-batch.js';
import { mailSends } from './mail-schema.js';

// Batch mail claims each recipient before sending: retries, concurrent runs and a worker that lost its
// job to another mail nobody twice; refused sends and missing addresses are kept for the office.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
});
afterAll(() => t.close());

/** A mailer that keeps what it sends; `refuse` makes the relay reject an address. */
function outbox(refuse: (to: string) => boolean = () => false) {
  const sent: MailMessage[] = [];
  const mailer: Mailer = {
    async send(m) {
      if (refuse(m.to)) throw Object.assign(new Error('user unknown'), { responseCode: 550 });
      sent.push(m);
      return { messageId: `<${sent.length}@test>` };
    },
    close() {},
  };
  return { sent, mailer };
}

const withMailer = (mailer: Mailer): Ctx => ({ ...t.sys, env: { ...t.sys.env, mailer } });

function mails(n: number, prefix: string): BatchMail[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}${i}`,
    email: `${prefix}${i}@example.go.jp`,
    subject: 'テスト',
    text: 'body',
  }));
}

describe('sendBatch', () => {
  it('mails each recipient once per occasion, however often it runs', async () => {
    const box = outbox();
    const spec = { tenantId: tree.tenant.id, purpose: 'training.notice' as const, occasion: 'once' };
    const first = await sendBatch(withMailer(box.mailer), spec, mails(12, 'once'));
    const again = await sendBatch(withMailer(box.mailer), spec, mails(12, 'once'));
    expect(first).toEqual({ sent: 12, failed: 0, skipped: 0 });
    expect(again).toEqual({ sent: 0, failed: 0, skipped: 12 });
    expect(box.sent).toHaveLength(12);
  });

  it('mails each recipient once when two runs of the same occasion overlap', async () => {
    const box = outbox();
    const spec = { tenantId: tree.tenant.id, purpose: 'training.notice' as const, occasion: 'race' };
    const [a, b] = await Promise.all([
      sendBatch(withMailer(box.mailer), spec, mails(30, 'race')),
      sendBatch(withMailer(box.mailer), spec, mails(30, 'race')),
    ]);
    expect(a.sent + b.sent).toBe(30);
    expect(new Set(box.sent.map((m) => m.to)).size).toBe(30);
    expect(box.sent).toHaveLength(30);
  });

  it('keeps a refused send and a missing address as failures with their reason, and does not retry them', async () => {
    const box = outbox((to) => to === 'bad0@example.go.jp');
    const spec = { tenantId: tree.tenant.id, purpose: 'training.notice' as const, occasion: 'bad' };
    const list = [...mails(2, 'bad'), { key: 'nobody', email: null, subject: 'テスト', text: 'body' }];
    expect(await sendBatch(withMailer(box.mailer), spec, list)).toEqual({ sent: 1, failed: 2, skipped: 0 });
    const rows = await t.sys.db.select().from(mailSends).where(eq(mailSends.occasion, 'bad'));
    const byKey = Object.fromEntries(rows.map((r) => [r.recipientKey, r]));
    expect(byKey.bad0).toMatchObject({ status: 'failed', error: '550 user unknown' });
    expect(byKey.bad1).toMatchObject({ status: 'sent', messageId: '<1@test>' });
    expect(byKey.nobody).toMatchObject({ status: 'failed', error: 'no mail address' });
    expect(await sendBatch(withMailer(outbox().mailer), spec, list)).toEqual({
      sent: 0,
      failed: 0,
      skipped: 3,
    });
  });

  it('sends nothing once the job it runs for belongs to another worker', async () => {
    const box = outbox();
    const job = { ...detachedJob(), renew: async () => Promise.reject(new Error('lease lost')) };
    const spec = { tenantId: tree.tenant.id, purpose: 'training.notice' as const, occasion: 'fenced' };
    await expect(sendBatch(withMailer(box.mailer), spec, mails(3, 'fenced'), job)).rejects.toThrow(
      'lease lost',
    );
    expect(box.sent).toHaveLength(0);
    const rows = await t.sys.db.select().from(mailSends).where(eq(mailSends.occasion, 'fenced'));
    expect(rows.every((r) => r.status === 'pending')).toBe(true);
  });
});

describe('a self-check reminder job that loses its lease', () => {
  it('mails nobody twice, and the first worker’s completion is refused', async () => {
    const own = await buildAgencyTree(t);
    for (let i = 0; i < 13; i++) await buildPerson(t, { unit: own.divA1, roles: ['staff'], account: false });
    const { campaignId } = await buildOpenCampaign(own.admin.client);
    const queued = await own.admin.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/reminders`, {});
    expect(queued.statusCode).toBe(202);
    const everyone = (await t.sys.db.select().from(people).where(eq(people.tenantId, own.tenant.id))).map(
      (p) => p.email,
    );

    // Worker A's relay hangs on its second mail until the test lets it go.
    const sentByA: string[] = [];
    let release!: () => void;
    let hung!: () => void;
    const hanging = new Promise<void>((r) => {
      hung = r;
    });
    const relayBack = new Promise<void>((r) => {
      release = r;
    });
    const slow: Mailer = {
      async send(m) {
        if (sentByA.length === 1) {
          hung();
          await relayBack;
        }
        sentByA.push(m.to);
        return { messageId: `<a${sentByA.length}@test>` };
      },
      close() {},
    };
    const b = outbox();
    const workerA = new Worker(withMailer(slow), [remindJob as AnyJob], [], { heartbeatFraction: 100 });
    const workerB = new Worker(withMailer(b.mailer), JOBS);

    const claimed = (await workerA.claim())!;
    expect(claimed.name).toBe('selfcheck.remind');
    const runA = workerA.run(claimed);
    await hanging;
    // A's lease runs out while it waits on the relay; B takes the job over and runs it to the end.
    await t.sys.db
      .update(jobs)
      .set({ leaseUntil: new Date(Date.now() - 1000) })
      .where(eq(jobs.id, claimed.id));
    expect(await workerB.drain()).toBeGreaterThanOrEqual(1);
    release();
    expect(await runA).toBe('lost');

    const all = [...sentByA, ...b.sent.map((m) => m.to)];
    expect(all.sort()).toEqual([...everyone].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(sentByA.length).toBeGreaterThan(0);
    expect(b.sent.length).toBeGreaterThan(0);
    const [row] = await t.sys.db.select().from(jobs).where(eq(jobs.id, claimed.id));
    expect(row).toMatchObject({ status: 'done', claim: 2, lastError: null });
    const rows = await t.sys.db
      .select()
      .from(mailSends)
      .where(and(eq(mailSends.tenantId, own.tenant.id), eq(mailSends.purpose, 'selfcheck.remind')));
    expect(rows.map((r) => r.status).every((s) => s === 'sent')).toBe(true);
    expect(rows).toHaveLength(everyone.length);
  });
});
