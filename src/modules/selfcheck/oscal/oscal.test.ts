import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { schemaErrors } from '../../../test/json-schema.js';
import { SHIPPED_CATALOG_URL } from '../catalog-format.js';
import type { CatalogDoc } from '../catalog-model.js';
import type { PolicyChange } from '../policy-rules.js';
import type { PolicyItemContent } from '../schema.js';
import { resultsToOscal } from './assessment-results.js';
import { catalogToOscal } from './catalog.js';
import { runOscalCatalogCommand } from './cli.js';
import { controlId, uuidV5 } from './ids.js';
import { policyToProfile } from './profile.js';
import type { OscalCatalog } from './types.js';

const DOC: CatalogDoc = {
  code: 'unified-test',
  title: '統一基準（要約）',
  titleEn: 'Unified Standards (summary)',
  version: '2014',
  summary: true,
  notice: 'Mamoru による要約です。',
  chapters: [
    {
      no: '6',
      title: '情報システムのセキュリティ要件',
      sections: [
        {
          no: '6.2',
          title: '主体認証',
          items: [
            {
              id: '6.2.4(1)(a)',
              title: '主体認証情報の管理',
              titleEn: 'Managing credentials',
              text: 'パスワードを他者に知らせない。',
              guidance: '付箋に書かない。',
              roles: ['staff'],
              level: 'basic',
              tags: ['staff-area:主体認証情報の管理'],
            },
            {
              id: '6.2.4(1)(b)-METI1',
              title: '追加の管理',
              text: '定期的に変更する。',
              roles: ['staff', 'ciso'],
              level: 'enhanced',
              tags: [],
            },
          ],
        },
      ],
    },
    { no: '8', title: '情報システムの利用', sections: [] },
  ],
};
const IMPORTED = new Date('2026-04-01T00:00:00.000Z');

/** A copy of `doc` with the value at `path` replaced (or removed when `value` is undefined). */
function mutated(doc: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = structuredClone(doc);
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const controls = (c: OscalCatalog) =>
  (c.catalog.groups ?? []).flatMap((g) => (g.groups ?? []).flatMap((s) => s.controls ?? []));

describe('uuidV5', () => {
  it('matches the RFC 9562 example (www.example.com in the DNS namespace)', () => {
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('catalogToOscal', () => {
  const oscal = catalogToOscal(DOC, { lastModified: IMPORTED });

  it('validates against the catalog subset schema', () => {
    expect(schemaErrors('catalog', oscal)).toEqual([]);
  });

  it('maps chapters and sections to nested groups and items to controls with statement and guidance parts', () => {
    const ch = oscal.catalog.groups![0]!;
    expect(ch).toMatchObject({ id: 'ch-6', class: 'chapter', title: '情報システムのセキュリティ要件' });
    expect(ch.groups![0]).toMatchObject({ id: 'sec-6.2', class: 'section', title: '主体認証' });
    // A chapter without sections stays, without an empty array (OSCAL arrays are never empty).
    expect(oscal.catalog.groups![1]).toEqual({
      id: 'ch-8',
      class: 'chapter',
      title: '情報システムの利用',
      props: [{ name: 'label', value: '8' }],
    });
    const [a, b] = controls(oscal);
    expect(a).toEqual({
      id: 'item-6.2.4_1_a',
      class: 'basic',
      title: '主体認証情報の管理',
      props: [
        { name: 'label', value: '6.2.4(1)(a)' },
        { name: 'title-en', ns: 'urn:mamoru:oscal', value: 'Managing credentials' },
        { name: 'level', ns: 'urn:mamoru:oscal', value: 'basic' },
        { name: 'role', ns: 'urn:mamoru:oscal', value: 'staff' },
        { name: 'tag', ns: 'urn:mamoru:oscal', value: 'staff-area:主体認証情報の管理' },
      ],
      parts: [
        { id: 'item-6.2.4_1_a_smt', name: 'statement', prose: 'パスワードを他者に知らせない。' },
        { id: 'item-6.2.4_1_a_gdn', name: 'guidance', prose: '付箋に書かない。' },
      ],
    });
    expect(b!.id).toBe('item-6.2.4_1_b-METI1');
    expect(b!.class).toBe('enhanced');
  });

  it('keeps the metadata OSCAL requires, the notice as remarks and the summary flag', () => {
    expect(oscal.catalog.metadata).toMatchObject({
      title: '統一基準（要約）',
      'last-modified': '2026-04-01T00:00:00.000Z',
      version: '2014',
      'oscal-version': '1.1.2',
      remarks: 'Mamoru による要約です。',
    });
    expect(oscal.catalog.metadata.props).toContainEqual({
      name: 'summary',
      ns: 'urn:mamoru:oscal',
      value: 'true',
    });
  });

  it('is identical on re-export, and a different version gets a different uuid', () => {
    expect(JSON.stringify(catalogToOscal(DOC, { lastModified: IMPORTED }))).toBe(JSON.stringify(oscal));
    expect(catalogToOscal({ ...DOC, version: '2015' }, { lastModified: IMPORTED }).catalog.uuid).not.toBe(
      oscal.catalog.uuid,
    );
    expect(oscal.catalog.uuid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('never maps two item numbers to one control id', () => {
    const ids = [
      '6.2.4(1)(a)',
      '6.2.4(1)',
      '6.2.4',
      '6.2.4(1)(a)-X1',
      '6.2.4_1_a',
      '独自 1',
      '独自_20_1',
    ].map(controlId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every one is an OSCAL token, whatever the agency typed.
    for (const id of ids) expect(id).toMatch(/^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u);
    expect(controlId('独自 1')).toBe('item-x-独自_20_1');
  });

  const CTRL = ['catalog', 'groups', 0, 'groups', 0, 'controls', 0];
  it.each([
    ['a missing required field', ['catalog', 'metadata', 'last-modified'], undefined],
    ['a control id that is not a token', [...CTRL, 'id'], '6.2.4(1)(a)'],
    ['an empty array', [...CTRL, 'parts'], []],
    ['an unknown field', ['catalog', 'groups', 0, 'note'], 'x'],
    ['a prop value with leading space', ['catalog', 'metadata', 'props', 0, 'value'], ' x'],
    ['a date-time without time zone', ['catalog', 'metadata', 'last-modified'], '2026-04-01T00:00:00'],
    ['a version-1 uuid', ['catalog', 'uuid'], 'c232ab00-9414-11ec-b3c8-9f6bdeced846'],
  ] as const)('the schema refuses %s', (_name, path, value) => {
    const doc = mutated(oscal, path, value);
    expect(schemaErrors('catalog', doc)).not.toEqual([]);
  });
});

const content = (over: Partial<PolicyItemContent>): PolicyItemContent => ({
  chapterNo: '6',
  chapterTitle: '情報システムのセキュリティ要件',
  sectionNo: '6.2',
  sectionTitle: '主体認証',
  title: '項目',
  text: '本文',
  roles: ['staff'],
  level: 'basic',
  tags: [],
  ...over,
});
const BASE = [
  {
    ...content({ title: '主体認証情報の管理', text: '知らせない。', guidance: '付箋に書かない。' }),
    itemId: '6.2.4(1)(a)',
  },
  { ...content({ title: '変更', text: '変更する。' }), itemId: '6.2.4(1)(b)' },
  { ...content({ title: '届出', text: '届け出る。' }), itemId: '6.2.4(1)(c)' },
];
const CHANGES: PolicyChange[] = [
  // METI turns "notify" into "permission" (000 L574-700).
  {
    kind: 'tighten',
    itemId: '6.2.4(1)(c)',
    content: content({ title: '許可', text: '許可を得る。' }),
    reason: '許可制にするため',
  },
  { kind: 'not_applicable', itemId: '6.2.4(1)(b)', content: null, reason: '該当システムなし' },
  {
    kind: 'add',
    itemId: '6.2.4(1)(a)-METI1',
    content: content({ title: '独自', text: '独自の規定。' }),
    reason: '省独自',
  },
];
const PROFILE_INPUT = {
  policy: {
    id: '0b5f3c1e-1111-4222-8333-444455556666',
    name: '経済産業省ポリシー',
    description: '',
    updatedAt: IMPORTED,
  },
  catalog: {
    versionId: '9c0e8f5a-1111-4222-8333-444455556666',
    code: 'unified-test',
    title: '統一基準',
    version: '2014',
  },
  base: BASE,
  changes: CHANGES,
};

describe('policyToProfile', () => {
  const p = policyToProfile(PROFILE_INPUT).profile;

  it('validates against the profile subset schema', () => {
    expect(schemaErrors('profile', { profile: p })).toEqual([]);
  });

  it('includes the applicable catalog items, leaving out the ones not applicable, with the reason', () => {
    expect(p.imports[0]).toEqual({
      href: `#${p['back-matter']!.resources[0]!.uuid}`,
      'include-controls': [{ 'with-ids': ['item-6.2.4_1_a', 'item-6.2.4_1_c'] }],
    });
    expect(p['back-matter']!.resources[0]!.rlinks).toEqual([
      {
        href: '/api/v1/selfcheck/catalogs/9c0e8f5a-1111-4222-8333-444455556666/export?format=oscal',
        'media-type': 'application/json',
      },
    ]);
    expect(p.metadata.props).toContainEqual({
      name: 'not-applicable',
      ns: 'urn:mamoru:oscal',
      value: '6.2.4(1)(b)',
      remarks: '該当システムなし',
    });
  });

  it('alters a tightened item: the standard statement removed, the policy statement and its reason added', () => {
    expect(p.modify!.alters).toEqual([
      {
        'control-id': 'item-6.2.4_1_c',
        removes: [{ 'by-id': 'item-6.2.4_1_c_smt' }],
        adds: [
          {
            position: 'ending',
            props: [{ name: 'origin', ns: 'urn:mamoru:oscal', value: 'tightened' }],
            parts: [
              { id: 'item-6.2.4_1_c_smt_policy', name: 'statement', title: '許可', prose: '許可を得る。' },
              { name: 'tailoring-rationale', ns: 'urn:mamoru:oscal', prose: '許可制にするため' },
            ],
          },
        ],
      },
    ]);
  });

  it('imports the agency’s added items from an embedded catalog that is itself valid', () => {
    const res = p['back-matter']!.resources[1]!;
    expect(p.imports[1]).toEqual({ href: `#${res.uuid}`, 'include-all': {} });
    const embedded = JSON.parse(Buffer.from(res.base64!.value, 'base64').toString('utf8')) as OscalCatalog;
    expect(schemaErrors('catalog', embedded)).toEqual([]);
    expect(controls(embedded).map((c) => [c.id, c.title])).toEqual([['item-6.2.4_1_a-METI1', '独自']]);
  });

  it('is identical on re-export', () => {
    expect(JSON.stringify(policyToProfile(PROFILE_INPUT).profile)).toBe(JSON.stringify(p));
  });

  it('the schema refuses a profile without imports', () => {
    const doc = mutated({ profile: p }, ['profile', 'imports'], undefined);
    expect(schemaErrors('profile', doc)).toContain("/profile: must have required property 'imports'");
  });
});

describe('resultsToOscal', () => {
  // The worked example of 004 L722-742: item a 1 of 2, b 75 of 100, c 10 of 10; d had no duty-holder.
  const headline = {
    coverage: 0.9,
    implementation: { nisc: 0.75, pooled: 86 / 112, meti_all_items: 0.5 },
    attainment: { '100': 0.5, '95': 0.6, '90': 0.7 },
  };
  const input = {
    campaign: {
      id: '7d0c5c3e-1111-4222-8333-444455556666',
      title: '令和8年度 自己点検',
      fiscalYear: 2026,
      state: 'published',
      startsOn: '2026-06-01',
      openedAt: new Date('2026-06-01T00:00:00Z'),
      closedAt: new Date('2026-07-01T00:00:00Z'),
      publishedAt: new Date('2026-07-10T00:00:00Z'),
      plan: {
        policy: 'p',
        scope: 's',
        content: 'c',
        timing: 't',
        evaluation: 'e',
        metricDefinition: 'nisc' as const,
      },
    },
    policy: { id: PROFILE_INPUT.policy.id, name: '経済産業省ポリシー' },
    results: {
      naPasses: false,
      frozen: true,
      computedAt: '2026-07-10T00:00:00.000Z',
      rootUnitIds: [],
      mergedGroups: ['managers'],
      overall: {
        ...headline,
        inScope: 120,
        captured: 108,
        allImplemented: 54,
        items: [
          { item: '8.1.1(1)(a)', duty: 2, implemented: 1, rate: 0.5 },
          { item: '8.1.1(1)(b)', duty: 100, implemented: 75, rate: 0.75 },
          { item: '8.1.1(1)(c)', duty: 10, implemented: 10, rate: 1 },
          { item: '8.1.1(1)(d)', duty: 0, implemented: 0, rate: null },
        ],
      },
      groups: { staff: { ...headline, inScope: 100, captured: 90, allImplemented: 45, items: [] } },
      items: ['a', 'b', 'c', 'd']
        .map((x) => `8.1.1(1)(${x})`)
        .map((id) => ({
          itemId: id,
          chapterNo: '6',
          chapterTitle: '章',
          chapterTitleEn: null,
          title: `項目${id.slice(-2, -1)}`,
          titleEn: id.endsWith('(a)') ? 'Item a' : null,
        })),
    },
    minGroupSize: 5,
  };
  const ar = resultsToOscal(input)['assessment-results'];
  const result = ar.results[0]!;

  it('validates against the assessment-results subset schema', () => {
    expect(schemaErrors('assessment-results', { 'assessment-results': ar })).toEqual([]);
  });

  it('gives each item an observation carrying its raw rate and counts, and the rate as text', () => {
    const b = result.observations![1]!;
    expect(b.title).toBe('8.1.1(1)(b) 項目b');
    expect(b.props).toEqual([
      { name: 'label', value: '8.1.1(1)(b)' },
      { name: 'implementation-rate', ns: 'urn:mamoru:oscal', value: '0.75' },
      { name: 'duty-count', ns: 'urn:mamoru:oscal', value: '100' },
      { name: 'implemented-count', ns: 'urn:mamoru:oscal', value: '75' },
    ]);
    expect(b.description).toContain('実施率 75.0%（義務のある回答 100 件中 75 件が実施）');
    expect(b.methods).toEqual(['INTERVIEW']);
  });

  it('finds an item satisfied only when every duty-holder implemented it; no finding without duty-holders', () => {
    expect(result.findings!.map((f) => [f.target['target-id'], f.target.status.state])).toEqual([
      ['item-8.1.1_1_a_smt', 'not-satisfied'],
      ['item-8.1.1_1_b_smt', 'not-satisfied'],
      ['item-8.1.1_1_c_smt', 'satisfied'],
    ]);
    expect(result.findings![0]!['related-observations']).toEqual([
      { 'observation-uuid': result.observations![0]!.uuid },
    ]);
  });

  it('carries the headline figures per group as raw fractions, and says which groups were merged', () => {
    expect(result.props).toContainEqual({
      name: 'implementation-rate-nisc',
      ns: 'urn:mamoru:oscal',
      value: '0.75',
      class: 'overall',
    });
    expect(result.props).toContainEqual({
      name: 'in-scope',
      ns: 'urn:mamoru:oscal',
      value: '100',
      class: 'staff',
    });
    expect(ar.metadata.props).toContainEqual({
      name: 'merged-group',
      ns: 'urn:mamoru:oscal',
      value: 'managers',
    });
    expect(result['reviewed-controls']['control-selections'][0]!['include-controls']).toHaveLength(4);
  });

  it('is identical on re-export of frozen results, and differs when 該当なし counts as implemented', () => {
    expect(JSON.stringify(resultsToOscal(input))).toBe(JSON.stringify({ 'assessment-results': ar }));
    const na = resultsToOscal({ ...input, results: { ...input.results, naPasses: true } });
    expect(na['assessment-results'].uuid).not.toBe(ar.uuid);
  });

  it('the schema refuses a finding whose state is not an OSCAL state', () => {
    const path = ['assessment-results', 'results', 0, 'findings', 0, 'target', 'status', 'state'];
    const doc = mutated({ 'assessment-results': ar }, path, 'partially-satisfied');
    expect(schemaErrors('assessment-results', doc)).not.toEqual([]);
  });
});

describe('mamoru selfcheck oscal-catalog', () => {
  it('converts the shipped catalog file into a valid OSCAL catalog', async () => {
    const out = await runOscalCatalogCommand(fileURLToPath(SHIPPED_CATALOG_URL), {
      lastModified: '2026-04-01T00:00:00Z',
    });
    expect(out.code, out.stderr).toBe(0);
    const doc = JSON.parse(out.stdout);
    expect(schemaErrors('catalog', doc)).toEqual([]);
    expect(doc.catalog.metadata['last-modified']).toBe('2026-04-01T00:00:00.000Z');
  });

  it('exits 2 naming the line of a bad file', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'oscal-')), 'bad.yaml');
    await writeFile(file, 'code: x\ntitle: t\nversion: "1"\nchapters: []\n');
    const out = await runOscalCatalogCommand(file, {});
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('the catalog has no items');
  });
});
