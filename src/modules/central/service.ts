import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { AnnualStatement } from '../report/figures-model.js';
import { submissions } from '../selfcheck/schema.js';
import { commonCodesFor } from './common-items.js';
import { missingCommonCodes } from './rules.js';
import { centralBodyOf, recipientOf } from './tenancy.js';

export { selfcheckComparison } from './queries.js';
export { centralBodyOf } from './tenancy.js';

/** Version numbers are per (recipient, whose figures, kind, fiscal year); the lock serialises concurrent senders. */
async function nextVersion(
  tx: Db,
  key: { toTenantId: string; agencyTenantId: string; kind: string; fiscalYear: number },
) {
  const lockKey = `submission:${key.toTenantId}:${key.agencyTenantId}:${key.kind}:${key.fiscalYear}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${lockKey}))`);
  const [row] = await tx
    .select({ max: sql<number | null>`max(${submissions.version})` })
    .from(submissions)
    .where(
      and(
        eq(submissions.toTenantId, key.toTenantId),
        eq(submissions.kind, key.kind),
        eq(submissions.fiscalYear, key.fiscalYear),
        or(
          eq(submissions.originTenantId, key.agencyTenantId),
          and(isNull(submissions.originTenantId), eq(submissions.fromTenantId, key.agencyTenantId)),
        ),
      ),
    );
  return Number(row?.max ?? 0) + 1;
}

/** A statement must include the central body's common items of its fiscal year (001 L2784-2790): 422 otherwise. */
async function checkCommonItems(tx: Db, centralId: string, fiscalYear: number, payload: unknown) {
  const common = await commonCodesFor(tx, centralId, fiscalYear);
  if (common.length === 0) return;
  const parsed = AnnualStatement.shape.selfcheck.safeParse((payload as { selfcheck?: unknown })?.selfcheck);
  const codes = parsed.success ? (parsed.data?.items ?? []).map((i) => i.code) : [];
  const missing = missingCommonCodes(codes, common);
  if (missing.length === 0) return;
  throw new AppError('common_items_missing', {
    detail: {
      ja: `中央機関が指定した共通項目が自己点検に含まれていません: ${missing.join('、')}`,
      en: `The self-check lacks common items designated by the central body: ${missing.join(', ')}`,
    },
    extra: { missingCodes: missing },
  });
}

/**
 * An agency sends figures up: to the central body, or (a 独法) to its ministry. Each resubmission is a
 * new version; nothing is replaced. This copy is all the recipient will ever see.
 */
export async function submitToCentral(
  tx: Db,
  ctx: Pick<Ctx, 'actor' | 'requestId' | 'ip' | 'env'>,
  input: { fromTenantId: string; kind: string; fiscalYear: number; title: string; payload: unknown },
) {
  const to = await recipientOf(tx, input.fromTenantId);
  const central = await centralBodyOf(tx, input.fromTenantId);
  if (!to || !central) {
    throw new AppError('invalid_state', {
      detail: {
        ja: '提出先の中央機関が登録されていません。',
        en: 'No central body is registered to submit to.',
      },
    });
  }
  if (input.kind === 'annual.statement')
    await checkCommonItems(tx, central.id, input.fiscalYear, input.payload);
  const version = await nextVersion(tx, {
    toTenantId: to.id,
    agencyTenantId: input.fromTenantId,
    kind: input.kind,
    fiscalYear: input.fiscalYear,
  });
  const [row] = await tx
    .insert(submissions)
    .values({
      ...input,
      toTenantId: to.id,
      version,
      payload: input.payload as object,
      submittedBy: ctx.actor?.accountId ?? null,
    })
    .returning();
  await recordAudit(tx, ctx, {
    action: 'central.submit',
    tenantId: input.fromTenantId,
    targetId: row!.id,
    after: { kind: input.kind, fiscalYear: input.fiscalYear, to: to.code, version },
  });
  return row!;
}

/**
 * A ministry forwards one of its 独法's submissions to the central body (001 L15064-15078): a new
 * submission from the ministry carrying the 独法 as its origin. Forwarding the same version twice is refused.
 */
export async function forwardSubmission(ctx: ActorCtx, id: string) {
  authorizeTenantWide(ctx.actor, 'report.manage');
  return ctx.db.transaction(async (tx) => {
    const [source] = await tx
      .select()
      .from(submissions)
      .where(and(eq(submissions.id, id), eq(submissions.toTenantId, ctx.actor.tenantId)));
    if (!source) throw new AppError('not_found');
    const [already] = await tx.select().from(submissions).where(eq(submissions.forwardedFromId, source.id));
    if (already) {
      throw new AppError('invalid_state', {
        detail: {
          ja: 'この版は既に中央機関へ転送しています。',
          en: 'This version has already been forwarded to the central body.',
        },
      });
    }
    const central = await centralBodyOf(tx, ctx.actor.tenantId);
    if (!central) {
      throw new AppError('invalid_state', {
        detail: { ja: '転送先の中央機関が登録されていません。', en: 'No central body is registered.' },
      });
    }
    if (source.kind === 'annual.statement')
      await checkCommonItems(tx, central.id, source.fiscalYear, source.payload);
    const version = await nextVersion(tx, {
      toTenantId: central.id,
      agencyTenantId: source.fromTenantId,
      kind: source.kind,
      fiscalYear: source.fiscalYear,
    });
    const [row] = await tx
      .insert(submissions)
      .values({
        fromTenantId: ctx.actor.tenantId,
        toTenantId: central.id,
        originTenantId: source.fromTenantId,
        forwardedFromId: source.id,
        kind: source.kind,
        fiscalYear: source.fiscalYear,
        title: source.title,
        payload: source.payload as object,
        version,
        submittedBy: ctx.actor.accountId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'central.forward',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: { from: source.id, kind: source.kind, fiscalYear: source.fiscalYear, to: central.code, version },
    });
    return { id: row!.id, version };
  });
}
