// The self-check plan (自己点検計画: 方針, 対象, 点検内容, 実施時期, 評価方法; 003 L531-535) and its approval
// by the CISO, or a delegate holding selfcheck.approve, before the campaign opens (002 L265-267).
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { sameValue } from './campaign-rules.js';
import { loadCampaign, presentCampaign } from './campaign-service.js';
import { type CampaignPlan, campaigns } from './schema.js';

const notDraft = () =>
  new AppError('invalid_state', {
    detail: {
      ja: '開始後の自己点検計画は変更・承認できません。',
      en: 'The plan cannot change or be approved once the campaign has opened.',
    },
  });

type CampaignRow = typeof campaigns.$inferSelect;

/**
 * The steps every plan operation shares: authorise agency-wide, find the campaign (404 when not the
 * agency's), read it again under a row lock so plan edits and approvals of one campaign serialise, and
 * refuse once it has opened; then act in that transaction.
 */
async function inDraftCampaign<T>(
  ctx: ActorCtx,
  id: string,
  permission: 'selfcheck.manage' | 'selfcheck.approve',
  act: (tx: Db, c: CampaignRow) => Promise<T>,
): Promise<T> {
  authorizeTenantWide(ctx.actor, permission);
  await loadCampaign(ctx, id);
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from campaigns where id = ${id} for update`);
    const [c] = await tx.select().from(campaigns).where(eq(campaigns.id, id));
    if (c!.state !== 'draft') throw notDraft();
    return act(tx, c!);
  });
}

/** Writes the plan whole; a changed plan loses its approval (the CISO approved the old one). */
export async function setPlan(ctx: ActorCtx, id: string, plan: CampaignPlan) {
  return inDraftCampaign(ctx, id, 'selfcheck.manage', async (tx, c) => {
    if (sameValue(c.plan, plan)) return presentCampaign(tx, c);
    const withdraw = c.planApprovedAt !== null;
    const [after] = await tx
      .update(campaigns)
      .set({
        plan,
        ...(withdraw ? { planApprovedAt: null, planApprovedBy: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(campaigns.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'selfcheck.plan_update',
      tenantId: c.tenantId,
      targetId: id,
      before: c.plan,
      after: plan,
    });
    if (withdraw) {
      await recordAudit(tx, ctx, {
        action: 'selfcheck.plan_withdraw',
        tenantId: c.tenantId,
        targetId: id,
        before: { approvedAt: c.planApprovedAt, approvedBy: c.planApprovedBy },
        after: { reason: 'plan_changed' },
      });
    }
    return presentCampaign(tx, after!);
  });
}

/** The CISO approves the plan as it stands; the audit event keeps the approved text. */
export async function approvePlan(ctx: ActorCtx, id: string) {
  return inDraftCampaign(ctx, id, 'selfcheck.approve', async (tx, c) => {
    if (!c.plan) {
      throw new AppError('invalid_state', {
        detail: {
          ja: '承認する自己点検計画がまだ作成されていません。',
          en: 'There is no plan to approve yet.',
        },
      });
    }
    if (c.planApprovedAt) {
      throw new AppError('invalid_state', {
        detail: { ja: 'この計画は承認済みです。', en: 'This plan is already approved.' },
      });
    }
    const now = new Date();
    const [after] = await tx
      .update(campaigns)
      .set({ planApprovedAt: now, planApprovedBy: ctx.actor.accountId, updatedAt: now })
      .where(eq(campaigns.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'selfcheck.plan_approve',
      tenantId: c.tenantId,
      targetId: id,
      after: { plan: c.plan, approvedAt: now.toISOString() },
    });
    return presentCampaign(tx, after!);
  });
}

/** Withdraws the approval (before opening), e.g. when the plan must be reconsidered. */
export async function withdrawApproval(ctx: ActorCtx, id: string) {
  return inDraftCampaign(ctx, id, 'selfcheck.approve', async (tx, c) => {
    if (!c.planApprovedAt) {
      throw new AppError('invalid_state', {
        detail: { ja: 'この計画は承認されていません。', en: 'This plan is not approved.' },
      });
    }
    const [after] = await tx
      .update(campaigns)
      .set({ planApprovedAt: null, planApprovedBy: null, updatedAt: new Date() })
      .where(eq(campaigns.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'selfcheck.plan_withdraw',
      tenantId: c.tenantId,
      targetId: id,
      before: { approvedAt: c.planApprovedAt, approvedBy: c.planApprovedBy },
      after: { reason: 'withdrawn' },
    });
    return presentCampaign(tx, after!);
  });
}
