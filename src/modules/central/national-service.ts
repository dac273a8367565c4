// The national view (001 ch. II) from the latest 'annual.statement' per agency, and an agency's own
// figures beside the government means (003 L658-661, L1409-1411).
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorizeTenantWide } from '../../server/policy.js';
import { AnnualStatement } from '../report/figures-model.js';
import { STAFF_AREAS } from '../selfcheck/catalog-model.js';
import { submissions } from '../selfcheck/schema.js';
import { latestSubmissions, requireCentral } from './queries.js';
import {
  type AgencyFigures,
  agencyFigures,
  comparableOf,
  governmentMeans,
  type Rates,
  weakestItems,
} from './rules.js';
import { centralBodyOf } from './tenancy.js';

export const STATEMENT_KIND = 'annual.statement';

/** Latest readable statements per agency for a fiscal year, with their figures. */
async function statementsOf(db: Db, centralId: string, fiscalYear: number) {
  const rows = await latestSubmissions(db, centralId, STATEMENT_KIND, fiscalYear);
  return rows.flatMap((r) => {
    const parsed = AnnualStatement.safeParse(r.s.payload);
    if (!parsed.success) return [];
    return [{ row: r, statement: parsed.data, figures: agencyFigures(parsed.data) }];
  });
}

const byCode = <T>(list: { code: string; f: T | null }[]) =>
  list.flatMap(({ code, f }) => (f === null ? [] : [{ agencyCode: code, ...f }]));

export async function nationalView(ctx: ActorCtx, fiscalYear: number) {
  requireCentral(ctx);
  return buildNational(ctx.db, ctx.actor.tenantId, fiscalYear);
}

export async function buildNational(db: Db, centralId: string, fiscalYear: number) {
  const list = await statementsOf(db, centralId, fiscalYear);
  const figs = list.map((l) => ({ code: l.row.agency.code, f: l.figures }));
  const all: AgencyFigures[] = list.map((l) => l.figures);
  const means = governmentMeans(all);
  const groups = Object.keys(means.selfcheck.groups).sort();
  const chapterTitles = new Map<string, string>();
  for (const l of list)
    for (const c of l.statement.selfcheck?.chapters ?? []) chapterTitles.set(c.chapterNo, c.title);
  const chapterNos = [...chapterTitles.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  // Inspection items: mean over agencies that inspected the item.
  const inspectionItems = new Map<
    string,
    { title: string; rates: number[]; applicable: number; met: number }
  >();
  for (const a of all)
    for (const [code, it] of Object.entries(a.inspection?.items ?? {})) {
      const e = inspectionItems.get(code) ?? { title: it.title, rates: [], applicable: 0, met: 0 };
      if (it.rate !== null) e.rates.push(it.rate);
      e.applicable += it.applicable;
      e.met += it.met;
      inspectionItems.set(code, e);
    }
  const gradeTotals = { A: 0, B: 0, C: 0, D: 0 };
  for (const a of all)
    for (const g of ['A', 'B', 'C', 'D'] as const) gradeTotals[g] += a.inspection?.grades[g] ?? 0;
  const incidentTypes = new Map<string, string>();
  for (const l of list)
    for (const t of l.statement.incidents?.byType ?? []) incidentTypes.set(t.type, t.label);
  const incidentTotals: Record<string, number> = {};
  for (const a of all)
    for (const [t, n] of Object.entries(a.incidents ?? {})) incidentTotals[t] = (incidentTotals[t] ?? 0) + n;
  const trends = [];
  for (const fy of [fiscalYear - 2, fiscalYear - 1, fiscalYear]) {
    const year = fy === fiscalYear ? all : (await statementsOf(db, centralId, fy)).map((l) => l.figures);
    const m = governmentMeans(year);
    trends.push({
      fiscalYear: fy,
      agencies: year.length,
      mean: m.selfcheck.overall,
      drillOpenRate: m.drillOpenRate,
      trainingRate: m.trainingRate,
    });
  }
  return {
    fiscalYear,
    agencies: list.map(({ row, statement }) => ({
      code: row.agency.code,
      nameJa: row.agency.nameJa,
      nameEn: row.agency.nameEn,
      via: row.via ? { code: row.via.code, nameJa: row.via.nameJa, nameEn: row.via.nameEn } : null,
      submissionId: row.s.id,
      version: row.s.version,
      submittedAt: row.s.submittedAt.toISOString(),
      definition: statement.selfcheck?.definition ?? null,
    })),
    selfcheck: {
      groups,
      rows: byCode(figs.map(({ code, f }) => ({ code, f: f.selfcheck }))).map((r) => ({
        agencyCode: r.agencyCode,
        overall: r.overall,
        groups: r.groups,
      })),
      mean: means.selfcheck,
    },
    staffAreas: {
      areas: STAFF_AREAS.map((a) => ({ ja: a.ja, en: a.en })),
      rows: figs.flatMap(({ code, f }) => (f.staffAreas ? [{ agencyCode: code, values: f.staffAreas }] : [])),
      mean: Object.fromEntries(STAFF_AREAS.map((a) => [a.ja, means.staffAreas[a.ja] ?? null])),
    },
    chapters: {
      chapters: chapterNos.map((no) => ({ chapterNo: no, title: chapterTitles.get(no)! })),
      rows: figs.flatMap(({ code, f }) =>
        Object.keys(f.chapters).length ? [{ agencyCode: code, values: f.chapters }] : [],
      ),
      mean: means.chapters,
    },
    inspection: {
      rows: byCode(figs.map(({ code, f }) => ({ code, f: f.inspection }))).map((r) => ({
        agencyCode: r.agencyCode,
        grades: r.grades,
        rate: r.rate,
      })),
      items: [...inspectionItems.entries()]
        .map(([code, e]) => ({
          code,
          title: e.title,
          agencies: e.rates.length,
          meanRate: e.rates.length ? e.rates.reduce((s, r) => s + r, 0) / e.rates.length : null,
          applicable: e.applicable,
          met: e.met,
        }))
        .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
      gradeTotals,
      meanRate: means.inspectionRate,
    },
    drills: {
      rows: byCode(figs.map(({ code, f }) => ({ code, f: f.drills }))),
      meanOpenRate: means.drillOpenRate,
      meanReportRate: means.drillReportRate,
    },
    training: {
      rows: byCode(figs.map(({ code, f }) => ({ code, f: f.training }))),
      meanRate: means.trainingRate,
    },
    incidents: {
      types: [...incidentTypes.entries()].map(([type, label]) => ({ type, label })),
      rows: figs.flatMap(({ code, f }) =>
        f.incidents
          ? [
              {
                agencyCode: code,
                counts: f.incidents,
                total: Object.values(f.incidents).reduce((s, n) => s + n, 0),
              },
            ]
          : [],
      ),
      totals: incidentTotals,
      total: Object.values(incidentTotals).reduce((s, n) => s + n, 0),
    },
    trends,
    weakestItems: weakestItems(all),
  };
}
export type NationalView = Awaited<ReturnType<typeof buildNational>>;
export type { Rates };

/**
 * An agency's view: the government means (and how many agencies they cover) beside its own latest
 * submitted statement. Never another agency's figures (003 L658-661, L1409-1411).
 */
export async function governmentAverage(ctx: ActorCtx, fiscalYear: number) {
  if (ctx.actor.tenantKind !== 'agency') throw new AppError('forbidden');
  authorizeTenantWide(ctx.actor, 'report.view');
  const central = await centralBodyOf(ctx.db, ctx.actor.tenantId);
  const list = central ? await statementsOf(ctx.db, central.id, fiscalYear) : [];
  const [own] = await ctx.db
    .select()
    .from(submissions)
    .where(
      and(
        eq(submissions.fromTenantId, ctx.actor.tenantId),
        isNull(submissions.originTenantId),
        eq(submissions.kind, STATEMENT_KIND),
        eq(submissions.fiscalYear, fiscalYear),
      ),
    )
    .orderBy(desc(submissions.version), desc(submissions.submittedAt))
    .limit(1);
  const ownParsed = own ? AnnualStatement.safeParse(own.payload) : null;
  return {
    fiscalYear,
    agencies: list.length,
    mean: governmentMeans(list.map((l) => l.figures)),
    own: ownParsed?.success ? comparableOf(agencyFigures(ownParsed.data)) : null,
    ownVersion: own?.version ?? null,
    ownSubmittedAt: own?.submittedAt.toISOString() ?? null,
  };
}
