import { aliasedTable, and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { can, escapeLike, inScope } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { canRevise, canWithdraw, type Decision, decide, statusOn, validPeriod } from './rules.js';
import { securityExceptions as e } from './schema.js';
import type { ExceptionBody, ExceptionOut, ExceptionQuery } from './validation.js';

type Row = typeof e.$inferSelect;
const decider = aliasedTable(people, 'decider');

const fieldError = (path: string, ja: string, en: string) =>
  new AppError('validation_failed', { errors: [{ path, message: { ja, en } }] });

/** Who sees an exception: its requester, and holders of exception.view or .approve over its unit. */
function visible(ctx: ActorCtx): SQL {
  return or(
    eq(e.requesterId, ctx.actor.personId),
    inScope(ctx.actor, 'exception.view', orgUnits.path),
    inScope(ctx.actor, 'exception.approve', orgUnits.path),
  )!;
}

const renewedBy = sql<string | null>`(select r.id from security_exceptions r
  where r.renews_id = ${e.id} and r.state in ('requested', 'approved') order by r.created_at desc limit 1)`;

function selectExceptions(ctx: ActorCtx) {
  return ctx.db
    .select({
      e,
      unitName: orgUnits.nameJa,
      unitPath: orgUnits.path,
      requesterName: people.name,
      decidedByName: decider.name,
      renewedById: renewedBy,
    })
    .from(e)
    .innerJoin(orgUnits, eq(orgUnits.id, e.unitId))
    .innerJoin(people, eq(people.id, e.requesterId))
    .leftJoin(decider, eq(decider.id, e.decidedBy));
}
interface Loaded {
  e: Row;
  unitName: string;
  unitPath: string;
  requesterName: string;
  decidedByName: string | null;
  renewedById: string | null;
}

function present(ctx: ActorCtx, r: Loaded, today: string): ExceptionOut {
  const x = r.e;
  const mine = x.requesterId === ctx.actor.personId;
  const status = statusOn(x, today);
  return {
    id: x.id,
    unitId: x.unitId,
    unitName: r.unitName,
    requesterId: x.requesterId,
    requesterName: r.requesterName,
    clause: x.clause,
    catalogItemId: x.catalogItemId,
    reason: x.reason,
    scopePeople: x.scopePeople,
    scopeSystems: x.scopeSystems,
    scopeInformation: x.scopeInformation,
    fromOn: x.fromOn,
    toOn: x.toOn,
    measures: x.measures,
    state: x.state,
    status,
    decidedByName: r.decidedByName,
    decidedAt: x.decidedAt?.toISOString() ?? null,
    decisionNote: x.decisionNote,
    renewsId: x.renewsId,
    renewedById: r.renewedById,
    can: {
      decide:
        x.state === 'requested' &&
        !mine &&
        can(ctx.actor, 'exception.approve', { tenantId: x.tenantId, unitPath: r.unitPath }),
      revise: mine && canRevise(x.state),
      withdraw: mine && canWithdraw(x.state),
      renew: mine && x.state === 'approved' && r.renewedById === null,
    },
  };
}

async function loadVisible(ctx: ActorCtx, id: string): Promise<Loaded> {
  const [r] = await selectExceptions(ctx).where(
    and(eq(e.id, id), eq(e.tenantId, ctx.actor.tenantId), visible(ctx)),
  );
  if (!r) throw new AppError('not_found');
  return r;
}

export async function getException(ctx: ActorCtx, id: string): Promise<ExceptionOut> {
  return present(ctx, await loadVisible(ctx, id), todayInJapan());
}

export function statusWhere(status: ExceptionQuery['status'], today: string): SQL | undefined {
  switch (status) {
    case undefined:
      return undefined;
    case 'upcoming':
      return and(eq(e.state, 'approved'), sql`${e.fromOn} > ${today}`);
    case 'active':
      return and(eq(e.state, 'approved'), sql`${e.fromOn} <= ${today}`, sql`${e.toOn} >= ${today}`);
    case 'expired':
      return and(eq(e.state, 'approved'), sql`${e.toOn} < ${today}`);
    default:
      return eq(e.state, status);
  }
}

function listWhere(ctx: ActorCtx, query: Omit<ExceptionQuery, 'page' | 'pageSize'>, today: string) {
  const q = query.q ? `%${escapeLike(query.q)}%` : null;
  return and(
    eq(e.tenantId, ctx.actor.tenantId),
    visible(ctx),
    query.mine === 'true' ? eq(e.requesterId, ctx.actor.personId) : undefined,
    statusWhere(query.status, today),
    q
      ? or(
          ilike(e.clause, q),
          ilike(e.reason, q),
          ilike(e.measures, q),
          ilike(orgUnits.nameJa, q),
          ilike(people.name, q),
        )
      : undefined,
  );
}

/** The register (003 L940-944): paged, newest period end last. */
export async function listExceptions(ctx: ActorCtx, query: ExceptionQuery) {
  const today = todayInJapan();
  const where = listWhere(ctx, query, today);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(e)
    .innerJoin(orgUnits, eq(orgUnits.id, e.unitId))
    .innerJoin(people, eq(people.id, e.requesterId))
    .where(where);
  const rows = await selectExceptions(ctx)
    .where(where)
    .orderBy(asc(e.toOn), asc(e.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => present(ctx, r, today)),
  };
}

/** Every exception of the register the caller may see, for the .xlsx export. */
export async function registerRows(ctx: ActorCtx, query: Omit<ExceptionQuery, 'page' | 'pageSize'>) {
  const today = todayInJapan();
  const rows = await selectExceptions(ctx)
    .where(listWhere(ctx, query, today))
    .orderBy(asc(e.toOn), asc(e.id));
  return rows.map((r) => present(ctx, r, today));
}

async function requesterUnit(ctx: ActorCtx): Promise<string> {
  const [p] = await ctx.db
    .select({ unitId: people.unitId })
    .from(people)
    .where(and(eq(people.id, ctx.actor.personId), eq(people.tenantId, ctx.actor.tenantId)));
  if (!p) throw new AppError('forbidden');
  return p.unitId;
}

function checkPeriod(body: ExceptionBody) {
  if (!validPeriod(body.fromOn, body.toOn)) {
    throw fieldError(
      'body.toOn',
      '期間の終了日は開始日以降にしてください。',
      'The period must end on or after its start.',
    );
  }
}

const fields = (body: ExceptionBody) => ({
  clause: body.clause,
  catalogItemId: body.catalogItemId ?? null,
  reason: body.reason,
  scopePeople: body.scopePeople,
  scopeSystems: body.scopeSystems,
  scopeInformation: body.scopeInformation,
  fromOn: body.fromOn,
  toOn: body.toOn,
  measures: body.measures,
});

/** Anyone signed in requests an exception for their own unit; a renewal names the exception it continues. */
export async function requestException(ctx: ActorCtx, body: ExceptionBody): Promise<ExceptionOut> {
  checkPeriod(body);
  const unitId = await requesterUnit(ctx);
  if (body.renewsId) {
    const old = await loadVisible(ctx, body.renewsId);
    if (old.e.requesterId !== ctx.actor.personId || old.e.state !== 'approved' || old.renewedById) {
      throw new AppError('invalid_state', {
        detail: {
          ja: '更新できるのは、自分が申請して承認された、まだ更新されていない例外措置だけです。',
          en: 'Only your own approved exception, not yet renewed, can be renewed.',
        },
      });
    }
  }
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(e)
      .values({
        tenantId: ctx.actor.tenantId,
        unitId,
        requesterId: ctx.actor.personId,
        renewsId: body.renewsId ?? null,
        ...fields(body),
      })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'exception.request',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: row,
    });
    return row!.id;
  });
  return getException(ctx, id);
}

async function lockOwn(ctx: ActorCtx, id: string, allowed: (r: Row) => boolean) {
  const r = await loadVisible(ctx, id);
  if (r.e.requesterId !== ctx.actor.personId) throw new AppError('forbidden');
  if (!allowed(r.e)) throw new AppError('invalid_state');
  return r;
}

/** The requester edits a pending request or resubmits a returned one. */
export async function reviseException(ctx: ActorCtx, id: string, body: ExceptionBody): Promise<ExceptionOut> {
  checkPeriod(body);
  const before = await lockOwn(ctx, id, (x) => canRevise(x.state));
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(e)
      .set({ ...fields(body), state: 'requested', updatedAt: new Date() })
      .where(and(eq(e.id, id), eq(e.state, before.e.state)))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'exception.revise',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: before.e,
      after: row,
    });
  });
  return getException(ctx, id);
}

export async function withdrawException(ctx: ActorCtx, id: string): Promise<ExceptionOut> {
  const before = await lockOwn(ctx, id, (x) => canWithdraw(x.state));
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(e)
      .set({ state: 'withdrawn', updatedAt: new Date() })
      .where(and(eq(e.id, id), eq(e.state, before.e.state)))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'exception.withdraw',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: before.e.state,
      after: 'withdrawn',
    });
  });
  return getException(ctx, id);
}

/**
 * The 情報セキュリティ責任者 over the requester's unit approves, rejects or returns (002 L279). Nobody
 * decides their own request.
 */
export async function decideException(
  ctx: ActorCtx,
  id: string,
  input: { decision: Decision; note?: string | undefined },
): Promise<ExceptionOut> {
  const r = await loadVisible(ctx, id);
  if (!can(ctx.actor, 'exception.approve', { tenantId: r.e.tenantId, unitPath: r.unitPath })) {
    throw new AppError('forbidden');
  }
  if (r.e.requesterId === ctx.actor.personId) {
    throw new AppError('forbidden', {
      detail: { ja: '自分の申請は承認できません。', en: 'You cannot decide your own request.' },
    });
  }
  const next = decide(r.e.state, input.decision);
  if (!next) throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(e)
      .set({
        state: next,
        decidedBy: ctx.actor.personId,
        decidedAt: new Date(),
        decisionNote: input.note ?? null,
        updatedAt: new Date(),
      })
      .where(and(eq(e.id, id), eq(e.state, 'requested')))
      .returning();
    if (!row) throw new AppError('conflict');
    await recordAudit(tx, ctx, {
      action: 'exception.decide',
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: { state: r.e.state },
      after: { state: next, note: input.note ?? null },
    });
  });
  return getException(ctx, id);
}

/** The dashboard card: approved exceptions ending within 30 days, expired ones not renewed, pending requests. */
export async function exceptionSummary(ctx: ActorCtx) {
  const today = todayInJapan();
  const in30 = sql`(${today}::date + 30)`;
  const [row] = await ctx.db
    .select({
      active:
        sql<number>`count(*) filter (where ${e.state} = 'approved' and ${e.fromOn} <= ${today} and ${e.toOn} >= ${today})`.mapWith(
          Number,
        ),
      expiring:
        sql<number>`count(*) filter (where ${e.state} = 'approved' and ${e.toOn} >= ${today} and ${e.toOn} <= ${in30})`.mapWith(
          Number,
        ),
      expired:
        sql<number>`count(*) filter (where ${e.state} = 'approved' and ${e.toOn} < ${today} and ${renewedBy} is null)`.mapWith(
          Number,
        ),
      pending: sql<number>`count(*) filter (where ${e.state} = 'requested')`.mapWith(Number),
    })
    .from(e)
    .innerJoin(orgUnits, eq(orgUnits.id, e.unitId))
    .where(and(eq(e.tenantId, ctx.actor.tenantId), visible(ctx)));
  return {
    active: row?.active ?? 0,
    expiringIn30Days: row?.expiring ?? 0,
    expired: row?.expired ?? 0,
    pending: row?.pending ?? 0,
  };
}
