import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { fiscalYearOf, fiscalYearSpan, todayInJapan } from '../../lib/dates.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { can, escapeLike, withinSubtree } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits, people } from '../org/schema.js';
import { fieldError, headPaths, readableWhere, requireManage, underAny, unitOf } from './access.js';
import { loadEngagement } from './engagement-service.js';
import { type FindingAction, isCarriedOver, isPastDue, nextFindingState } from './rules.js';
import { secauditFindingEvents as ev, secauditFindings as f, secauditEngagements as g } from './schema.js';
import type { FindingBody, FindingOut, FindingQuery } from './validation.js';

type Row = typeof f.$inferSelect;

function selectFindings(ctx: ActorCtx) {
  return ctx.db
    .select({ f, unitPath: orgUnits.path, unitName: orgUnits.nameJa, engagementTitle: g.title })
    .from(f)
    .innerJoin(g, eq(g.id, f.engagementId))
    .innerJoin(orgUnits, eq(orgUnits.id, f.unitId));
}
type Loaded = { f: Row; unitPath: string; unitName: string; engagementTitle: string };

function present(
  ctx: ActorCtx,
  r: Loaded,
  fiscalYear: number,
  heads: readonly string[],
  today: string,
): FindingOut {
  const x = r.f;
  return {
    id: x.id,
    engagementId: x.engagementId,
    engagementTitle: r.engagementTitle,
    fiscalYear: x.fiscalYear,
    unitId: x.unitId,
    unitName: r.unitName,
    clause: x.clause,
    condition: x.condition,
    cause: x.cause,
    severity: x.severity,
    proposal: x.proposal,
    state: x.state,
    response: x.response,
    responsePlan: x.responsePlan,
    dueOn: x.dueOn,
    closedAt: x.closedAt?.toISOString() ?? null,
    carriedOver: isCarriedOver(x, fiscalYear),
    pastDue: isPastDue(x, today),
    can: {
      manage:
        x.state !== 'closed' &&
        can(ctx.actor, 'secaudit.manage', { tenantId: x.tenantId, unitPath: r.unitPath }),
      respond: x.state !== 'closed' && underAny(r.unitPath, heads),
    },
  };
}

async function loadFinding(ctx: ActorCtx, id: string) {
  const heads = await headPaths(ctx);
  const [r] = await selectFindings(ctx).where(
    and(
      eq(f.id, id),
      eq(f.tenantId, ctx.actor.tenantId),
      readableWhere(ctx, orgUnits.path, g.teamPersonIds, heads),
    ),
  );
  if (!r) throw new AppError('not_found');
  return { r, heads };
}

/** A finding with its whole history, whatever year each change was made in. */
export async function getFinding(ctx: ActorCtx, id: string, fiscalYear?: number) {
  const { r, heads } = await loadFinding(ctx, id);
  const history = await ctx.db
    .select({ ev, personName: people.name })
    .from(ev)
    .leftJoin(people, eq(people.id, ev.personId))
    .where(eq(ev.findingId, id))
    .orderBy(asc(ev.at), asc(ev.id));
  return {
    ...present(ctx, r, fiscalYear ?? fiscalYearOf(new Date()), heads, todayInJapan()),
    history: history.map((h) => ({
      kind: h.ev.kind,
      personName: h.personName,
      note: h.ev.note,
      data: h.ev.data,
      at: h.ev.at.toISOString(),
      fiscalYear: fiscalYearOf(h.ev.at),
    })),
  };
}

/**
 * The findings of a fiscal year: raised in it, or raised earlier and not closed before it began
 * (000 L523-529) — computed from the dates, so nothing has to run at the year's end.
 */
export function inYear(fiscalYear: number): SQL {
  const { start } = fiscalYearSpan(fiscalYear);
  return and(
    sql`${f.fiscalYear} <= ${fiscalYear}`,
    or(sql`${f.closedAt} is null`, sql`${f.closedAt} >= ${start.toISOString()}::timestamptz`),
  )!;
}

async function boardWhere(
  ctx: ActorCtx,
  query: Omit<FindingQuery, 'page' | 'pageSize'>,
  fiscalYear: number,
  today: string,
) {
  const heads = await headPaths(ctx);
  let unitPath: string | null = null;
  if (query.unitId) {
    const u = await unitOf(ctx.db, ctx.actor.tenantId, query.unitId);
    if (!u) throw fieldError('query.unitId', '部局・課室が見つかりません。', 'No such unit.');
    unitPath = u.path;
  }
  const q = query.q ? `%${escapeLike(query.q)}%` : null;
  const where = and(
    eq(f.tenantId, ctx.actor.tenantId),
    readableWhere(ctx, orgUnits.path, g.teamPersonIds, heads),
    inYear(fiscalYear),
    query.state ? eq(f.state, query.state) : undefined,
    query.severity ? eq(f.severity, query.severity) : undefined,
    unitPath ? withinSubtree(orgUnits.path, unitPath) : undefined,
    query.carriedOver === 'true' ? sql`${f.fiscalYear} < ${fiscalYear}` : undefined,
    query.carriedOver === 'false' ? eq(f.fiscalYear, fiscalYear) : undefined,
    query.pastDue === 'true' ? sql`${f.state} <> 'closed' and ${f.dueOn} < ${today}` : undefined,
    query.pastDue === 'false'
      ? sql`not (${f.state} <> 'closed' and coalesce(${f.dueOn} < ${today}, false))`
      : undefined,
    q
      ? or(ilike(f.clause, q), ilike(f.condition, q), ilike(orgUnits.nameJa, q), ilike(g.title, q))
      : undefined,
  );
  return { where, heads };
}

/** The findings board: open by due date (then the rest), carried-over marked, by unit; paged. */
export async function listFindings(ctx: ActorCtx, query: FindingQuery) {
  const today = todayInJapan();
  const fiscalYear = query.fiscalYear ?? fiscalYearOf(new Date());
  const { where, heads } = await boardWhere(ctx, query, fiscalYear, today);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(f)
    .innerJoin(g, eq(g.id, f.engagementId))
    .innerJoin(orgUnits, eq(orgUnits.id, f.unitId))
    .where(where);
  const rows = await selectFindings(ctx)
    .where(where)
    .orderBy(sql`(${f.state} = 'closed')`, sql`${f.dueOn} asc nulls last`, asc(f.createdAt), asc(f.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return {
    fiscalYear,
    total: total?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
    items: rows.map((r) => present(ctx, r, fiscalYear, heads, today)),
  };
}

export async function findingRows(ctx: ActorCtx, query: Omit<FindingQuery, 'page' | 'pageSize'>) {
  const today = todayInJapan();
  const fiscalYear = query.fiscalYear ?? fiscalYearOf(new Date());
  const { where, heads } = await boardWhere(ctx, query, fiscalYear, today);
  const rows = await selectFindings(ctx)
    .where(where)
    .orderBy(sql`(${f.state} = 'closed')`, sql`${f.dueOn} asc nulls last`, asc(f.createdAt), asc(f.id));
  return { fiscalYear, items: rows.map((r) => present(ctx, r, fiscalYear, heads, today)) };
}

/** The dashboard card: this year's open findings, past due, carried over. */
export async function findingSummary(ctx: ActorCtx) {
  const today = todayInJapan();
  const fiscalYear = fiscalYearOf(new Date());
  const heads = await headPaths(ctx);
  const [row] = await ctx.db
    .select({
      open: sql<number>`count(*) filter (where ${f.state} <> 'closed')`.mapWith(Number),
      pastDue: sql<number>`count(*) filter (where ${f.state} <> 'closed' and ${f.dueOn} < ${today})`.mapWith(
        Number,
      ),
      carriedOver:
        sql<number>`count(*) filter (where ${f.state} <> 'closed' and ${f.fiscalYear} < ${fiscalYear})`.mapWith(
          Number,
        ),
    })
    .from(f)
    .innerJoin(g, eq(g.id, f.engagementId))
    .innerJoin(orgUnits, eq(orgUnits.id, f.unitId))
    .where(
      and(
        eq(f.tenantId, ctx.actor.tenantId),
        readableWhere(ctx, orgUnits.path, g.teamPersonIds, heads),
        inYear(fiscalYear),
      ),
    );
  return { fiscalYear, open: row?.open ?? 0, pastDue: row?.pastDue ?? 0, carriedOver: row?.carriedOver ?? 0 };
}

/** The auditor raises a finding on an engagement, about its unit or a unit below it. */
export async function createFinding(ctx: ActorCtx, input: FindingBody) {
  const e = await loadEngagement(ctx, input.engagementId);
  let unitId = e.g.unitId;
  let unitPath = e.unitPath;
  if (input.unitId && input.unitId !== e.g.unitId) {
    const u = await unitOf(ctx.db, ctx.actor.tenantId, input.unitId);
    if (!u?.path.startsWith(e.unitPath)) {
      throw fieldError(
        'body.unitId',
        '監査対象の部局・課室の中から選んでください。',
        'Choose a unit within the audited unit.',
      );
    }
    unitId = u.id;
    unitPath = u.path;
  }
  requireManage(ctx, unitPath);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(f)
      .values({
        tenantId: ctx.actor.tenantId,
        engagementId: e.g.id,
        fiscalYear: e.g.fiscalYear,
        unitId,
        clause: input.clause,
        condition: input.condition,
        cause: input.cause,
        severity: input.severity,
        proposal: input.proposal,
      })
      .returning();
    await tx.insert(ev).values({
      findingId: row!.id,
      kind: 'raised',
      personId: ctx.actor.personId,
      data: { severity: row!.severity },
    });
    await recordAudit(tx, ctx, {
      action: 'secaudit.finding_create',
      tenantId: ctx.actor.tenantId,
      targetId: row!.id,
      after: row,
    });
    return row!.id;
  });
  return getFinding(ctx, id);
}

const AUDIT_OF: Record<
  FindingAction,
  | 'secaudit.finding_update'
  | 'secaudit.finding_respond'
  | 'secaudit.finding_return'
  | 'secaudit.finding_verify'
> = {
  edit: 'secaudit.finding_update',
  respond: 'secaudit.finding_respond',
  return: 'secaudit.finding_return',
  verify: 'secaudit.finding_verify',
};
const EVENT_OF = { edit: 'edited', respond: 'responded', return: 'returned', verify: 'verified' } as const;

/** One step of a finding's life; who may take it is decided here (the auditor or the unit's head). */
async function act(
  ctx: ActorCtx,
  id: string,
  action: FindingAction,
  change: Partial<typeof f.$inferInsert>,
  note: string | null,
) {
  const { r, heads } = await loadFinding(ctx, id);
  if (action === 'respond') {
    if (!underAny(r.unitPath, heads)) throw new AppError('forbidden');
  } else requireManage(ctx, r.unitPath);
  const next = nextFindingState(r.f.state, action);
  if (!next) throw new AppError('invalid_state');
  await ctx.db.transaction(async (tx) => {
    const now = new Date();
    const [after] = await tx
      .update(f)
      .set({ ...change, state: next, updatedAt: now, ...(next === 'closed' ? { closedAt: now } : {}) })
      .where(and(eq(f.id, id), eq(f.state, r.f.state)))
      .returning();
    if (!after) throw new AppError('conflict');
    await tx.insert(ev).values({
      findingId: id,
      kind: EVENT_OF[action],
      personId: ctx.actor.personId,
      note,
      data: change as Record<string, unknown>,
      at: now,
    });
    await recordAudit(tx, ctx, {
      action: AUDIT_OF[action],
      tenantId: ctx.actor.tenantId,
      targetId: id,
      before: r.f,
      after,
    });
  });
  return getFinding(ctx, id);
}

export function updateFinding(
  ctx: ActorCtx,
  id: string,
  input: Partial<Omit<FindingBody, 'engagementId' | 'unitId'>>,
) {
  const change = Object.fromEntries(Object.entries(input).filter(([, x]) => x !== undefined));
  return act(ctx, id, 'edit', change, null);
}

/** The auditee's head answers with the improvement plan and its due date. */
export function respondFinding(
  ctx: ActorCtx,
  id: string,
  input: { response: string; plan: string; dueOn: string },
) {
  return act(
    ctx,
    id,
    'respond',
    { response: input.response, responsePlan: input.plan, dueOn: input.dueOn },
    null,
  );
}

export function returnFinding(ctx: ActorCtx, id: string, note: string | undefined) {
  return act(ctx, id, 'return', {}, note ?? null);
}

/** The auditor verifies the fix: the finding is closed, in whatever year that happens. */
export function verifyFinding(ctx: ActorCtx, id: string, note: string | undefined) {
  return act(ctx, id, 'verify', {}, note ?? null);
}
