import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { fiscalYearOf } from '../../lib/dates.js';
import { Worker } from '../../server/jobs/queue.js';
import { JOBS } from '../../server/jobs/registry.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { buildAgency, buildAgencyTree, buildPerson, buildUnit } from '../../test/factories.js';
import { people } from '../org/schema.js';
import { DrillAnnual } from '../report/figures-model.js';
import { closeDrillTransports } from './mailer.js';
import { annualFigures } from './public.js';
import { drills } from './schema.js';
import { BROWSER, drillBody, Sink, trackingPath } from './test-helpers.js';

// The annual report's drill figures (001 ch. II) must be the results page's, exactly: NISC's 開封率
// (link accessed or attachment opened), the report rate and the display rate, for drills sent that year.

let t: TestApp;
let sink: Sink;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let worker: Worker;
const FY = fiscalYearOf(new Date());

beforeAll(async () => {
  sink = await new Sink().start();
  t = await buildTestApp({ publicUrl: loadConfig({}).publicUrl });
  t.config.drills = { ...t.config.drills, smtpUrl: `smtp://127.0.0.1:${sink.port}?tls=off`, connections: 2 };
  tree = await buildAgencyTree(t);
  worker = new Worker(t.sys, JOBS);
});
afterAll(async () => {
  closeDrillTransports();
  await t.close();
  await sink.close();
});

const admin = () => tree.admin.client;

/** A drill mailed to `n` new staff of a new unit; returns each recipient's tracking token. */
async function sentDrill(n: number, title: string) {
  const unit = await buildUnit(t, tree.bureauA);
  const emails: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = await buildPerson(t, { unit, roles: ['staff'], account: false });
    const email = `annual-${p.person.id.slice(0, 8)}@example.go.jp`;
    await t.sys.db.update(people).set({ email }).where(eq(people.id, p.person.id));
    emails.push(email);
  }
  const created = await admin().post('/api/v1/drills', drillBody({ title, targetUnitIds: [unit.id] }));
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  expect((await admin().post(`/api/v1/drills/${id}/schedule`)).statusCode).toBe(200);
  await worker.drain();
  const mails = await sink.parsed();
  const tokens = emails.map((e) => {
    const m = mails.find((x) => x.to_ === e)!;
    return { click: trackingPath(m.text!, 'c'), pixel: trackingPath(m.html as string, 'o') };
  });
  return { id, tokens };
}

const hit = (url: string, ua = BROWSER) =>
  t.app.inject({ method: 'GET', url, headers: { 'user-agent': ua } });
const reportOf = (click: string) => click.replace('/t/c/', '/t/r/');

describe('drills annualFigures', () => {
  let first: Awaited<ReturnType<typeof sentDrill>>;
  let second: Awaited<ReturnType<typeof sentDrill>>;

  beforeAll(async () => {
    first = await sentDrill(5, '第1回 標的型メール訓練');
    const [a, b, c, d, e] = first.tokens;
    await hit(a!.click); // 開封 by the link
    await hit(b!.pixel); // メール表示 only
    await hit(c!.pixel);
    await hit(c!.click); // both
    await hit(reportOf(d!.click)); // reported, never opened
    await hit(e!.click, 'curl/8.5.0'); // a scanner: not a person's 開封
    second = await sentDrill(3, '第2回 標的型メール訓練');
    await hit(second.tokens[0]!.click);
    await hit(reportOf(second.tokens[0]!.click));
    // a drill never sent is not a drill of the year
    const draft = await admin().post('/api/v1/drills', drillBody({ title: '未送信の訓練' }));
    expect(draft.statusCode, draft.body).toBe(201);
  });

  async function expectSameAsResults(figures: DrillAnnual) {
    for (const d of figures.drills) {
      const res = await admin().get(`/api/v1/drills/${d.drillId}/results`);
      expect(res.statusCode, res.body).toBe(200);
      const { overall } = res.json();
      expect(d).toEqual({
        drillId: d.drillId,
        title: res.json().title,
        sentAt: d.sentAt,
        recipients: overall.targeted,
        delivered: overall.delivered,
        opened: overall.people.opened,
        openRate: overall.people.openRate,
        reported: overall.people.reported,
        reportRate: overall.people.reportRate,
        displayRate: overall.people.mailDisplayRate,
        link: `/drills/${d.drillId}`,
      });
    }
  }

  it('equals the results page for each drill sent in the year, with NISC 開封率', async () => {
    const figures = await annualFigures(t.sys.db, tree.tenant.id, FY);
    expect(DrillAnnual.parse(figures)).toEqual(figures);
    expect(figures!.drills.map((d) => d.drillId)).toEqual([first.id, second.id]);
    await expectSameAsResults(figures!);
    expect(figures!.drills[0]).toMatchObject({
      recipients: 5,
      delivered: 5,
      opened: 2,
      openRate: 2 / 5,
      reported: 1,
      reportRate: 1 / 5,
      displayRate: 2 / 5,
    });
    expect(figures!.drills[1]).toMatchObject({ recipients: 3, opened: 1, reported: 1 });
  });

  it('counts a drill started at 00:30 JST on 1 April in the new fiscal year, at 23:59 on 31 March in the old', async () => {
    await t.sys.db
      .update(drills)
      .set({ startedAt: new Date('2025-03-31T14:59:00Z') }) // 23:59 JST, 31 March 2025: FY2024
      .where(eq(drills.id, first.id));
    await t.sys.db
      .update(drills)
      .set({ startedAt: new Date('2025-03-31T15:30:00Z') }) // 00:30 JST, 1 April 2025: FY2025
      .where(eq(drills.id, second.id));
    const fy2024 = await annualFigures(t.sys.db, tree.tenant.id, 2024);
    const fy2025 = await annualFigures(t.sys.db, tree.tenant.id, 2025);
    expect(fy2024!.drills.map((d) => d.drillId)).toEqual([first.id]);
    expect(fy2025!.drills.map((d) => d.drillId)).toEqual([second.id]);
    expect(fy2025!.drills[0]!.sentAt).toBe('2025-03-31T15:30:00.000Z');
    await expectSameAsResults(fy2024!);
    await expectSameAsResults(fy2025!);
    expect(await annualFigures(t.sys.db, tree.tenant.id, FY)).toBeNull();
    await t.sys.db
      .update(drills)
      .set({ startedAt: new Date() })
      .where(inArray(drills.id, [first.id, second.id]));
  });

  it('is null for an agency that sent no drill', async () => {
    const other = await buildAgency(t);
    expect(await annualFigures(t.sys.db, other.tenant.id, FY)).toBeNull();
  });
});
