// Catalogs as .xlsx, the way an agency keeps its official text: sheet `items` with one row per item
// (chapters and sections formed from consecutive rows) and an optional `catalog` sheet of key | value.
import type ExcelJS from 'exceljs';
import { loadExcel } from '../../lib/excel.js';
import { type Cell, restoreNeutralised, writeWorkbook } from '../../lib/export.js';
import { assertSafeZip } from '../../lib/zip-guard.js';
import {
  buildCatalog,
  type CatalogDoc,
  type CatalogParseOptions,
  type CatalogParseResult,
  clean,
  normaliseNumber,
  type RawCatalog,
  type RawChapter,
  type RawNode,
  type RawSection,
  Reporter,
} from './catalog-model.js';

export const ITEM_COLUMNS = [
  'chapter_no',
  'chapter_title',
  'chapter_title_en',
  'section_no',
  'section_title',
  'section_title_en',
  'item_id',
  'title',
  'title_en',
  'text',
  'guidance',
  'roles',
  'level',
  'tags',
] as const;
type Column = (typeof ITEM_COLUMNS)[number];
const REQUIRED: Column[] = [
  'chapter_no',
  'chapter_title',
  'section_no',
  'section_title',
  'item_id',
  'title',
  'text',
  'roles',
];

/** Item columns → the item's fields; the rest describe the chapter or section. */
const ITEM_FIELDS: Partial<Record<Column, string>> = {
  item_id: 'id',
  title: 'title',
  title_en: 'titleEn',
  text: 'text',
  guidance: 'guidance',
  roles: 'roles',
  level: 'level',
  tags: 'tags',
};

/** Japanese and other headers agencies use, after normaliseHeader(). */
export const CATALOG_HEADER_ALIASES: Record<string, Column> = {
  章番号: 'chapter_no',
  章: 'chapter_title',
  章名: 'chapter_title',
  '章名(英語)': 'chapter_title_en',
  章英語名: 'chapter_title_en',
  節番号: 'section_no',
  節: 'section_title',
  節名: 'section_title',
  '節名(英語)': 'section_title_en',
  節英語名: 'section_title_en',
  id: 'item_id',
  項目番号: 'item_id',
  遵守事項番号: 'item_id',
  項目名: 'title',
  '項目名(英語)': 'title_en',
  英語項目名: 'title_en',
  内容: 'text',
  本文: 'text',
  遵守事項: 'text',
  解説: 'guidance',
  点検の観点: 'guidance',
  対象役割: 'roles',
  役割: 'roles',
  区分: 'level',
  '区分(基本/強化)': 'level',
  タグ: 'tags',
};

const META_KEYS: Record<string, string> = {
  code: 'code',
  コード: 'code',
  title: 'title',
  名称: 'title',
  カタログ名: 'title',
  title_en: 'titleEn',
  英語名称: 'titleEn',
  '名称(英語)': 'titleEn',
  version: 'version',
  版: 'version',
  バージョン: 'version',
  summary: 'summary',
  要約: 'summary',
  notice: 'notice',
  注記: 'notice',
};
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** NFKC, trimmed, lower case, spaces to `_`: `Chapter No` → `chapter_no`, `章名（英語）` → `章名(英語)`. */
const normaliseHeader = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');

interface Row {
  line: number;
  cells: string[];
}

function rowsOf(ws: ExcelJS.Worksheet): Row[] {
  const rows: Row[] = [];
  ws.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(clean(restoreNeutralised(row.getCell(c).text)));
    if (cells.some((c) => c !== '')) rows.push({ line, cells });
  });
  return rows;
}

const sheetNamed = (wb: ExcelJS.Workbook, names: string[]) =>
  wb.worksheets.find((ws) => names.includes(ws.name.trim().toLowerCase()));

/**
 * Reads a catalog from an .xlsx file. Errors give the sheet row as `line` and the header as written in
 * the file as `column`; errors in the `catalog` sheet are `catalog.<key>`. Never throws on user input.
 */
export async function parseCatalogXlsx(buf: Buffer, opts: CatalogParseOptions): Promise<CatalogParseResult> {
  const r = new Reporter();
  const wb = new (await loadExcel()).Workbook();
  try {
    assertSafeZip(buf);
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    r.error(0, '', `.xlsx ファイルとして読めません（${why}）`, `not a readable .xlsx file (${why})`);
    return r.result(null);
  }
  const metaSheet = sheetNamed(wb, ['catalog', 'カタログ']);
  const itemSheet = sheetNamed(wb, ['items', '項目']) ?? wb.worksheets.find((ws) => ws !== metaSheet);
  if (!itemSheet) {
    r.error(0, '', '項目のシート（items）がありません', 'the workbook has no items sheet');
    return r.result(null);
  }
  const raw: RawCatalog = {
    line: 0,
    fields: {},
    label: (field) => `catalog.${snake(field)}`,
    chapters: [],
  };
  if (metaSheet) readMeta(rowsOf(metaSheet), raw, r);

  const [head, ...body] = rowsOf(itemSheet);
  if (!head) {
    r.error(1, '', '見出し行がありません', 'the items sheet is empty (a header row is required)');
    return r.result(null);
  }
  const index = new Map<Column, number>();
  const headerText = new Map<Column, string>();
  head.cells.forEach((text, i) => {
    if (!text) return;
    const name = normaliseHeader(text);
    const col = (ITEM_COLUMNS as readonly string[]).includes(name)
      ? (name as Column)
      : CATALOG_HEADER_ALIASES[name];
    if (!col)
      r.warn(head.line, text, `不明な列「${text}」は無視しました`, `unknown column "${text}" ignored`);
    else if (index.has(col))
      r.error(
        head.line,
        text,
        `列「${text}」は「${headerText.get(col)}」と重複しています`,
        `column "${text}" repeats "${headerText.get(col)}"`,
      );
    else {
      index.set(col, i);
      headerText.set(col, text);
    }
  });
  for (const col of REQUIRED)
    if (!index.has(col))
      r.error(head.line, col, `必須の列「${col}」がありません`, `required column "${col}" is missing`);
  if (r.errors.length) return r.result(null);

  const label = (col: Column) => headerText.get(col) ?? col;
  const cell = (row: Row, col: Column) => {
    const i = index.get(col);
    return i === undefined ? '' : (row.cells[i] ?? '');
  };
  const node = (row: Row, columns: [Column, string][]): RawNode => {
    const byField = new Map(columns.map(([col, field]) => [field, col]));
    const n: RawNode = {
      line: row.line,
      fields: {},
      label: (f) => label(byField.get(f) ?? (snake(f) as Column)),
    };
    for (const [col, field] of columns) if (cell(row, col)) n.fields[field] = fieldOf(row, col);
    return n;
  };
  const fieldOf = (row: Row, col: Column) => ({ value: cell(row, col), line: row.line, column: label(col) });
  /** A later row may repeat a chapter's or section's title, or leave it blank, but not change it. */
  const merge = (target: RawNode, row: Row, col: Column, field: string, what: string) => {
    const value = cell(row, col);
    const current = target.fields[field];
    if (!value) return;
    if (!current) target.fields[field] = fieldOf(row, col);
    else if (current.value !== value)
      r.error(
        row.line,
        label(col),
        `${what}の${label(col)}が ${current.line} 行目と異なります`,
        `${label(col)} differs from line ${current.line} for the same ${what === '章' ? 'chapter' : 'section'}`,
      );
  };

  const CHAPTER: [Column, string][] = [
    ['chapter_no', 'no'],
    ['chapter_title', 'title'],
    ['chapter_title_en', 'titleEn'],
  ];
  const SECTION: [Column, string][] = [
    ['section_no', 'no'],
    ['section_title', 'title'],
    ['section_title_en', 'titleEn'],
  ];
  const ITEM = Object.entries(ITEM_FIELDS) as [Column, string][];
  // Typed by assertion: TypeScript would otherwise narrow them to `null` for the whole loop.
  let chapter = null as (RawChapter & { key: string }) | null;
  let section = null as (RawSection & { key: string }) | null;
  for (const row of body) {
    // A blank chapter or section number continues the one above, as people leave repeated cells empty.
    const chapterNo = normaliseNumber(cell(row, 'chapter_no'));
    if (chapterNo && chapterNo !== chapter?.key) {
      chapter = { ...node(row, CHAPTER), sections: [], key: chapterNo };
      raw.chapters.push(chapter);
      section = null;
    } else if (chapter) for (const [col, field] of CHAPTER.slice(1)) merge(chapter, row, col, field, '章');
    if (!chapter) {
      r.error(
        row.line,
        label('chapter_no'),
        `${label('chapter_no')} は必須です`,
        `${label('chapter_no')} is required`,
      );
      continue;
    }
    const sectionNo = normaliseNumber(cell(row, 'section_no'));
    if (sectionNo && sectionNo !== section?.key) {
      section = { ...node(row, SECTION), items: [], key: sectionNo };
      chapter.sections.push(section);
    } else if (section) for (const [col, field] of SECTION.slice(1)) merge(section, row, col, field, '節');
    const hasItem = ITEM.some(([col]) => cell(row, col) !== '');
    const orphan = !section && (hasItem || cell(row, 'section_title') || cell(row, 'section_title_en'));
    if (orphan)
      r.error(
        row.line,
        label('section_no'),
        `${label('section_no')} は必須です`,
        `${label('section_no')} is required`,
      );
    else if (section && hasItem) section.items.push(node(row, ITEM));
  }
  return r.result(buildCatalog(raw, opts, r));
}

function readMeta(rows: Row[], raw: RawCatalog, r: Reporter) {
  for (const { line, cells } of rows) {
    const [keyText = '', value = ''] = cells;
    const key = normaliseHeader(keyText);
    if (key === 'key' || key === 'キー') continue;
    const field = META_KEYS[key];
    if (!field)
      r.warn(
        line,
        `catalog.${keyText}`,
        `不明なキー「${keyText}」は無視しました`,
        `unknown key "${keyText}" ignored`,
      );
    else if (raw.fields[field])
      r.error(
        line,
        `catalog.${snake(field)}`,
        `キー「${keyText}」が重複しています`,
        `key "${keyText}" appears twice`,
      );
    else if (value) raw.fields[field] = { value, line, column: `catalog.${snake(field)}` };
  }
}

/** Writes a catalog as .xlsx; parseCatalogXlsx(await catalogToXlsx(doc)) gives `doc` back. */
export async function catalogToXlsx(doc: CatalogDoc): Promise<Buffer> {
  const wide = new Set<Column>(['title', 'text', 'guidance']);
  const rows: Cell[][] = [];
  const add = (row: Partial<Record<Column, string | number>>) =>
    rows.push(ITEM_COLUMNS.map((k) => row[k] ?? null));
  for (const c of doc.chapters) {
    const chapter = { chapter_no: c.no, chapter_title: c.title, chapter_title_en: c.titleEn ?? '' };
    if (c.sections.length === 0) add(chapter);
    for (const s of c.sections) {
      const section = {
        ...chapter,
        section_no: s.no,
        section_title: s.title,
        section_title_en: s.titleEn ?? '',
      };
      if (s.items.length === 0) add(section);
      for (const i of s.items)
        add({
          ...section,
          item_id: i.id,
          title: i.title,
          title_en: i.titleEn ?? '',
          text: i.text,
          guidance: i.guidance ?? '',
          roles: i.roles.join(';'),
          level: i.level,
          tags: i.tags.join(';'),
        });
    }
  }
  const meta = (
    [
      ['code', doc.code],
      ['title', doc.title],
      ['title_en', doc.titleEn],
      ['version', doc.version],
      ['summary', String(doc.summary)],
      ['notice', doc.notice],
    ] as const
  ).filter(([, value]) => value !== undefined);
  return writeWorkbook([
    {
      name: 'items',
      header: ITEM_COLUMNS,
      rows,
      widths: ITEM_COLUMNS.map((k) => (wide.has(k) ? 50 : 16)),
      wrap: ITEM_COLUMNS.flatMap((k, n) => (wide.has(k) ? [n] : [])),
      freezeHeader: true,
    },
    { name: 'catalog', header: ['key', 'value'], rows: meta, widths: [12, 80], wrap: [1] },
  ]);
}
