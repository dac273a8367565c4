import { and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { authorize, can, canTenantWide, scopeRoots, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { loadCampaign } from './campaign-service.js';
import { remindJob } from './jobs.js';
import { campaignMembers } from './schema.js';

type UnitRow = typeof orgUnits.$inferSelect;

/**
 * The units a progress or reminder request is about: the one asked for (if in scope), or every
 * subtree where the actor holds selfcheck.view (a head of two divisions gets both).
 */
export async function scopeUnits(ctx: ActorCtx, unitId: string | undefined): Promise<UnitRow[]> {
  if (unitId) {
    const [u] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!u || !can(ctx.actor, 'selfcheck.view', { tenantId: u.tenantId, unitPath: u.path }))
      throw new AppError('not_found');
    return [u];
  }
  const ids = scopeRoots(ctx.actor, 'selfcheck.view').map((p) => p.split('/').filter(Boolean).at(-1)!);
  if (!ids.length) throw new AppError('forbidden');
  const units = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, ids), eq(orgUnits.tenantId, ctx.actor.tenantId)))
    .orderBy(asc(orgUnits.path));
  return units;
}

interface Tally {
  inScope: number;
  submitted: number;
  draft: number;
  notStarted: number;
  excluded: number;
}
const zero = (): Tally => ({ inScope: 0, submitted: 0, draft: 0, notStarted: 0, excluded: 0 });

/** Live progress of a unit and each unit directly below it: submitted / draft / not started / excluded. */
export async function progress(ctx: ActorCtx, campaignId: string, unitId: string | undefined) {
  authorize(ctx.actor, 'selfcheck.view');
  await loadCampaign(ctx, campaignId);
  const scope = await scopeUnits(ctx, unitId);
  const grouped = rowsOf<{ unit_path: string; state: string; in_scope: boolean; n: number }>(
    await ctx.db.execute(sql`
      select unit_path, state, in_scope, count(*)::int as n from campaign_members
      where campaign_id = ${campaignId} and (${sql.join(
        scope.map((u) => withinSubtree(campaignMembers.unitPath, u.path)),
        sql` or `,
      )})
      group by 1, 2, 3`),
  );
  // Several subtrees: a top row of their totals, each subtree below it; one: the unit and its children.
  const unit: UnitRow =
    scope.length === 1
      ? scope[0]!
      : { ...scope[0]!, id: '', code: '', nameJa: '担当の組織', nameEn: 'Your units', parentId: null };
  const children =
    scope.length === 1
      ? await ctx.db
          .select()
          .from(orgUnits)
          .where(eq(orgUnits.parentId, unit.id))
          .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code))
      : scope;
  const parentIds = children.map((c) => c.id);
  const grandchildren = new Set(
    (
      await ctx.db
        .select({ parentId: orgUnits.parentId })
        .from(orgUnits)
        .where(parentIds.length ? inArray(orgUnits.parentId, parentIds) : sql`false`)
    ).map((r) => r.parentId),
  );
  const total = zero();
  const byChild = new Map(children.map((c) => [c.id, zero()]));
  for (const r of grouped) {
    const child = children.find((c) => r.unit_path.startsWith(c.path));
    for (const t of child ? [total, byChild.get(child.id)!] : [total]) {
      if (!r.in_scope) t.excluded += r.n;
      else {
        t.inScope += r.n;
        if (r.state === 'submitted') t.submitted += r.n;
        else if (r.state === 'draft') t.draft += r.n;
        else t.notStarted += r.n;
      }
    }
  }
  const row = (u: UnitRow, t: Tally, hasChildren: boolean) => ({
    unitId: u.id,
    code: u.code,
    nameJa: u.nameJa,
    nameEn: u.nameEn,
    hasChildren,
    ...t,
  });
  return {
    unit: row(unit, total, children.length > 0),
    children: children
      .map((c) => row(c, byChild.get(c.id)!, grandchildren.has(c.id)))
      .filter((c) => c.inScope + c.excluded > 0),
  };
}

/** Who has not submitted yet, in a unit's subtree (for the unit head to follow up). */
export async function pending(
  ctx: ActorCtx,
  campaignId: string,
  q: { unitId?: string | undefined; page: number; pageSize: number },
) {
  authorize(ctx.actor, 'selfcheck.view');
  await loadCampaign(ctx, campaignId);
  const scope = await scopeUnits(ctx, q.unitId);
  const where = and(
    eq(campaignMembers.campaignId, campaignId),
    eq(campaignMembers.inScope, true),
    ne(campaignMembers.state, 'submitted'),
    or(...scope.map((u) => withinSubtree(campaignMembers.unitPath, u.path))),
  );
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ m: campaignMembers, p: people, u: orgUnits })
      .from(campaignMembers)
      .innerJoin(people, eq(people.id, campaignMembers.personId))
      .innerJoin(orgUnits, eq(orgUnits.id, campaignMembers.unitId))
      .where(where)
      .orderBy(asc(campaignMembers.unitPath), asc(people.staffNo))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db.select({ n: count() }).from(campaignMembers).where(where),
  ]);
  return {
    total: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      memberId: r.m.id,
      personId: r.p.id,
      staffNo: r.p.staffNo,
      name: r.p.name,
      unitName: r.u.nameJa,
      unitNameEn: r.u.nameEn,
      roleKey: r.m.roleKey,
      state: r.m.state,
      lastRemindedAt: r.m.lastRemindedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * Queues reminder mail to everyone in the unit's subtree who has not submitted. The security office
 * (selfcheck.manage at the root) may remind anyone; a unit head their own subtree.
 */
export async function requestReminders(ctx: ActorCtx, campaignId: string, unitId: string | undefined) {
  authorize(ctx.actor, 'selfcheck.view');
  const c = await loadCampaign(ctx, campaignId);
  if (c.state !== 'open')
    throw new AppError('invalid_state', {
      detail: {
        ja: '受付中のときだけ督促できます。',
        en: 'Reminders go out only while the campaign is open.',
      },
    });
  if (!unitId && canTenantWide(ctx.actor, 'selfcheck.manage'))
    return queueReminders(ctx.db, ctx, c.id, c.tenantId, null);
  // One reminder job per subtree in scope (never the whole agency for a head of two divisions).
  const queued = [];
  for (const unit of await scopeUnits(ctx, unitId))
    queued.push(await queueReminders(ctx.db, ctx, c.id, c.tenantId, unit.path));
  return queued.find((q) => q.jobId !== null) ?? queued[0]!;
}

export async function queueReminders(
  db: Db,
  ctx: Pick<ActorCtx, 'actor' | 'requestId' | 'ip' | 'env'> | null,
  campaignId: string,
  tenantId: string,
  unitPath: string | null,
) {
  const jobId = await enqueue(
    db,
    remindJob,
    {
      campaignId,
      unitPath,
      requestedAt: new Date().toISOString(),
      requestedBy: ctx?.actor?.login ?? 'schedule',
    },
    { singletonKey: `selfcheck.remind:${campaignId}:${unitPath ?? '*'}` },
  );
  if (ctx) {
    await db.transaction((tx) =>
      recordAudit(tx, ctx, {
        action: 'selfcheck.remind',
        tenantId,
        targetId: campaignId,
        after: { unitPath, queued: jobId !== null },
      }),
    );
  }
  return { jobId, alreadyQueued: jobId === null };
}
