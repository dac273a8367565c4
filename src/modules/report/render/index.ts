// The renderers of a ReportDoc. CONTRACT ONLY until the render work lands: every function below is
// replaced by a real implementation (HTML with print CSS, .docx with charts, .xlsx, PDF via Chromium).
import type { ReportDoc } from '../doc-model.js';

const pending = (what: string) => new Error(`report renderer not built yet: ${what}`);

/** A complete HTML page (print CSS inline), every text escaped, figures linked to their source. */
export async function renderHtml(_doc: ReportDoc): Promise<string> {
  throw pending('html');
}

/** A Word document agencies can edit further: headings, tables, narratives, charts as images. */
export async function renderDocx(_doc: ReportDoc): Promise<Buffer> {
  throw pending('docx');
}

/** One sheet per table (the table's id as the sheet name), formula-like cells neutralised. */
export async function renderXlsx(_doc: ReportDoc): Promise<Buffer> {
  throw pending('xlsx');
}

/** The HTML printed by Chromium (MAMORU_CHROMIUM or /usr/bin/chromium); null when it is not installed. */
export async function renderPdf(_doc: ReportDoc): Promise<Buffer | null> {
  throw pending('pdf');
}
