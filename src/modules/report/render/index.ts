// The renderers of a ReportDoc: HTML with print CSS (html.ts), .docx with charts (docx.ts), .xlsx
// with one sheet per table (xlsx.ts), PDF through Chromium (pdf.ts). Cells are formatted in one place
// (cells.ts) and charts drawn on the server (charts.ts).
import type { ReportDoc } from '../doc-model.js';
import { renderDocxFile } from './docx.js';
import { renderHtmlPage } from './html.js';
import { renderPdfFile } from './pdf.js';
import { renderXlsxFile } from './xlsx.js';

/** A complete HTML page (print CSS inline), every text escaped, figures linked to their source. */
export async function renderHtml(doc: ReportDoc): Promise<string> {
  return renderHtmlPage(doc);
}

/** A Word document agencies can edit further: headings, tables, narratives, charts as images. */
export async function renderDocx(doc: ReportDoc): Promise<Buffer> {
  return renderDocxFile(doc);
}

/** One sheet per table (the table's id as the sheet name), formula-like cells neutralised. */
export async function renderXlsx(doc: ReportDoc): Promise<Buffer> {
  return renderXlsxFile(doc);
}

/** The HTML printed by Chromium (MAMORU_CHROMIUM or /usr/bin/chromium); null when it is not installed. */
export async function renderPdf(doc: ReportDoc): Promise<Buffer | null> {
  return renderPdfFile(doc);
}

export { cellText, formatValue, resolveCell } from './cells.js';
export { chartPng, chartSvg } from './charts.js';
