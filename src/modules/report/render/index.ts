// The renderers of a ReportDoc: HTML with print CSS (html.ts), .docx with charts (docx.ts), .xlsx
// with one sheet per table (xlsx.ts), PDF through Chromium (pdf.ts). Cells are formatted in one place
// (cells.ts) and charts drawn on the server (charts.ts). Each renderer is loaded when first used:
// echarts, docx and exceljs together take seconds to import, which every start of the server (and
// every test file) would otherwise pay.
import type { ReportDoc } from '../doc-model.js';

/** A complete HTML page (print CSS inline), every text escaped, figures linked to their source. */
export async function renderHtml(doc: ReportDoc): Promise<string> {
  return (await import('./html.js')).renderHtmlPage(doc);
}

/** A Word document agencies can edit further: headings, tables, narratives, charts as images. */
export async function renderDocx(doc: ReportDoc): Promise<Buffer> {
  return (await import('./docx.js')).renderDocxFile(doc);
}

/** One sheet per table (the table's id as the sheet name), formula-like cells neutralised. */
export async function renderXlsx(doc: ReportDoc): Promise<Buffer> {
  return (await import('./xlsx.js')).renderXlsxFile(doc);
}

/** The HTML printed by Chromium (MAMORU_CHROMIUM or /usr/bin/chromium); null when it is not installed. */
export async function renderPdf(doc: ReportDoc): Promise<Buffer | null> {
  return (await import('./pdf.js')).renderPdfFile(doc);
}

export { cellText, formatValue, resolveCell } from './cells.js';
