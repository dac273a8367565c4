import { and, asc, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { isSmallGroup } from '../../lib/small-groups.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, canTenantWide, inScope, scopeRoots, withinSubtree } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { minimumGroupSize } from '../org/service.js';
import { loadDrill } from './drill-service.js';
import { rate } from './rules.js';
import { drills } from './schema.js';
import type { Figures, GroupResult, ResultsOut } from './validation.js';

type UnitRow = typeof orgUnits.$inferSelect;

/**
 * What results are about: the unit asked for (if within the viewer's drill.view scope), or every
 * subtree the viewer holds drill.view on. `where` limits a recipient's unit path to it.
 */
export interface ResultsScope {
  /** The one unit the results are about; null when they cover several subtrees. */
  unit: UnitRow | null;
  roots: UnitRow[];
  label: string;
  where(pathColumn: SQL): SQL;
}

export async function resultsScope(ctx: ActorCtx, unitId: string | undefined): Promise<ResultsScope> {
  if (unitId) {
    const [u] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!u || !can(ctx.actor, 'drill.view', { tenantId: u.tenantId, unitPath: u.path }))
      throw new AppError('not_found');
    return { unit: u, roots: [u], label: u.nameJa, where: (col) => withinSubtree(col, u.path) };
  }
  const paths = scopeRoots(ctx.actor, 'drill.view');
  if (paths.length === 0) throw new AppError('forbidden');
  const ids = paths.map((p) => p.split('/').filter(Boolean).at(-1)!);
  const roots = await ctx.db
    .select()
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, ids), eq(orgUnits.tenantId, ctx.actor.tenantId)))
    .orderBy(asc(orgUnits.path));
  if (roots.length === 0) throw new AppError('forbidden');
  return {
    unit: roots.length === 1 ? roots[0]! : null,
    roots,
    label: roots.map((u) => u.nameJa).join('・'),
    where: (col) => inScope(ctx.actor, 'drill.view', col),
  };
}

/**
 * One row per recipient with the first time of each kind of event, with scanner-flagged events
 * (…_all) and without them (…_ppl).
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

/**
 * 開封 is NISC's: the link accessed or the attachment opened, recorded on the server
 * (001 L11409-11412, the 開封率 of L11443-11445). The tracking image alone is メール表示.
 */
function aggregates() {
  const set = (s: 'all' | 'ppl') =>
    sql.raw(`
      count(*) filter (where coalesce(click_${s}, att_${s}) is not null)::int as opened_${s},
      count(*) filter (where click_${s} is not null)::int as click_${s},
      count(*) filter (where att_${s} is not null)::int as att_${s},
      count(*) filter (where open_${s} is not null)::int as displayed_${s},
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
  const delivered = Number(r.delivered);
  return {
    opened: n('opened'),
    linkClicked: n('click'),
    attachmentOpened: n('att'),
    mailDisplayed: n('displayed'),
    reported: n('reported'),
    surveyAnswered: n('survey'),
    openRate: rate(n('opened'), delivered),
    mailDisplayRate: rate(n('displayed'), delivered),
    reportRate: rate(n('reported'), delivered),
    timeToFirstReportSeconds: ttr === null || ttr === undefined ? null : Math.max(0, Math.round(Number(ttr))),
  };
}

/**
 * Who may see the figures of a group smaller than the agency's minimum: only those who may already
 * see individual results (tenant-wide drill.manage). Everyone else gets the row withheld.
 */
export interface SmallGroupPolicy {
  minGroupSize: number;
  showSmall: boolean;
}

export async function smallGroupPolicy(ctx: ActorCtx): Promise<SmallGroupPolicy> {
  return {
    minGroupSize: await minimumGroupSize(ctx.db, ctx.actor.tenantId),
    showSmall: canTenantWide(ctx.actor, 'drill.manage'),
  };
}

export function group(
  key: string,
  label: string,
  r: AggRow | undefined,
  small: SmallGroupPolicy,
): GroupResult {
  const row = r ?? ({ targeted: 0, delivered: 0 } as AggRow);
  const targeted = Number(row.targeted);
  if (!small.showSmall && isSmallGroup(targeted, small.minGroupSize)) {
    return { key, label, targeted, delivered: null, suppressed: true, all: null, people: null };
  }
  return {
    key,
    label,
    targeted,
    delivered: Number(row.delivered),
    suppressed: false,
    all: figures(row, 'all'),
    people: figures(row, 'ppl'),
  };
}

/** Aggregates of the recipients within `where`, with no row suppressed (callers decide). */
async function aggregateOf(db: Db, drillId: string, where: SQL): Promise<AggRow | undefined> {
  return rowsOf<AggRow>(
    await db.execute(sql`with per as (${perRecipient(drillId, where)}) select ${aggregates()} from per`),
  )[0];
}

/** A bucket of recipients: the unit path they must be within (or exactly at, for a unit's own members). */
export interface Bucket {
  key: string;
  path: string;
  exact?: boolean;
}

/**
 * Aggregates per bucket in one pass: each recipient goes to the first bucket whose path holds it,
 * then to `targetOf(bucket)` (a small unit merged into its parent in exports).
 */
export async function bucketAggregates(
  db: Db,
  drillId: string,
  where: SQL,
  buckets: Bucket[],
  targetOf: (key: string) => string = (k) => k,
): Promise<Map<string, AggRow>> {
  if (buckets.length === 0) return new Map();
  const col = sql`per.unit_path`;
  const cases = buckets.map(
    (b) =>
      sql`when ${b.exact ? sql`${col} = ${b.path}` : withinSubtree(col, b.path)} then ${targetOf(b.key)}`,
  );
  const rows = rowsOf<AggRow & { bucket: string | null }>(
    await db.execute(sql`with per as (${perRecipient(drillId, where)}),
      sorted as (select per.*, case ${sql.join(cases, sql` `)} end as bucket from per)
      select bucket, ${aggregates()} from sorted where bucket is not null group by bucket`),
  );
  return new Map(rows.map((r) => [r.bucket!, r]));
}

export async function overallOf(
  db: Db,
  drillId: string,
  where: SQL,
  label: string,
  small: SmallGroupPolicy,
): Promise<GroupResult> {
  return group('overall', label, await aggregateOf(db, drillId, where), small);
}

/**
 * The rows "by unit": for one unit, its own members and each unit directly below; for several
 * subtrees, one row per subtree.
 */
export async function unitBuckets(ctx: ActorCtx, scope: ResultsScope) {
  if (!scope.unit) {
    return scope.roots.map((u) => ({ key: u.id, label: u.nameJa, path: u.path, parentKey: null }));
  }
  const unit = scope.unit;
  const children = await ctx.db
    .select()
    .from(orgUnits)
    .where(eq(orgUnits.parentId, unit.id))
    .orderBy(asc(orgUnits.sortOrder), asc(orgUnits.code));
  return [
    { key: unit.id, label: `${unit.nameJa}（直属）`, path: unit.path, exact: true, parentKey: null },
    ...children.map((c) => ({
      key: c.id,
      label: c.nameJa,
      path: c.path,
      parentKey: unit.id as string | null,
    })),
  ];
}

/** Open (NISC), mail-display and report rates of the scope, of each unit below it, and by role. */
export async function getResults(ctx: ActorCtx, drillId: string, unitId?: string): Promise<ResultsOut> {
  authorize(ctx.actor, 'drill.view');
  const d = await loadDrill(ctx, drillId);
  const scope = await resultsScope(ctx, unitId);
  const small = await smallGroupPolicy(ctx);
  const where = scope.where(sql`r.unit_path`);
  const overall = await overallOf(ctx.db, d.id, where, scope.label, small);
  const buckets = await unitBuckets(ctx, scope);
  const byUnit = await bucketAggregates(ctx.db, d.id, where, buckets);
  const units = buckets
    .filter((b) => Number(byUnit.get(b.key)?.targeted ?? 0) > 0)
    .map((b) => group(b.key, b.label, byUnit.get(b.key), small));
  const roleRows = rowsOf<AggRow & { role_key: string; name: string | null }>(
    await ctx.db.execute(sql`with per as (${perRecipient(d.id, where)})
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
      where e.drill_id = ${d.id} and ${where} group by f.flag`),
  );
  return {
    drillId: d.id,
    title: d.title,
    unit: scope.unit ? { id: scope.unit.id, name: scope.unit.nameJa } : null,
    scope: scope.roots.map((u) => ({ id: u.id, name: u.nameJa })),
    minGroupSize: small.minGroupSize,
    overall,
    units,
    roles: roleRows.map((r) => group(r.role_key, r.name ?? r.role_key, r, small)),
    flaggedEvents: Object.fromEntries(flaggedRows.map((r) => [r.flag, r.n])),
  };
}

/** This drill and the agency's earlier ones, on the same scope. */
export async function compareDrills(ctx: ActorCtx, drillId: string, unitId?: string) {
  authorize(ctx.actor, 'drill.view');
  const d = await loadDrill(ctx, drillId);
  const scope = await resultsScope(ctx, unitId);
  const small = await smallGroupPolicy(ctx);
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
      overall: await overallOf(ctx.db, x.id, scope.where(sql`r.unit_path`), scope.label, small),
    });
  }
  return { items };
}

/** The dashboard card: the agency's latest drill that has started, on every subtree the viewer holds. */
export async function drillSummary(ctx: ActorCtx) {
  authorize(ctx.actor, 'drill.view');
  const [d] = await ctx.db
    .select()
    .from(drills)
    .where(and(eq(drills.tenantId, ctx.actor.tenantId), isNotNull(drills.startedAt)))
    .orderBy(desc(drills.startedAt))
    .limit(1);
  if (!d) return { drill: null };
  const scope = await resultsScope(ctx, undefined);
  const small = await smallGroupPolicy(ctx);
  return {
    drill: {
      id: d.id,
      title: d.title,
      state: d.state,
      startedAt: d.startedAt?.toISOString() ?? null,
      minGroupSize: small.minGroupSize,
      overall: await overallOf(ctx.db, d.id, scope.where(sql`r.unit_path`), scope.label, small),
    },
  };
}

/** Individual results are the drill administrators' alone (issue #5): tenant-wide drill.manage. */
export function requireIndividualAccess(ctx: ActorCtx) {
  if (!canTenantWide(ctx.actor, 'drill.manage')) throw new AppError('forbidden');
}

export { perRecipient };
