// The national report as a file (HTML, .docx, .xlsx, PDF) through the shared renderers.
import { eq } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import type { Download } from '../../server/files.js';
import { recordAudit } from '../audit/service.js';
import { tenants } from '../org/schema.js';
import { renderDocx, renderHtml, renderPdf, renderXlsx } from '../report/render/index.js';
import { buildNationalDoc } from './national-doc.js';
import { nationalView } from './national-service.js';

const TYPES = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;
export type ExportFormat = keyof typeof TYPES;

export async function exportNational(
  ctx: ActorCtx,
  q: { fiscalYear: number; format: ExportFormat; locale?: 'ja' | 'en' | undefined },
): Promise<Download> {
  const view = await nationalView(ctx, q.fiscalYear);
  const locale = q.locale ?? (ctx.actor.locale === 'en' ? 'en' : 'ja');
  const [central] = await ctx.db.select().from(tenants).where(eq(tenants.id, ctx.actor.tenantId));
  const doc = buildNationalDoc(view, {
    locale,
    tenantCode: central!.code,
    tenantName: locale === 'en' ? (central!.nameEn ?? central!.nameJa) : central!.nameJa,
    generatedAt: new Date().toISOString(),
    baseUrl: ctx.config.publicUrl,
  });
  let body: Buffer;
  if (q.format === 'html') body = Buffer.from(await renderHtml(doc), 'utf8');
  else if (q.format === 'docx') body = await renderDocx(doc);
  else if (q.format === 'xlsx') body = await renderXlsx(doc);
  else {
    const pdf = await renderPdf(doc);
    if (!pdf) {
      throw new AppError('invalid_state', {
        detail: {
          ja: 'PDF の出力には Chromium が必要ですが、このサーバーにはインストールされていません。',
          en: 'PDF output needs Chromium, which is not installed on this server.',
        },
      });
    }
    body = pdf;
  }
  await recordAudit(ctx.db, ctx, {
    action: 'central.national_export',
    tenantId: ctx.actor.tenantId,
    targetId: ctx.actor.tenantId,
    after: { fiscalYear: q.fiscalYear, format: q.format, agencies: view.agencies.length },
  });
  return { body, type: TYPES[q.format], filename: `national-${q.fiscalYear}.${q.format}` };
}
