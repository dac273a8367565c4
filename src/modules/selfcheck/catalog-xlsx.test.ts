// .xlsx catalogs: one row per item; errors by sheet row and header as written in the file.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { STANDARD_ROLES } from '../roles/catalog.js';
import {
  type CatalogDoc,
  type CatalogParseResult,
  ITEM_COLUMNS,
  parseCatalogXlsx,
  parseCatalogYaml,
  standardRoleAliases,
} from './catalog-format.js';

const knownRoles = new Set(STANDARD_ROLES.map((r) => r.key));
const opts = { knownRoles };
const itemsOf = (doc: CatalogDoc) => doc.chapters.flatMap((c) => c.sections.flatMap((s) => s.items));
const first = (res: CatalogParseResult) => {
  const e = res.errors[0];
  return e && { line: e.line, column: e.column, en: e.reason.en };
};

// The same catalog as YAML_BASE in catalog-format.test.ts; rows 2 and 3 of the items sheet.
const YAML_TWIN = `code: test-catalog
title: テスト
version: '1'
chapters:
  - no: '3'
    title: 情報の取扱い
    sections:
      - no: 3.1.1
        title: 情報の取扱い
        items:
          - { id: 3.1.1(3)(a), title: 格付の決定, text: 格付を決める。, roles: [staff], tags: [a] }
          - { id: 3.1.1(3)(b), title: 格付の明示, text: 格付を表示する。, roles: [staff, division_security_officer] }
`;

type Cells = Partial<Record<(typeof ITEM_COLUMNS)[number], string>>;
const ROW2: Cells = {
  chapter_no: '3',
  chapter_title: '情報の取扱い',
  section_no: '3.1.1',
  section_title: '情報の取扱い',
  item_id: '3.1.1(3)(a)',
  title: '格付の決定',
  text: '格付を決める。',
  roles: 'staff',
  level: 'basic',
  tags: 'a',
};
const ROW3: Cells = {
  ...ROW2,
  item_id: '3.1.1(3)(b)',
  title: '格付の明示',
  text: '格付を表示する。',
  roles: 'staff;division_security_officer',
  tags: '',
};
const META = [
  ['key', 'value'],
  ['code', 'test-catalog'],
  ['title', 'テスト'],
  ['version', '1'],
  ['summary', 'false'],
];

async function workbook(
  rows: Cells[],
  { header = [...ITEM_COLUMNS] as string[], meta = META as string[][] | null } = {},
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('items');
  ws.addRow(header);
  const canonical = header.map((h) => ((ITEM_COLUMNS as readonly string[]).includes(h) ? h : null));
  for (const r of rows) ws.addRow(canonical.map((c) => (c ? (r[c as keyof Cells] ?? '') : '')));
  if (meta) for (const m of meta) (wb.getWorksheet('catalog') ?? wb.addWorksheet('catalog')).addRow(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('parseCatalogXlsx', () => {
  it('reads one row per item, with the header from the catalog sheet', async () => {
    const res = await parseCatalogXlsx(await workbook([ROW2, ROW3]), opts);
    expect(res.errors).toEqual([]);
    expect(res.doc).toStrictEqual(parseCatalogYaml(YAML_TWIN, opts).doc);
  });

  const H = [...ITEM_COLUMNS] as string[];
  it.each([
    [
      'a missing required column',
      [ROW2],
      { header: H.filter((h) => h !== 'roles') },
      1,
      'roles',
      /required column "roles"/,
    ],
    ['a repeated column', [ROW2], { header: [...H, '対象役割'] }, 1, '対象役割', /repeats "roles"/],
    [
      'a first row without a chapter',
      [{ ...ROW2, chapter_no: '' }],
      {},
      2,
      'chapter_no',
      /chapter_no is required/,
    ],
    [
      'a chapter retitled mid-way',
      [ROW2, { ...ROW3, chapter_title: '別名' }],
      {},
      3,
      'chapter_title',
      /differs from line 2/,
    ],
    [
      'an item on a chapter-only row',
      [{ ...ROW2, section_no: '' }],
      {},
      2,
      'section_no',
      /section_no is required/,
    ],
    ['a bad item id', [{ ...ROW2, item_id: '3-1-1' }], {}, 2, 'item_id', /bad item id/],
    ['a duplicate item id', [ROW2, { ...ROW3, item_id: ROW2.item_id }], {}, 3, 'item_id', /repeats line 2/],
    ['a missing title', [ROW2, { ...ROW3, title: '' }], {}, 3, 'title', /title is required/],
    ['an unknown role', [{ ...ROW2, roles: 'staff;課長' }], {}, 2, 'roles', /unknown role "課長"/],
    ['a bad level', [ROW2, { ...ROW3, level: '中' }], {}, 3, 'level', /not "中"/],
    [
      'a chapter split in two',
      [ROW2, { ...ROW3, chapter_no: '4', section_no: '4.1.1' }, { ...ROW3, item_id: '3.1.1(9)(a)' }],
      {},
      4,
      'chapter_no',
      /appears twice \(first at line 2\)/,
    ],
    [
      'a bad summary',
      [ROW2],
      { meta: [...META.slice(0, 4), ['summary', 'たぶん']] },
      5,
      'catalog.summary',
      /true or false/,
    ],
    ['no catalog sheet', [ROW2], { meta: null }, 0, 'catalog.code', /code is required/],
  ])('reports %s by sheet row and header', async (_, rows, options, line, column, en) => {
    const res = await parseCatalogXlsx(await workbook(rows, options), opts);
    expect(res.doc).toBeNull();
    expect(first(res)).toEqual({ line, column, en: expect.stringMatching(en) });
  });

  it('reports an unreadable file as a whole, without throwing', async () => {
    const res = await parseCatalogXlsx(Buffer.from('PK not really a zip'), opts);
    expect(first(res)).toMatchObject({
      line: 0,
      column: '',
      en: expect.stringMatching(/not a readable .xlsx/),
    });
  });

  it('names columns as the file does: Japanese headers, blank repeated cells, ；-separated roles', async () => {
    const japanese = async (role: string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('遵守事項');
      ws.addRow([
        '章番号',
        '章',
        '節番号',
        '節',
        '項目番号',
        '項目名',
        '内容',
        '対象役割',
        '区分（基本/強化）',
        '備考',
      ]);
      ws.addRow([
        '３',
        '情報の取扱い',
        '3.1.1',
        '情報の取扱い',
        '3.1.1(3)(a)',
        '格付の決定',
        '格付を決める。',
        '行政事務従事者；staff',
        '強化',
        'メモ',
      ]);
      ws.addRow(['', '', '', '', '3.1.1(3)(b)', '格付の明示', '格付を表示する。', role, '基本', '']);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const o = {
      knownRoles,
      roleAliases: standardRoleAliases(),
      header: { code: 'x', title: 'X', version: '1' },
    };
    const bad = await parseCatalogXlsx(await japanese('課長'), o);
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([[3, '対象役割']]);
    expect(bad.warnings.map((e) => [e.line, e.column])).toEqual([[1, '備考']]);
    const { doc } = await parseCatalogXlsx(await japanese('課室情報セキュリティ責任者'), o);
    expect(doc!.chapters.map((c) => c.no)).toEqual(['3']);
    expect(itemsOf(doc!).map((i) => [i.id, i.roles, i.level])).toEqual([
      ['3.1.1(3)(a)', ['staff'], 'enhanced'],
      ['3.1.1(3)(b)', ['division_security_officer'], 'basic'],
    ]);
  });
});
