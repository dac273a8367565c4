import { parse } from 'csv-parse/sync';
import { loadExcel } from './excel.js';
import { assertSafeZip } from './zip-guard.js';

/** A spreadsheet-like file read into rows keyed by (normalised) header, each remembering its line. */
export interface Table {
  header: string[];
  rows: { line: number; values: Record<string, string> }[];
}

export type TableFormat = 'csv' | 'xlsx';

export class TableError extends Error {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Text of a CSV file: UTF-8 (with or without BOM), else Shift_JIS, which Excel in Japanese
 * government offices still writes by default.
 */
export function decodeCsv(buf: Buffer): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return buf.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return new TextDecoder('shift_jis').decode(buf);
  }
}

/** XLSX files start with the ZIP signature "PK". */
export function sniffFormat(buf: Buffer): TableFormat {
  return buf[0] === 0x50 && buf[1] === 0x4b ? 'xlsx' : 'csv';
}

function normaliseHeader(h: string, aliases: Record<string, string>): string {
  const key = h.trim().replace(/^\uFEFF/, '');
  return aliases[key] ?? aliases[key.toLowerCase()] ?? key.toLowerCase();
}

export async function readTable(
  buf: Buffer,
  aliases: Record<string, string> = {},
  format = sniffFormat(buf),
): Promise<Table> {
  const raw: { line: number; cells: string[] }[] = [];
  if (format === 'csv') {
    let records: { record: string[]; info: { lines: number } }[];
    try {
      records = parse(decodeCsv(buf), {
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }) as unknown as typeof records;
    } catch (err) {
      throw new TableError(err instanceof Error ? err.message : String(err));
    }
    for (const r of records) raw.push({ line: r.info.lines, cells: r.record });
  } else {
    const wb = new (await loadExcel()).Workbook();
    try {
      assertSafeZip(buf);
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch (err) {
      throw new TableError(`not a readable .xlsx file (${err instanceof Error ? err.message : String(err)})`);
    }
    const ws = wb.worksheets[0];
    if (!ws) throw new TableError('the workbook has no worksheet');
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) cells.push(row.getCell(c).text.trim());
      if (cells.some((c) => c !== '')) raw.push({ line: n, cells });
    });
  }
  const [head, ...body] = raw;
  if (!head) throw new TableError('the file is empty (a header row is required)');
  // PostgreSQL cannot store NUL; no control character belongs in a roster (tab and line breaks aside).
  for (const r of raw) {
    const at = r.cells.findIndex((c) => CONTROL_CHARACTERS.test(c));
    if (at >= 0)
      throw new TableError(
        `行 ${r.line} の ${at + 1} 列目に制御文字（NUL など）があります / line ${r.line}, column ${at + 1} contains control characters (such as NUL)`,
      );
  }
  const header = head.cells.map((h) => normaliseHeader(h, aliases));
  return {
    header,
    rows: body.map((r) => ({
      line: r.line,
      values: Object.fromEntries(header.map((h, i) => [h, r.cells[i]?.trim() ?? ''])),
    })),
  };
}

// Writers live in export.ts (one writer for every export); re-exported for existing callers.
export { writeXlsx, XLSX_TYPE } from './export.js';
