import { aliasedTable, and, asc, desc, eq } from 'drizzle-orm';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide, canTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { people } from '../org/schema.js';
import { canReadAudits, fieldError } from './access.js';
import { afterPlanEdit, defaultCalendar } from './rules.js';
import { secauditMilestones as m, secauditPlans as p, secauditPlanVersions as v } from './schema.js';
import type { PlanBody, PlanOut } from './validation.js';

const approver = aliasedTable(people, 'approver');
const responsible = aliasedTable(people, 'responsible');

function requireRead(ctx: ActorCtx) {
  if (!canReadAudits(ctx.actor)) throw new AppError('forbidden');
}

export async function listPlans(ctx: ActorCtx) {
  requireRead(ctx);
  const rows = await ctx.db
    .select({ id: p.id, fiscalYear: p.fiscalYear, version: p.version, state: p.state })
    .from(p)
    .where(eq(p.tenantId, ctx.actor.tenantId))
    .orderBy(desc(p.fiscalYear));
  return { items: rows };
}

export async function loadPlan(ctx: ActorCtx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(p)
    .where(and(eq(p.id, id), eq(p.tenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  return row;
}

export async function getPlan(ctx: ActorCtx, id: string): Promise<PlanOut> {
  requireRead(ctx);
  const plan = await loadPlan(ctx, id);
  const [head] = plan.approvedBy
    ? await ctx.db.select({ name: people.name }).from(people).where(eq(people.id, plan.approvedBy))
    : [];
  const versions = await ctx.db
    .select({ v, approvedByName: approver.name })
    .from(v)
    .leftJoin(approver, eq(approver.id, v.approvedBy))
    .where(eq(v.planId, id))
    .orderBy(desc(v.version));
  const milestones = await ctx.db
    .select({ m, responsibleName: responsible.name })
    .from(m)
    .leftJoin(responsible, eq(responsible.id, m.responsibleId))
    .where(eq(m.planId, id))
    .orderBy(asc(m.dueOn), asc(m.sortOrder));
  return {
    id: plan.id,
    fiscalYear: plan.fiscalYear,
    version: plan.version,
    state: plan.state,
    policy: plan.policy,
    targets: plan.targets,
    methods: plan.methods,
    criteria: plan.criteria,
    approvedByName: plan.state === 'approved' ? (head?.name ?? null) : null,
    approvedAt: plan.state === 'approved' ? (plan.approvedAt?.toISOString() ?? null) : null,
    versions: versions.map((x) => ({
      version: x.v.version,
      policy: x.v.policy,
      targets: x.v.targets,
      methods: x.v.methods,
      criteria: x.v.criteria,
      approvedByName: x.approvedByName,
      approvedAt: x.v.approvedAt.toISOString(),
    })),
    milestones: milestones.map((x) => ({
      id: x.m.id,
      step: x.m.step,
      roleLabel: x.m.roleLabel,
      responsibleId: x.m.responsibleId,
      responsibleName: x.responsibleName,
      startOn: x.m.startOn,
      dueOn: x.m.dueOn,
      doneAt: x.m.doneAt?.toISOString() ?? null,
    })),
    can: {
      edit: canTenantWide(ctx.actor, 'secaudit.manage'),
      approve: canTenantWide(ctx.actor, 'secaudit.approve') && plan.state === 'draft',
    },
  };
}

/** The audit office drafts the year's plan; the default calendar (002 L875-962) comes with it. */
export async function createPlan(ctx: ActorCtx, input: PlanBody & { fiscalYear: number }): Promise<PlanOut> {
  authorizeTenantWide(ctx.actor, 'secaudit.manage');
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(p)
      .values({ tenantId: ctx.actor.tenantId, ...input })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict');
    await tx.insert(m).values(
      defaultCalendar(input.fiscalYear).map((c, i) => ({
        tenantId: ctx.actor.tenantId,
        planId: row.id,
        sortOrder: i,
        ...c,
      })),
    );
    await recordAudit(tx, ctx, {
      action: 'secaudit.plan_create',
      tenantId: ctx.actor.tenantId,
      targetId: row.id,
      after: row,
    });
    return row.id;
  });
  return getPlan(ctx, id);
}

/** Edits a plan; an approved plan becomes a new draft version that the CISO approves again. */
export async function updatePlan(ctx: ActorCtx, id: string, input: PlanBody): Promise<PlanOut> {
  authorizeTenantWide(ctx.actor, 'secaudit.manage');
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(p)
      .where(and(eq(p.id, id), eq(p.tenantId, ctx.actor.tenantId)))
      .for('update');
    if (!before) throw new AppError('not_found');
    const next = afterPlanEdit(before);
    const [after] = await tx
      .update(p)
      .set({ ...input, ...next, updatedAt: new Date() })
      .where(eq(p.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'secaudit.plan_update',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before,
      after,
    });
  });
  return getPlan(ctx, id);
}

/** The CISO approves the plan as it stands (003 L826-832); the approved text is kept as a version. */
export async function approvePlan(ctx: ActorCtx, id: string): Promise<PlanOut> {
  authorizeTenantWide(ctx.actor, 'secaudit.approve');
  await ctx.db.transaction(async (tx) => {
    const [plan] = await tx
      .select()
      .from(p)
      .where(and(eq(p.id, id), eq(p.tenantId, ctx.actor.tenantId)))
      .for('update');
    if (!plan) throw new AppError('not_found');
    if (plan.state !== 'draft') throw new AppError('invalid_state');
    if (![plan.policy, plan.targets, plan.methods, plan.criteria].every((s) => s.trim() !== '')) {
      throw fieldError(
        'body',
        '方針・対象・方法・判断基準をすべて記入してください。',
        'Fill in the policy, targets, methods and criteria.',
      );
    }
    const at = new Date();
    await tx
      .update(p)
      .set({ state: 'approved', approvedBy: ctx.actor.personId, approvedAt: at })
      .where(eq(p.id, id));
    await tx.insert(v).values({
      planId: id,
      version: plan.version,
      policy: plan.policy,
      targets: plan.targets,
      methods: plan.methods,
      criteria: plan.criteria,
      approvedBy: ctx.actor.personId,
      approvedAt: at,
    });
    await recordAudit(tx, ctx, {
      action: 'secaudit.plan_approve',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      after: { version: plan.version },
    });
  });
  return getPlan(ctx, id);
}

async function checkResponsible(ctx: ActorCtx, personId: string | null | undefined) {
  if (!personId) return;
  const [x] = await ctx.db
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.tenantId, ctx.actor.tenantId)));
  if (!x) throw fieldError('body.responsibleId', '担当者が見つかりません。', 'No such person.');
}

export async function addMilestone(
  ctx: ActorCtx,
  planId: string,
  input: {
    step: string;
    roleLabel: string;
    responsibleId?: string | null;
    startOn?: string | null;
    dueOn: string;
  },
): Promise<PlanOut> {
  authorizeTenantWide(ctx.actor, 'secaudit.manage');
  await loadPlan(ctx, planId);
  await checkResponsible(ctx, input.responsibleId);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(m)
      .values({
        tenantId: ctx.actor.tenantId,
        planId,
        step: input.step,
        roleLabel: input.roleLabel,
        responsibleId: input.responsibleId ?? null,
        startOn: input.startOn ?? null,
        dueOn: input.dueOn,
        sortOrder: 100,
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'secaudit.milestone_create',
      tenantId: ctx.actor.tenantId,
      targetId: planId,
      after: row,
    });
  });
  return getPlan(ctx, planId);
}

export async function updateMilestone(
  ctx: ActorCtx,
  planId: string,
  milestoneId: string,
  input: {
    step?: string | undefined;
    roleLabel?: string | undefined;
    responsibleId?: string | null | undefined;
    startOn?: string | null | undefined;
    dueOn?: string | undefined;
    done?: boolean | undefined;
  },
): Promise<PlanOut> {
  authorizeTenantWide(ctx.actor, 'secaudit.manage');
  await loadPlan(ctx, planId);
  await checkResponsible(ctx, input.responsibleId);
  const { done, ...rest } = input;
  await ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(m)
      .where(and(eq(m.id, milestoneId), eq(m.planId, planId)));
    if (!before) throw new AppError('not_found');
    const set: Partial<typeof m.$inferInsert> = Object.fromEntries(
      Object.entries(rest).filter(([, x]) => x !== undefined),
    );
    if (done !== undefined) set.doneAt = done ? (before.doneAt ?? new Date()) : null;
    const [after] = Object.keys(set).length
      ? await tx.update(m).set(set).where(eq(m.id, milestoneId)).returning()
      : [before];
    await recordAudit(tx, ctx, {
      action: 'secaudit.milestone_update',
      tenantId: ctx.actor.tenantId,
      targetId: planId,
      before,
      after,
    });
  });
  return getPlan(ctx, planId);
}
