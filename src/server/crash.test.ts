import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../db/client.js';
import { Client } from '../test/app.js';
import {
  between,
  burst,
  type CrashDatabase,
  checkAfterStop,
  createCrashDatabase,
  HttpClient,
  phase,
  ServerProcess,
  withApp,
} from '../test/crash.js';
import { buildAgencyTree, buildPerson, PASSWORD } from '../test/factories.js';
import { buildOpenCampaign } from '../test/selfcheck.js';

// Crash tests (issue #13): a real server process is killed with SIGKILL in the middle of a burst of
// requests, then restarted on the same database. Whatever it acknowledged must be stored, nothing
// may be half-applied, jobs resume, nobody is mailed twice, and the audit trail verifies.
// The harness is src/test/crash.ts; `npm run crash:loop -- --times 20` repeats this file.

const servers: ServerProcess[] = [];
const databases: CrashDatabase[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill().catch(() => {});
  for (const d of databases) await d.dispose().catch(() => {});
});

async function database() {
  const d = await createCrashDatabase();
  databases.push(d);
  return d;
}

async function start(target: CrashDatabase, env: Record<string, string> = {}) {
  const s = await ServerProcess.start(target, env);
  servers.push(s);
  return s;
}

describe('self-check submissions', () => {
  it('keeps every acknowledged submission whole; the others are untouched', async () => {
    const target = await database();
    // Staff who are logged in (sessions live in the database) and have their questionnaire in hand.
    const staff = await withApp(target, async (t) => {
      const tree = await buildAgencyTree(t);
      const people = [];
      for (let i = 0; i < 24; i++) people.push(await buildPerson(t, { unit: tree.divA1, roles: ['staff'] }));
      const { campaignId } = await buildOpenCampaign(tree.admin.client);
      const out = [];
      for (const p of people) {
        const c = new Client(t.app);
        await c.login(p.login, PASSWORD);
        const [q] = (await c.get('/api/v1/selfcheck/my')).json().items as { memberId: string }[];
        const detail = (await c.get(`/api/v1/selfcheck/questionnaires/${q!.memberId}`)).json() as {
          chapters: { items: { itemId: string }[] }[];
        };
        const answers = Object.fromEntries(
          detail.chapters.flatMap((ch) => ch.items).map((it) => [it.itemId, 'implemented']),
        );
        out.push({ memberId: q!.memberId, cookie: c.cookie!, csrf: c.csrf!, answers });
      }
      return { campaignId, people: out };
    });

    phase('submissions: set up');
    const server = await start(target);
    phase('submissions: server started');
    const { acked } = await burst(
      staff.people,
      { concurrency: 6, killAfter: between(2, 16), kill: () => server.kill() },
      async (p) => {
        const c = new HttpClient(server.url, p.cookie, p.csrf);
        const res = await c.request('PUT', `/api/v1/selfcheck/questionnaires/${p.memberId}/answers`, {
          answers: p.answers,
          submit: true,
        });
        return res.status === 200;
      },
    );
    expect(acked.length).toBeGreaterThanOrEqual(2);

    // After the restart, each person who was told "submitted" sees it so.
    phase(`submissions: killed after ${acked.length}`);
    const again = await start(target);
    phase('submissions: restarted');
    for (const p of acked) {
      const my = await new HttpClient(again.url, p.cookie, p.csrf).request('GET', '/api/v1/selfcheck/my');
      expect(my.status).toBe(200);
      expect(my.json().items[0]).toMatchObject({ memberId: p.memberId, state: 'submitted' });
    }
    await again.stop();
    phase('submissions: stopped');

    await withApp(target, async (t) => {
      const members = rowsOf<{ id: string; state: string; answers: string }>(
        await t.sys.db.execute(sql`select id, state, answers from campaign_members
          where campaign_id = ${staff.campaignId} and id = any(${staff.people.map((p) => p.memberId)}::uuid[])`),
      );
      const submitted = new Set(members.filter((m) => m.state === 'submitted').map((m) => m.id));
      for (const p of acked) expect(submitted.has(p.memberId)).toBe(true);
      for (const m of members) {
        // A submission is its answers, its state and its audit event together, or nothing.
        if (m.state === 'submitted') expect(m.answers).not.toContain('.');
        else expect(m.answers.replaceAll('.', '')).toBe('');
      }
      const events = rowsOf<{ target_id: string }>(
        await t.sys.db.execute(
          sql`select target_id from audit_events where action = 'selfcheck.answers_submit'`,
        ),
      );
      expect(events.map((e) => e.target_id).sort()).toEqual([...submitted].sort());
      const end = await checkAfterStop(t);
      expect(end.auditOk, JSON.stringify(end.audit)).toBe(true);
      expect(end.running).toEqual([]);
    });
    phase('submissions: checked');
  }, 180_000);
});
