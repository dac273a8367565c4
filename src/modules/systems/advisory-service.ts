import { and, count, desc, eq, gte, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide, escapeLike } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { orgUnits } from '../org/schema.js';
import { type AdvisoryInput, CsafError, parseCsaf } from './advisory-csaf.js';
import { checkCvss, severityOf } from './advisory-cvss.js';
import { productProblems } from './advisory-match.js';
import { matchAndOpen } from './advisory-match-service.js';
import { listResponses } from './advisory-response-service.js';
import { advisories, advisoryResponses } from './advisory-schema.js';
import { viewsAdvisories, visibleSystems } from './advisory-scope.js';
import type { AdvisoryOut, CreateAdvisoryBody } from './advisory-validation.js';
import { systems } from './schema.js';

type AdvisoryRow = typeof advisories.$inferSelect;

function present(a: AdvisoryRow, n: { total: number; open: number }): AdvisoryOut {
  return {
    id: a.id,
    source: a.source,
    trackingId: a.trackingId,
    title: a.title,
    summary: a.summary,
    published: a.published,
    cves: a.cves,
    cvssVector: a.cvssVector,
    cvssScore: a.cvssScore,
    severity: a.cvssScore === null ? null : severityOf(a.cvssScore),
    products: a.products.map((p) => ({ ...p, ranges: p.ranges as unknown as Record<string, unknown>[] })),
    createdAt: a.createdAt.toISOString(),
    matchedAt: a.matchedAt?.toISOString() ?? null,
    affectedSystems: n.total,
    openResponses: n.open,
  };
}

/** Responses per advisory among the systems the actor may see. */
async function visibleCounts(ctx: ActorCtx, ids: string[]) {
  const m = new Map(ids.map((id) => [id, { total: 0, open: 0 }]));
  if (ids.length === 0) return m;
  const rows = await ctx.db
    .select({
      id: advisoryResponses.advisoryId,
      total: count(),
      open: sql<number>`count(*) filter (where ${advisoryResponses.status} = 'open')`.mapWith(Number),
    })
    .from(advisoryResponses)
    .innerJoin(systems, eq(systems.id, advisoryResponses.systemId))
    .innerJoin(orgUnits, eq(orgUnits.id, systems.unitId))
    .where(and(inArray(advisoryResponses.advisoryId, ids), visibleSystems(ctx.actor)))
    .groupBy(advisoryResponses.advisoryId);
  for (const r of rows) m.set(r.id, { total: r.total, open: r.open });
  return m;
}

/** Everything a person or a file gives is checked the same way; problems name the field. */
function checkInput(input: AdvisoryInput, prefix: string): AdvisoryInput {
  const errors: { path: string; message: string }[] = [];
  let score = input.cvssScore;
  if (input.cvssVector) {
    const c = checkCvss(input.cvssVector, input.cvssScore);
    if (!c.ok) errors.push({ path: `${prefix}.cvssVector`, message: c.reason });
    else score = c.score;
  } else if (input.cvssScore !== null)
    errors.push({ path: `${prefix}.cvssVector`, message: 'a CVSS score needs its vector' });
  errors.push(...productProblems(input.products, `${prefix}.products`));
  if (errors.length) throw new AppError('validation_failed', { errors });
  return { ...input, cvssScore: score };
}

async function insertAdvisory(
  tx: Db,
  ctx: ActorCtx,
  input: AdvisoryInput,
  action: 'advisory.create' | 'advisory.import',
) {
  const [a] = await tx
    .insert(advisories)
    .values({ ...input, tenantId: ctx.actor.tenantId, createdBy: ctx.actor.accountId })
    .onConflictDoNothing()
    .returning();
  if (!a)
    throw new AppError('conflict', {
      detail: {
        ja: `脆弱性情報 ${input.trackingId} は既に登録されています。`,
        en: `The advisory ${input.trackingId} is already registered.`,
      },
    });
  const outcome = (await matchAndOpen(tx, ctx.actor.tenantId, [a.id])).get(a.id)!;
  await recordAudit(tx, ctx, {
    action,
    tenantId: a.tenantId,
    targetId: a.id,
    after: { trackingId: a.trackingId, source: a.source, cvssScore: a.cvssScore, ...outcome },
  });
  return { advisory: a, outcome };
}

/** Enter an advisory by form (system.manage, agency-wide); it is matched against the ledger at once. */
export async function createAdvisory(ctx: ActorCtx, body: CreateAdvisoryBody) {
  authorizeTenantWide(ctx.actor, 'system.manage');
  const input = checkInput({ ...body, source: 'manual' }, 'body');
  return ctx.db.transaction(async (tx) => {
    const { advisory, outcome } = await insertAdvisory(tx, ctx, input, 'advisory.create');
    return { ...present(advisory, { total: outcome.affectedSystems, open: outcome.newResponses }) };
  });
}

/** Import one CSAF 2.0 document (JVN's included): all of it or nothing, problems naming the JSON path. */
export async function importCsaf(ctx: ActorCtx, raw: Buffer | string, fileName: string) {
  authorizeTenantWide(ctx.actor, 'system.manage');
  let doc: unknown;
  try {
    doc = JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch (e) {
    throw new AppError('import_invalid', {
      errors: [{ path: `${fileName}: $`, message: `not JSON (${(e as Error).message})` }],
    });
  }
  let input: AdvisoryInput;
  try {
    input = parseCsaf(doc);
    checkInput(input, '$');
  } catch (e) {
    if (e instanceof CsafError)
      throw new AppError('import_invalid', {
        errors: e.problems.map((p) => ({ path: `${fileName}: ${p.path}`, message: p.reason })),
      });
    if (e instanceof AppError && e.errors)
      throw new AppError('import_invalid', {
        errors: e.errors.map((x) => ({ ...x, path: `${fileName}: ${x.path}` })),
      });
    throw e;
  }
  return ctx.db.transaction(async (tx) => {
    const { advisory, outcome } = await insertAdvisory(tx, ctx, input, 'advisory.import');
    return present(advisory, { total: outcome.affectedSystems, open: outcome.newResponses });
  });
}

/** Match again after the ledger changed: new responses only, answers kept. */
export async function rematchAdvisory(ctx: ActorCtx, id: string) {
  authorizeTenantWide(ctx.actor, 'system.manage');
  return ctx.db.transaction(async (tx) => {
    const a = await loadAdvisory(tx, ctx.actor.tenantId, id);
    const outcome = (await matchAndOpen(tx, ctx.actor.tenantId, [a.id])).get(a.id)!;
    await recordAudit(tx, ctx, {
      action: 'advisory.match',
      tenantId: a.tenantId,
      targetId: a.id,
      after: outcome,
    });
    return outcome;
  });
}

async function loadAdvisory(db: Db, tenantId: string, id: string) {
  const [a] = await db
    .select()
    .from(advisories)
    .where(and(eq(advisories.id, id), eq(advisories.tenantId, tenantId)));
  if (!a) throw new AppError('not_found');
  return a;
}

export async function listAdvisories(
  ctx: ActorCtx,
  q: {
    page: number;
    pageSize: number;
    q?: string | undefined;
    minScore?: number | undefined;
    affected?: 'true' | 'false' | undefined;
  },
) {
  if (!viewsAdvisories(ctx.actor)) throw new AppError('forbidden');
  const where: SQL[] = [eq(advisories.tenantId, ctx.actor.tenantId)];
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    where.push(
      or(
        ilike(advisories.title, like),
        ilike(advisories.trackingId, like),
        sql`${advisories.cves}::text ilike ${like}`,
      )!,
    );
  }
  if (q.minScore !== undefined) where.push(gte(advisories.cvssScore, q.minScore));
  if (q.affected !== undefined) {
    const exists = sql`exists (select 1 from ${advisoryResponses} join ${systems} on ${systems.id} = ${advisoryResponses.systemId}
      join ${orgUnits} on ${orgUnits.id} = ${systems.unitId}
      where ${advisoryResponses.advisoryId} = ${advisories.id} and ${visibleSystems(ctx.actor)})`;
    where.push(q.affected === 'true' ? exists : sql`not ${exists}`);
  }
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(advisories)
      .where(and(...where))
      .orderBy(desc(advisories.published), desc(advisories.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    ctx.db
      .select({ n: count() })
      .from(advisories)
      .where(and(...where)),
  ]);
  const n = await visibleCounts(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => present(r, n.get(r.id)!)), total: total!.n };
}

/**
 * An advisory with the responses of the systems the actor may see. Readers of the ledger see every
 * advisory; a system's owner sees those that affect their systems; anyone else gets "not found".
 */
export async function getAdvisory(ctx: ActorCtx, id: string) {
  const a = await loadAdvisory(ctx.db, ctx.actor.tenantId, id);
  const responses = await listResponses(ctx, { advisoryId: id, page: 1, pageSize: 1000 });
  if (!viewsAdvisories(ctx.actor) && responses.total === 0) throw new AppError('not_found');
  const open = responses.items.filter((r) => r.status === 'open').length;
  return { ...present(a, { total: responses.total, open }), responses: responses.items };
}
