import { describe, expect, it } from 'vitest';
import { STANDARD_ROLES } from '../roles/catalog.js';
import {
  type CatalogDoc,
  type CatalogParseResult,
  catalogToXlsx,
  catalogToYaml,
  loadShippedCatalog,
  MAX_ERRORS,
  parseCatalogXlsx,
  parseCatalogYaml,
  STAFF_AREAS,
  standardRoleAliases,
} from './catalog-format.js';

const knownRoles = new Set(STANDARD_ROLES.map((r) => r.key));
const opts = { knownRoles };
const itemsOf = (doc: CatalogDoc) => doc.chapters.flatMap((c) => c.sections.flatMap((s) => s.items));
/** The first problem, reduced to what a person fixing the file sees: where, and why (in English). */
const first = (res: CatalogParseResult, kind: 'errors' | 'warnings' = 'errors') => {
  const e = res[kind][0];
  return e && { line: e.line, column: e.column, en: e.reason.en };
};

// Line numbers in the cases below are lines of this text.
const YAML_BASE = `code: test-catalog
title: テスト
version: '1'
summary: false
chapters:
  - no: '3'
    title: 情報の取扱い
    sections:
      - no: 3.1.1
        title: 情報の取扱い
        items:
          - id: 3.1.1(3)(a)
            title: 格付の決定
            text: 格付を決める。
            roles: [staff]
            level: basic
            tags: [a]
          - id: 3.1.1(3)(b)
            title: 格付の明示
            text: 格付を表示する。
            roles: [staff, division_security_officer]
`;
const edit = (from: string, to: string) => {
  expect(YAML_BASE).toContain(from);
  return YAML_BASE.replace(from, to);
};
const C0 = 'chapters[0]';
const S0 = `${C0}.sections[0]`;
const I0 = `${S0}.items[0]`;

describe('parseCatalogYaml', () => {
  it('reads a valid catalog, defaulting level to basic and tags to none', () => {
    const { doc, errors, warnings } = parseCatalogYaml(YAML_BASE, opts);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(doc).toMatchObject({ code: 'test-catalog', version: '1', summary: false });
    expect(itemsOf(doc!)[1]).toStrictEqual({
      id: '3.1.1(3)(b)',
      title: '格付の明示',
      text: '格付を表示する。',
      roles: ['staff', 'division_security_officer'],
      level: 'basic',
      tags: [],
    });
  });

  // [what, text to replace in YAML_BASE, replacement, line, column, reason]
  it.each([
    ['a syntax error', 'title: テスト', 'title: テスト: x', 2, '', /YAML syntax error: .* line 2, column 8$/],
    ['a repeated key', 'title: テスト', 'title: テスト\ntitle: 二つ目', 3, '', /keys must be unique/],
    ['a missing code', 'code: test-catalog\n', '', 1, 'code', /code is required/],
    ['a bad code', 'code: test-catalog', "code: 'test catalog'", 1, 'code', /letters, digits/],
    ['a missing version', "version: '1'\n", '', 1, 'version', /version is required/],
    ['a bad summary', 'summary: false', 'summary: maybe', 4, 'summary', /true or false/],
    ['chapters not in a list', 'chapters:\n', 'chapters: 3\nx:\n', 5, 'chapters', /must be a list/],
    ['a chapter not a mapping', "  - no: '3'", "  - '3'\n  - no: '3'", 6, 'chapters[0]', /a mapping/],
    ['a bad chapter number', "no: '3'", "no: 'III'", 6, `${C0}.no`, /bad chapter number "III"/],
    ['a missing chapter title', '    title: 情報の取扱い\n', '', 6, `${C0}.title`, /is required/],
    ['a bad section number', 'no: 3.1.1', 'no: 3.1.x', 9, `${S0}.no`, /bad section number/],
    ['a bad item id', 'id: 3.1.1(3)(a)', 'id: 3.1.1(A)', 12, `${I0}.id`, /bad item id "3.1.1\(A\)"/],
    ['a duplicate item id', 'id: 3.1.1(3)(b)', 'id: 3.1.1(3)(a)', 18, `${S0}.items[1].id`, /repeats line 12/],
    [
      'a missing item id',
      '- id: 3.1.1(3)(a)\n            title',
      '- title',
      12,
      `${I0}.id`,
      /id is required/,
    ],
    ['a missing text', '            text: 格付を決める。\n', '', 12, `${I0}.text`, /text is required/],
    ['a list for text', 'text: 格付を決める。', 'text: [a, b]', 14, `${I0}.text`, /must be text/],
    [
      'an over-long title',
      'title: 格付の決定',
      `title: ${'長'.repeat(301)}`,
      13,
      `${I0}.title`,
      /at most 300/,
    ],
    ['an unknown role', 'roles: [staff]', 'roles: [staff, 課長]', 15, `${I0}.roles`, /unknown role "課長"/],
    ['an empty role list', 'roles: [staff]', 'roles: []', 15, `${I0}.roles`, /at least one role/],
    ['no role list', '            roles: [staff]\n', '', 12, `${I0}.roles`, /at least one role/],
    ['a role not text', 'roles: [staff]', 'roles: [[staff]]', 15, `${I0}.roles[0]`, /must be text/],
    ['a bad level', 'level: basic', 'level: strong', 16, `${I0}.level`, /basic or enhanced, not "strong"/],
    ['a tag with a semicolon', 'tags: [a]', "tags: ['a;b']", 17, `${I0}.tags`, /no ";"/],
    [
      'an unknown staff area (001 L2887-2904)',
      'tags: [a]',
      "tags: ['staff-area:情報の整理']",
      17,
      `${I0}.tags`,
      /area tag "staff-area:情報の整理" names none of the eight staff areas/,
    ],
  ])('reports %s with its line and field', (_, from, to, line, column, en) => {
    const res = parseCatalogYaml(edit(from, to), opts);
    expect(res.doc).toBeNull();
    expect(first(res)).toEqual({ line, column, en: expect.stringMatching(en) });
  });

  it('reports a repeated section number at the repeat, naming the first', () => {
    const text = `${YAML_BASE}      - no: 3.1.1\n        title: 重複\n        items: []\n`;
    expect(first(parseCatalogYaml(text, opts))).toEqual({
      line: 22,
      column: 'chapters[0].sections[1].no',
      en: expect.stringMatching(/section number 3.1.1 appears twice \(first at line 9\)/),
    });
  });

  it('refuses a catalog without any item, and an empty file', () => {
    const empty = edit(YAML_BASE.slice(YAML_BASE.indexOf('        items:')), '        items: []\n');
    expect(first(parseCatalogYaml(empty, opts))).toMatchObject({
      line: 1,
      column: 'chapters',
      en: 'the catalog has no items',
    });
    expect(first(parseCatalogYaml('', opts))).toMatchObject({ line: 1, column: '' });
    expect(first(parseCatalogYaml('- a\n- b\n', opts))).toMatchObject({ line: 1, en: /must be a mapping/ });
  });

  it.each([
    [
      'an unknown field',
      'level: basic',
      'note: x\n            level: basic',
      16,
      `${I0}.note`,
      /unknown field/,
    ],
    [
      'an item outside its section',
      'id: 3.1.1(3)(a)',
      'id: 3.2.1(3)(a)',
      12,
      `${I0}.id`,
      /under section 3.1.1/,
    ],
    ['a section outside its chapter', 'no: 3.1.1', 'no: 4.1.1', 9, `${S0}.no`, /under chapter 3/],
  ])('only warns about %s', (_, from, to, line, column, en) => {
    const res = parseCatalogYaml(edit(from, to), opts);
    expect(res.errors).toEqual([]);
    expect(res.doc).not.toBeNull();
    expect(first(res, 'warnings')).toEqual({ line, column, en: expect.stringMatching(en) });
  });

  it('normalises full-width item numbers and accepts agency suffixes', () => {
    const text = edit('id: 3.1.1(3)(a)', 'id: ３．１．１（３）（ａ）').replace(
      '3.1.1(3)(b)',
      '3.1.1(3)(b)-METI1',
    );
    expect(itemsOf(parseCatalogYaml(text, opts).doc!).map((i) => i.id)).toEqual([
      '3.1.1(3)(a)',
      '3.1.1(3)(b)-METI1',
    ]);
  });

  it('accepts Japanese role names and levels when given the standard aliases', () => {
    const text = edit('roles: [staff]', 'roles: [行政事務従事者, 課室情報セキュリティ責任者]').replace(
      'basic',
      '強化',
    );
    const { doc } = parseCatalogYaml(text, { knownRoles, roleAliases: standardRoleAliases() });
    expect(itemsOf(doc!)[0]).toMatchObject({
      roles: ['staff', 'division_security_officer'],
      level: 'enhanced',
    });
  });

  it('keeps numbers as written: 3.10 is not 3.1', () => {
    const { doc } = parseCatalogYaml(edit('no: 3.1.1', 'no: 3.10').replaceAll('3.1.1(', '3.10('), opts);
    expect(doc!.chapters[0]!.sections[0]!.no).toBe('3.10');
  });

  it('stops listing errors after the cap and never throws on garbage', () => {
    const bad = `          - id: x\n            title: t\n            text: t\n            roles: [nobody]\n`;
    const res = parseCatalogYaml(YAML_BASE + bad.repeat(800), opts);
    expect(res.errors).toHaveLength(MAX_ERRORS + 1);
    expect(res.errors.at(-1)!.reason.en).toMatch(/more than 1000/);
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(() => parseCatalogYaml(junk, opts)).not.toThrow();
  });
});

// --- round trips and the shipped catalog --------------------------------------------------------------

const SMALL: CatalogDoc = {
  code: 'agency-policy',
  title: '対策基準',
  version: '2025.1',
  summary: false,
  chapters: [
    { no: '1', title: '総則', sections: [] },
    {
      no: '3',
      title: '情報の取扱い',
      titleEn: 'Handling information',
      sections: [
        { no: '3.1', title: '空の節', items: [] },
        {
          no: '3.1.1',
          title: '情報の取扱い',
          items: [
            {
              id: '3.1.1(3)(a)-X1',
              title: '独自項目',
              text: '一行目\n二行目: 「引用」',
              roles: ['staff'],
              level: 'enhanced',
              tags: ['x', 'staff-area:情報の利用'],
            },
            {
              id: '3.1.1(3)(b)',
              title: '英語つき',
              titleEn: 'With English',
              text: 't',
              guidance: 'g',
              roles: ['ciso', 'staff'],
              level: 'basic',
              tags: [],
            },
          ],
        },
      ],
    },
  ],
};
const shipped = loadShippedCatalog();

describe('round trips', () => {
  it.each([
    ['a small catalog', SMALL],
    ['the shipped catalog', shipped],
  ])('YAML gives back %s exactly', (_, doc) => {
    const res = parseCatalogYaml(catalogToYaml(doc), opts);
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.doc).toStrictEqual(doc);
  });

  it.each([
    ['a small catalog', SMALL],
    ['the shipped catalog', shipped],
  ])('.xlsx gives back %s exactly', async (_, doc) => {
    const res = await parseCatalogXlsx(await catalogToXlsx(doc), opts);
    expect(res.errors).toEqual([]);
    expect(res.warnings).toEqual([]);
    expect(res.doc).toStrictEqual(doc);
  });
});

describe('the shipped catalog', () => {
  const items = itemsOf(shipped);
  const withRole = (keys: string[]) => items.filter((i) => i.roles.some((r) => keys.includes(r)));

  it('is marked as a summary, not the official text', () => {
    expect(shipped.summary).toBe(true);
    expect(shipped.notice).toContain('公式な条文ではありません');
    expect(shipped.notice).toContain('not their official text');
  });

  it('parses without errors or warnings', () => {
    const res = parseCatalogYaml(catalogToYaml(shipped), opts);
    expect([res.errors, res.warnings]).toEqual([[], []]);
  });

  it('has the eight chapters of the FY2014 edition', () => {
    expect(shipped.chapters.map((c) => `${c.no} ${c.title}`)).toEqual([
      '1 総則',
      '2 情報セキュリティ対策の基本的枠組み',
      '3 情報の取扱い',
      '4 外部委託',
      '5 情報システムのライフサイクル',
      '6 情報システムのセキュリティ要件',
      '7 情報システムの構成要素',
      '8 情報システムの利用',
    ]);
  });

  it('contains every item number the sources name (001 L10846-11198)', () => {
    const named = [
      '6.2.4(1)(a)',
      '6.2.4(1)(b)',
      '4.1.1(2)(a)',
      '5.1.2(1)(a)',
      '8.2.1(1)(a)',
      '8.2.1(1)(b)',
      '8.2.1(1)(c)',
      '8.2.1(1)(d)',
      '4.1.2(1)(a)',
      '4.1.2(1)(b)',
      '4.1.2(1)(c)',
      '4.1.3(1)(a)',
      '4.1.3(1)(b)',
      '8.1.1(1)(c)',
      '7.1.3(1)(a)',
      '7.1.3(1)(b)',
      '7.1.3(1)(c)',
      '7.1.3(2)(a)',
    ];
    const ids = new Set(items.map((i) => i.id));
    expect(named.filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each(STAFF_AREAS.map((a) => a.ja))('has staff items for the area %s', (area) => {
    const tagged = items.filter((i) => i.tags.includes(`staff-area:${area}`));
    expect(tagged.length).toBeGreaterThan(0);
    for (const i of tagged) expect(i.roles).toContain('staff');
  });

  it('gives each role group its own set of a self-check size', () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items.length).toBeLessThanOrEqual(95);
    expect(withRole(['staff']).length).toBeGreaterThanOrEqual(20);
    expect(withRole(['staff']).length).toBeLessThanOrEqual(30);
    expect(
      withRole(['ciso', 'chief_security_officer', 'security_officer', 'division_security_officer']).length,
    ).toBeGreaterThanOrEqual(20);
    expect(
      withRole(['system_security_officer', 'system_security_administrator']).length,
    ).toBeGreaterThanOrEqual(20);
    for (const key of [
      'ciso',
      'chief_security_officer',
      'security_officer',
      'division_security_officer',
      'system_security_officer',
      'system_security_administrator',
    ])
      expect(withRole([key]).length, key).toBeGreaterThan(0);
  });

  it('names only standard roles, and marks a few items enhanced', () => {
    for (const i of items) {
      expect(i.roles.length, i.id).toBeGreaterThan(0);
      for (const r of i.roles) expect(knownRoles.has(r), `${i.id} ${r}`).toBe(true);
      expect(i.guidance, i.id).toBeTruthy();
      expect(i.titleEn, i.id).toBeTruthy();
    }
    const enhanced = items.filter((i) => i.level === 'enhanced').length;
    expect(enhanced).toBeGreaterThan(0);
    expect(enhanced).toBeLessThan(items.length / 4);
  });
});
