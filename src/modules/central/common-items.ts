// The common item set (共通項目, 001 L2784-2790): catalog items the central body designates per fiscal year
// that every agency's self-check must include.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { commonItems } from './schema.js';
import { centralBodyOf } from './tenancy.js';

export async function commonCodesFor(db: Db, centralId: string, fiscalYear: number): Promise<string[]> {
  const rows = await db
    .select({ code: commonItems.code })
    .from(commonItems)
    .where(and(eq(commonItems.centralTenantId, centralId), eq(commonItems.fiscalYear, fiscalYear)));
  return rows.map((r) => r.code);
}

/** The central body reads its own set; an agency (report.view) reads the set of the body it reports to. */
export async function getCommonItems(ctx: ActorCtx, fiscalYear: number) {
  let centralId: string | null;
  if (ctx.actor.tenantKind === 'central') {
    authorize(ctx.actor, 'central.read');
    centralId = ctx.actor.tenantId;
  } else {
    authorizeTenantWide(ctx.actor, 'report.view');
    centralId = (await centralBodyOf(ctx.db, ctx.actor.tenantId))?.id ?? null;
  }
  if (!centralId) return { fiscalYear, items: [] };
  const rows = await ctx.db
    .select()
    .from(commonItems)
    .where(and(eq(commonItems.centralTenantId, centralId), eq(commonItems.fiscalYear, fiscalYear)))
    .orderBy(asc(commonItems.code));
  return {
    fiscalYear,
    items: rows.map((r) => ({ code: r.code, note: r.note, designatedAt: r.designatedAt.toISOString() })),
  };
}

/** Replaces the fiscal year's set (central.manage); codes already designated keep their date. */
export async function setCommonItems(
  ctx: ActorCtx,
  input: { fiscalYear: number; items: { code: string; note: string }[] },
) {
  authorize(ctx.actor, 'central.manage');
  if (ctx.actor.tenantKind !== 'central') throw new AppError('forbidden');
  const codes = input.items.map((i) => i.code);
  if (new Set(codes).size !== codes.length) {
    throw new AppError('validation_failed', {
      detail: { ja: '同じ項目番号が重複しています。', en: 'An item code appears twice.' },
    });
  }
  await ctx.db.transaction(async (tx) => {
    const where = and(
      eq(commonItems.centralTenantId, ctx.actor.tenantId),
      eq(commonItems.fiscalYear, input.fiscalYear),
    );
    const before = await tx.select().from(commonItems).where(where);
    const kept = new Map(before.map((r) => [r.code, r]));
    await tx.delete(commonItems).where(where);
    if (input.items.length > 0)
      await tx.insert(commonItems).values(
        input.items.map((i) => ({
          centralTenantId: ctx.actor.tenantId,
          fiscalYear: input.fiscalYear,
          code: i.code,
          note: i.note,
          designatedBy: kept.get(i.code)?.designatedBy ?? ctx.actor.accountId,
          designatedAt: kept.get(i.code)?.designatedAt ?? new Date(),
        })),
      );
    await recordAudit(tx, ctx, {
      action: 'central.common_items_set',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      before: { codes: before.map((r) => r.code).sort() },
      after: { fiscalYear: input.fiscalYear, codes: [...codes].sort() },
    });
  });
  return getCommonItems(ctx, input.fiscalYear);
}
