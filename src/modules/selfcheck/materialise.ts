import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { analyze, type Db, pgArray, rowsOf } from '../../db/client.js';
import type { Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { defineJob, type JobHandle, JobLeaseLost } from '../../server/jobs/queue.js';
import { withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { roles } from '../roles/schema.js';
import { countNewMembers } from './campaign-counters.js';
import { batchSize, itemsForRole } from './campaign-rules.js';
import { staffAreaOf } from './catalog-model.js';
import type { policyItems } from './policy-service.js';
import { campaignItems, campaigns } from './schema.js';

type CampaignRow = typeof campaigns.$inferSelect;
type RoleRow = typeof roles.$inferSelect;
const STAFF_STANDARD_NAME = '行政事務従事者';

/**
 * Opening freezes the questionnaire: the policy's items for each role in scope become the campaign's
 * items (in the opening transaction); the members follow from them (memberPlan).
 */
export async function freezeItems(
  tx: Db,
  c: CampaignRow,
  items: Awaited<ReturnType<typeof policyItems>>,
): Promise<void> {
  const roleRows = await selfCheckedRoles(tx, c.tenantId);
  const answering = roleRows.filter((r) => c.scopeRoleKeys.length === 0 || c.scopeRoleKeys.includes(r.key));
  const perRole = new Map(
    answering.map((r) => [
      r.key,
      new Set(itemsForRole(items, r.key, c.itemsPerRole[r.key]).map((i) => i.itemId)),
    ]),
  );
  const chosen = items.filter((it) => [...perRole.values()].some((set) => set.has(it.itemId)));
  if (chosen.length === 0) {
    throw new AppError('invalid_state', {
      detail: { ja: '対象となる点検項目がありません。', en: 'No items apply to the roles in scope.' },
    });
  }
  await tx.insert(campaignItems).values(
    chosen.map((it, idx) => ({
      campaignId: c.id,
      idx,
      itemId: it.itemId,
      chapterNo: it.chapterNo,
      chapterTitle: it.chapterTitle,
      chapterTitleEn: it.chapterTitleEn ?? null,
      sectionNo: it.sectionNo,
      sectionTitle: it.sectionTitle,
      title: it.title,
      titleEn: it.titleEn ?? null,
      text: it.text,
      guidance: it.guidance ?? null,
      level: it.level,
      roleKeys: [...perRole.entries()].filter(([, set]) => set.has(it.itemId)).map(([k]) => k),
      area: staffAreaOf(it.tags),
    })),
  );
}

function selfCheckedRoles(db: Db, tenantId: string): Promise<RoleRow[]> {
  return db
    .select()
    .from(roles)
    .where(and(eq(roles.tenantId, tenantId), sql`${roles.metricGroup} is not null`));
}

/** What members are made of, read back from the frozen items (so a job re-run sees what opening saw). */
export interface MemberPlan {
  campaign: CampaignRow;
  roles: RoleRow[];
  staffRole: RoleRow | undefined;
  itemCount: number;
  /** Distinct chapters of the items: the length of the counters' per-chapter array. */
  chapterCount: number;
  scopePaths: string[];
}

export async function memberPlan(db: Db, c: CampaignRow): Promise<MemberPlan> {
  const items = await db
    .select({ roleKeys: campaignItems.roleKeys, chapterNo: campaignItems.chapterNo })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, c.id));
  const keys = new Set(items.flatMap((i) => i.roleKeys));
  const answering = (await selfCheckedRoles(db, c.tenantId)).filter((r) => keys.has(r.key));
  const scopePaths = c.scopeUnitIds.length
    ? (
        await db.select({ path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, c.scopeUnitIds))
      ).map((u) => u.path)
    : [];
  return {
    campaign: c,
    roles: answering,
    // Every person of the agency is a 行政事務従事者 (主体の全員, 001 L2774), part-time staff included.
    staffRole: answering.find((r) => r.standardName === STAFF_STANDARD_NAME || r.key === 'staff'),
    itemCount: items.length,
    chapterCount: new Set(items.map((i) => i.chapterNo)).size,
    scopePaths,
  };
}

/** People ids in (after, upTo]; null bounds are open. */
export interface PersonRange {
  after: string | null;
  upTo: string | null;
}

const inRange = (col: ReturnType<typeof sql>, r: PersonRange) =>
  sql`${r.after ? sql`and ${col} > ${r.after}::uuid` : sql``} ${r.upTo ? sql`and ${col} <= ${r.upTo}::uuid` : sql``}`;

/**
 * Every holder of an answering role in the scope units becomes a member (one per person and role);
 * people on long leave or marked out of scope are members but excluded (001 L2774). Restricted to a
 * range of people ids, so a batch holds whole people and the result per person is the same as in one
 * statement. ON CONFLICT DO NOTHING makes a re-run after a crash add only what is missing. Call in a
 * transaction: the new members' headcounts go to the results' counters in the same one.
 */
export async function insertMembers(db: Db, plan: MemberPlan, range: PersonRange): Promise<number> {
  const c = plan.campaign;
  const roleIds = plan.roles.map((r) => r.id);
  if (roleIds.length === 0) return 0;
  const inScopeUnits = plan.scopePaths.length
    ? sql`and (${sql.join(
        plan.scopePaths.map((p) => withinSubtree(sql`u.path`, p)),
        sql` or `,
      )})`
    : sql``;
  const staff = plan.staffRole;
  const everyone = staff
    ? sql`union all
      select p.id, ${staff.id}::uuid, ${staff.key}, ${staff.metricGroup}, u.id, u.path, p.status, 1
      from people p join org_units u on u.id = p.unit_id
      where p.tenant_id = ${c.tenantId}::uuid and p.status <> 'left' and u.abolished_at is null ${inScopeUnits}
        ${inRange(sql`p.id`, range)}`
    : sql``;
  // A person holding a role at several units answers once, at the first (an explicit assignment before
  // the person's own unit).
  // People with several questionnaires (in scope) are flagged as they are inserted: batches hold whole
  // people, so a window over the batch sees all of a person's questionnaires.
  const inserted = sql`
    insert into campaign_members (campaign_id, person_id, role_id, role_key, metric_group, unit_id, unit_path, in_scope, exclusion, answers, several)
    select ${c.id}::uuid, person_id, role_id, role_key, metric_group, unit_id, unit_path, in_scope, exclusion,
      repeat('.', ${plan.itemCount}::int),
      in_scope and count(*) filter (where in_scope) over (partition by person_id) > 1
    from (
    select distinct on (person_id, role_id) person_id, role_id, role_key, metric_group, unit_id, unit_path,
      not (status = any(${pgArray(c.excludedStatuses)}::text[])) as in_scope,
      case when status = any(${pgArray(c.excludedStatuses)}::text[]) then status else null end as exclusion
    from (
      select p.id as person_id, r.id as role_id, r.key as role_key, r.metric_group, u.id as unit_id,
        u.path as unit_path, p.status, 0 as source
      from role_assignments ra
        join roles r on r.id = ra.role_id
        join people p on p.id = ra.person_id
        join org_units u on u.id = ra.unit_id
      where ra.tenant_id = ${c.tenantId}::uuid
        and r.id = any(${pgArray(roleIds)}::uuid[])
        and p.status <> 'left'
        and u.abolished_at is null
        ${inScopeUnits}
        ${inRange(sql`ra.person_id`, range)}
      ${everyone}
    ) m
    order by person_id, role_id, source, unit_path
    ) d
    on conflict (campaign_id, person_id, role_id) do nothing
    returning unit_path, role_key, metric_group, in_scope`;
  return countNewMembers(db, c.id, { items: plan.itemCount, chapters: plan.chapterCount }, inserted);
}

/** The people a campaign's members may come from, in id order: the job's progress counts them. */
const candidates = (c: CampaignRow) => sql`people where tenant_id = ${c.tenantId}::uuid and status <> 'left'`;

export async function countCandidates(db: Db, c: CampaignRow): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${candidates(c)}`));
  return row?.n ?? 0;
}

/** The next batch: how many people, and the id of its last one (null when none is left). */
async function nextBatch(db: Db, c: CampaignRow, after: string | null, size: number) {
  const [row] = rowsOf<{ n: number; last: string | null }>(
    await db.execute(sql`
      select count(*)::int as n, max(id::text) as last from (
        select id from ${candidates(c)} ${after ? sql`and id > ${after}::uuid` : sql``}
        order by id limit ${size}) b`),
  );
  return { n: row?.n ?? 0, last: row?.last ?? null };
}

/** Inside a batch's transaction: the job is still this claim's, or the batch rolls back (fencing). */
async function fence(tx: Db, job: JobHandle) {
  if (job.id === 0) return; // a detached run (tests, CLI) has no row to check
  const [row] = rowsOf<{ claim: number; status: string }>(
    await tx.execute(sql`select claim, status from jobs where id = ${job.id} for share`),
  );
  if (!row || row.claim !== job.claim || row.status !== 'running') throw new JobLeaseLost(job.id, job.claim);
}

/**
 * Creates the questionnaires of an opened campaign in batches of whole people, in id order, each batch
 * its own transaction fenced by the job's claim. A re-run (crash, lost lease) starts after the last
 * person who has a questionnaire: batches commit in order, so everyone before them is done; ON CONFLICT
 * covers the rest. Ends by refreshing the planner's statistics and marking the campaign ready.
 */
export async function materialiseMembers(
  ctx: Ctx,
  campaignId: string,
  job: JobHandle,
  batches: { first?: number; max?: number } = {},
) {
  const [c] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!c?.membersPending) return;
  const plan = await memberPlan(ctx.db, c);
  const total = await countCandidates(ctx.db, c);
  const [resume] = rowsOf<{ last: string | null; done: number }>(
    await ctx.db.execute(sql`
      with last as (select (select person_id from campaign_members where campaign_id = ${c.id}
        order by person_id desc limit 1) as id)
      select last.id::text as last,
        (select count(*)::int from ${candidates(c)} and id <= last.id) as done
      from last`),
  );
  let after = resume?.last ?? null;
  let done = resume?.done ?? 0;
  let created = 0;
  await job.progress({ done, total, phase: 'members' });
  for (let n = 0; ; n++) {
    const batch = await nextBatch(ctx.db, c, after, batchSize(n, batches.first, batches.max));
    if (batch.n === 0) break;
    created += await ctx.db.transaction(async (tx) => {
      await fence(tx, job);
      return insertMembers(tx, plan, { after, upTo: batch.last });
    });
    after = batch.last;
    done += batch.n;
    await job.progress({ done, total: Math.max(total, done), phase: 'members' });
  }
  await job.progress({ done, total: Math.max(total, done), phase: 'analyze' });
  await analyze(ctx.db, 'campaign_members');
  await ctx.db.transaction(async (tx) => {
    await fence(tx, job);
    const ready = await tx
      .update(campaigns)
      .set({ membersPending: false, updatedAt: new Date() })
      .where(and(eq(campaigns.id, c.id), eq(campaigns.membersPending, true)))
      .returning({ id: campaigns.id });
    if (ready.length === 0) return;
    const [count] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from campaign_members where campaign_id = ${c.id}`),
    );
    await recordAudit(tx, ctx, {
      action: 'selfcheck.campaign_members_ready',
      tenantId: c.tenantId,
      targetId: c.id,
      actorLabel: `job ${job.id}`,
      after: { members: count?.n ?? 0, people: done, createdByThisRun: created, attempt: job.attempt },
    });
  });
}

export const materialiseJob = defineJob({
  name: 'selfcheck.campaign.materialise',
  payload: z.object({ campaignId: z.uuid() }),
  maxAttempts: 10,
  // The worker's heartbeat renews the lease every 20 s; a short one lets another instance take over soon after a crash.
  leaseSeconds: 60,
  handler: (ctx, p, job) => materialiseMembers(ctx, p.campaignId, job),
});
