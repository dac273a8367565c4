import { and, asc, count, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { answerProblem, CRITICAL_SCORE, isOverdue, type ResponseStatus } from './advisory-rules.js';
import { advisories, advisoryResponses } from './advisory-schema.js';
import { canAnswer, ownSystems, viewsAdvisories, visibleSystems } from './advisory-scope.js';
import type { ResponseOut } from './advisory-validation.js';
import { systems } from './schema.js';

export interface ResponseFilter {
  page: number;
  pageSize: number;
  advisoryId?: string | undefined;
  status?: ResponseStatus | undefined;
  overdue?: 'true' | 'false' | undefined;
  unitId?: string | undefined;
  minScore?: number | undefined;
  systemId?: string | undefined;
  q?: string | undefined;
  mine?: boolean;
}

const columns = {
  id: advisoryResponses.id,
  tenantId: advisoryResponses.tenantId,
  advisoryId: advisoryResponses.advisoryId,
  advisoryTitle: advisories.title,
  trackingId: advisories.trackingId,
  cvssScore: advisories.cvssScore,
  systemId: systems.id,
  systemCode: systems.code,
  systemName: systems.name,
  unitId: systems.unitId,
  unitName: orgUnits.nameJa,
  unitPath: orgUnits.path,
  securityOfficerId: systems.securityOfficerId,
  administratorId: systems.administratorId,
  components: advisoryResponses.components,
  status: advisoryResponses.status,
  reason: advisoryResponses.reason,
  targetDate: advisoryResponses.targetDate,
  answeredAt: advisoryResponses.answeredAt,
  notifiedAt: advisoryResponses.notifiedAt,
};

type Row = {
  [K in keyof typeof columns]:
    | (typeof columns)[K]['_']['data']
    | ((typeof columns)[K]['_']['notNull'] extends true ? never : null);
};

function present(ctx: ActorCtx, r: Row, today: string): ResponseOut {
  return {
    id: r.id,
    advisoryId: r.advisoryId,
    advisoryTitle: r.advisoryTitle,
    trackingId: r.trackingId,
    cvssScore: r.cvssScore,
    systemId: r.systemId,
    systemCode: r.systemCode,
    systemName: r.systemName,
    unitId: r.unitId,
    unitName: r.unitName,
    components: r.components,
    status: r.status,
    reason: r.reason,
    targetDate: r.targetDate,
    overdue: isOverdue(r, today),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    notifiedAt: r.notifiedAt?.toISOString() ?? null,
    canAnswer: canAnswer(ctx.actor, r),
  };
}

function base(ctx: ActorCtx) {
  return ctx.db
    .select(columns)
    .from(advisoryResponses)
    .innerJoin(advisories, eq(advisories.id, advisoryResponses.advisoryId))
    .innerJoin(systems, eq(systems.id, advisoryResponses.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId));
}

function conditions(ctx: ActorCtx, f: ResponseFilter, today: string): SQL[] {
  const where: SQL[] = [
    eq(advisoryResponses.tenantId, ctx.actor.tenantId),
    f.mine ? ownSystems(ctx.actor) : visibleSystems(ctx.actor),
  ];
  if (f.advisoryId) where.push(eq(advisoryResponses.advisoryId, f.advisoryId));
  if (f.status) where.push(eq(advisoryResponses.status, f.status));
  if (f.overdue === 'true')
    where.push(eq(advisoryResponses.status, 'open'), lt(advisoryResponses.targetDate, today));
  if (f.overdue === 'false')
    where.push(or(sql`${advisoryResponses.status} <> 'open'`, gte(advisoryResponses.targetDate, today))!);
  if (f.unitId) {
    // The division and everything below it.
    where.push(
      sql`starts_with(${orgUnits.path}, (select u.path from ${orgUnits} u where u.id = ${f.unitId} and u.tenant_id = ${ctx.actor.tenantId}))`,
    );
  }
  if (f.minScore !== undefined) where.push(gte(advisories.cvssScore, f.minScore));
  if (f.systemId) where.push(eq(systems.id, f.systemId));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(
      or(
        ilike(advisories.title, like),
        ilike(advisories.trackingId, like),
        ilike(systems.name, like),
        ilike(systems.code, like),
      )!,
    );
  }
  return where;
}

/**
 * Responses the actor may see: system.view over the system's unit, or answering for the system. `mine`: only
 * the systems the actor answers for.
 */
export async function listResponses(ctx: ActorCtx, f: ResponseFilter) {
  const today = todayInJapan();
  const where = and(...conditions(ctx, f, today));
  const [rows, [total]] = await Promise.all([
    base(ctx)
      .where(where)
      .orderBy(asc(advisoryResponses.targetDate), asc(systems.code), asc(advisoryResponses.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    ctx.db
      .select({ n: count() })
      .from(advisoryResponses)
      .innerJoin(advisories, eq(advisories.id, advisoryResponses.advisoryId))
      .innerJoin(systems, eq(systems.id, advisoryResponses.systemId))
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .where(where),
  ]);
  return { items: rows.map((r) => present(ctx, r as Row, today)), total: total!.n };
}

/** The system's responsible person, or system.manage over its unit, records what was done. */
export async function answerResponse(
  ctx: ActorCtx,
  id: string,
  body: { status: ResponseStatus; reason: string },
) {
  return ctx.db.transaction(async (tx) => {
    const [r] = await tx
      .select(columns)
      .from(advisoryResponses)
      .innerJoin(advisories, eq(advisories.id, advisoryResponses.advisoryId))
      .innerJoin(systems, eq(systems.id, advisoryResponses.systemId))
      .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
      .where(and(eq(advisoryResponses.id, id), visibleSystems(ctx.actor)))
      .for('update', { of: advisoryResponses });
    if (!r) throw new AppError('not_found');
    if (!canAnswer(ctx.actor, r as Row)) throw new AppError('forbidden');
    const bad = answerProblem(r.status, body.status, body.reason);
    if (bad)
      throw new AppError('validation_failed', {
        errors: [
          {
            path: body.status === 'risk_accepted' ? 'body.reason' : 'body.status',
            message:
              body.status === 'risk_accepted' ? { ja: 'リスク受容には理由が必要です。', en: bad } : bad,
          },
        ],
      });
    const answered = body.status !== 'open';
    const [updated] = await tx
      .update(advisoryResponses)
      .set({
        status: body.status,
        reason: body.reason.trim(),
        answeredBy: answered ? ctx.actor.accountId : null,
        answeredAt: answered ? new Date() : null,
      })
      .where(eq(advisoryResponses.id, id))
      .returning();
    await recordAudit(tx, ctx, {
      action: 'advisory.response_answer',
      tenantId: r.tenantId,
      targetId: id,
      before: { status: r.status, reason: r.reason },
      after: {
        status: body.status,
        reason: body.reason.trim(),
        systemId: r.systemId,
        advisoryId: r.advisoryId,
      },
    });
    return present(ctx, { ...(r as Row), ...updated!, unitName: r.unitName }, todayInJapan());
  });
}

/** Open and overdue responses per division of the actor's scope, with the overdue list (filters, paging). */
export async function overdueByDivision(ctx: ActorCtx, f: ResponseFilter) {
  if (!viewsAdvisories(ctx.actor)) throw new AppError('forbidden');
  const today = todayInJapan();
  const where = and(...conditions(ctx, { ...f, overdue: undefined, status: 'open' }, today));
  const divisions = await ctx.db
    .select({
      unitId: systems.unitId,
      unitName: orgUnits.nameJa,
      open: count(),
      overdue: sql<number>`count(*) filter (where ${advisoryResponses.targetDate} < ${today})`.mapWith(
        Number,
      ),
      overdueCritical:
        sql<number>`count(*) filter (where ${advisoryResponses.targetDate} < ${today} and ${advisories.cvssScore} >= ${CRITICAL_SCORE})`.mapWith(
          Number,
        ),
    })
    .from(advisoryResponses)
    .innerJoin(advisories, eq(advisories.id, advisoryResponses.advisoryId))
    .innerJoin(systems, eq(systems.id, advisoryResponses.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(where)
    .groupBy(systems.unitId, orgUnits.nameJa, orgUnits.path)
    .orderBy(asc(orgUnits.path));
  const list = await listResponses(ctx, { ...f, overdue: 'true' });
  return { today, divisions, ...list };
}

/** The dashboard card: open responses and critical ones (CVSS ≥ 7.0) past their target date. */
export async function advisoryCard(ctx: ActorCtx) {
  const today = todayInJapan();
  const [row] = await ctx.db
    .select({
      open: count(),
      overdueCritical:
        sql<number>`count(*) filter (where ${advisoryResponses.targetDate} < ${today} and ${advisories.cvssScore} >= ${CRITICAL_SCORE})`.mapWith(
          Number,
        ),
    })
    .from(advisoryResponses)
    .innerJoin(advisories, eq(advisories.id, advisoryResponses.advisoryId))
    .innerJoin(systems, eq(systems.id, advisoryResponses.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(
      and(
        eq(advisoryResponses.tenantId, ctx.actor.tenantId),
        eq(advisoryResponses.status, 'open'),
        visibleSystems(ctx.actor),
      ),
    );
  return { open: row!.open, overdueCritical: row!.overdueCritical };
}
