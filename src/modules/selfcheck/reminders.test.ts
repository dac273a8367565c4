import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { nextCronRun, Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import { recurringJobs } from '../../server/jobs/schema.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { people } from '../org/schema.js';
import { scheduledRemindersJob } from './jobs.js';
import { campaigns } from './schema.js';

// Reminder mail reaches an in-process SMTP server: only non-submitters, once each, also after a retry.

interface Received {
  to: string[];
  body: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;
let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          body: Buffer.concat(chunks).toString('utf8'),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const port = (smtp.server.address() as { port: number }).port;
  const base = loadConfig({});
  t = await buildTestApp({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Mamoru <mamoru@example.go.jp>' },
    publicUrl: base.publicUrl,
  });
  tree = await buildAgencyTree(t);
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function emailOf(personId: string) {
  const [p] = await t.sys.db.select().from(people).where(eq(people.id, personId));
  return p!.email!;
}

describe('reminders', () => {
  it('mails every non-submitter once, through SMTP, and nobody twice when the job runs again', async () => {
    const submitter = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const late = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const lateB = await loginAs(t, { unit: tree.divB1, roles: ['staff'] });
    const { campaignId } = await buildOpenCampaign(tree.admin.client);
    await answerAll(submitter.client, campaignId);

    const queued = await tree.admin.client.post(`/api/v1/selfcheck/campaigns/${campaignId}/reminders`, {});
    expect(queued.statusCode).toBe(202);
    expect(queued.json().alreadyQueued).toBe(false);
    const worker = new Worker(t.sys, JOBS);
    await worker.drain();
    const to = inbox.flatMap((m) => m.to);
    expect(to).toContain(await emailOf(late.person.id));
    expect(to).toContain(await emailOf(lateB.person.id));
    expect(to).toContain(await emailOf(tree.admin.person.id));
    expect(to).not.toContain(await emailOf(submitter.person.id));
    const lateEmail = await emailOf(late.person.id);
    const mail = inbox.find((m) => m.to.includes(lateEmail))!;
    expect(mail.body).toMatch(/^Subject: /m);
    expect(inbox.filter((m) => m.to.includes(lateEmail))).toHaveLength(1);

    // The same request again (e.g. a retried job) reminds nobody a second time.
    const count = inbox.length;
    await worker.drain();
    expect(inbox.length).toBe(count);
  });

  it('lets a division head remind their own division only', async () => {
    inbox.length = 0;
    const head = await loginAs(t, { unit: tree.divB1, roles: ['division_security_officer'] });
    const [c] = await t.sys.db.select().from(campaigns).where(eq(campaigns.tenantId, tree.tenant.id));
    const res = await head.client.post(`/api/v1/selfcheck/campaigns/${c!.id}/reminders`, {
      unitId: tree.divA1.id,
    });
    expect(res.statusCode).toBe(404);
    const own = await head.client.post(`/api/v1/selfcheck/campaigns/${c!.id}/reminders`, {});
    expect(own.statusCode).toBe(202);
  });

  it('is refused to a staff member', async () => {
    const staff = await loginAs(t, { unit: tree.divA1, roles: ['staff'] });
    const [c] = await t.sys.db.select().from(campaigns).where(eq(campaigns.tenantId, tree.tenant.id));
    expect((await staff.client.post(`/api/v1/selfcheck/campaigns/${c!.id}/reminders`, {})).statusCode).toBe(
      403,
    );
  });

  it('goes out on schedule when the campaign has a reminder interval', async () => {
    const own = await buildAgencyTree(t);
    const { campaignId } = await buildOpenCampaign(own.admin.client, { reminderEveryDays: 7 });
    inbox.length = 0;
    const worker = new Worker(t.sys, JOBS, [{ def: scheduledRemindersJob, cron: '0 9 * * *' }]);
    const nineOClock = () => new Date(nextCronRun('0 9 * * *', new Date()).getTime() + 1000);
    await worker.scheduleDue();
    await worker.scheduleDue(nineOClock());
    await worker.drain();
    expect(inbox.flatMap((m) => m.to)).toContain(await emailOf(own.admin.person.id));
    const [c] = await t.sys.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
    expect(c!.lastReminderAt).not.toBeNull();
    // Not again before the interval has passed.
    inbox.length = 0;
    await t.sys.db.delete(recurringJobs);
    await worker.scheduleDue();
    await worker.scheduleDue(nineOClock());
    await worker.drain();
    expect(inbox.flatMap((m) => m.to)).not.toContain(await emailOf(own.admin.person.id));
  });
});
