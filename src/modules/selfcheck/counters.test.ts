import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { accountOf, buildAgencyTree, buildPerson } from '../../test/factories.js';
import { buildOpenCampaign } from '../../test/selfcheck.js';
import { saveAnswers } from './answer-service.js';
import { ensureCounters, verifyCounters } from './campaign-counters.js';
import {
  cachedCampaignMetrics,
  computeCampaignMetrics,
  computeCampaignMetricsByScan,
} from './campaign-metrics.js';
import { runVerifyCounters } from './cli.js';
import { campaignItems, campaignMembers, campaigns } from './schema.js';

let t: TestApp;
let campaign: typeof campaigns.$inferSelect;
let subtree: string;
/** Every questionnaire of the campaign: whose it is, and the item ids its role answers. */
let questionnaires: { memberId: string; ctx: ActorCtx; itemIds: string[] }[];
const OPTIONS = ['implemented', 'partial', 'not_implemented', 'not_applicable'];

beforeAll(async () => {
  t = await buildTestApp();
  const tree = await buildAgencyTree(t);
  // Staff in three divisions; two heads answer twice (division role + staff), one of them for another
  // division than their own; one person on long leave (out of scope).
  const built = [
    ...[tree.divA1, tree.divA1, tree.divA2, tree.divB1, tree.divB1].map((unit) => ({ unit })),
    { unit: tree.divA1, roles: ['division_security_officer'] },
    { unit: tree.divA2, roles: ['division_security_officer'], roleUnit: tree.divB1 },
    { unit: tree.divB1, status: 'long_leave' as const },
  ];
  const persons = [tree.admin];
  for (const opts of built) persons.push({ ...(await buildPerson(t, opts)), client: tree.admin.client });
  const { campaignId } = await buildOpenCampaign(tree.admin.client);
  campaign = (await t.sys.db.select().from(campaigns).where(eq(campaigns.id, campaignId)))[0]!;
  subtree = tree.bureauA.path;
  const items = await t.sys.db.select().from(campaignItems).where(eq(campaignItems.campaignId, campaignId));
  const members = await t.sys.db
    .select()
    .from(campaignMembers)
    .where(eq(campaignMembers.campaignId, campaignId));
  const ctxOf = new Map<string, ActorCtx>();
  for (const p of persons) {
    const account = await accountOf(t, p.login);
    ctxOf.set(p.person.id, {
      ...t.sys,
      actor: {
        accountId: account.id,
        login: p.login,
        personId: p.person.id,
        personName: p.person.name,
        tenantId: tree.tenant.id,
        tenantKind: 'agency',
        locale: null,
        mustChangePassword: false,
        roles: [],
        grants: [],
        via: 'session',
      },
    });
  }
  questionnaires = members.map((m) => ({
    memberId: m.id,
    ctx: ctxOf.get(m.personId)!,
    // A few items per role keep each submission small; the rest stay unanswered (incomplete: refused).
    itemIds: items.filter((i) => i.roleKeys.includes(m.roleKey)).map((i) => i.itemId),
  }));
  expect(questionnaires.length).toBe(persons.length + 2);
}, 120_000);
afterAll(() => t.close());

/** One save: some answers (or clears) of one questionnaire, as a draft or a submission. */
const saveArb = fc.record({
  q: fc.nat(),
  /** Fill every item (so a submission can pass) or change a few. */
  complete: fc.boolean(),
  picks: fc.array(fc.tuple(fc.nat(), fc.integer({ min: -1, max: OPTIONS.length - 1 })), { maxLength: 6 }),
  base: fc.integer({ min: 0, max: OPTIONS.length - 1 }),
  submit: fc.boolean(),
});
type Save = typeof saveArb extends fc.Arbitrary<infer T> ? T : never;

async function apply(s: Save) {
  const q = questionnaires[s.q % questionnaires.length]!;
  const answers: Record<string, string | null> = {};
  if (s.complete)
    for (const [i, id] of q.itemIds.entries()) answers[id] = OPTIONS[(s.base + i * 7) % OPTIONS.length]!;
  for (const [i, o] of s.picks) {
    const id = q.itemIds[i % q.itemIds.length]!;
    answers[id] = o < 0 ? null : OPTIONS[o]!;
  }
  try {
    await saveAnswers(q.ctx, q.memberId, { answers, submit: s.submit });
  } catch (err) {
    // Refused (incomplete submission, out of scope): nothing changed, which the check below also covers.
    if (!(err instanceof AppError) || err.code !== 'invalid_state') throw err;
  }
}

async function expectCountersMatchScan() {
  const check = await verifyCounters(t.sys.db, campaign.id);
  expect(check.differences).toEqual([]);
  for (const naPasses of [false, true])
    for (const withinPaths of [undefined, [subtree]]) {
      const opts = { naPasses, withinPaths };
      const scan = await computeCampaignMetricsByScan(t.sys.db, campaign, opts);
      expect(await computeCampaignMetrics(t.sys.db, campaign, opts)).toEqual(scan);
      // The results' cache, asked again after every batch: never the figures of before a change.
      expect(await cachedCampaignMetrics(t.sys.db, campaign, opts, String(withinPaths))).toEqual(scan);
    }
}

describe('counters kept by submissions (issue #12)', () => {
  it('equal the full recount after random submits, amendments and drafts, some concurrent', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(saveArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          // Each batch at once: on PostgreSQL these are concurrent transactions.
          for (const batch of batches) await Promise.all(batch.map(apply));
          await expectCountersMatchScan();
        },
      ),
      { numRuns: 25, seed: 20261206 },
    );
    // The runs did submit something, so the comparison was not of two empty sets.
    const [row] = await t.sys.db
      .execute(sql`select count(*)::int as n from selfcheck_counters where captured > 0`)
      .then((r) => (r as unknown as { rows: { n: number }[] }).rows);
    expect(row!.n).toBeGreaterThan(0);
  }, 120_000);

  it('verify-counters reports a tampered counter, exits 1, and repairs it', async () => {
    await t.sys.db.execute(
      sql`update selfcheck_counters set captured = captured + 1 where campaign_id = ${campaign.id}::uuid`,
    );
    const bad = await runVerifyCounters(t.sys.db, { campaign: campaign.id });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/captured: stored \d+, recounted \d+/);
    const fixed = await runVerifyCounters(t.sys.db, { campaign: campaign.id, repair: true });
    expect(fixed.stdout).toContain('repaired');
    const ok = await runVerifyCounters(t.sys.db, { campaign: campaign.id });
    expect(ok).toMatchObject({ code: 0 });
    await expectCountersMatchScan();
  });

  it('verify-counters reports a wrong headcount and a wrong mark of several questionnaires, and repairs both', async () => {
    await t.sys.db.execute(
      sql`update selfcheck_counters set in_scope = in_scope + 1 where campaign_id = ${campaign.id}::uuid`,
    );
    await t.sys.db.execute(sql`
      update campaign_members set several = not several
      where id = (select id from campaign_members where campaign_id = ${campaign.id}::uuid and several limit 1)`);
    const bad = await runVerifyCounters(t.sys.db, { campaign: campaign.id });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/in scope: stored \d+, recounted \d+/);
    expect(bad.stdout).toMatch(/several: stored false, recounted true/);
    await runVerifyCounters(t.sys.db, { campaign: campaign.id, repair: true });
    expect(await runVerifyCounters(t.sys.db, { campaign: campaign.id })).toMatchObject({ code: 0 });
    await expectCountersMatchScan();
  });

  it('are recounted at start for a campaign that has submissions but no counters (an upgrade)', async () => {
    await t.sys.db.execute(sql`delete from selfcheck_counters where campaign_id = ${campaign.id}::uuid`);
    expect((await verifyCounters(t.sys.db, campaign.id)).differences.length).toBeGreaterThan(0);
    expect(await ensureCounters(t.sys.db)).toBe(1);
    expect((await verifyCounters(t.sys.db, campaign.id)).differences).toEqual([]);
    expect(await ensureCounters(t.sys.db)).toBe(0);
    await expectCountersMatchScan();
  });
});
