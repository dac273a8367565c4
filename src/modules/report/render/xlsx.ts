// The document's tables as a workbook: a first sheet 目次 listing the tables (linked to their sheets),
// then one sheet per table named by its id. Figures stay numbers Excel can compute with — rates as
// fractions formatted 0.0 %, counts as integers — and every text goes through lib/export, which
// neutralises formulas. A figure's source link is kept as a hyperlink in a 出典 column (Excel links
// only text cells, and the figure itself must stay a number).
import {
  formatted,
  hyperlink,
  type Sheet,
  type Cell as SheetCell,
  writeWorkbook,
} from '../../../lib/export.js';
import {
  type Block,
  type Cell,
  type FigureFormat,
  flattenSections,
  type ReportDoc,
  type Section,
} from '../doc-model.js';
import { formatDay, linkHref, resolveCell } from './cells.js';
import { word } from './labels.js';

type TableBlock = Extract<Block, { kind: 'table' }>;
type Locale = ReportDoc['locale'];

const SOURCE = { ja: '出典', en: 'Source' } as const;

/**
 * Excel's rules for sheet names: at most 31 characters, none of \ / ? * [ ] : (and no ! so that links
 * to the sheet work), not starting or ending with an apostrophe, unique ignoring case.
 */
export function sheetNames(ids: readonly string[], reserved: readonly string[] = []): string[] {
  const taken = new Set(reserved.map((r) => r.toLowerCase()));
  return ids.map((id) => {
    const base =
      id
        .replace(/[\\/?*[\]:!]/g, '_')
        .replace(/^'+|'+$/g, '')
        .trim() || 'table';
    let name = [...base].slice(0, 31).join('');
    for (let n = 2; taken.has(name.toLowerCase()) || name.toLowerCase() === 'history'; n++) {
      const suffix = `~${n}`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    taken.add(name.toLowerCase());
    return name;
  });
}

const NUMBER_FORMATS: Record<string, (l: Locale) => string> = {
  rate: () => '0.0%',
  count: () => '#,##0',
  yen: (l) => (l === 'en' ? '"¥"#,##0' : '#,##0"円"'),
};

/** A document cell as a sheet cell: numbers with their number format, days as yyyy-mm-dd, text as text. */
function sheetCell(cell: Cell, columnFormat: FigureFormat | undefined, l: Locale): SheetCell {
  const r = resolveCell(cell, columnFormat);
  if (r.value === null) return null;
  if (typeof r.value === 'number') {
    const fmt = NUMBER_FORMATS[r.format];
    return fmt ? formatted(r.value, fmt(l)) : r.value;
  }
  return r.format === 'date' ? dayOf(r.value, l) : r.value;
}

const dayOf = (value: string, l: Locale) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? value : formatDay(value, l));

/** The source column(s): one 出典 column when a row's figures share one link (the usual case), else one per linked column. */
function sourceColumns(
  b: TableBlock,
  doc: ReportDoc,
): { header: string[]; cells: (row: Cell[]) => SheetCell[] } {
  const l = doc.locale;
  const links = b.rows.map((row) => b.columns.map((c, i) => resolveCell(row[i] ?? null, c.format).link));
  const linked = b.columns.map((_, i) => i).filter((i) => links.some((row) => row[i]));
  if (!linked.length) return { header: [], cells: () => [] };
  const asCell = (link: string | null): SheetCell => {
    const href = linkHref(link, doc.baseUrl);
    if (!href) return link ?? null;
    return /^https?:\/\//i.test(href) ? hyperlink(href, href) : href;
  };
  const shared = links.every((row) => new Set(linked.map((i) => row[i]).filter(Boolean)).size <= 1);
  if (shared) {
    return {
      header: [SOURCE[l]],
      cells: (row) => [asCell(linked.map((i) => resolveCell(row[i] ?? null).link).find(Boolean) ?? null)],
    };
  }
  return {
    header: linked.map((i) => `${SOURCE[l]}: ${b.columns[i]?.label ?? ''}`),
    cells: (row) => linked.map((i) => asCell(resolveCell(row[i] ?? null).link)),
  };
}

function tableSheet(b: TableBlock, name: string, doc: ReportDoc): Sheet {
  const sources = sourceColumns(b, doc);
  const header = [...b.columns.map((c) => c.label), ...sources.header];
  const rows = b.rows.map((row) => [
    ...b.columns.map((c, i) => sheetCell(row[i] ?? null, c.format, doc.locale)),
    ...sources.cells(row),
  ]);
  const widths = header.map((h, i) => {
    const longest = rows.reduce((n, r) => {
      const v = r[i];
      return Math.max(n, typeof v === 'string' ? v.length : 12);
    }, h.length * 2);
    return Math.min(60, Math.max(10, longest));
  });
  return {
    name,
    header,
    rows,
    widths,
    wrap: widths.map((w, i) => (w >= 40 ? i : -1)).filter((i) => i >= 0),
    freezeHeader: true,
  };
}

/** Every table with the section it is in, in document order. */
function tablesWithSection(sections: readonly Section[]): { table: TableBlock; section: Section }[] {
  return flattenSections(sections).flatMap((section) =>
    section.blocks.filter((b): b is TableBlock => b.kind === 'table').map((table) => ({ table, section })),
  );
}

/** One sheet per table (the table's id as the sheet name), formula-like cells neutralised. */
export async function renderXlsxFile(doc: ReportDoc): Promise<Buffer> {
  const l = doc.locale;
  const contents = word('contents', l);
  const tables = tablesWithSection(doc.sections);
  const names = sheetNames(
    tables.map((t) => t.table.id),
    [contents],
  );
  const toc: Sheet = {
    name: contents,
    header: [word('section', l), word('table', l), word('sheet', l)],
    rows: [
      ...tables.map(({ table, section }, i) => {
        const name = names[i] as string;
        return [
          `${section.number} ${section.title}`,
          table.title,
          hyperlink(name, `'${name.replaceAll("'", "''")}'!A1`),
        ];
      }),
    ],
    widths: [40, 50, 32],
    freezeHeader: true,
  };
  return writeWorkbook([toc, ...tables.map(({ table }, i) => tableSheet(table, names[i] as string, doc))]);
}
