import { and, asc, count, eq, inArray, ne, or, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { authorize, can, canTenantWide, scopeRoots, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { waitsForMembers } from './campaign-rules.js';
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

/**
 * Live progress of a unit and each unit directly below it, in people (000 L1030): a person is in scope
 * of a unit with at least one in-scope questionnaire there; submitted when every one of them is;
 * in progress (draft) when any is started; excluded when all of theirs are out of scope.
 */
export async function progress(ctx: ActorCtx, campaignId: string, unitId: string | undefined) {
  authorize(ctx.actor, 'selfcheck.view');
  await loadCampaign(ctx, campaignId);
  const scope = await scopeUnits(ctx, unitId);
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
  const counted = await countPeople(ctx, campaignId, scope, children);
  const parentIds = children.map((c) => c.id);
  const grandchildren = new Set(
    (
      await ctx.db
        .select({ parentId: orgUnits.parentId })
        .from(orgUnits)
        .where(parentIds.length ? inArray(orgUnits.parentId, parentIds) : sql`false`)
    ).map((r) => r.parentId),
  );
  const total = counted.get(null) ?? zero();
  const byChild = new Map(children.map((c) => [c.id, counted.get(c.id) ?? zero()]));
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
  // Reminding while questionnaires are still being created would skip everyone not there yet.
  if (waitsForMembers('remind', c.membersPending))
    throw new AppError('invalid_state', {
      detail: {
        ja: '対象者の質問票を作成中です。作成が終わってから督促してください。',
        en: 'The questionnaires are still being created; send reminders once they are all there.',
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
    {
      singletonKey: `selfcheck.remind:${campaignId}:${unitPath ?? '*'}`,
      owner: { tenantId, accountId: ctx?.actor?.accountId ?? null },
    },
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

/**
 * Tallies people per child unit (key: the child's id) and over the whole scope (key: null). Each member
 * row is attributed to the child whose subtree holds it, then rows are folded per person.
 */
async function countPeople(
  ctx: ActorCtx,
  campaignId: string,
  scope: UnitRow[],
  children: UnitRow[],
): Promise<Map<string | null, Tally>> {
  const childOf =
    children.length === 0
      ? sql`null::uuid`
      : sql`case ${sql.join(
          children.map(
            (c) => sql`when ${withinSubtree(campaignMembers.unitPath, c.path)} then ${c.id}::uuid`,
          ),
          sql` `,
        )} end`;
  const rows = rowsOf<{
    kid: string | null;
    in_scope: number;
    submitted: number;
    draft: number;
    not_started: number;
    excluded: number;
  }>(
    await ctx.db.execute(sql`
      with m as (
        select person_id, ${childOf} as kid, in_scope, state from campaign_members
        where campaign_id = ${campaignId} and (${sql.join(
          scope.map((u) => withinSubtree(campaignMembers.unitPath, u.path)),
          sql` or `,
        )})),
      per_person as (
        select kid, person_id, bool_or(in_scope) as any_in,
          bool_and(not in_scope or state = 'submitted') as all_submitted,
          bool_or(in_scope and state <> 'not_started') as started
        from m where kid is not null group by kid, person_id
        union all
        select null, person_id, bool_or(in_scope), bool_and(not in_scope or state = 'submitted'),
          bool_or(in_scope and state <> 'not_started')
        from m group by person_id)
      select kid,
        count(*) filter (where any_in)::int as in_scope,
        count(*) filter (where any_in and all_submitted)::int as submitted,
        count(*) filter (where any_in and not all_submitted and started)::int as draft,
        count(*) filter (where any_in and not all_submitted and not started)::int as not_started,
        count(*) filter (where not any_in)::int as excluded
      from per_person group by kid`),
  );
  return new Map(
    rows.map((r) => [
      r.kid,
      {
        inScope: r.in_scope,
        submitted: r.submitted,
        draft: r.draft,
        notStarted: r.not_started,
        excluded: r.excluded,
      },
    ]),
  );
}
