import { and, asc, count, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { analyze, type Db, rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { enqueue } from '../../server/jobs/queue.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { accounts } from '../accounts/schema.js';
import { auditEvents } from '../audit/schema.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { roles } from '../roles/schema.js';
import {
  canTransition,
  DEFAULT_ANSWER_OPTIONS,
  isEditable,
  openBlocker,
  waitsForMembers,
  withdrawsApproval,
} from './campaign-rules.js';
import { countCandidates, freezeItems, insertMembers, materialiseJob, memberPlan } from './materialise.js';
import { loadPolicy, policyItems } from './policy-service.js';
import { type CampaignState, campaignItems, campaignMembers, campaigns, policies } from './schema.js';
import type { CampaignOut, CreateCampaignBody, UpdateCampaignBody } from './validation.js';

type CampaignRow = typeof campaigns.$inferSelect;

function requireManage(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'selfcheck.manage');
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function present(db: Db, c: CampaignRow): Promise<CampaignOut> {
  const [policy] = await db.select({ name: policies.name }).from(policies).where(eq(policies.id, c.policyId));
  // 人提出: people, not questionnaires (000 L1030). A person is in scope with any in-scope questionnaire
  // and has submitted when every one of them is submitted.
  const [counts] = rowsOf<{ members: number; in_scope: number; submitted: number }>(
    await db.execute(sql`
      select count(*)::int as members,
        count(*) filter (where n_in_scope > 0)::int as in_scope,
        count(*) filter (where n_in_scope > 0 and n_submitted = n_in_scope)::int as submitted
      from (
        select count(*) filter (where in_scope) as n_in_scope,
          count(*) filter (where in_scope and state = 'submitted') as n_submitted
        from campaign_members where campaign_id = ${c.id} group by person_id
      ) per_person`),
  );
  const [items] = await db
    .select({ n: count() })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, c.id));
  const approver =
    c.planApprovedBy && c.planApprovedAt
      ? (
          await db
            .select({ name: people.name })
            .from(accounts)
            .innerJoin(people, eq(people.id, accounts.personId))
            .where(eq(accounts.id, c.planApprovedBy))
        )[0]
      : undefined;
  return {
    id: c.id,
    title: c.title,
    fiscalYear: c.fiscalYear,
    state: c.state,
    policyId: c.policyId,
    policyName: policy?.name ?? '',
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    scopeUnitIds: c.scopeUnitIds,
    scopeRoleKeys: c.scopeRoleKeys,
    itemsPerRole: c.itemsPerRole,
    excludedStatuses: c.excludedStatuses,
    instructions: c.instructions,
    answerOptions: c.answerOptions,
    reminderEveryDays: c.reminderEveryDays,
    previousCampaignId: c.previousCampaignId,
    plan: c.plan ?? null,
    approval:
      c.planApprovedAt && approver
        ? { approvedAt: c.planApprovedAt.toISOString(), approvedBy: approver.name }
        : null,
    openedAt: iso(c.openedAt),
    closedAt: iso(c.closedAt),
    publishedAt: iso(c.publishedAt),
    membersPending: c.membersPending,
    membersJobId: c.membersJobId,
    counts: {
      members: counts?.members ?? 0,
      inScope: counts?.in_scope ?? 0,
      submitted: counts?.submitted ?? 0,
      items: items?.n ?? 0,
    },
  };
}

/** The campaign as the API shows it, for the plan's operations (plan-service.ts). */
export const presentCampaign = present;

export async function loadCampaign(ctx: ActorCtx, id: string): Promise<CampaignRow> {
  const [c] = await ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, id), eq(campaigns.tenantId, ctx.actor.tenantId)));
  if (!c) throw new AppError('not_found');
  return c;
}

/** Scope units and roles must be the agency's own; focus items must exist in the policy. */
async function checkSettings(
  ctx: ActorCtx,
  s: {
    policyId: string;
    scopeUnitIds: string[];
    scopeRoleKeys: string[];
    itemsPerRole: Record<string, 'all' | string[]>;
  },
) {
  const problems: string[] = [];
  if (s.scopeUnitIds.length) {
    const found = await ctx.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(eq(orgUnits.tenantId, ctx.actor.tenantId), inArray(orgUnits.id, s.scopeUnitIds)));
    if (found.length !== new Set(s.scopeUnitIds).size) problems.push('scopeUnitIds');
  }
  const roleKeys = new Set(
    (
      await ctx.db
        .select({ key: roles.key })
        .from(roles)
        .where(and(eq(roles.tenantId, ctx.actor.tenantId), sql`${roles.metricGroup} is not null`))
    ).map((r) => r.key),
  );
  if (s.scopeRoleKeys.some((k) => !roleKeys.has(k))) problems.push('scopeRoleKeys');
  const items = new Set((await policyItems(ctx, s.policyId)).map((i) => i.itemId));
  for (const [role, choice] of Object.entries(s.itemsPerRole)) {
    if (!roleKeys.has(role) || (choice !== 'all' && choice.some((id) => !items.has(id))))
      problems.push(`itemsPerRole.${role}`);
  }
  if (problems.length) {
    throw new AppError('validation_failed', {
      errors: problems.map((p) => ({
        path: `body.${p}`,
        message: {
          ja: 'この機関に存在しない組織・役割・項目が含まれています',
          en: 'names a unit, role or item this agency does not have',
        },
      })),
    });
  }
}

export async function listCampaigns(ctx: ActorCtx) {
  authorize(ctx.actor, 'selfcheck.view');
  const rows = await ctx.db
    .select()
    .from(campaigns)
    .where(eq(campaigns.tenantId, ctx.actor.tenantId))
    .orderBy(desc(campaigns.fiscalYear), desc(campaigns.createdAt));
  return Promise.all(rows.map((c) => present(ctx.db, c)));
}

export async function getCampaign(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'selfcheck.view');
  const c = await loadCampaign(ctx, id);
  return present(ctx.db, c);
}

export async function createCampaign(ctx: ActorCtx, input: z.infer<typeof CreateCampaignBody>) {
  requireManage(ctx);
  await loadPolicy(ctx, input.policyId);
  await checkSettings(ctx, input);
  if (input.previousCampaignId) await loadCampaign(ctx, input.previousCampaignId);
  return ctx.db.transaction(async (tx) => {
    const [c] = await tx
      .insert(campaigns)
      .values({
        ...input,
        answerOptions: input.answerOptions ?? DEFAULT_ANSWER_OPTIONS,
        plan: input.plan ?? null,
        tenantId: ctx.actor.tenantId,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'selfcheck.campaign_create',
      tenantId: ctx.actor.tenantId,
      targetId: c!.id,
      after: c,
    });
    return present(tx, c!);
  });
}

// What may change once the questionnaire exists: wording, dates and reminders, never its shape.
const ALWAYS_EDITABLE = new Set([
  'title',
  'instructions',
  'endsOn',
  'reminderEveryDays',
  'previousCampaignId',
]);

export async function updateCampaign(ctx: ActorCtx, id: string, input: z.infer<typeof UpdateCampaignBody>) {
  requireManage(ctx);
  const c = await loadCampaign(ctx, id);
  if (c.state === 'published')
    throw new AppError('invalid_state', {
      detail: { ja: '公表済みのキャンペーンは変更できません。', en: 'A published campaign cannot change.' },
    });
  const locked = Object.keys(input).filter((k) => !ALWAYS_EDITABLE.has(k));
  if (!isEditable(c.state) && locked.length) {
    throw new AppError('invalid_state', {
      detail: {
        ja: `開始後は変更できない設定です: ${locked.join(', ')}`,
        en: `These settings cannot change once the campaign has opened: ${locked.join(', ')}`,
      },
    });
  }
  const merged = { ...c, ...input };
  if (merged.startsOn > merged.endsOn) {
    throw new AppError('validation_failed', {
      errors: [
        { path: 'body.endsOn', message: { ja: '終了日が開始日より前です', en: 'endsOn is before startsOn' } },
      ],
    });
  }
  await checkSettings(ctx, merged);
  if (input.previousCampaignId) await loadCampaign(ctx, input.previousCampaignId);
  // The CISO approved the scope, items and period as they were: changing them before opening withdraws
  // the approval (once open, the approval that let it open stays on record; an extended deadline is not a new plan).
  const withdraw = c.state === 'draft' && c.planApprovedAt !== null && withdrawsApproval(input, c);
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(campaigns)
      .set({
        ...input,
        ...(withdraw ? { planApprovedAt: null, planApprovedBy: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(campaigns.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'selfcheck.campaign_update',
      tenantId: c.tenantId,
      targetId: id,
      before: c,
      after,
    });
    if (withdraw) {
      await recordAudit(tx, ctx, {
        action: 'selfcheck.plan_withdraw',
        tenantId: c.tenantId,
        targetId: id,
        before: { approvedAt: c.planApprovedAt, approvedBy: c.planApprovedBy },
        after: { reason: 'settings_changed', changed: Object.keys(input) },
      });
    }
    return present(tx, after!);
  });
}

export async function transitionCampaign(
  ctx: ActorCtx,
  id: string,
  to: CampaignState,
  opts: { onPublish?: (tx: Db, c: CampaignRow) => Promise<void> } = {},
) {
  requireManage(ctx);
  const c = await loadCampaign(ctx, id);
  if (!canTransition(c.state, to)) {
    throw new AppError('invalid_state', {
      detail: {
        ja: `「${c.state}」から「${to}」には変更できません。`,
        en: `A campaign cannot go from ${c.state} to ${to}.`,
      },
    });
  }
  const blocked = to === 'open' ? openBlocker(c.state, c) : null;
  if (blocked) throw new AppError(blocked);
  if (to === 'closed' && waitsForMembers('close', c.membersPending)) throw preparing();
  const items = to === 'open' && c.state === 'draft' ? await policyItems(ctx, c.policyId) : null;
  const result = await ctx.db.transaction(async (tx) => {
    // Serialise transitions of one campaign (two administrators pressing "open" at once).
    await tx.execute(sql`select 1 from campaigns where id = ${id} for update`);
    const [fresh] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
    if (fresh!.state !== c.state) throw new AppError('conflict');
    // The approval may have been withdrawn since it was read.
    if (to === 'open' && openBlocker(fresh!.state, fresh!)) throw new AppError('plan_not_approved');
    if (to === 'closed' && waitsForMembers('close', fresh!.membersPending)) throw preparing();
    let members: { membersPending: boolean; membersJobId: number | null } | null = null;
    if (items) {
      await freezeItems(tx, c, items);
      // A small agency's questionnaires are made here, in one statement; a large one's by a job, so
      // the office is not kept waiting and staff start answering as their batch is done.
      if ((await countCandidates(tx, c)) <= ctx.config.selfcheck.syncOpenMaxPeople) {
        await insertMembers(tx, await memberPlan(tx, c), { after: null, upTo: null });
      } else {
        const jobId = await enqueue(
          tx,
          materialiseJob,
          { campaignId: c.id },
          {
            singletonKey: `selfcheck.campaign.materialise:${c.id}`,
            owner: { tenantId: c.tenantId, accountId: ctx.actor.accountId },
          },
        );
        members = { membersPending: true, membersJobId: jobId };
      }
    }
    const now = new Date();
    const stamp =
      to === 'open'
        ? { openedAt: c.openedAt ?? now, closedAt: null }
        : to === 'closed'
          ? { closedAt: now }
          : { publishedAt: now };
    const [after] = await tx
      .update(campaigns)
      .set({ state: to, ...stamp, ...members, updatedAt: now })
      .where(eq(campaigns.id, id))
      .returning();
    if (to === 'published' && opts.onPublish) await opts.onPublish(tx, after!);
    await recordAudit(tx, ctx, {
      action: 'selfcheck.campaign_transition',
      tenantId: c.tenantId,
      targetId: id,
      before: { state: c.state },
      after: { state: to, ...(members ? { membersJobId: members.membersJobId } : {}) },
    });
    return { ...(await present(tx, after!)), jobId: members?.membersJobId ?? null };
  });
  if (items && !result.jobId) await analyze(ctx.db, 'campaign_members');
  return result;
}

function preparing() {
  return new AppError('invalid_state', {
    detail: {
      ja: '対象者の質問票を作成中です。作成が終わってから操作してください。',
      en: 'The questionnaires are still being created; try again once they are all there.',
    },
  });
}

/**
 * Open campaigns whose questionnaires are still being created and where the actor has none yet: the
 * staff page says "準備中" (being prepared) for them rather than showing nothing.
 */
export async function preparingForMe(ctx: ActorCtx) {
  const rows = await ctx.db
    .select({ id: campaigns.id, title: campaigns.title, fiscalYear: campaigns.fiscalYear })
    .from(campaigns)
    .where(
      and(
        eq(campaigns.tenantId, ctx.actor.tenantId),
        eq(campaigns.state, 'open'),
        eq(campaigns.membersPending, true),
        sql`not exists (select 1 from campaign_members m
          where m.campaign_id = ${campaigns.id} and m.person_id = ${ctx.actor.personId})`,
      ),
    )
    .orderBy(desc(campaigns.fiscalYear), asc(campaigns.title));
  return rows.map((r) => ({ campaignId: r.id, title: r.title, fiscalYear: r.fiscalYear }));
}

/** Everything recorded about the campaign after it closed: the page shows these (issue: "audited and shown"). */
export async function changesAfterClose(ctx: ActorCtx, id: string) {
  authorize(ctx.actor, 'selfcheck.view');
  await loadCampaign(ctx, id);
  // From the FIRST close: a reopening clears closedAt, but what happened after the first close still counts.
  const [firstClose] = await ctx.db
    .select({ at: auditEvents.at })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, ctx.actor.tenantId),
        eq(auditEvents.action, 'selfcheck.campaign_transition'),
        eq(auditEvents.targetId, id),
        sql`${auditEvents.after}->>'state' = 'closed'`,
      ),
    )
    .orderBy(asc(auditEvents.at))
    .limit(1);
  if (!firstClose) return [];
  const members = await ctx.db
    .select({ id: campaignMembers.id, staffNo: people.staffNo, name: people.name })
    .from(campaignMembers)
    .innerJoin(people, eq(people.id, campaignMembers.personId))
    .where(eq(campaignMembers.campaignId, id));
  const who = new Map(members.map((m) => [m.id, `${m.name}（${m.staffNo}）`]));
  const memberIds = ctx.db
    .select({ id: sql`${campaignMembers.id}::text` })
    .from(campaignMembers)
    .where(eq(campaignMembers.campaignId, id));
  const rows = await ctx.db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, ctx.actor.tenantId),
        gt(auditEvents.at, firstClose.at),
        sql`(${auditEvents.targetId} = ${id} or ${auditEvents.targetId} in (${memberIds}))`,
        ne(auditEvents.action, 'selfcheck.remind'),
      ),
    )
    .orderBy(asc(auditEvents.at));
  return rows.map((e) => ({
    at: e.at.toISOString(),
    actor: e.actorLabel,
    action: e.action,
    targetId: e.targetId,
    target: e.targetId ? (who.get(e.targetId) ?? null) : null,
    after: e.after,
  }));
}
