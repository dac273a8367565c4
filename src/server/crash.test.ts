import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { pgArray, rowsOf } from '../db/client.js';
import { BROWSER, drillBody, Sink } from '../modules/drills/test-helpers.js';
import { makeToken, tokenKey } from '../modules/drills/tokens.js';
import { people as peopleTable } from '../modules/org/schema.js';
import { roleAssignments } from '../modules/roles/schema.js';
import { Client, type TestApp } from '../test/app.js';
import {
  between,
  burst,
  type CrashDatabase,
  checkAfterStop,
  createCrashDatabase,
  HttpClient,
  letLeasesRunOut,
  phase,
  ServerProcess,
  sleep,
  withApp,
} from '../test/crash.js';
import { buildAgencyTree, buildPerson, buildUnit, PASSWORD, roleByKey } from '../test/factories.js';
import { approvePlan, buildOpenCampaign } from '../test/selfcheck.js';

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
          where campaign_id = ${staff.campaignId} and id = any(${pgArray(staff.people.map((p) => p.memberId))}::uuid[])`),
      );
      const submitted = new Set(members.filter((m) => m.state === 'submitted').map((m) => m.id));
      for (const p of acked) expect(submitted.has(p.memberId)).toBe(true);
      for (const m of members) {
        // A submission is its answers, its state and its audit event together, or nothing.
        // (The packed string has a place for every item of the campaign; '.' is unanswered.)
        const answered = m.answers.replaceAll('.', '').length;
        const items = Object.keys(staff.people[0]!.answers).length;
        expect(answered).toBe(m.state === 'submitted' ? items : 0);
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
  }, 600_000);
});

/** `n` active staff in `unit` in two statements (people, then their staff role); e-mail `prefix<i>@…`. */
async function bulkStaff(t: TestApp, unit: { id: string; tenantId: string }, n: number, prefix: string) {
  const rows = await t.sys.db
    .insert(peopleTable)
    .values(
      Array.from({ length: n }, (_, i) => ({
        tenantId: unit.tenantId,
        staffNo: `${prefix.toUpperCase()}${String(i).padStart(5, '0')}`,
        name: `職員 ${prefix}${i}`,
        email: `${prefix}${i}@example.go.jp`,
        unitId: unit.id,
      })),
    )
    .returning();
  const role = await roleByKey(t.sys, unit.tenantId, 'staff');
  await t.sys.db
    .insert(roleAssignments)
    .values(rows.map((p) => ({ tenantId: unit.tenantId, personId: p.id, roleId: role.id, unitId: unit.id })));
  return rows;
}

/** Senders per drill in the crash scenario's server (MAMORU_DRILL_SENDERS). */
const SENDERS = 2;

async function scheduledDrill(admin: Client, body: Record<string, unknown>) {
  const created = await admin.post('/api/v1/drills', drillBody(body));
  if (created.statusCode !== 201) throw new Error(`drill: ${created.body}`);
  const id = created.json().id as string;
  const s = await admin.post(`/api/v1/drills/${id}/schedule`);
  if (s.statusCode !== 200) throw new Error(`schedule: ${s.body}`);
  return id;
}

/**
 * Polls `check` until it returns a value (not undefined) or `ms` pass. A failing check (the server
 * is restarting) is tried again; the last failure is named if time runs out.
 */
async function eventually<T>(ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    const v = await check().catch((e: unknown) => {
      last = e;
      return undefined;
    });
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`not reached within ${ms} ms (last failure: ${String(last)})`);
    await sleep(250);
  }
}

describe('drill tracking events', () => {
  it('stores every acknowledged click exactly once', async () => {
    const target = await database();
    const tokens = await withApp(target, async (t) => {
      const tree = await buildAgencyTree(t);
      const unit = await buildUnit(t, tree.bureauB);
      await bulkStaff(t, unit, 60, 'trk');
      const drillId = await scheduledDrill(tree.admin.client, { targetUnitIds: [unit.id] });
      const recipients = rowsOf<{ id: number }>(
        await t.sys.db.execute(sql`select id from drill_recipients where drill_id = ${drillId} order by id`),
      );
      const key = tokenKey(t.env.secretKey);
      return recipients.map((r) => ({ id: Number(r.id), token: makeToken(key, Number(r.id)) }));
    });
    phase('tracking: set up');

    // No mail is sent in this scenario (JOBS=off): clicks before delivery are stored too, flagged.
    const server = await start(target, { JOBS: 'off' });
    const { acked, failed } = await burst(
      tokens,
      { concurrency: 8, killAfter: between(5, 45), kill: () => server.kill() },
      async (r) =>
        (await fetch(`${server.url}/api/v1/t/c/${r.token}`, { headers: { 'user-agent': BROWSER } })).ok,
    );
    phase(`tracking: killed after ${acked.length}`);
    const again = await start(target, { JOBS: 'off' });
    // A click never sent before the crash (one sent but unanswered may have been stored).
    const late = tokens.find((r) => !acked.includes(r) && !failed.includes(r));
    if (late)
      expect(
        (await fetch(`${again.url}/api/v1/t/c/${late.token}`, { headers: { 'user-agent': BROWSER } })).ok,
      ).toBe(true);
    await again.stop();

    await withApp(target, async (t) => {
      const events = rowsOf<{ recipient_id: number; n: number }>(
        await t.sys.db.execute(sql`select recipient_id, count(*)::int as n from drill_events
          where kind = 'click' group by recipient_id`),
      );
      const stored = new Map(events.map((e) => [Number(e.recipient_id), e.n]));
      for (const r of acked) expect(stored.get(r.id), `click of ${r.id}`).toBe(1);
      if (late) expect(stored.get(late.id)).toBe(1);
      for (const n of stored.values()) expect(n).toBe(1);
      const end = await checkAfterStop(t);
      expect(end.auditOk, JSON.stringify(end.audit)).toBe(true);
      expect(end.running).toEqual([]);
    });
    phase('tracking: checked');
  }, 600_000);
});

describe('a staff import', () => {
  it('applies each file whole or not at all; every acknowledged one is there', async () => {
    const target = await database();
    const setup = await withApp(target, async (t) => {
      const tree = await buildAgencyTree(t);
      return { admin: tree.admin.client, unitCode: tree.divA1.code };
    });
    // Six files of 150 new people each, told apart by their staff numbers' prefix.
    const files = Array.from({ length: 6 }, (_, f) => ({
      prefix: `IMP${f}-`,
      csv: [
        'staff_no,name,email,unit_code',
        ...Array.from(
          { length: 150 },
          (_, i) => `IMP${f}-${i},取込 職員${f}-${i},imp${f}-${i}@example.go.jp,${setup.unitCode}`,
        ),
      ].join('\n'),
    }));
    phase('import: set up');

    const server = await start(target);
    const { acked } = await burst(
      files,
      {
        concurrency: 2,
        killAfter: between(1, 4),
        kill: async () => {
          await sleep(between(0, 300)); // usually while the next file is being imported
          await server.kill();
        },
      },
      async (f) => {
        const c = new HttpClient(server.url, setup.admin.cookie, setup.admin.csrf);
        const res = await c.request('POST', '/api/v1/imports/staff', f.csv, { 'content-type': 'text/csv' });
        return res.status === 200;
      },
    );
    phase(`import: killed after ${acked.length}`);
    await (await start(target)).stop();

    await withApp(target, async (t) => {
      const counts = rowsOf<{ prefix: string; n: number }>(
        await t.sys.db.execute(sql`select split_part(staff_no, '-', 1) || '-' as prefix, count(*)::int as n
          from people where staff_no like 'IMP%' group by 1`),
      );
      const imported = new Map(counts.map((c) => [c.prefix, c.n]));
      for (const f of acked) expect(imported.get(f.prefix)).toBe(150);
      for (const n of imported.values()) expect(n).toBe(150);
      const events = rowsOf<{ n: number }>(
        await t.sys.db.execute(
          sql`select count(*)::int as n from audit_events where action = 'import.staff'`,
        ),
      );
      expect(events[0]!.n).toBe(imported.size);
      const end = await checkAfterStop(t);
      expect(end.auditOk, JSON.stringify(end.audit)).toBe(true);
      expect(end.running).toEqual([]);
    });
    phase('import: checked');
  }, 600_000);
});

describe('opening a campaign', () => {
  it('leaves the campaign either not open with no members or open with all of them', async () => {
    const target = await database();
    const setup = await withApp(target, async (t) => {
      const tree = await buildAgencyTree(t);
      await bulkStaff(t, tree.divB1, 300, 'cmp');
      const admin = tree.admin.client;
      const versions = (await admin.get('/api/v1/selfcheck/catalogs')).json().items as {
        id: string;
        shipped: boolean;
      }[];
      const policy = await admin.post('/api/v1/selfcheck/policies', {
        name: 'テスト方針',
        catalogVersionId: versions.find((v) => v.shipped)!.id,
      });
      const campaign = await admin.post('/api/v1/selfcheck/campaigns', {
        policyId: policy.json().id,
        title: '停止試験の自己点検',
        fiscalYear: 2026,
        startsOn: '2026-11-01',
        endsOn: '2027-03-31',
        reminderEveryDays: null,
      });
      const campaignId = campaign.json().id as string;
      await approvePlan(admin, campaignId);
      const people = rowsOf<{ n: number }>(
        await t.sys.db.execute(sql`select count(*)::int as n from role_assignments ra join people p on p.id = ra.person_id
          where p.tenant_id = ${tree.tenant.id} and p.status = 'active'`),
      )[0]!.n;
      return { admin, campaignId, people };
    });
    phase('campaign: set up');

    const server = await start(target);
    const c = new HttpClient(server.url, setup.admin.cookie, setup.admin.csrf);
    const opening = c
      .request('POST', `/api/v1/selfcheck/campaigns/${setup.campaignId}/transition`, { to: 'open' })
      .then((r) => r.status === 200 || r.status === 202)
      .catch(() => false);
    await sleep(between(0, 1500));
    await server.kill();
    const acknowledged = await opening;
    phase(`campaign: killed (acknowledged: ${acknowledged})`);

    await letLeasesRunOut(target); // in case opening runs as a job that the dead process held
    const again = await start(target);
    const admin = new HttpClient(again.url, setup.admin.cookie, setup.admin.csrf);
    // Opening may continue in the background after the restart: wait for a settled state.
    const state = await eventually(120_000, async () => {
      const s = (await admin.request('GET', `/api/v1/selfcheck/campaigns/${setup.campaignId}`)).json().state;
      return s === 'draft' || s === 'open' ? (s as string) : undefined;
    });
    await again.stop();
    if (acknowledged) expect(state).toBe('open');

    await withApp(target, async (t) => {
      const [row] = rowsOf<{ state: string; members: number; events: number }>(
        await t.sys.db.execute(sql`select c.state,
            (select count(*)::int from campaign_members m where m.campaign_id = c.id) as members,
            (select count(*)::int from audit_events e where e.action = 'selfcheck.campaign_transition'
               and e.target_id = ${setup.campaignId}) as events
          from campaigns c where c.id = ${setup.campaignId}`),
      );
      expect(row!.state).toBe(state);
      if (state === 'open') {
        // Every active person once per role that has questions (the administrator's own role has none).
        const [expected] = rowsOf<{ n: number }>(
          await t.sys.db.execute(sql`select count(*)::int as n from role_assignments ra
            join people p on p.id = ra.person_id join roles r on r.id = ra.role_id
            where p.status = 'active' and p.tenant_id = (select tenant_id from campaigns where id = ${setup.campaignId})
              and exists (select 1 from campaign_items ci where ci.campaign_id = ${setup.campaignId}
                and ci.role_keys ? r.key)`),
        );
        expect(row!.members).toBe(expected!.n);
        expect(row!.members).toBeGreaterThanOrEqual(300);
        expect(row!.events).toBe(1);
      } else {
        expect(row!.members).toBe(0);
        expect(row!.events).toBe(0);
      }
      const end = await checkAfterStop(t);
      expect(end.auditOk, JSON.stringify(end.audit)).toBe(true);
      expect(end.running).toEqual([]);
    });
    phase(`campaign: checked (${state})`);
  }, 600_000);
});

describe('sending a drill', () => {
  it('resumes after the crash and mails nobody twice', async () => {
    const sink = await new Sink().start();
    try {
      const target = await database();
      const setup = await withApp(target, async (t) => {
        const tree = await buildAgencyTree(t);
        const unit = await buildUnit(t, tree.bureauB);
        const people = await bulkStaff(t, unit, 120, 'snd');
        const drillId = await scheduledDrill(tree.admin.client, {
          targetUnitIds: [unit.id],
          ratePerSecond: 40,
        });
        return { admin: tree.admin.client, drillId, emails: people.map((p) => p.email!) };
      });
      phase('send: set up');
      const env = {
        MAMORU_DRILL_SMTP_URL: `smtp://127.0.0.1:${sink.port}?tls=off`,
        MAMORU_DRILL_SENDERS: String(SENDERS),
      };
      const delivered = () => setup.emails.reduce((s, e) => s + sink.countTo(e), 0);

      const server = await start(target, env);
      const killAt = between(10, 100);
      await eventually(120_000, async () => (delivered() >= killAt ? true : undefined));
      await server.kill();
      const beforeCrash = delivered();
      phase(`send: killed after ${beforeCrash} delivered`);

      // Its job lease and its claims on recipients run out; the restarted worker takes the job again.
      await letLeasesRunOut(target);
      const again = await start(target, env);
      const admin = new HttpClient(again.url, setup.admin.cookie, setup.admin.csrf);
      await eventually(120_000, async () => {
        const d = (await admin.request('GET', `/api/v1/drills/${setup.drillId}`)).json();
        return d.state === 'done' ? true : undefined;
      });
      await again.stop();
      phase(`send: done, ${delivered()} delivered`);

      await withApp(target, async (t) => {
        const rows = rowsOf<{ email: string; state: string }>(
          await t.sys.db.execute(
            sql`select email, state from drill_recipients where drill_id = ${setup.drillId}`,
          ),
        );
        expect(rows).toHaveLength(120);
        for (const r of rows) {
          const n = sink.countTo(r.email);
          expect(n, r.email).toBeLessThanOrEqual(1); // nobody mailed twice
          // 'sent' is a delivered mail; 'unknown' was claimed by the dead process (delivered or not).
          if (r.state === 'sent') expect(n, r.email).toBe(1);
          else expect(r.state, r.email).toBe('unknown');
        }
        // Recipients the dead process had claimed are 'unknown' even if it never tried them: at most
        // one claimed batch (max(50, min(1000, 2 × rate)) = 80 here) per sender. See docs/crash-tests.md.
        const unknown = rows.filter((r) => r.state === 'unknown');
        expect(unknown.length).toBeLessThanOrEqual(80 * SENDERS);
        const neverMailed = unknown.filter((r) => sink.countTo(r.email) === 0).length;
        phase(
          `send: ${rows.length - unknown.length} sent, ${unknown.length} unknown (${neverMailed} never mailed)`,
        );
        const end = await checkAfterStop(t);
        expect(end.auditOk, JSON.stringify(end.audit)).toBe(true);
        expect(end.running).toEqual([]);
      });
    } finally {
      await sink.close();
    }
  }, 600_000);
});
