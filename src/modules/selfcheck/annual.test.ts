import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../test/app.js';
import { buildAgencyTree, loginAs } from '../../test/factories.js';
import { answerAll, buildOpenCampaign } from '../../test/selfcheck.js';
import { SelfcheckAnnual } from '../report/figures-model.js';
import { yearCampaign } from './annual.js';
import { annualFigures } from './public.js';
import { campaigns } from './schema.js';

// The annual report's self-check figures are the results API's numbers for the same campaign
// (000 L1002-1110), with a three-year trend (001 ch. II) and the policy's 差異 table (000 L574-812).

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let staff: Client[];
const ids: Record<number, string> = {};
let policy2026: string;

const mixed = (_item: string, i: number) =>
  i % 5 === 0 ? 'not_implemented' : i % 7 === 0 ? 'not_applicable' : 'implemented';

async function runYear(fy: number, publish: boolean, pick: (item: string, i: number) => string) {
  const { campaignId, policyId } = await buildOpenCampaign(admin, {
    fiscalYear: fy,
    title: `FY${fy} 自己点検`,
  });
  await answerAll(staff[0]!, campaignId, pick);
  await answerAll(staff[1]!, campaignId);
  if (fy !== 2024) await answerAll(staff[2]!, campaignId, (_, i) => (i % 2 ? 'partial' : 'implemented'));
  if (publish) {
    for (const to of ['closed', 'published'])
      expect(
        (await admin.post(`/api/v1/selfcheck/campaigns/${campaignId}/transition`, { to })).statusCode,
      ).toBe(200);
  }
  ids[fy] = campaignId;
  return policyId;
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  staff = [];
  for (const unit of [tree.divA1, tree.divA1, tree.divB1]) staff.push((await loginAs(t, { unit })).client);
  await runYear(2024, true, () => 'implemented');
  await runYear(2025, true, mixed);
  policy2026 = await runYear(2026, false, mixed);
  // The agency's policy leaves one catalog item out, with its reason (000 L574-812).
  const detail = (await admin.get(`/api/v1/selfcheck/policies/${policy2026}`)).json();
  const item = detail.items[0] as { itemId: string; title: string };
  const res = await admin.request({
    method: 'PUT',
    url: `/api/v1/selfcheck/policies/${policy2026}/changes`,
    payload: { kind: 'not_applicable', itemId: item.itemId, reason: '当省では該当する業務がないため' },
  });
  expect(res.statusCode).toBe(200);
});
afterAll(() => t.close());

type Api = {
  overall: Record<string, unknown> & { items: unknown[] };
  groups: Record<string, Record<string, unknown>>;
  chapters: Record<string, Record<string, Record<string, unknown>>>;
};
const head = (f: Record<string, unknown>) => ({
  coverage: f.coverage,
  implementation: f.implementation,
  attainment: f.attainment,
});
const summary = (f: Record<string, unknown>) => ({ ...head(f), inScope: f.inScope, captured: f.captured });

async function expectSameAsApi(fy: number) {
  const f = (await annualFigures(t.sys.db, tree.tenant.id, fy))!;
  const r = (await admin.get(`/api/v1/selfcheck/campaigns/${ids[fy]}/results`)).json() as Api;
  expect(f.campaignId).toBe(ids[fy]);
  expect(f.overall).toEqual(summary(r.overall));
  expect(f.groups).toEqual(Object.fromEntries(Object.entries(r.groups).map(([g, x]) => [g, summary(x)])));
  expect(
    f.items.map((i) => ({ item: i.code, duty: i.duty, implemented: i.implemented, rate: i.rate })),
  ).toEqual(r.overall.items);
  for (const ch of f.chapters)
    for (const [g, x] of Object.entries(ch.groups)) expect(x).toEqual(head(r.chapters[g]![ch.chapterNo]!));
  expect(f.chapters.length).toBeGreaterThan(1);
  return f;
}

describe('the figures are the results API’s', () => {
  it('equals GET …/results for an open campaign with answers (overall, groups, chapters, items)', async () => {
    const f = await expectSameAsApi(2026);
    expect(f.overall.captured).toBe(3);
    expect(f.overall.implementation.nisc).toBeLessThan(1);
    expect(f.state).toBe('open');
    expect(f.definition).toBe('nisc');
    expect(f.link).toBe(`/selfcheck/campaigns/${ids[2026]}/results`);
    expect(SelfcheckAnnual.parse(f)).toEqual(f);
  });

  it('equals the frozen results of a published campaign', async () => {
    const f = await expectSameAsApi(2025);
    expect(f.state).toBe('published');
    expect(f.publishedAt).not.toBeNull();
  });

  it('lists items weakest first, each with its catalog number and chapter', async () => {
    const f = (await annualFigures(t.sys.db, tree.tenant.id, 2026))!;
    const rated = f.items.filter((i) => i.rate !== null).map((i) => i.rate!);
    expect(rated).toEqual([...rated].sort((a, b) => a - b));
    expect(f.items[0]!.code).toMatch(/^\d/);
    expect(f.items.every((i) => i.title !== '' && i.chapterNo !== '')).toBe(true);
    expect(f.staffAreas).toHaveLength(8);
  });
});

describe('three-year trend (001 ch. II)', () => {
  it('has this year and two earlier published years, oldest first, with their own figures', async () => {
    const f = (await annualFigures(t.sys.db, tree.tenant.id, 2026))!;
    expect(f.trend.map((y) => y.fiscalYear)).toEqual([2024, 2025, 2026]);
    for (const y of f.trend) {
      const r = (await admin.get(`/api/v1/selfcheck/campaigns/${ids[y.fiscalYear]}/results`)).json() as Api;
      expect(y.overall).toEqual(head(r.overall));
    }
    // FY2024: everyone who answered implemented everything.
    expect(f.trend[0]!.overall.implementation.nisc).toBe(1);
  });

  it('leaves out years without a published campaign', async () => {
    const f = (await annualFigures(t.sys.db, tree.tenant.id, 2025))!;
    expect(f.trend.map((y) => y.fiscalYear)).toEqual([2024, 2025]);
  });
});

describe('the policy’s differences (統一基準群との差異, 000 L574-812)', () => {
  it('lists the change with its reason', async () => {
    const f = (await annualFigures(t.sys.db, tree.tenant.id, 2026))!;
    expect(f.differences).toHaveLength(1);
    expect(f.differences[0]).toMatchObject({ change: '適用除外', reason: '当省では該当する業務がないため' });
    expect(f.differences[0]!.title).not.toBe('');
    const earlier = (await annualFigures(t.sys.db, tree.tenant.id, 2025))!;
    expect(earlier.differences).toEqual([]);
  });
});

describe('which campaign stands for the year', () => {
  const row = (state: string, at: string) =>
    ({
      id: `${state}-${at}`,
      state,
      publishedAt: state === 'published' ? new Date(at) : null,
      closedAt: state !== 'open' && state !== 'draft' ? new Date(at) : null,
      openedAt: state !== 'draft' ? new Date(at) : null,
      createdAt: new Date(at),
    }) as unknown as typeof campaigns.$inferSelect;
  it.each([
    [
      'the published one over a later closed one',
      [row('published', '2026-01-01'), row('closed', '2026-03-01')],
      'published-2026-01-01',
    ],
    [
      'the latest closed one over an open one',
      [row('closed', '2026-01-01'), row('closed', '2026-02-01'), row('open', '2026-03-01')],
      'closed-2026-02-01',
    ],
    ['the latest open one', [row('open', '2026-01-01'), row('open', '2026-02-01')], 'open-2026-02-01'],
    ['none for drafts only', [row('draft', '2026-01-01')], null],
  ])('takes %s', (_name, rows, expected) => {
    expect(yearCampaign(rows)?.id ?? null).toBe(expected);
  });
});

describe('no campaign', () => {
  it('is null for a year without one and for another agency', async () => {
    expect(await annualFigures(t.sys.db, tree.tenant.id, 2023)).toBeNull();
    const other = await buildAgencyTree(t);
    expect(await annualFigures(t.sys.db, other.tenant.id, 2026)).toBeNull();
  });

  it('takes the year from the campaign, not from when it opened (JST, lib/dates)', async () => {
    // Opened at 2027-04-01 00:30 in Japan (still 2027-03-31 in UTC): a FY2026 campaign all the same.
    await t.sys.db
      .update(campaigns)
      .set({ openedAt: new Date('2027-03-31T15:30:00Z') })
      .where(eq(campaigns.id, ids[2026]!));
    expect((await annualFigures(t.sys.db, tree.tenant.id, 2026))?.campaignId).toBe(ids[2026]);
    expect(await annualFigures(t.sys.db, tree.tenant.id, 2027)).toBeNull();
  });
});
