// Reading submissions: the central body's inbox, an agency's own history, a ministry's 独法 inbox.
import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, authorizeTenantWide } from '../../server/policy.js';
import { tenants } from '../org/schema.js';
import { STAFF_AREAS } from '../selfcheck/catalog-model.js';
import type { Figures } from '../selfcheck/metrics.js';
import { meanOfRates } from '../selfcheck/metrics-compare.js';
import { submissions } from '../selfcheck/schema.js';
import { latestPerAgency } from './rules.js';

export function requireCentral(ctx: ActorCtx) {
  authorize(ctx.actor, 'central.read');
  if (ctx.actor.tenantKind !== 'central') throw new AppError('forbidden');
}

function requireAgency(ctx: ActorCtx, permission: 'report.view' | 'report.manage') {
  if (ctx.actor.tenantKind !== 'agency') throw new AppError('forbidden');
  authorizeTenantWide(ctx.actor, permission);
}

const agency = alias(tenants, 'agency');
const via = alias(tenants, 'via');
/** Whose figures a submission carries: the 独法 for a forwarded one, else the sender. */
const agencyId = sql`coalesce(${submissions.originTenantId}, ${submissions.fromTenantId})`;

type Row = {
  s: typeof submissions.$inferSelect;
  agency: typeof tenants.$inferSelect;
  via: typeof tenants.$inferSelect | null;
};

async function selectRows(db: Db, where: SQL | undefined): Promise<Row[]> {
  return db
    .select({ s: submissions, agency, via })
    .from(submissions)
    .innerJoin(agency, eq(agency.id, agencyId))
    .leftJoin(via, and(isNotNull(submissions.originTenantId), eq(via.id, submissions.fromTenantId)))
    .where(where)
    .orderBy(
      asc(agency.code),
      asc(submissions.kind),
      desc(submissions.fiscalYear),
      desc(submissions.version),
    );
}

function present(rows: Row[]) {
  const latest = new Set(
    latestPerAgency(
      rows.map((r) => ({
        id: r.s.id,
        agencyKey: `${r.s.toTenantId}|${r.agency.id}|${r.s.kind}|${r.s.fiscalYear}`,
        version: r.s.version,
        submittedAt: r.s.submittedAt,
      })),
    ).map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.s.id,
    agencyCode: r.agency.code,
    agencyNameJa: r.agency.nameJa,
    agencyNameEn: r.agency.nameEn,
    via: r.via ? { code: r.via.code, nameJa: r.via.nameJa, nameEn: r.via.nameEn } : null,
    kind: r.s.kind,
    fiscalYear: r.s.fiscalYear,
    title: r.s.title,
    version: r.s.version,
    latest: latest.has(r.s.id),
    forwardedFromId: r.s.forwardedFromId,
    submittedAt: r.s.submittedAt.toISOString(),
  }));
}

type ListQuery = { kind?: string | undefined; fiscalYear?: number | undefined };
const filters = (q: ListQuery) => [
  q.kind ? eq(submissions.kind, q.kind) : undefined,
  q.fiscalYear ? eq(submissions.fiscalYear, q.fiscalYear) : undefined,
];

/** The central body: everything addressed to it, every version, 独法 under their own name "via" the ministry. */
export async function listSubmissions(ctx: ActorCtx, q: ListQuery) {
  requireCentral(ctx);
  return present(
    await selectRows(ctx.db, and(eq(submissions.toTenantId, ctx.actor.tenantId), ...filters(q))),
  );
}

/** An agency's own history: what it sent (and, for a ministry, what it forwarded), every version. */
export async function listMySubmissions(ctx: ActorCtx, q: ListQuery) {
  requireAgency(ctx, 'report.view');
  return present(
    await selectRows(ctx.db, and(eq(submissions.fromTenantId, ctx.actor.tenantId), ...filters(q))),
  );
}

/** A ministry: what its 独法 submitted to it, with whether each version has been forwarded. */
export async function listSubsidiarySubmissions(ctx: ActorCtx, q: ListQuery) {
  requireAgency(ctx, 'report.view');
  const items = present(
    await selectRows(ctx.db, and(eq(submissions.toTenantId, ctx.actor.tenantId), ...filters(q))),
  );
  const ids = items.map((i) => i.id);
  const forwarded = ids.length
    ? await ctx.db
        .select({ from: submissions.forwardedFromId, at: submissions.submittedAt })
        .from(submissions)
        .where(inArray(submissions.forwardedFromId, ids))
    : [];
  const at = new Map(forwarded.map((f) => [f.from!, f.at.toISOString()]));
  return items.map((i) => ({ ...i, forwardedAt: at.get(i.id) ?? null }));
}

function detail(r: Row) {
  return { ...present([r])[0]!, latest: undefined, payload: r.s.payload };
}

export async function getSubmission(ctx: ActorCtx, id: string) {
  requireCentral(ctx);
  const [row] = await selectRows(
    ctx.db,
    and(eq(submissions.id, id), eq(submissions.toTenantId, ctx.actor.tenantId)),
  );
  if (!row) throw new AppError('not_found');
  return detail(row);
}

/** An agency reads its own submissions and (a ministry) those its 独法 sent to it; nothing else exists for it. */
export async function getOwnSubmission(ctx: ActorCtx, id: string) {
  requireAgency(ctx, 'report.view');
  const [row] = await selectRows(
    ctx.db,
    and(
      eq(submissions.id, id),
      sql`(${submissions.fromTenantId} = ${ctx.actor.tenantId} or ${submissions.toTenantId} = ${ctx.actor.tenantId})`,
    ),
  );
  if (!row) throw new AppError('not_found');
  return detail(row);
}

/** The latest version per agency of one kind and fiscal year addressed to a central body. */
export async function latestSubmissions(db: Db, centralId: string, kind: string, fiscalYear: number) {
  const rows = await selectRows(
    db,
    and(
      eq(submissions.toTenantId, centralId),
      eq(submissions.kind, kind),
      eq(submissions.fiscalYear, fiscalYear),
    ),
  );
  return latestPerAgency(
    rows.map((r) => ({ ...r, agencyKey: r.agency.id, version: r.s.version, submittedAt: r.s.submittedAt })),
  ).sort((a, b) => a.agency.code.localeCompare(b.agency.code));
}

type Submitted = {
  overall: Figures;
  groups: Record<string, Figures>;
  /** Since people-counting: the staff-area table (null when staff were too few to send it). */
  staffAreas?: { area: string; nisc: number | null }[] | null;
};

/**
 * Self-check figures of every agency for a fiscal year (each agency's latest version of
 * 'selfcheck.results'), and the government-wide figure as the unweighted mean over agencies (001 L2859).
 */
export async function selfcheckComparison(ctx: ActorCtx, fiscalYear: number) {
  requireCentral(ctx);
  const latest = await latestSubmissions(ctx.db, ctx.actor.tenantId, 'selfcheck.results', fiscalYear);
  const agencies = latest.map((r) => {
    const p = r.s.payload as Submitted;
    const pick = (f: Figures | undefined) =>
      f ? { coverage: f.coverage, nisc: f.implementation.nisc, attainment100: f.attainment['100'] } : null;
    return {
      agencyCode: r.agency.code,
      agencyNameJa: r.agency.nameJa,
      agencyNameEn: r.agency.nameEn,
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
