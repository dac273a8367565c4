// Every CSV and .xlsx file Mamoru writes goes through this one writer, so that no export can carry a
// live spreadsheet formula (a unit named `=HYPERLINK(...)` must stay text) and every CSV is quoted
// the same way. Reading tables is src/lib/tabular.ts.
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_TYPE = 'text/csv; charset=utf-8';

/** A number shown with a fixed count of decimals: `85.0` in CSV, a number formatted `0.0` in .xlsx. */
export interface Decimal {
  readonly decimal: number;
  readonly digits: number;
}
export const decimal = (value: number, digits: number): Decimal => ({ decimal: value, digits });

/** A number with an Excel number format: a rate stays a fraction Excel computes with, shown `0.0%`. */
export interface Formatted {
  readonly value: number;
  readonly numFmt: string;
}
export const formatted = (value: number, numFmt: string): Formatted => ({ value, numFmt });

/** Text that links: an http(s) address, or a place in the workbook (`'Sheet'!A1`). The text is neutralised. */
export interface Hyperlink {
  readonly text: string;
  readonly hyperlink: string;
}
export const hyperlink = (text: string, target: string): Hyperlink => ({ text, hyperlink: target });

/** What a cell may hold. Text is neutralised; numbers (negative ones too) stay numbers. */
export type Cell = string | number | boolean | Date | Decimal | Formatted | Hyperlink | null | undefined;

// OWASP "CSV Injection": text a spreadsheet could take for a formula or DDE call starts with one of
// = + - @ tab CR. Text already starting with quotes before such a character gets one more, so that
// restoreNeutralised() undoes exactly what neutralise() did.
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** Prefixes `'` to text that would start a formula; any other text is returned as it is. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The inverse of neutralise(), for readers of files Mamoru wrote (a catalog export re-imported). */
export function restoreNeutralised(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const isDecimal = (v: Cell): v is Decimal => typeof v === 'object' && v !== null && 'decimal' in v;
const isFormatted = (v: Cell): v is Formatted => typeof v === 'object' && v !== null && 'numFmt' in v;
const isHyperlink = (v: Cell): v is Hyperlink => typeof v === 'object' && v !== null && 'hyperlink' in v;

function csvField(v: Cell): string {
  const s =
    v === null || v === undefined
      ? ''
      : typeof v === 'string'
        ? neutralise(v)
        : v instanceof Date
          ? v.toISOString()
          : isDecimal(v)
            ? v.decimal.toFixed(v.digits)
            : isFormatted(v)
              ? String(v.value)
              : isHyperlink(v)
                ? neutralise(v.text)
                : String(v);
  // RFC 4180: a field holding a comma, quote or line break is quoted, its quotes doubled.
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One table as CSV: UTF-8 with a BOM (so Excel keeps the Japanese), CRLF line ends (RFC 4180). */
export function writeCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.map((l) => `${l}\r\n`).join('')}`, 'utf8');
}

export interface Sheet {
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** Column widths in characters: one for every column or one per column (default 18). */
  widths?: number | readonly number[];
  /** Columns (0-based) whose text wraps, aligned to the top. */
  wrap?: readonly number[];
  /** Keeps the header row in view while scrolling. */
  freezeHeader?: boolean;
}

function xlsxValue(v: Cell): ExcelJS.CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return neutralise(v);
  if (isDecimal(v)) return v.decimal;
  if (isFormatted(v)) return v.value;
  if (isHyperlink(v)) return { text: neutralise(v.text), hyperlink: v.hyperlink };
  return v;
}

/** Sheets as one .xlsx workbook, header rows in bold. */
export async function writeWorkbook(sheets: readonly Sheet[]): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.freezeHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    ws.addRow(s.header.map(xlsxValue)).font = { bold: true };
    for (const row of s.rows) {
      const added = ws.addRow(row.map(xlsxValue));
      row.forEach((v, i) => {
        if (isDecimal(v)) added.getCell(i + 1).numFmt = v.digits > 0 ? `0.${'0'.repeat(v.digits)}` : '0';
        if (isFormatted(v)) added.getCell(i + 1).numFmt = v.numFmt;
      });
    }
    const columns = s.rows.reduce((n, r) => Math.max(n, r.length), s.header.length);
    for (let c = 1; c <= columns; c++) {
      const col = ws.getColumn(c);
      col.width = typeof s.widths === 'number' ? s.widths : (s.widths?.[c - 1] ?? 18);
      if (s.wrap?.includes(c - 1)) col.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One sheet as an .xlsx workbook. */
export function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
): Promise<Buffer> {
  return writeWorkbook([{ name: sheetName, header, rows }]);
}
