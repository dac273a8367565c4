import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/app.js';
import { buildAgencyTree, loginAs } from '../../../test/factories.js';
import { schemaErrors } from '../../../test/json-schema.js';
import { answerAll, buildOpenCampaign } from '../../../test/selfcheck.js';

// OSCAL downloads through the API: each validates against its subset schema, re-exports are identical,
// results follow the results page's permission and small-group rules, other agencies get nothing.

let t: TestApp;
let tree: Awaited<ReturnType<typeof buildAgencyTree>>;
let admin: Client;
let staff: Client; // no selfcheck.view
let head: Client; // division head: selfcheck.view over division A1
let other: Client;
let versionId: string;
let policyId: string;
let campaignId: string;

interface PolicyItem {
  itemId: string;
  chapterNo: string;
  chapterTitle: string;
  sectionNo: string;
  sectionTitle: string;
  title: string;
  text: string;
  roles: string[];
  level: 'basic' | 'enhanced';
  tags: string[];
}

beforeAll(async () => {
  t = await buildTestApp();
  tree = await buildAgencyTree(t);
  admin = tree.admin.client;
  staff = (await loginAs(t, { unit: tree.divA1, roles: ['staff'] })).client;
  head = (await loginAs(t, { unit: tree.divA1, roles: ['division_security_officer'] })).client;
  other = (await buildAgencyTree(t)).admin.client;
  ({ campaignId, policyId } = await buildOpenCampaign(admin));
  await answerAll(admin, campaignId, (_id, i) => (i % 3 === 0 ? 'not_implemented' : 'implemented'));
  versionId = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json().catalogVersion.id;
});
afterAll(() => t.close());

describe('GET /selfcheck/catalogs/:id/export?format=oscal', () => {
  it('downloads a valid OSCAL catalog with one control per item, identical on re-export', async () => {
    const url = `/api/v1/selfcheck/catalogs/${versionId}/export?format=oscal`;
    const res = await head.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.headers['content-disposition']).toContain('.oscal-catalog.json');
    const doc = res.json();
    expect(schemaErrors('catalog', doc)).toEqual([]);
    const detail = (await admin.get(`/api/v1/selfcheck/catalogs/${versionId}`)).json();
    type G = { groups?: G[]; controls?: { id: string }[] };
    const controls = (g: G): string[] => [
      ...(g.controls ?? []).map((c) => c.id),
      ...(g.groups ?? []).flatMap(controls),
    ];
    expect(controls(doc.catalog)).toHaveLength(detail.itemCount);
    expect((await head.get(url)).body).toBe(res.body);
    expect((await staff.get(url)).statusCode).toBe(403);
  });

  it('a document with a required field removed fails the schema', async () => {
    const doc = (await admin.get(`/api/v1/selfcheck/catalogs/${versionId}/export?format=oscal`)).json();
    delete doc.catalog.metadata['oscal-version'];
    expect(schemaErrors('catalog', doc)).toContain(
      "/catalog/metadata: must have required property 'oscal-version'",
    );
  });
});

describe('GET /selfcheck/policies/:id/export?format=oscal', () => {
  it('downloads a valid profile that tailors the catalog as the policy does', async () => {
    const items = (await admin.get(`/api/v1/selfcheck/policies/${policyId}`)).json().items as PolicyItem[];
    const [first, second] = items;
    const { itemId, chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags } =
      first!;
    const content = { chapterNo, chapterTitle, sectionNo, sectionTitle, title, text, roles, level, tags };
    const tighten = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: {
        kind: 'tighten',
        itemId,
        content: { ...content, text: `${content.text}（許可制）` },
        reason: '届出を許可制にする',
      },
    });
    expect(tighten.statusCode, tighten.body).toBe(200);
    const na = await admin.request({
      method: 'PUT',
      url: `/api/v1/selfcheck/policies/${policyId}/changes`,
      payload: { kind: 'not_applicable', itemId: second!.itemId, reason: '該当なし' },
    });
    expect(na.statusCode, na.body).toBe(200);

    const res = await head.get(`/api/v1/selfcheck/policies/${policyId}/export?format=oscal`);
    expect(res.statusCode, res.body).toBe(200);
    const { profile } = res.json();
    expect(schemaErrors('profile', { profile })).toEqual([]);
    expect(profile.imports[0]['include-controls'][0]['with-ids']).toHaveLength(items.length - 1);
    expect(profile.modify.alters).toHaveLength(1);
    expect(profile.modify.alters[0].adds[0].parts[0].prose).toBe(`${content.text}（許可制）`);
    expect(profile['back-matter'].resources[0].rlinks[0].href).toBe(
      `/api/v1/selfcheck/catalogs/${versionId}/export?format=oscal`,
    );
  });

  it('is not found for another agency', async () => {
    const res = await other.get(`/api/v1/selfcheck/policies/${policyId}/export?format=oscal`);
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /selfcheck/campaigns/:id/results/export?format=oscal', () => {
  it('downloads valid assessment-results with an observation per item', async () => {
    const res = await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=oscal`);
    expect(res.statusCode, res.body).toBe(200);
    const doc = res.json();
    expect(schemaErrors('assessment-results', doc)).toEqual([]);
    const [result] = doc['assessment-results'].results;
    const live = (await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results`)).json();
    expect(result.observations).toHaveLength(live.overall.items.length);
    const rate = (o: { props: { name: string; value: string }[] }) =>
      o.props.find((p) => p.name === 'implementation-rate')?.value;
    const weakest = live.overall.items[0];
    const obs = result.observations.find((o: { props: { name: string; value: string }[] }) =>
      o.props.some((p) => p.name === 'label' && p.value === weakest.item),
    );
    expect(rate(obs)).toBe(String(weakest.rate));
  });

  it('merges groups below the minimum size away, as the other exports do', async () => {
    // One staff member answered: the 行政事務従事者 group is below the minimum group size.
    const doc = (
      await admin.get(`/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=oscal`)
    ).json();
    const ar = doc['assessment-results'];
    expect(ar.metadata.props).toContainEqual({
      name: 'merged-group',
      ns: 'urn:mamoru:oscal',
      value: 'staff',
    });
    expect(ar.results[0].props.some((p: { class: string }) => p.class === 'staff')).toBe(false);
  });

  it('gives a division head their division’s results, withheld when the division is below the minimum', async () => {
    const url = `/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=oscal`;
    const mine = (await head.get(url)).json();
    expect(schemaErrors('assessment-results', mine)).toEqual([]);
    const all = (await admin.get(url)).json();
    expect(mine['assessment-results'].uuid).not.toBe(all['assessment-results'].uuid);
    // Two people in the division: below the minimum group size, so no figures leave (as on screen).
    const [result] = mine['assessment-results'].results;
    expect(result.observations).toBeUndefined();
    expect(result.findings).toBeUndefined();
    expect(result.props).toEqual([
      { name: 'in-scope', ns: 'urn:mamoru:oscal', value: '2', class: 'overall' },
      { name: 'withheld', ns: 'urn:mamoru:oscal', value: 'true', class: 'overall' },
    ]);
  });

  it('withholds the same figures from the division head’s spreadsheet and CSV exports', async () => {
    const base = `/api/v1/selfcheck/campaigns/${campaignId}/results/export`;
    const csv = async (c: Client, table: string) => {
      const res = await c.get(`${base}?format=csv&table=${table}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split(/\r?\n/);
    };
    const note = /未満のため、数値は表示しません/;
    await answerAll(head, campaignId, () => 'implemented'); // one of the two answers
    // Two people: the division head gets the headcount and a note, no per-item counts or rates.
    const items = await csv(head, 'items');
    expect(items).toHaveLength(2);
    expect(items[1]).toMatch(note);
    const groups = await csv(head, 'groups');
    expect(groups.slice(1)).toEqual(['全体,2', expect.stringMatching(note)]);
    // The security office sees the same scope's figures (it may see small groups).
    const all = await csv(admin, 'items');
    expect(all.length).toBeGreaterThan(10);
    expect(all.join('\n')).not.toMatch(note);
    const xlsx = await head.get(`${base}?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('is refused to staff without the results permission and not found for another agency', async () => {
    const url = `/api/v1/selfcheck/campaigns/${campaignId}/results/export?format=oscal`;
    expect((await staff.get(url)).statusCode).toBe(403);
    expect((await other.get(url)).statusCode).toBe(404);
  });
});
