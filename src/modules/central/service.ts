import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize } from '../../server/policy.js';
import { recordAudit } from '../audit/service.js';
import { tenants } from '../org/schema.js';
import { STAFF_AREAS } from '../selfcheck/catalog-model.js';
import type { Figures } from '../selfcheck/metrics.js';
import { meanOfRates } from '../selfcheck/metrics-compare.js';
import { submissions } from '../selfcheck/schema.js';

/** The central body an agency reports to: its parent, or the only central body there is. */
export async function centralBodyOf(db: Db, tenantId: string) {
  const [agency] = await db.select().from(tenants).where(eq(tenants.id, tenantId));
  if (agency?.parentTenantId) {
    const [parent] = await db.select().from(tenants).where(eq(tenants.id, agency.parentTenantId));
    if (parent?.kind === 'central') return parent;
  }
  const centrals = await db.select().from(tenants).where(eq(tenants.kind, 'central'));
  return centrals.length === 1 ? centrals[0]! : null;
}

/** An agency sends figures to the central body; this copy is all the central body will ever see. */
export async function submitToCentral(
  tx: Db,
  ctx: Pick<ActorCtx, 'actor' | 'requestId' | 'ip' | 'env'>,
  input: { fromTenantId: string; kind: string; fiscalYear: number; title: string; payload: unknown },
) {
  const central = await centralBodyOf(tx, input.fromTenantId);
  if (!central) {
    throw new AppError('invalid_state', {
      detail: {
        ja: '提出先の中央機関が登録されていません。',
        en: 'No central body is registered to submit to.',
      },
    });
  }
  const [row] = await tx
    .insert(submissions)
    .values({
      ...input,
      toTenantId: central.id,
      payload: input.payload as object,
      submittedBy: ctx.actor?.accountId ?? null,
    })
    .returning();
  await recordAudit(tx, ctx, {
    action: 'central.submit',
    tenantId: input.fromTenantId,
    targetId: row!.id,
    after: { kind: input.kind, fiscalYear: input.fiscalYear, to: central.code },
  });
  return row!;
}

function requireCentral(ctx: ActorCtx) {
  authorize(ctx.actor, 'central.read');
  if (ctx.actor.tenantKind !== 'central') throw new AppError('forbidden');
}

export async function listSubmissions(
  ctx: ActorCtx,
  q: { kind?: string | undefined; fiscalYear?: number | undefined },
) {
  requireCentral(ctx);
  const rows = await ctx.db
    .select({ s: submissions, t: tenants })
    .from(submissions)
    .innerJoin(tenants, eq(tenants.id, submissions.fromTenantId))
    .where(
      and(
        eq(submissions.toTenantId, ctx.actor.tenantId),
        q.kind ? eq(submissions.kind, q.kind) : undefined,
        q.fiscalYear ? eq(submissions.fiscalYear, q.fiscalYear) : undefined,
      ),
    )
    .orderBy(desc(submissions.submittedAt));
  return rows.map((r) => ({
    id: r.s.id,
    agencyCode: r.t.code,
    agencyNameJa: r.t.nameJa,
    agencyNameEn: r.t.nameEn,
    kind: r.s.kind,
    fiscalYear: r.s.fiscalYear,
    title: r.s.title,
    submittedAt: r.s.submittedAt.toISOString(),
  }));
}

export async function getSubmission(ctx: ActorCtx, id: string) {
  requireCentral(ctx);
  const [row] = await ctx.db
    .select({ s: submissions, t: tenants })
    .from(submissions)
    .innerJoin(tenants, eq(tenants.id, submissions.fromTenantId))
    .where(and(eq(submissions.id, id), eq(submissions.toTenantId, ctx.actor.tenantId)));
  if (!row) throw new AppError('not_found');
  return {
    id: row.s.id,
    agencyCode: row.t.code,
    agencyNameJa: row.t.nameJa,
    kind: row.s.kind,
    fiscalYear: row.s.fiscalYear,
    title: row.s.title,
    submittedAt: row.s.submittedAt.toISOString(),
    payload: row.s.payload,
  };
}

type Submitted = {
  overall: Figures;
  groups: Record<string, Figures>;
  /** Since people-counting: the staff-area table (null when staff were too few to send it). */
  staffAreas?: { area: string; nisc: number | null }[] | null;
};

/**
 * Self-check figures of every agency for a fiscal year (each agency's latest submission), and the
 * government-wide figure as the unweighted mean over agencies (001 L2859: not weighted by headcount).
 */
export async function selfcheckComparison(ctx: ActorCtx, fiscalYear: number) {
  requireCentral(ctx);
  const rows = await ctx.db
    .select({ s: submissions, t: tenants })
    .from(submissions)
    .innerJoin(tenants, eq(tenants.id, submissions.fromTenantId))
    .where(
      and(
        eq(submissions.toTenantId, ctx.actor.tenantId),
        eq(submissions.kind, 'selfcheck.results'),
        eq(submissions.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(asc(tenants.code), desc(submissions.submittedAt));
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(r.t.id)) latest.set(r.t.id, r);
  const agencies = [...latest.values()].map((r) => {
    const p = r.s.payload as Submitted;
    const pick = (f: Figures | undefined) =>
      f ? { coverage: f.coverage, nisc: f.implementation.nisc, attainment100: f.attainment['100'] } : null;
    return {
      agencyCode: r.t.code,
      agencyNameJa: r.t.nameJa,
      agencyNameEn: r.t.nameEn,
      submittedAt: r.s.submittedAt.toISOString(),
      overall: pick(p.overall)!,
      groups: Object.fromEntries(Object.entries(p.groups ?? {}).map(([g, f]) => [g, pick(f)!])),
      staffAreas: p.staffAreas
        ? Object.fromEntries(p.staffAreas.map((a) => [a.area, a.nisc] as const))
        : null,
    };
  });
  const groupKeys = [...new Set(agencies.flatMap((a) => Object.keys(a.groups)))];
  const mean = (get: (a: (typeof agencies)[number]) => number | null | undefined) =>
    meanOfRates(agencies.map((a) => get(a) ?? null));
  return {
    fiscalYear,
    agencies,
    governmentMean: {
      overall: {
        coverage: mean((a) => a.overall.coverage),
        nisc: mean((a) => a.overall.nisc),
        attainment100: mean((a) => a.overall.attainment100),
      },
      // Staff-area rates (001 L2883-2904), unweighted over the agencies that sent them.
      staffAreas: Object.fromEntries(
        STAFF_AREAS.map(({ ja }) => [ja, mean((a) => a.staffAreas?.[ja] ?? null)] as const),
      ),
      groups: Object.fromEntries(
        groupKeys.map((g) => [
          g,
          {
            coverage: mean((a) => a.groups[g]?.coverage),
            nisc: mean((a) => a.groups[g]?.nisc),
            attainment100: mean((a) => a.groups[g]?.attainment100),
          },
        ]),
      ),
    },
  };
}
