import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { recordAudit } from '../audit/service.js';
import { submitToCentral } from '../central/service.js';
import { collectAnnualFigures } from './figures.js';
import { type AnnualFigures, AnnualStatement, STATEMENT_ITEMS } from './figures-model.js';
import { emptyItems } from './rules.js';
import { authorizeOne } from './service.js';
import { currentNarratives, ensureReport, tenantOf } from './store.js';

// The fiscal-year statement to the central body (001 L4252-4282): the figures of 001 ch. II and the
// five narrative items. It may be sent once the five items are written, approved report or not.

const STATEMENT_KEYS = STATEMENT_ITEMS.map((i) => i.key);

export function composeStatement(
  tenant: { code: string; nameJa: string },
  parentAgencyCode: string | null,
  figures: AnnualFigures,
  texts: Record<string, string>,
): AnnualStatement {
  const selfcheck = figures.selfcheck ? (({ differences: _d, ...rest }) => rest)(figures.selfcheck) : null;
  return AnnualStatement.parse({
    fiscalYear: figures.fiscalYear,
    agencyCode: tenant.code,
    agencyName: tenant.nameJa,
    parentAgencyCode,
    selfcheck,
    inspections: figures.inspections,
    training: figures.training,
    drills: figures.drills,
    incidents: figures.incidents,
    narrative: Object.fromEntries(STATEMENT_KEYS.map((k) => [k, texts[k] ?? ''])),
  });
}

export async function submitStatement(ctx: ActorCtx, fiscalYear: number) {
  authorizeOne(ctx, ['report.manage']);
  const tenant = await tenantOf(ctx.db, ctx.actor.tenantId);
  const report = await ensureReport(ctx.db, tenant.id, fiscalYear);
  const narratives = await currentNarratives(ctx.db, report.id);
  const texts = Object.fromEntries(STATEMENT_KEYS.map((k) => [k, narratives[k]?.text ?? '']));
  const missing = emptyItems(STATEMENT_KEYS, texts);
  if (missing.length) {
    const items = STATEMENT_ITEMS.filter((i) => missing.includes(i.key));
    throw new AppError('statement_incomplete', {
      detail: {
        ja: `未記入の項目があります: ${items.map((i) => i.ja).join('、')}`,
        en: `Items not written yet: ${items.map((i) => i.en).join(', ')}`,
      },
      extra: { missing },
    });
  }
  // 独法 submit through their supervising ministry (001 L15064-15078).
  const parent = tenant.parentTenantId ? await tenantOf(ctx.db, tenant.parentTenantId) : null;
  const parentAgencyCode = parent?.kind === 'agency' ? parent.code : null;
  const figures = await collectAnnualFigures(ctx.db, tenant.id, fiscalYear);
  const payload = composeStatement(tenant, parentAgencyCode, figures, texts);
  const row = await ctx.db.transaction(async (tx) => {
    const sub = await submitToCentral(tx, ctx, {
      fromTenantId: tenant.id,
      kind: 'annual.statement',
      fiscalYear,
      title: `${fiscalYear}年度 情報セキュリティ対策の実施状況（${tenant.nameJa}）`,
      payload,
    });
    await recordAudit(tx, ctx, {
      action: 'report.statement_submit',
      tenantId: tenant.id,
      targetId: report.id,
      after: { submissionId: sub.id, fiscalYear },
    });
    return sub;
  });
  return { submissionId: row.id, submittedAt: row.submittedAt.toISOString() };
}
