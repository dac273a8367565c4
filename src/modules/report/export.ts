import { XLSX_TYPE } from '../../lib/export.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { ReportDoc } from './doc-model.js';
import { reportableDocument } from './document.js';
import { renderDocx, renderHtml, renderPdf, renderXlsx } from './render/index.js';
import { authorizeRead } from './service.js';
import { tenantOf } from './store.js';

// The report's files (HTML, .docx, .xlsx, PDF), for the download route and `mamoru report annual`.

export const REPORT_FORMATS = ['html', 'docx', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const FORMAT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: XLSX_TYPE,
  pdf: 'application/pdf',
};

export function isReportFormat(f: string): f is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(f);
}

/** The file, or null for a PDF when Chromium is not installed. */
export async function renderReport(doc: ReportDoc, format: ReportFormat): Promise<Buffer | null> {
  switch (format) {
    case 'html':
      return Buffer.from(await renderHtml(doc), 'utf8');
    case 'docx':
      return renderDocx(doc);
    case 'xlsx':
      return renderXlsx(doc);
    case 'pdf':
      return renderPdf(doc);
  }
}

export const NO_DATA = {
  ja: 'この年度の年次報告もデータもありません。',
  en: 'There is no report and no data for this fiscal year.',
};

export const NO_CHROMIUM = {
  ja: 'PDF の作成には Chromium が必要ですが、このサーバーにはインストールされていません。HTML を印刷して PDF にしてください。',
  en: 'Making a PDF needs Chromium, which is not installed on this server. Print the HTML to PDF instead.',
};

export async function exportReport(ctx: ActorCtx, fiscalYear: number, format: string) {
  authorizeRead(ctx);
  if (!isReportFormat(format)) {
    throw new AppError('unsupported_media_type', {
      detail: {
        ja: '形式は html, docx, xlsx, pdf のいずれかです。',
        en: 'The format is one of html, docx, xlsx, pdf.',
      },
    });
  }
  const tenant = await tenantOf(ctx.db, ctx.actor.tenantId);
  const doc = await reportableDocument(ctx.db, tenant, fiscalYear, ctx.config.publicUrl ?? null);
  if (!doc) throw new AppError('invalid_state', { detail: NO_DATA });
  const body = await renderReport(doc, format);
  if (!body) throw new AppError('unavailable', { detail: NO_CHROMIUM });
  return {
    body,
    type: FORMAT_TYPES[format],
    filename: `annual-report-${tenant.code}-${fiscalYear}.${format}`,
  };
}
