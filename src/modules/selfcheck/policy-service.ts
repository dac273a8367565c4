import { and, asc, count, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { writeXlsx, XLSX_TYPE } from '../../lib/tabular.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { loadVersion, presentItem, presentVersion, versionItems } from './catalog-service.js';
import { OSCAL_JSON_TYPE, oscalBody } from './oscal/catalog.js';
import { policyToProfile } from './oscal/profile.js';
import {
  checkChange,
  type DifferenceRow,
  differences,
  effectiveItems,
  type PolicyChange,
} from './policy-rules.js';
import { policies, policyChanges } from './schema.js';
import type { CreatePolicyBody, PolicyChangeBody } from './validation.js';

function requireManage(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'selfcheck.manage');
}

export async function loadPolicy(ctx: ActorCtx, id: string) {
  const [policy] = await ctx.db
    .select()
    .from(policies)
    .where(and(eq(policies.id, id), eq(policies.tenantId, ctx.actor.tenantId)));
  if (!policy) throw new AppError('not_found');
  return policy;
}

export async function listPolicies(ctx: ActorCtx) {
  authorize(ctx.actor, 'selfcheck.view');
  const rows = await ctx.db
    .select()
    .from(policies)
    .where(eq(policies.tenantId, ctx.actor.tenantId))
    .orderBy(asc(policies.createdAt));
  return Promise.all(rows.map((p) => summarise(ctx, p)));
}

async function summarise(ctx: ActorCtx, p: typeof policies.$inferSelect) {
  const { v, c } = await loadVersion(ctx, p.catalogVersionId);
  const changes = await changesOf(ctx, p.id);
  const items = effectiveItems(await baseItems(ctx, p.catalogVersionId), changes);
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    catalogVersion: presentVersion(v, c),
    changeCount: changes.length,
    itemCount: items.length,
    createdAt: p.createdAt.toISOString(),
  };
}

export async function baseItems(ctx: Pick<ActorCtx, 'db'>, versionId: string) {
  return (await versionItems(ctx.db, versionId)).map((i) => ({
    ...presentItem(i),
    guidance: i.guidance,
    titleEn: i.titleEn,
  }));
}

async function changesOf(
  ctx: Pick<ActorCtx, 'db'>,
  policyId: string,
): Promise<(PolicyChange & { id: string; createdAt: Date })[]> {
  const rows = await ctx.db
    .select()
    .from(policyChanges)
    .where(eq(policyChanges.policyId, policyId))
    .orderBy(asc(policyChanges.createdAt));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    itemId: r.itemId,
    content: r.content,
    reason: r.reason,
    createdAt: r.createdAt,
  }));
}

/** The policy's effective items (what campaigns are built from). */
export async function policyItems(ctx: ActorCtx, policyId: string) {
  const policy = await loadPolicy(ctx, policyId);
  return effectiveItems(await baseItems(ctx, policy.catalogVersionId), await changesOf(ctx, policy.id));
}

export async function getPolicy(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'selfcheck.view');
  const policy = await loadPolicy(ctx, id);
  const base = await baseItems(ctx, policy.catalogVersionId);
  const changes = await changesOf(ctx, id);
  return {
    ...(await summarise(ctx, policy)),
    items: effectiveItems(base, changes).map((i) => ({
      ...i,
      titleEn: i.titleEn ?? null,
      guidance: i.guidance ?? null,
      chapterTitleEn: i.chapterTitleEn ?? null,
      sectionTitleEn: i.sectionTitleEn ?? null,
    })),
    changes: changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      itemId: c.itemId,
      reason: c.reason,
      createdAt: c.createdAt.toISOString(),
    })),
    differences: differences(base, changes),
  };
}

export async function createPolicy(ctx: ActorCtx, input: z.infer<typeof CreatePolicyBody>) {
  requireManage(ctx);
  await loadVersion(ctx, input.catalogVersionId);
  return ctx.db.transaction(async (tx) => {
    const [policy] = await tx
      .insert(policies)
      .values({ ...input, tenantId: ctx.actor.tenantId })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'selfcheck.policy_create',
      tenantId: ctx.actor.tenantId,
      targetId: policy!.id,
      after: policy,
    });
    return summarise({ ...ctx, db: tx }, policy!);
  });
}

/** Adds or replaces the agency's change to one item (add, tighten or not applicable), with its reason. */
export async function setPolicyChange(
  ctx: ActorCtx,
  policyId: string,
  input: z.infer<typeof PolicyChangeBody>,
) {
  requireManage(ctx);
  const policy = await loadPolicy(ctx, policyId);
  const base = new Map((await baseItems(ctx, policy.catalogVersionId)).map((i) => [i.itemId, i]));
  const change = { kind: input.kind, itemId: input.itemId, content: input.content ?? null };
  const problem = checkChange(base, change);
  if (problem) {
    const why = {
      unknown_item: {
        ja: `項目 ${problem.itemId} は基準にありません。`,
        en: `Item ${problem.itemId} is not in the catalog.`,
      },
      already_in_catalog: {
        ja: `項目 ${problem.itemId} は基準に既にあります（強化を選んでください）。`,
        en: `Item ${problem.itemId} is already in the catalog (tighten it instead).`,
      },
      content_required: {
        ja: '追加・強化には項目の内容が必要です。',
        en: 'Adding or tightening needs the item content.',
      },
    }[problem.problem];
    throw new AppError('bad_request', { detail: why });
  }
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(policyChanges)
      .where(and(eq(policyChanges.policyId, policyId), eq(policyChanges.itemId, input.itemId)));
    if (before) await tx.delete(policyChanges).where(eq(policyChanges.id, before.id));
    const [row] = await tx
      .insert(policyChanges)
      .values({
        policyId,
        kind: input.kind,
        itemId: input.itemId,
        content: input.content ?? null,
        reason: input.reason,
        createdBy: ctx.actor.accountId,
      })
      .returning();
    await tx.update(policies).set({ updatedAt: new Date() }).where(eq(policies.id, policyId));
    await recordAudit(tx, ctx, {
      action: 'selfcheck.policy_change',
      tenantId: ctx.actor.tenantId,
      targetId: policyId,
      before: before ?? null,
      after: row,
    });
    return {
      id: row!.id,
      kind: row!.kind,
      itemId: row!.itemId,
      reason: row!.reason,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

export async function removePolicyChange(ctx: ActorCtx, policyId: string, changeId: string) {
  requireManage(ctx);
  await loadPolicy(ctx, policyId);
  const [row] = await ctx.db
    .select()
    .from(policyChanges)
    .where(and(eq(policyChanges.id, changeId), eq(policyChanges.policyId, policyId)));
  if (!row) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await tx.delete(policyChanges).where(eq(policyChanges.id, changeId));
    await recordAudit(tx, ctx, {
      action: 'selfcheck.policy_change_remove',
      tenantId: ctx.actor.tenantId,
      targetId: policyId,
      before: row,
    });
  });
}

/** A policy's table 「統一基準群との差異」, for the annual report (the caller has checked the tenant). */
export async function policyDifferences(
  db: Db,
  policy: { id: string; catalogVersionId: string },
): Promise<DifferenceRow[]> {
  return differences(await baseItems({ db }, policy.catalogVersionId), await changesOf({ db }, policy.id));
}

/** The report table 「統一基準群との差異」 as an .xlsx file. */
export async function exportDifferences(ctx: ActorCtx, policyId: string) {
  const detail = await getPolicy(ctx, policyId);
  const kindJa = { add: '追加', tighten: '強化', not_applicable: '適用除外' } as const;
  const body = await writeXlsx(
    '統一基準群との差異',
    ['項目番号', '区分', '統一基準の規定', 'ポリシーの規定', '理由'],
    detail.differences.map((d) => [
      d.itemId,
      kindJa[d.kind],
      d.standard ? `${d.standard.title}：${d.standard.text}` : '—',
      d.policy ? `${d.policy.title}：${d.policy.text}` : '—',
      d.reason,
    ]),
  );
  return { body, type: XLSX_TYPE, filename: `policy-differences-${policyId.slice(0, 8)}.xlsx` };
}

/** The policy as an OSCAL profile over its catalog version (docs/oscal.md). */
export async function exportPolicyOscal(ctx: ActorCtx, policyId: string) {
  authorize(ctx.actor, 'selfcheck.view');
  const policy = await loadPolicy(ctx, policyId);
  const { v, c } = await loadVersion(ctx, policy.catalogVersionId);
  const profile = policyToProfile({
    policy,
    catalog: { versionId: v.id, code: c.code, title: c.title, version: v.version },
    base: await baseItems(ctx, policy.catalogVersionId),
    changes: await changesOf(ctx, policy.id),
  });
  return {
    body: oscalBody(profile),
    type: OSCAL_JSON_TYPE,
    filename: `policy-${policyId.slice(0, 8)}.oscal-profile.json`,
  };
}

export async function countPolicies(ctx: ActorCtx) {
  const [n] = await ctx.db
    .select({ n: count() })
    .from(policies)
    .where(eq(policies.tenantId, ctx.actor.tenantId));
  return n?.n ?? 0;
}
