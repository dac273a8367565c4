import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowsOf } from '../../db/client.js';
import { addDays, fiscalYearOf, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx, Ctx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { defineJob, enqueue } from '../../server/jobs/queue.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { assignCourse } from './assignment-service.js';
import { loadCourse } from './course-service.js';
import { ruleAssignsAgain, ruleMatches } from './rules.js';
import { trainingCourses, trainingRules } from './schema.js';
import type { CreateRuleBody, RuleOut, UpdateRuleBody } from './validation.js';

type RuleRow = typeof trainingRules.$inferSelect;

function present(r: RuleRow, courseTitle: string): RuleOut {
  return {
    id: r.id,
    courseId: r.courseId,
    courseTitle,
    roleKeys: r.roleKeys,
    unitIds: r.unitIds,
    hiredOnOrAfter: r.hiredOnOrAfter,
    dueDays: r.dueDays,
    everyFiscalYear: r.everyFiscalYear,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
  };
}

async function checkUnits(db: Db, tenantId: string, unitIds: string[]) {
  if (unitIds.length === 0) return;
  const found = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.tenantId, tenantId), inArray(orgUnits.id, unitIds)));
  if (found.length !== new Set(unitIds).size) throw new AppError('not_found');
}

export async function listRules(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  const rows = await ctx.db
    .select({ r: trainingRules, title: trainingCourses.title })
    .from(trainingRules)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRules.courseId))
    .where(eq(trainingRules.tenantId, ctx.actor.tenantId))
    .orderBy(asc(trainingRules.createdAt));
  return { items: rows.map((x) => present(x.r, x.title)) };
}

export async function createRule(ctx: ActorCtx, body: CreateRuleBody) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const course = await loadCourse(tx, ctx.actor.tenantId, body.courseId);
    await checkUnits(tx, ctx.actor.tenantId, body.unitIds);
    const [r] = await tx
      .insert(trainingRules)
      .values({ ...body, tenantId: ctx.actor.tenantId })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'training.rule_create',
      tenantId: r!.tenantId,
      targetId: r!.id,
      after: body,
    });
    return present(r!, course.title);
  });
}

async function loadRule(db: Db, tenantId: string, id: string) {
  const [r] = await db
    .select()
    .from(trainingRules)
    .where(and(eq(trainingRules.id, id), eq(trainingRules.tenantId, tenantId)));
  if (!r) throw new AppError('not_found');
  return r;
}

export async function updateRule(ctx: ActorCtx, id: string, body: UpdateRuleBody) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const before = await loadRule(tx, ctx.actor.tenantId, id);
    if (body.unitIds) await checkUnits(tx, ctx.actor.tenantId, body.unitIds);
    const [r] = await tx
      .update(trainingRules)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(trainingRules.id, id))
      .returning();
    const course = await loadCourse(tx, ctx.actor.tenantId, r!.courseId);
    await recordAudit(tx, ctx, {
      action: 'training.rule_update',
      tenantId: r!.tenantId,
      targetId: id,
      before: present(before, course.title),
      after: body,
    });
    return present(r!, course.title);
  });
}

/** Deleting a rule keeps the assignments it made (they are history). */
export async function deleteRule(ctx: ActorCtx, id: string) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  await ctx.db.transaction(async (tx) => {
    const before = await loadRule(tx, ctx.actor.tenantId, id);
    await tx.delete(trainingRules).where(eq(trainingRules.id, id));
    await recordAudit(tx, ctx, {
      action: 'training.rule_delete',
      tenantId: before.tenantId,
      targetId: id,
      before,
    });
  });
}

export async function requestApplyRules(ctx: ActorCtx) {
  authorizeTenantWide(ctx.actor, 'training.manage');
  return ctx.db.transaction(async (tx) => {
    const jobId = await enqueue(
      tx,
      applyRulesJob,
      { tenantId: ctx.actor.tenantId, requestedBy: ctx.actor.login },
      {
        singletonKey: `training.apply-rules:${ctx.actor.tenantId}`,
        owner: { tenantId: ctx.actor.tenantId, accountId: ctx.actor.accountId },
      },
    );
    await recordAudit(tx, ctx, {
      action: 'training.rules_apply',
      tenantId: ctx.actor.tenantId,
      targetId: ctx.actor.tenantId,
      after: { jobId, alreadyQueued: jobId === null },
    });
    return { jobId, alreadyQueued: jobId === null };
  });
}

const PAGE = 5000;

/**
 * Applies every active rule of a published course: people who match and never got the course from
 * this rule are assigned it (due `dueDays` after today, in Japan). Re-running assigns nobody twice.
 * An "every fiscal year" rule assigns once per fiscal year instead: from 1 April (JST) everyone it
 * covers gets the new year's assignment; last year's stays as history (003 L390-393).
 * The hire date is taken as the day the person was registered in Mamoru (people have no hire-date field).
 */
export async function applyRules(ctx: Ctx, tenantId: string): Promise<{ rules: number; assigned: number }> {
  const rules = await ctx.db
    .select({ r: trainingRules })
    .from(trainingRules)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingRules.courseId))
    .where(
      and(
        eq(trainingRules.tenantId, tenantId),
        eq(trainingRules.active, true),
        eq(trainingCourses.status, 'published'),
      ),
    );
  let assigned = 0;
  const now = new Date();
  const fiscalYear = fiscalYearOf(now);
  for (const { r } of rules) {
    const units = r.unitIds.length
      ? await ctx.db.select({ path: orgUnits.path }).from(orgUnits).where(inArray(orgUnits.id, r.unitIds))
      : [];
    const criteria = {
      roleKeys: r.roleKeys,
      unitPaths: units.map((u) => u.path),
      hiredOnOrAfter: r.hiredOnOrAfter,
    };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = rowsOf<{
        id: string;
        path: string;
        hired_on: string;
        status: 'active';
        role_keys: string[];
        years: number[];
      }>(
        await ctx.db.execute(sql`
          select p.id, u.path, (p.created_at at time zone 'Asia/Tokyo')::date::text as hired_on, p.status,
            coalesce((select array_agg(distinct ro.key) from role_assignments ra join roles ro on ro.id = ra.role_id
                      where ra.person_id = p.id), '{}') as role_keys,
            coalesce((select array_agg(distinct a.fiscal_year) from training_assignments a
                      where a.person_id = p.id and a.source_kind = 'rule' and a.source_id = ${r.id}), '{}') as years
          from people p join org_units u on u.id = p.unit_id
          where p.tenant_id = ${tenantId} and p.id > ${after} and p.status in ('active', 'long_leave')
            and not exists (select 1 from training_assignments a
                            where a.person_id = p.id and a.source_kind = 'rule' and a.source_id = ${r.id}
                              and (not ${r.everyFiscalYear}::boolean or a.fiscal_year = ${fiscalYear}))
          order by p.id limit ${PAGE}`),
      );
      if (batch.length === 0) break;
      after = batch[batch.length - 1]!.id;
      const ids = batch
        .filter((p) => ruleAssignsAgain(r.everyFiscalYear, p.years.map(Number), fiscalYear))
        .filter((p) =>
          ruleMatches(criteria, {
            roleKeys: p.role_keys,
            unitPath: p.path,
            hiredOn: p.hired_on,
            status: p.status,
          }),
        )
        .map((p) => p.id);
      if (ids.length === 0) continue;
      const dueOn = r.dueDays ? addDays(todayInJapan(now), r.dueDays) : null;
      const res = await ctx.db.transaction((tx) =>
        assignCourse(tx, ctx, {
          courseId: r.courseId,
          personIds: ids,
          dueOn,
          source: { kind: 'rule', id: r.id },
          fiscalYear,
        }),
      );
      assigned += res.assigned;
    }
  }
  return { rules: rules.length, assigned };
}

export const applyRulesJob = defineJob({
  name: 'training.apply-rules',
  payload: z.object({ tenantId: z.uuid(), requestedBy: z.string() }),
  maxAttempts: 3,
  leaseSeconds: 1800,
  handler: async (ctx: Ctx, p, job) => {
    const res = await applyRules(ctx, p.tenantId);
    await job.progress({ done: res.rules, total: res.rules, note: `${res.assigned} assigned` });
  },
});

/** Daily: apply every agency's rules, so new hires and people who moved get their courses. */
export const dailyRulesJob = defineJob({
  name: 'training.daily-rules',
  payload: z.object({}),
  handler: async (ctx: Ctx) => {
    const tenants = rowsOf<{ tenant_id: string }>(
      await ctx.db.execute(sql`select distinct tenant_id from training_rules where active`),
    );
    for (const t of tenants) {
      await enqueue(
        ctx.db,
        applyRulesJob,
        { tenantId: t.tenant_id, requestedBy: 'schedule' },
        { singletonKey: `training.apply-rules:${t.tenant_id}` },
      );
    }
  },
});
