import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, canTenantWide, scopeRoots, withinSubtree } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { loadDrill } from './drill-service.js';
import { rate } from './rules.js';
import { drills } from './schema.js';
import type { Figures, GroupResult, ResultsOut } from './validation.js';

type UnitRow = typeof orgUnits.$inferSelect;

/** The unit results are about: the one asked for (if within the viewer's drill.view scope) or their top one. */
export async function resultsUnit(ctx: ActorCtx, unitId: string | undefined): Promise<UnitRow> {
  if (unitId) {
    const [u] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!u || !can(ctx.actor, 'drill.view', { tenantId: u.tenantId, unitPath: u.path }))
      throw new AppError('not_found');
    return u;
  }
  const top = scopeRoots(ctx.actor, 'drill.view')[0];
  if (!top) throw new AppError('forbidden');
  const [u] = await ctx.db
    .select()
    .from(orgUnits)
    .where(eq(orgUnits.id, top.split('/').filter(Boolean).at(-1)!));
  return u!;
}

/**
 * One row per recipient with the first time of each kind of event, with scanner-flagged events
 * (…_all) and without them (…_ppl). Opened includes anyone who clicked or opened the attachment:
 * sent ⊂ opened ⊂ clicked, whatever the image blocker did.
 */
function perRecipient(drillId: string, where: SQL) {
  const first = (kind: string, clean: boolean) =>
    sql.raw(`min(e.at) filter (where e.kind = '${kind}'${clean ? ' and not e.flagged' : ''})`);
  return sql`
    select r.id, r.unit_path, r.role_keys, r.state, r.sent_at,
      ${first('open', false)} as open_all, ${first('open', true)} as open_ppl,
      ${first('click', false)} as click_all, ${first('click', true)} as click_ppl,
      ${first('attachment', false)} as att_all, ${first('attachment', true)} as att_ppl,
      ${first('report', false)} as report_all, ${first('report', true)} as report_ppl,
      ${first('survey', false)} as survey_all, ${first('survey', true)} as survey_ppl,
      count(e.id) filter (where e.flagged)::int as flagged
    from drill_recipients r left join drill_events e on e.recipient_id = r.id
    where r.drill_id = ${drillId} and ${where}
    group by r.id`;
}

function aggregates() {
  const set = (s: 'all' | 'ppl') =>
    sql.raw(`
      count(*) filter (where coalesce(open_${s}, click_${s}, att_${s}) is not null)::int as opened_${s},
      count(*) filter (where coalesce(click_${s}, att_${s}) is not null)::int as clicked_${s},
      count(*) filter (where att_${s} is not null)::int as att_${s},
      count(*) filter (where report_${s} is not null)::int as reported_${s},
      count(*) filter (where survey_${s} is not null)::int as survey_${s},
      extract(epoch from min(report_${s}) - min(sent_at))::float8 as ttr_${s}`);
  return sql`count(*)::int as targeted, count(*) filter (where state = 'sent')::int as delivered,
    ${set('all')}, ${set('ppl')}`;
}

type AggRow = Record<string, number | null> & { targeted: number; delivered: number };

function figures(r: AggRow, s: 'all' | 'ppl'): Figures {
  const n = (k: string) => Number(r[`${k}_${s}`] ?? 0);
  const ttr = r[`ttr_${s}`];
  return {
    opened: n('opened'),
    clicked: n('clicked'),
    attachmentOpened: n('att'),
    reported: n('reported'),
    surveyAnswered: n('survey'),
    openRate: rate(n('opened'), r.delivered),
    clickRate: rate(n('clicked'), r.delivered),
    reportRate: rate(n('reported'), r.delivered),
    timeToFirstReportSeconds: ttr === null || ttr === undefined ? null : Math.max(0, Math.round(Number(ttr))),
  };
}

function group(key: string, label: string, r: AggRow | undefined): GroupResult {
  const row = r ?? ({ targeted: 0, delivered: 0 } as AggRow);
  return {
    key,
    label,
    targeted: Number(row.targeted),
    delivered: Number(row.delivered),
    all: figures(row, 'all'),
    people: figures(row, 'ppl'),
  };
}

export async function overallOf(db: Db, drillId: string, unitPath: string, label: string) {
  const [row] = rowsOf<AggRow>(
    await db.execute(
      sql`with per as (${perRecipient(drillId, withinSubtree(sql`r.unit_path`, unitPath))}) select ${aggregates()} from per`,
    ),
  );
  return group('overall', label, row);
}

/** Open, click and report rates of a unit's subtree, of each unit directly below, and by role. */
export async function getResults(ctx: ActorCtx, drillId: string, unitId?: string): Promise<ResultsOut> {
  authorize(ctx.actor, 'drill.view');
  const d = await loadDrill(ctx, drillId);
  const unit = await resultsUnit(ctx, unitId);
  const scope = withinSubtree(sql`r.unit_path`, unit.path);
  const per = perRecipient(d.id, scope);
  const overall = group(
    'overall',
    unit.nameJa,
    rowsOf<AggRow>(await ctx.db.execute(sql`with per as (${per}) select ${aggregates()} from per`))[0],
  );
  const children = await ctx.db
    .select()
    .from(orgUnits)
    .where(eq(orgUnits.parentId, unit.id))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  const byUnit = new Map(
    rowsOf<AggRow & { unit_id: string }>(
      await ctx.db.execute(sql`with per as (${per})
        select c.id as unit_id, ${aggregates()} from per
        join org_units c on c.parent_id = ${unit.id} and per.unit_path like c.path || '%'
        group by c.id
        union all
        select ${unit.id}::uuid, ${aggregates()} from per where per.unit_path = ${unit.path}`),
    ).map((r) => [r.unit_id, r]),
  );
  const units = [
    ...(byUnit.get(unit.id)?.targeted ? [group(unit.id, `${unit.nameJa}（直属）`, byUnit.get(unit.id))] : []),
    ...children.filter((c) => byUnit.has(c.id)).map((c) => group(c.id, c.nameJa, byUnit.get(c.id))),
  ];
  const roleRows = rowsOf<AggRow & { role_key: string; name: string | null }>(
    await ctx.db.execute(sql`with per as (${per})
      select k.key as role_key, min(ro.name_ja) as name, ${aggregates()}
      from per cross join lateral jsonb_array_elements_text(per.role_keys) as k(key)
      left join roles ro on ro.tenant_id = ${d.tenantId} and ro.key = k.key
      group by k.key order by k.key`),
  );
  const flaggedRows = rowsOf<{ flag: string; n: number }>(
    await ctx.db.execute(sql`
      select f.flag, count(*)::int as n
      from drill_events e join drill_recipients r on r.id = e.recipient_id
      cross join lateral jsonb_array_elements_text(e.flags) as f(flag)
      where e.drill_id = ${d.id} and ${scope} group by f.flag`),
  );
  return {
    drillId: d.id,
    title: d.title,
    unit: { id: unit.id, name: unit.nameJa },
    overall,
    units,
    roles: roleRows.map((r) => group(r.role_key, r.name ?? r.role_key, r)),
    flaggedEvents: Object.fromEntries(flaggedRows.map((r) => [r.flag, r.n])),
  };
}

/** This drill and the agency's earlier ones, on the same unit's subtree. */
export async function compareDrills(ctx: ActorCtx, drillId: string, unitId?: string) {
  authorize(ctx.actor, 'drill.view');
  const d = await loadDrill(ctx, drillId);
  const unit = await resultsUnit(ctx, unitId);
  const earlier = await ctx.db
    .select()
    .from(drills)
    .where(
      and(
        eq(drills.tenantId, d.tenantId),
        isNotNull(drills.startedAt),
        sql`${drills.startedAt} <= coalesce(${d.startedAt}, now())`,
        inArray(drills.state, ['sending', 'paused', 'done', 'cancelled']),
      ),
    )
    .orderBy(desc(drills.startedAt))
    .limit(10);
  const list = earlier.some((x) => x.id === d.id) ? earlier : [d, ...earlier.slice(0, 9)];
  const items = [];
  for (const x of list) {
    items.push({
      drillId: x.id,
      title: x.title,
      startedAt: x.startedAt?.toISOString() ?? null,
      variant: x.variant,
      announced: x.announced,
      overall: await overallOf(ctx.db, x.id, unit.path, unit.nameJa),
    });
  }
  return { items };
}

/** The dashboard card: the agency's latest drill that has started, on the viewer's own subtree. */
export async function drillSummary(ctx: ActorCtx) {
  authorize(ctx.actor, 'drill.view');
  const [d] = await ctx.db
    .select()
    .from(drills)
    .where(and(eq(drills.tenantId, ctx.actor.tenantId), isNotNull(drills.startedAt)))
    .orderBy(desc(drills.startedAt))
    .limit(1);
  if (!d) return { drill: null };
  const unit = await resultsUnit(ctx, undefined);
  return {
    drill: {
      id: d.id,
      title: d.title,
      state: d.state,
      startedAt: d.startedAt?.toISOString() ?? null,
      overall: await overallOf(ctx.db, d.id, unit.path, unit.nameJa),
    },
  };
}

/** Individual results are the drill administrators' alone (issue #5): tenant-wide drill.manage. */
export function requireIndividualAccess(ctx: ActorCtx) {
  if (!canTenantWide(ctx.actor, 'drill.manage')) throw new AppError('forbidden');
}

export { perRecipient };
