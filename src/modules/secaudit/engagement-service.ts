import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { can } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { listSamples } from '../selfcheck/sample-service.js';
import { systemResponsibles } from '../systems/public.js';
import { fieldError, headPaths, onTeam, readableWhere, requireManage, unitOf } from './access.js';
import { loadPlan } from './plan-service.js';
import { secauditEngagements as g, secauditFindings, secauditPapers } from './schema.js';
import type { EngagementBody, EngagementOut } from './validation.js';

type Row = typeof g.$inferSelect;

/** An engagement the actor may read, with its unit's path; anything else is "not found". */
export async function loadEngagement(ctx: ActorCtx, id: string) {
  const heads = await headPaths(ctx);
  const [r] = await ctx.db
    .select({ g, unitPath: orgUnits.path, unitName: orgUnits.nameJa })
    .from(g)
    .innerJoin(orgUnits, eq(orgUnits.id, g.unitId))
    .where(
      and(
        eq(g.id, id),
        eq(g.tenantId, ctx.actor.tenantId),
        readableWhere(ctx, orgUnits.path, g.teamPersonIds, heads),
      ),
    );
  if (!r) throw new AppError('not_found');
  return r;
}

async function present(
  ctx: ActorCtx,
  r: { g: Row; unitPath: string; unitName: string },
): Promise<EngagementOut> {
  const x = r.g;
  const team = x.teamPersonIds.length
    ? await ctx.db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(inArray(people.id, x.teamPersonIds))
    : [];
  const system = x.systemId
    ? (await systemResponsibles(ctx.db, x.tenantId, [x.systemId])).get(x.systemId)
    : undefined;
  const [n] = await ctx.db
    .select({ n: count() })
    .from(secauditFindings)
    .where(eq(secauditFindings.engagementId, x.id));
  const isTeam = onTeam(ctx.actor, x, r.unitPath);
  const papers = isTeam
    ? await ctx.db
        .select({
          id: secauditPapers.id,
          findingId: secauditPapers.findingId,
          filename: secauditPapers.filename,
          contentType: secauditPapers.contentType,
          size: secauditPapers.size,
          createdAt: secauditPapers.createdAt,
        })
        .from(secauditPapers)
        .where(eq(secauditPapers.engagementId, x.id))
        .orderBy(asc(secauditPapers.createdAt))
    : [];
  return {
    id: x.id,
    planId: x.planId,
    fiscalYear: x.fiscalYear,
    kind: x.kind,
    title: x.title,
    unitId: x.unitId,
    unitName: r.unitName,
    auditorKind: x.auditorKind,
    auditorName: x.auditorName,
    independence: x.independence,
    team,
    campaignId: x.campaignId,
    system: system ? { id: system.id, code: system.code, name: system.name } : null,
    findings: n?.n ?? 0,
    papers: papers.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() })),
    can: {
      manage: can(ctx.actor, 'secaudit.manage', { tenantId: x.tenantId, unitPath: r.unitPath }),
      papers: isTeam,
    },
  };
}

export async function getEngagement(ctx: ActorCtx, id: string) {
  return present(ctx, await loadEngagement(ctx, id));
}

export async function listEngagements(ctx: ActorCtx, query: { fiscalYear?: number | undefined }) {
  const heads = await headPaths(ctx);
  const rows = await ctx.db
    .select({ g, unitPath: orgUnits.path, unitName: orgUnits.nameJa })
    .from(g)
    .innerJoin(orgUnits, eq(orgUnits.id, g.unitId))
    .where(
      and(
        eq(g.tenantId, ctx.actor.tenantId),
        query.fiscalYear !== undefined ? eq(g.fiscalYear, query.fiscalYear) : undefined,
        readableWhere(ctx, orgUnits.path, g.teamPersonIds, heads),
      ),
    )
    .orderBy(asc(g.fiscalYear), asc(g.createdAt));
  return { items: await Promise.all(rows.map((r) => present(ctx, r))) };
}

async function checkTeam(ctx: ActorCtx, ids: readonly string[]) {
  if (ids.length === 0) return;
  const found = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, ctx.actor.tenantId), inArray(people.id, [...ids])));
  if (found.length !== new Set(ids).size)
    throw fieldError(
      'body.teamPersonIds',
      '監査チームの職員が見つかりません。',
      'A team member was not found.',
    );
}

async function checkLinks(
  ctx: ActorCtx,
  kind: Row['kind'],
  input: { campaignId?: string | null | undefined; systemId?: string | null | undefined },
) {
  if (input.systemId) {
    const s = await systemResponsibles(ctx.db, ctx.actor.tenantId, [input.systemId]);
    if (!s.has(input.systemId))
      throw fieldError('body.systemId', '情報システムが見つかりません。', 'No such information system.');
  }
  if (input.campaignId) {
    // Read through the self-check's own function: it checks selfcheck.audit and the tenant itself.
    await listSamples(ctx, input.campaignId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') {
        throw fieldError('body.campaignId', '自己点検が見つかりません。', 'No such self-check campaign.');
      }
      throw err;
    });
  }
  if (kind === 'system' && input.systemId === null) {
    throw fieldError(
      'body.systemId',
      'システム監査には情報システムを指定してください。',
      'A system audit names its information system.',
    );
  }
}

/** Opens an engagement under a year's plan, over a unit the auditor holds secaudit.manage on. */
export async function createEngagement(ctx: ActorCtx, input: EngagementBody): Promise<EngagementOut> {
  const plan = await loadPlan(ctx, input.planId).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found')
      throw fieldError('body.planId', '監査計画が見つかりません。', 'No such audit plan.');
    throw err;
  });
  const unit = await unitOf(ctx.db, ctx.actor.tenantId, input.unitId);
  if (!unit) throw fieldError('body.unitId', '被監査部門が見つかりません。', 'No such unit.');
  requireManage(ctx, unit.path);
  if (input.kind === 'system' && !input.systemId) {
    throw fieldError(
      'body.systemId',
      'システム監査には情報システムを指定してください。',
      'A system audit names its information system.',
    );
  }
  await checkLinks(ctx, input.kind, input);
  await checkTeam(ctx, input.teamPersonIds);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(g)
      .values({
        tenantId: ctx.actor.tenantId,
        planId: plan.id,
        fiscalYear: plan.fiscalYear,
        kind: input.kind,
        title: input.title,
        unitId: unit.id,
        auditorKind: input.auditorKind,
        auditorName: input.auditorName,
        independence: input.independence,
        teamPersonIds: [...new Set(input.teamPersonIds)],
        campaignId: input.kind === 'selfcheck' ? (input.campaignId ?? null) : null,
        systemId: input.systemId ?? null,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'secaudit.engagement_create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: row,
    });
    return row!.id;
  });
  return getEngagement(ctx, id);
}

export async function updateEngagement(
  ctx: ActorCtx,
  id: string,
  input: Partial<Omit<EngagementBody, 'planId' | 'unitId' | 'kind'>>,
): Promise<EngagementOut> {
  const r = await loadEngagement(ctx, id);
  requireManage(ctx, r.unitPath);
  await checkLinks(ctx, r.g.kind, input);
  if (input.teamPersonIds) await checkTeam(ctx, input.teamPersonIds);
  const set = Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined));
  if (input.teamPersonIds) set.teamPersonIds = [...new Set(input.teamPersonIds)];
  await ctx.db.transaction(async (tx) => {
    const [after] = Object.keys(set).length
      ? await tx.update(g).set(set).where(eq(g.id, id)).returning()
      : [r.g];
    await recordAudit(tx, ctx, {
      action: 'secaudit.engagement_update',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: r.g,
      after,
    });
  });
  return getEngagement(ctx, id);
}

/**
 * A self-check engagement shows the campaign's audit samples through the self-check module's own
 * read function (which checks selfcheck.audit itself); read only.
 */
export async function engagementSamples(ctx: ActorCtx, id: string) {
  const r = await loadEngagement(ctx, id);
  if (!r.g.campaignId) return { items: [] };
  return { items: await listSamples(ctx, r.g.campaignId) };
}
