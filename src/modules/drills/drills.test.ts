import { and, eq, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { rowsOf } from '../../db/client.js';
import { Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgencyTree, buildPerson } from '../../test/factories.js';
import { people } from '../org/schema.js';
import { trainingAssignments, trainingCourses } from '../training/schema.js';
import { startReportListener } from './inbound.js';
import { closeDrillTransports, drillTransport } from './mailer.js';
import { drillEvents, drillInboundMail, drillRecipients } from './schema.js';
import { runSender } from './send.js';
import { BROWSER, drillBody, Sink, trackingPath } from './test-helpers.js';
import { makeToken, tokenKey } from './tokens.js';

// Drills end to end: lures reach a real in-process SMTP server, their links and attachments are
// followed, events are recorded (scanners flagged), a crash mid-send mails nobody twice, clickers
// get the follow-up course, and reported mail is ingested through the API and the SMTP listener.

let t: TestApp;
let sink: Sink;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let worker: Worker;

beforeAll(async () => {
  sink = await new Sink().start();
  const base = loadConfig({});
  t = await buildTestApp({ publicUrl: base.publicUrl });
  t.config.drills = {
    ...t.config.drills,
    smtpUrl: `smtp://127.0.0.1:${sink.port}?tls=off`,
    connections: 3,
    reportAddress: 'report@mamoru.example.go.jp',
  };
  tree = await buildAgencyTree(t);
  worker = new Worker(t.sys, JOBS);
});
afterAll(async () => {
  closeDrillTransports();
  await t.close();
  await sink.close();
});

const admin = () => tree.admin.client;

async function staff(n: number, unit = tree.divA1, prefix = 'p') {
  const out = [];
  for (let i = 0; i < n; i++) {
    const p = await buildPerson(t, { unit, roles: ['staff'], account: false });
    const email = `${prefix}${i}-${p.person.id.slice(0, 8)}@example.go.jp`;
    await t.sys.db.update(people).set({ email }).where(eq(people.id, p.person.id));
    out.push({ ...p.person, email });
  }
  return out;
}

async function scheduled(body: Record<string, unknown>) {
  const created = await admin().post('/api/v1/drills', drillBody(body));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const s = await admin().post(`/api/v1/drills/${id}/schedule`);
  expect(s.statusCode, s.body).toBe(200);
  return { id, recipients: s.json().recipients as number };
}

async function mailsTo(addresses: string[]) {
  const set = new Set(addresses);
  return (await sink.parsed()).filter((m) => set.has(m.to_));
}

function inject(method: 'GET' | 'HEAD' | 'POST', url: string, ua: string | null = BROWSER, payload?: object) {
  return t.app.inject({
    method,
    url,
    headers: ua ? { 'user-agent': ua } : {},
    ...(payload ? { payload } : {}),
  });
}

async function eventsOf(drillId: string) {
  return t.sys.db.select().from(drillEvents).where(eq(drillEvents.drillId, drillId));
}

describe('a link drill', () => {
  let drillId: string;
  let targets: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB, {
      nameJa: '訓練課',
    });
    targets = await staff(4, unit, 'link');
    await buildPerson(t, { unit, roles: ['staff'], status: 'left', account: false });
    ({ id: drillId } = await scheduled({ targetUnitIds: [unit.id] }));
    await worker.drain();
  });

  it('mails every active target once through the relay, each with a link of their own', async () => {
    const mails = await mailsTo(targets.map((p) => p.email));
    expect(mails).toHaveLength(4);
    for (const p of targets) expect(sink.countTo(p.email)).toBe(1);
    const m = mails[0]!;
    expect(m.subject).toBe('【重要】給与明細の確認について');
    expect(m.from?.value[0]).toMatchObject({ name: '人事課 給与係', address: 'kyuyo@example-lure.jp' });
    expect(m.headers.get('x-mamoru-ref')).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const links = new Set(mails.map((x) => trackingPath(x.text!, 'c')));
    expect(links.size).toBe(4);
    const [d] = rowsOf<{ state: string }>(
      await t.sys.db.execute(sql`select state from drills where id = ${drillId}`),
    );
    expect(d!.state).toBe('done');
    const progress = (await admin().get(`/api/v1/drills/${drillId}/progress`)).json();
    expect(progress.byState).toEqual({ sent: 4 });
  });

  it('records the click, the open pixel and the survey; the landing page shows the training content', async () => {
    const [m] = await mailsTo([targets[0]!.email]);
    const click = await inject('GET', trackingPath(m!.text!, 'c'));
    expect(click.statusCode).toBe(200);
    expect(click.body).toContain('/drill/');
    const pixel = await inject('GET', trackingPath(m!.html as string, 'o'));
    expect(pixel.headers['content-type']).toBe('image/gif');
    const token = trackingPath(m!.text!, 'c').split('/').at(-1)!;
    const landing = await inject('GET', `/api/v1/t/landing/${token}`);
    expect(landing.json()).toMatchObject({ title: '第1回 標的型メール訓練', survey: [{ id: 'why' }] });
    expect(landing.json().trainingContent).toContain('これは訓練です');
    const survey = await inject('POST', `/api/v1/t/survey/${token}`, BROWSER, { answers: { why: 'その他' } });
    expect(survey.statusCode).toBe(204);

    const ev = await eventsOf(drillId);
    expect(ev.map((e) => e.kind).sort()).toEqual(['click', 'open', 'survey']);
    expect(ev.every((e) => !e.flagged)).toBe(true);
    expect(ev.find((e) => e.kind === 'survey')!.data).toEqual({ why: 'その他' });

    const results = (await admin().get(`/api/v1/drills/${drillId}/results`)).json();
    expect(results.overall).toMatchObject({ targeted: 4, delivered: 4 });
    expect(results.overall.people).toMatchObject({
      opened: 1,
      linkClicked: 1,
      mailDisplayed: 1,
      openRate: 0.25,
      mailDisplayRate: 0.25,
    });
  });

  // 開封 is NISC's: the link accessed or the attachment opened, recorded on the server (001 L11409-11412);
  // the image alone is メール表示, reported apart.
  it('counts a link access without the image as 開封, and the image alone only as mail displayed', async () => {
    const [m] = await mailsTo([targets[1]!.email]);
    await inject('GET', trackingPath(m!.text!, 'c'));
    const [looker] = await mailsTo([targets[3]!.email]);
    await inject('GET', trackingPath(looker!.html as string, 'o'));
    const results = (await admin().get(`/api/v1/drills/${drillId}/results`)).json();
    expect(results.overall.people).toMatchObject({
      opened: 2,
      openRate: 0.5,
      mailDisplayed: 2,
      mailDisplayRate: 0.5,
    });
    const list = (await admin().get(`/api/v1/drills/${drillId}/recipients?status=opened`)).json();
    expect(list.items.map((r: { status: string }) => r.status)).toEqual(['opened', 'opened']);
    expect(list.items.every((r: { openedAt: string | null }) => r.openedAt !== null)).toBe(true);
    const shown = (await admin().get(`/api/v1/drills/${drillId}/recipients?status=displayed`)).json();
    expect(shown.items).toHaveLength(1);
    expect(shown.items[0]).toMatchObject({ email: targets[3]!.email, status: 'displayed', openedAt: null });
  });

  it('answers unknown and forged tokens byte for byte as it answers real ones, and records nothing', async () => {
    const [m] = await mailsTo([targets[2]!.email]);
    const real = trackingPath(m!.text!, 'c').split('/').at(-1)!;
    const forged = `${real.slice(0, 31)}${real[31] === 'A' ? 'B' : 'A'}`;
    const before = (await eventsOf(drillId)).length;
    for (const kind of ['o', 'a'] as const) {
      const a = await inject('GET', `/api/v1/t/${kind}/${real}.gif`);
      const b = await inject('GET', `/api/v1/t/${kind}/${forged}.gif`);
      expect(b.statusCode).toBe(a.statusCode);
      expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
      expect(b.headers['content-type']).toBe(a.headers['content-type']);
    }
    const r1 = await inject('GET', `/api/v1/t/r/${real}`);
    const r2 = await inject('GET', `/api/v1/t/r/${forged}`);
    expect(r2.rawPayload.equals(r1.rawPayload)).toBe(true);
    const s1 = await inject('POST', `/api/v1/t/survey/${real}`, BROWSER, { answers: {} });
    const s2 = await inject('POST', `/api/v1/t/survey/nonsense`, BROWSER, { answers: {} });
    expect([s1.statusCode, s2.statusCode]).toEqual([204, 204]);
    expect((await eventsOf(drillId)).length).toBe(before + 4); // o, a, r, survey of the real token only
    expect((await inject('GET', `/api/v1/t/landing/${forged}`)).statusCode).toBe(200);
  });

  it('lets a drill administrator download the results as .xlsx', async () => {
    const res = await admin().get(`/api/v1/drills/${drillId}/results/export`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '全体',
      '組織別',
      '役割別',
      '過去の訓練との比較',
      '検知された自動アクセス',
      '個人別',
    ]);
    expect(wb.getWorksheet('個人別')!.rowCount).toBe(5);
  });
});

describe('the {{unit}} placeholder', () => {
  it('is the recipient’s unit in the sent mail and the administrator’s unit in the preview', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB, {
      nameJa: '会計課',
    });
    const [p] = await staff(1, unit, 'unit');
    const body = '{{name}} 様（{{unit}}）\n\n{{unit}}の皆様へのお知らせです。\n{{url}}';
    const { id } = await scheduled({ targetUnitIds: [unit.id], subject: '【{{unit}}】お知らせ', body });
    await worker.drain();
    const [m] = await mailsTo([p!.email]);
    expect(m!.subject).toBe('【会計課】お知らせ');
    expect(m!.text).toContain(`${p!.name} 様（会計課）`);
    expect(m!.text).toContain('会計課の皆様へ');
    expect(m!.html).toContain('会計課の皆様へ');

    const preview = (await admin().get(`/api/v1/drills/${id}/preview`)).json();
    expect(preview.subject).toBe(`【${tree.root.nameJa}】お知らせ`);
    expect(preview.text).toContain(`（${tree.root.nameJa}）`);
    expect(tree.root.nameJa.length).toBeGreaterThan(0);
  });
});

describe('an attachment drill', () => {
  it('mails a harmless HTML attachment whose opening calls back and leads to the training page', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const targets = await staff(2, unit, 'att');
    const { id } = await scheduled({
      targetUnitIds: [unit.id],
      lureKind: 'attachment',
      attachmentName: '給与明細.html',
      body: '{{name}} 様\n\n添付の給与明細を確認してください。',
    });
    await worker.drain();
    const [m] = await mailsTo([targets[0]!.email]);
    const att = m!.attachments[0]!;
    expect(att.filename).toBe('給与明細.html');
    expect(att.contentType).toBe('text/html');
    const html = att.content.toString('utf8');
    expect(html).not.toMatch(/<script|macro/i);
    expect(html).toContain('/drill/');
    const res = await inject('GET', trackingPath(html, 'a'));
    expect(res.headers['content-type']).toBe('image/gif');
    const ev = await eventsOf(id);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ kind: 'attachment', flagged: false });
    const results = (await admin().get(`/api/v1/drills/${id}/results`)).json();
    expect(results.overall.people).toMatchObject({
      attachmentOpened: 1,
      linkClicked: 0,
      opened: 1,
      openRate: 0.5,
      mailDisplayed: 0,
    });
  });
});

describe('scanners and pre-fetchers', () => {
  it('flags scanner agents, HEAD requests, events within seconds of delivery and before delivery; every figure both ways', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const targets = await staff(4, unit, 'scan');
    const { id } = await scheduled({ targetUnitIds: [unit.id], scannerWindowSeconds: 600 });
    // Recipient 4 is put back before sending: its events come "before delivery".
    await worker.drain();
    const rows = await t.sys.db.select().from(drillRecipients).where(eq(drillRecipients.drillId, id));
    const key = tokenKey(t.env.secretKey);
    const tok = (email: string) => makeToken(key, rows.find((r) => r.email === email)!.id);
    // Everyone's delivery was long ago except the "too soon" one.
    await t.sys.db.execute(
      sql`update drill_recipients set sent_at = now() - interval '1 hour' where drill_id = ${id}`,
    );
    const [a, b, c, d] = targets.map((p) => tok(p.email));
    await t.sys.db.execute(
      sql`update drill_recipients set sent_at = now() where id = ${rows.find((r) => r.email === targets[2]!.email)!.id}`,
    );
    await t.sys.db.execute(
      sql`update drill_recipients set sent_at = now() + interval '1 hour' where id = ${rows.find((r) => r.email === targets[3]!.email)!.id}`,
    );

    await inject('GET', `/api/v1/t/c/${a}`, 'Mozilla/5.0 (compatible; BingPreview/1.0b)');
    await inject('HEAD', `/api/v1/t/c/${b}`);
    await inject('GET', `/api/v1/t/c/${c}`);
    await inject('GET', `/api/v1/t/c/${d}`);
    await inject('GET', `/api/v1/t/o/${a}.gif`); // a real open by the first person

    const ev = await eventsOf(id);
    const flagsOf = (token: string, kind: string) => {
      const rid = rows.find((r) => makeToken(key, r.id) === token)!.id;
      return ev.find((e) => e.recipientId === rid && e.kind === kind)!.flags;
    };
    expect(flagsOf(a!, 'click')).toEqual(['scanner_agent']);
    expect(flagsOf(b!, 'click')).toEqual(['head_request']);
    expect(flagsOf(c!, 'click')).toEqual(['too_soon']);
    expect(flagsOf(d!, 'click')).toEqual(['before_delivery']);
    expect(flagsOf(a!, 'open')).toEqual([]);

    const results = (await admin().get(`/api/v1/drills/${id}/results`)).json();
    expect(results.overall.all).toMatchObject({ linkClicked: 4, opened: 4, mailDisplayed: 1 });
    expect(results.overall.people).toMatchObject({ linkClicked: 0, opened: 0, mailDisplayed: 1 });
    expect(results.flaggedEvents).toEqual({
      scanner_agent: 1,
      head_request: 1,
      too_soon: 1,
      before_delivery: 1,
    });
    expect(results.units[0].all.openRate).toBe(1);
    expect(results.units[0].people.openRate).toBe(0);
  });
});

describe('a crash in the middle of sending', () => {
  it('resumes without mailing anyone twice; mail in flight at the crash is "unknown" until resent on request', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const targets = await staff(30, unit, 'crash');
    const { id } = await scheduled({ targetUnitIds: [unit.id], ratePerSecond: 200 });
    const countIn = () => targets.reduce((s, p) => s + sink.countTo(p.email), 0);
    const sentInDb = async () =>
      rowsOf<{ n: number }>(
        await t.sys.db.execute(
          sql`select count(*)::int as n from drill_recipients where drill_id = ${id} and state = 'sent'`,
        ),
      )[0]!.n;

    // The first worker mails 10, then its relay connections hang and the process dies.
    const dead = new AbortController();
    const first = runSender(t.sys, id, { signal: dead.signal });
    for (let i = 0; i < 2000 && countIn() < 10; i++) await new Promise((r) => setTimeout(r, 5));
    sink.stall();
    for (let i = 0; i < 1000 && (await sentInDb()) < countIn(); i++)
      await new Promise((r) => setTimeout(r, 10));
    for (let i = 0; i < 2000 && sink.heldCount === 0; i++) await new Promise((r) => setTimeout(r, 5));
    dead.abort();
    closeDrillTransports({ force: true }); // the dead process's relay connections die with it
    await new Promise((r) => setTimeout(r, 20));
    const deliveredBeforeCrash = countIn();
    expect(deliveredBeforeCrash).toBeGreaterThanOrEqual(10);
    expect(deliveredBeforeCrash).toBeLessThan(30);
    sink.release();
    await first;

    // Its claims run out; another worker takes over with a fresh relay connection.
    await t.sys.db.execute(sql`update drill_recipients set claimed_until = now() - interval '1 second'
      where drill_id = ${id} and state = 'sending'`);
    const fresh = drillTransport({ ...t.config, drills: { ...t.config.drills, connections: 2 } });
    await runSender(t.sys, id, { transport: fresh });

    for (const p of targets) expect(sink.countTo(p.email)).toBeLessThanOrEqual(1);
    const states = rowsOf<{ state: string; n: number }>(
      await t.sys.db.execute(
        sql`select state, count(*)::int as n from drill_recipients where drill_id = ${id} group by state`,
      ),
    );
    const byState = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(byState.sent).toBe(countIn());
    expect(byState.unknown).toBe(30 - countIn());
    expect(byState.unknown).toBeGreaterThan(0);

    // The administrator decides to resend the unknown ones: everyone has exactly one lure.
    const res = await admin().post(`/api/v1/drills/${id}/resend-unknown`);
    expect(res.json()).toEqual({ requeued: byState.unknown });
    await worker.drain();
    for (const p of targets) expect(sink.countTo(p.email)).toBe(1);
  });

  it('lets several senders share a drill: one killed mid-send, the others go on, nobody mailed twice', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const targets = await staff(40, unit, 'multi');
    const { id } = await scheduled({ targetUnitIds: [unit.id], ratePerSecond: 400 });
    const countIn = () => targets.reduce((s, p) => s + sink.countTo(p.email), 0);
    const relay = (connections: number) =>
      drillTransport({ ...t.config, drills: { ...t.config.drills, connections } });

    // Two "instances" on the same drill, small batches so they interleave; the second runs two lanes.
    const dead = new AbortController();
    const doomed = runSender(t.sys, id, {
      signal: dead.signal,
      transport: relay(4),
      senders: 1,
      batchSize: 4,
    });
    const live = runSender(t.sys, id, { transport: relay(5), senders: 2, batchSize: 4 });
    for (let i = 0; i < 2000 && countIn() < 8; i++) await new Promise((r) => setTimeout(r, 2));
    dead.abort();
    const atKill = countIn();
    expect(atKill).toBeLessThan(40);
    await doomed;
    await live;
    expect(countIn()).toBeGreaterThan(atKill); // the live senders went on

    // The dead sender's claims run out; the next run declares them unknown and sends nothing twice.
    await t.sys.db.execute(sql`update drill_recipients set claimed_until = now() - interval '1 second'
      where drill_id = ${id} and state = 'sending'`);
    await runSender(t.sys, id, { transport: relay(2) });

    const rows = rowsOf<{ email: string; state: string }>(
      await t.sys.db.execute(sql`select email, state from drill_recipients where drill_id = ${id}`),
    );
    expect(rows).toHaveLength(40);
    for (const r of rows) {
      expect(['sent', 'unknown']).toContain(r.state);
      if (r.state === 'sent') expect(sink.countTo(r.email)).toBe(1);
      else expect(sink.countTo(r.email)).toBeLessThanOrEqual(1);
    }
    const unknown = rows.filter((r) => r.state === 'unknown').length;
    expect(unknown).toBeLessThanOrEqual(4); // at most the dead sender's one batch
    expect(rows.filter((r) => r.state === 'sent').length + unknown).toBe(40);
    const [d] = rowsOf<{ state: string }>(
      await t.sys.db.execute(sql`select state from drills where id = ${id}`),
    );
    expect(d!.state).toBe('done');
  });

  it('records a permanent refusal as a bounce, per recipient', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const [ok] = await staff(1, unit, 'fine');
    const [bad] = await staff(1, unit, 'reject');
    const { id } = await scheduled({ targetUnitIds: [unit.id] });
    await worker.drain();
    const rows = await t.sys.db.select().from(drillRecipients).where(eq(drillRecipients.drillId, id));
    expect(rows.find((r) => r.email === ok!.email)!.state).toBe('sent');
    const bounced = rows.find((r) => r.email === bad!.email)!;
    expect(bounced.state).toBe('bounced');
    expect(bounced.error).toContain('no such user');
  });
});

describe('follow-up training', () => {
  it('assigns the follow-up course to whoever clicked for real, not to scanners', async () => {
    const [course] = await t.sys.db
      .insert(trainingCourses)
      .values({
        tenantId: tree.tenant.id,
        title: '標的型メール対策（フォローアップ）',
        status: 'published',
        publishedAt: new Date(),
      })
      .returning();
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const [clicker, scanned, quiet] = await staff(3, unit, 'fu');
    const { id } = await scheduled({ targetUnitIds: [unit.id], followUpCourseId: course!.id });
    await worker.drain();
    const rows = await t.sys.db.select().from(drillRecipients).where(eq(drillRecipients.drillId, id));
    const key = tokenKey(t.env.secretKey);
    const tok = (email: string) => makeToken(key, rows.find((r) => r.email === email)!.id);
    await inject('GET', `/api/v1/t/c/${tok(clicker!.email)}`);
    await inject('GET', `/api/v1/t/c/${tok(scanned!.email)}`, 'curl/8.0');
    await worker.drain();
    const assigned = await t.sys.db
      .select({ personId: trainingAssignments.personId, sourceKind: trainingAssignments.sourceKind })
      .from(trainingAssignments)
      .where(eq(trainingAssignments.courseId, course!.id));
    expect(assigned).toEqual([{ personId: clicker!.id, sourceKind: 'drill_followup' }]);
    expect(quiet).toBeDefined();
    // Doing it again by hand changes nothing.
    const again = await admin().post(`/api/v1/drills/${id}/follow-up`, {});
    expect(again.json()).toEqual({ people: 0, assigned: 0, alreadyAssigned: 0 });
    const list = (await admin().get(`/api/v1/drills/${id}/recipients?status=opened`)).json();
    expect(list.items[0].followUpAt).not.toBeNull();
  });
});

describe('reported mail', () => {
  async function oneLure() {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const [p] = await staff(1, unit, 'rep');
    const { id } = await scheduled({ targetUnitIds: [unit.id] });
    await worker.drain();
    const lure = sink.inbox.find((m) => m.to.includes(p!.email))!;
    return { id, person: p!, lure };
  }

  /** What a mail client sends when a person forwards the lure as an attachment to the report address. */
  async function forwarded(from: string, lure: Buffer) {
    const t2 = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const info = await t2.sendMail({
      from,
      to: 'report@mamoru.example.go.jp',
      subject: 'FW: 不審なメール',
      text: '不審なメールが届きました。',
      attachments: [{ filename: 'lure.eml', content: lure, contentType: 'message/rfc822' }],
    });
    return info.message as Buffer;
  }

  it('is ingested through the inbound route (API token) and counted as reported', async () => {
    const { id, person, lure } = await oneLure();
    const tokenRes = await admin().post('/api/v1/me/tokens', { name: 'gateway', scopes: ['drill.manage'] });
    const raw = await forwarded(person.email, lure.raw);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/drills/reports/inbound',
      payload: raw,
      headers: { authorization: `Bearer ${tokenRes.json().token}`, 'content-type': 'message/rfc822' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ kind: 'drill_report', drillId: id, recorded: true });
    const results = (await admin().get(`/api/v1/drills/${id}/results`)).json();
    expect(results.overall.all.reported).toBe(1);
    expect(results.overall.people.timeToFirstReportSeconds).not.toBeNull();
  });

  it('is ingested through the SMTP listener; other suspicious mail is kept apart', async () => {
    const { id, person, lure } = await oneLure();
    const listener = await startReportListener(t.sys, 0, '127.0.0.1');
    try {
      const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: listener.port, ignoreTLS: true });
      const raw = await forwarded(person.email, lure.raw);
      await smtp.sendMail({ envelope: { from: person.email, to: ['report@mamoru.example.go.jp'] }, raw });
      await smtp.sendMail({
        from: 'someone@example.go.jp',
        to: 'report@mamoru.example.go.jp',
        subject: '怪しいメール',
        text: 'これは訓練ではないかもしれません',
      });
      smtp.close();
    } finally {
      await listener.close();
    }
    const ev = await t.sys.db
      .select()
      .from(drillEvents)
      .where(and(eq(drillEvents.drillId, id), eq(drillEvents.kind, 'report')));
    expect(ev).toHaveLength(1);
    const inbound = await t.sys.db.select().from(drillInboundMail).where(eq(drillInboundMail.via, 'smtp'));
    expect(inbound.map((m) => m.kind).sort()).toEqual(['drill_report', 'suspicious']);
    const listed = (await admin().get('/api/v1/drills/reports')).json().items as { kind: string }[];
    expect(listed.some((m) => m.kind === 'suspicious')).toBe(true);
  });
});

describe('the exchange variant (やりとり型)', () => {
  it('sends a benign first mail, then the lure as a reply once the person answers', async () => {
    const unit = await (await import('../../test/factories.js')).buildUnit(t, tree.bureauB);
    const [p, silent] = await staff(2, unit, 'xch');
    const { id } = await scheduled({
      targetUnitIds: [unit.id],
      variant: 'exchange',
      benignSubject: '取材のお願い',
      benignBody: '{{name}} 様\n\n取材をお願いできますでしょうか。',
      subject: 'Re: 取材のお願い',
      lureDelayHours: 48,
    });
    await worker.drain();
    const first = (await mailsTo([p!.email]))[0]!;
    expect(first.subject).toBe('取材のお願い');
    expect(first.text).not.toContain('/api/v1/t/');
    expect(sink.countTo(silent!.email)).toBe(1);

    // The person answers; the gateway forwards the reply to Mamoru.
    const reply = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const raw = (
      await reply.sendMail({
        from: p!.email,
        to: 'kyuyo@example-lure.jp',
        subject: 'Re: 取材のお願い',
        text: '承知しました。',
        inReplyTo: first.messageId!,
        references: [first.messageId!],
      })
    ).message as Buffer;
    const res = await admin().request({
      method: 'POST',
      url: '/api/v1/drills/reports/inbound',
      payload: raw,
      headers: { 'content-type': 'message/rfc822' },
    });
    expect(res.json()).toMatchObject({ kind: 'reply', drillId: id });
    await worker.drain();
    const mails = await mailsTo([p!.email]);
    expect(mails).toHaveLength(2);
    const lure = mails.find((m) => m.subject === 'Re: 取材のお願い')!;
    expect(lure.inReplyTo).toBe(first.messageId);
    expect(lure.text).toContain('/api/v1/t/c/');
    // The one who did not answer waits for the delay.
    expect(sink.countTo(silent!.email)).toBe(1);
    const progress = (await admin().get(`/api/v1/drills/${id}/progress`)).json();
    expect(progress).toMatchObject({ state: 'sending', repliedToFirstMail: 1, benignByState: { sent: 2 } });
  });
});
