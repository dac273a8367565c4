import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  type Cell,
  CSV_TYPE,
  decimal,
  type Sheet,
  writeCsv,
  writeWorkbook,
  XLSX_TYPE,
} from '../../lib/export.js';
import { isSmallGroup } from '../../lib/small-groups.js';
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, canTenantWide, scopeRoots } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { minimumGroupSize, rootUnit } from '../org/service.js';
import { METRIC_GROUP_NAMES } from '../roles/catalog.js';
import { cachedCampaignMetrics } from './campaign-metrics.js';
import { loadCampaign } from './campaign-service.js';
import type { Figures, Headline } from './metrics.js';
import { crossUnitFigures, yearOverYear } from './metrics-compare.js';
import { resultsToOscal } from './oscal/assessment-results.js';
import { OSCAL_JSON_TYPE, oscalBody } from './oscal/catalog.js';
import { loadPolicy } from './policy-service.js';
import {
  maySeeSmallGroups,
  mergeSmallForCentral,
  mergeSmallForExport,
  type ResultsView,
  suppressSmallGroups,
} from './results-privacy.js';
import { campaignItems, campaignResults, campaigns } from './schema.js';
import { type AreaFigure, staffAreaFigures } from './staff-areas.js';

type CampaignRow = typeof campaigns.$inferSelect;
const headlineOnly = (f: Headline): Headline => ({
  coverage: f.coverage,
  implementation: f.implementation,
  attainment: f.attainment,
});
const headline = (f: Figures): Omit<Figures, 'items'> => ({
  inScope: f.inScope,
  captured: f.captured,
  allImplemented: f.allImplemented,
  coverage: f.coverage,
  implementation: f.implementation,
  attainment: f.attainment,
});

export interface ResultsPayload {
  campaignId: string;
  title: string;
  fiscalYear: number;
  state: string;
  naPasses: boolean;
  frozen: boolean;
  computedAt: string;
  rootUnitId: string | null;
  /** The subtrees counted: all of the viewer's scope roots (empty = the whole agency). */
  rootUnitIds?: string[];
  overall: Figures;
  groups: Record<string, Figures>;
  roles: Record<string, Omit<Figures, 'items'>>;
  chapters: Record<string, Record<string, Omit<Figures, 'items'>>>;
  units: {
    unitId: string;
    code: string;
    nameJa: string;
    nameEn: string | null;
    parentId: string | null;
    depth: number;
    figures: Omit<Figures, 'items'>;
  }[];
  /** The units one level below the root, pooled by headcount and as the unweighted mean of their rates. */
  crossUnit: { pooled: Omit<Figures, 'items'>; mean: Headline } | null;
  items: {
    itemId: string;
    chapterNo: string;
    chapterTitle: string;
    chapterTitleEn: string | null;
    title: string;
    titleEn: string | null;
    area?: string | null;
  }[];
  /** Ordinary staff's 実施率 in the eight areas (001 L2883-2904); null without staff answers. */
  staffAreas?: AreaFigure[] | null;
  previous: {
    campaignId: string;
    title: string;
    fiscalYear: number;
    overall: Headline & {
      items: { item: string; current: number | null; previous: number | null; change: number | null }[];
    };
    groups: Record<string, Headline>;
    /** Last year's own figures (the fields above are this year − last year). */
    figures: { overall: Headline; groups: Record<string, Headline> };
  } | null;
}

type Root = { id: string; path: string };

/** Computes the full results of a campaign (optionally for the subtrees of some units). */
export async function buildResults(
  db: Db,
  c: CampaignRow,
  opts: { naPasses: boolean; roots?: readonly Root[] | null },
): Promise<ResultsPayload> {
  const roots = opts.roots ?? [];
  // Per-item lists are needed only for the units directly below the root(s) (for pooling across them).
  const topIds = roots.length ? roots.map((r) => r.id) : [(await rootUnit(db, c.tenantId)).id];
  const childIds = new Set(
    (await db.select({ id: orgUnits.id }).from(orgUnits).where(inArray(orgUnits.parentId, topIds))).map(
      (u) => u.id,
    ),
  );
  const metrics = await cachedCampaignMetrics(
    db,
    c,
    { naPasses: opts.naPasses, withinPaths: roots.map((r) => r.path), unitItems: (id) => childIds.has(id) },
    JSON.stringify([roots.map((r) => r.path), [...childIds].sort()]),
  );
  const unitIds = Object.keys(metrics.units);
  const unitRows = unitIds.length
    ? await db.select().from(orgUnits).where(inArray(orgUnits.id, unitIds))
    : [];
  const units = unitRows
    .filter((u) => roots.length === 0 || roots.some((r) => u.path.startsWith(r.path)))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((u) => ({
      unitId: u.id,
      code: u.code,
      nameJa: u.nameJa,
      nameEn: u.nameEn,
      parentId: u.parentId,
      depth: u.depth,
      figures: headline(metrics.units[u.id]!),
    }));
  const children = unitRows.filter((u) => childIds.has(u.id)).map((u) => metrics.units[u.id]!);
  const cross = children.length ? crossUnitFigures(children) : null;
  const items = await db.select().from(campaignItems).where(eq(campaignItems.campaignId, c.id));
  const strip = <T extends Record<string, Figures>>(r: T) =>
    Object.fromEntries(Object.entries(r).map(([k, f]) => [k, headline(f)]));
  const staff = metrics.groups.staff;
  return {
    campaignId: c.id,
    title: c.title,
    fiscalYear: c.fiscalYear,
    state: c.state,
    naPasses: opts.naPasses,
    frozen: false,
    computedAt: new Date().toISOString(),
    rootUnitId: roots.length === 1 ? roots[0]!.id : null,
    rootUnitIds: roots.map((r) => r.id),
    overall: metrics.overall,
    groups: metrics.groups,
    roles: strip(metrics.roles),
    chapters: Object.fromEntries(Object.entries(metrics.chapters).map(([g, chs]) => [g, strip(chs)])),
    units,
    crossUnit: cross ? { pooled: headline(cross.pooled), mean: cross.mean } : null,
    items: items.map((i) => ({
      itemId: i.itemId,
      chapterNo: i.chapterNo,
      chapterTitle: i.chapterTitle,
      chapterTitleEn: i.chapterTitleEn,
      title: i.title,
      titleEn: i.titleEn,
      area: i.area,
    })),
    staffAreas: staff ? staffAreaFigures(staff.items, new Map(items.map((i) => [i.itemId, i.area]))) : null,
    previous: null,
  };
}

/** The campaign to compare with: the chosen one, or the latest published one of an earlier year. */
async function previousOf(db: Db, c: CampaignRow) {
  if (c.previousCampaignId) {
    const [p] = await db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.id, c.previousCampaignId), eq(campaigns.tenantId, c.tenantId)));
    return p ?? null;
  }
  const [p] = await db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.tenantId, c.tenantId),
        eq(campaigns.state, 'published'),
        lt(campaigns.fiscalYear, c.fiscalYear),
      ),
    )
    .orderBy(desc(campaigns.fiscalYear), desc(campaigns.publishedAt))
    .limit(1);
  return p ?? null;
}

export async function withPrevious(
  db: Db,
  c: CampaignRow,
  current: ResultsPayload,
  roots: readonly Root[],
): Promise<ResultsPayload> {
  const prev = await previousOf(db, c);
  if (!prev || prev.state === 'draft') return current;
  const before = roots.length
    ? await buildResults(db, prev, { naPasses: current.naPasses, roots })
    : await frozenOrLive(db, prev, current.naPasses);
  return {
    ...current,
    previous: {
      campaignId: prev.id,
      title: prev.title,
      fiscalYear: prev.fiscalYear,
      overall: yearOverYear(current.overall, before.overall),
      figures: {
        overall: headlineOnly(before.overall),
        groups: Object.fromEntries(Object.entries(before.groups).map(([g, f]) => [g, headlineOnly(f)])),
      },
      groups: Object.fromEntries(
        Object.entries(current.groups)
          .filter(([g]) => before.groups[g])
          .map(([g, f]) => {
            const { items: _items, ...h } = yearOverYear(f, before.groups[g]!);
            return [g, h];
          }),
      ),
    },
  };
}

/** The agency-wide figures, unsuppressed: frozen at publication, otherwise computed now. */
export async function frozenOrLive(db: Db, c: CampaignRow, naPasses: boolean): Promise<ResultsPayload> {
  if (c.state === 'published') {
    const [snap] = await db
      .select()
      .from(campaignResults)
      .where(and(eq(campaignResults.campaignId, c.id), eq(campaignResults.naPasses, naPasses)));
    if (snap) {
      const frozen = snap.payload as ResultsPayload;
      return { ...frozen, staffAreas: frozen.staffAreas ?? null, frozen: true };
    }
  }
  return buildResults(db, c, { naPasses, roots: null });
}

/** At publication: the agency-wide figures, both ways of counting 該当なし, frozen as they are now. */
export async function freezeResults(db: Db, c: CampaignRow) {
  for (const naPasses of [false, true]) {
    const payload = await withPrevious(db, c, await buildResults(db, c, { naPasses, roots: null }), []);
    await db
      .insert(campaignResults)
      .values({ campaignId: c.id, naPasses, payload: { ...payload, state: 'published' } })
      .onConflictDoNothing();
  }
}

/**
 * The figures for the actor's scope, unsuppressed: the whole agency for those who hold selfcheck.view
 * at the root, otherwise every subtree where they hold it (a head of two divisions sees both).
 */
async function scopedResults(
  ctx: ActorCtx,
  campaignId: string,
  q: { naPasses: boolean; unitId?: string | undefined },
): Promise<ResultsPayload> {
  authorize(ctx.actor, 'selfcheck.view');
  const c = await loadCampaign(ctx, campaignId);
  if (c.state === 'draft')
    throw new AppError('invalid_state', {
      detail: { ja: 'まだ開始していません。', en: 'The campaign has not opened yet.' },
    });
  let roots: Root[] = [];
  if (q.unitId) {
    const [u] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, q.unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!u || !can(ctx.actor, 'selfcheck.view', { tenantId: u.tenantId, unitPath: u.path }))
      throw new AppError('not_found');
    if (u.depth > 0) roots = [{ id: u.id, path: u.path }];
  } else if (!canTenantWide(ctx.actor, 'selfcheck.view')) {
    roots = scopeRoots(ctx.actor, 'selfcheck.view').map((path) => ({
      id: path.split('/').filter(Boolean).at(-1)!,
      path,
    }));
  }
  if (!roots.length) return withPrevious(ctx.db, c, await frozenOrLive(ctx.db, c, q.naPasses), []);
  return withPrevious(ctx.db, c, await buildResults(ctx.db, c, { naPasses: q.naPasses, roots }), roots);
}

/**
 * Results as the actor may see them. Figures of fewer people than the agency's minimum group size are
 * suppressed unless the actor may see individual results (mayseeSmallGroups).
 */
export async function getResults(
  ctx: ActorCtx,
  campaignId: string,
  q: { naPasses: boolean; unitId?: string | undefined },
): Promise<ResultsView> {
  const r = await scopedResults(ctx, campaignId, q);
  if (maySeeSmallGroups(ctx.actor)) return { ...r, minGroupSize: null };
  return suppressSmallGroups(r, await minimumGroupSize(ctx.db, ctx.actor.tenantId));
}

/** What goes to the central body: agency-wide figures with small roles and groups merged upward. */
export async function centralSubmission(db: Db, c: CampaignRow) {
  const r = await buildResults(db, c, { naPasses: false, roots: null });
  return mergeSmallForCentral(r, await minimumGroupSize(db, c.tenantId));
}

const pct = (x: number | null) => (x === null ? '' : decimal(Math.round(x * 1000) / 10, 1));

/** The report's tables as .xlsx (one sheet each) or one table as CSV. Percentages to 0.1 %. */
export async function exportResults(
  ctx: ActorCtx,
  campaignId: string,
  q: {
    naPasses: boolean;
    unitId?: string | undefined;
    format: 'xlsx' | 'csv' | 'oscal';
    table: 'items' | 'units' | 'groups' | 'areas';
  },
) {
  const raw = await scopedResults(ctx, campaignId, q);
  const min = await minimumGroupSize(ctx.db, ctx.actor.tenantId);
  // Exports leave the system: small units and groups are merged upward for everyone.
  const r = mergeSmallForExport(raw, min);
  // The whole scope cannot merge upward: when it is itself small, as on the results page, its
  // figures are withheld from those who may not see small groups (only its headcount is given).
  const withheld = isSmallGroup(r.overall.inScope, min) && !maySeeSmallGroups(ctx.actor);
  if (q.format === 'oscal') {
    const c = await loadCampaign(ctx, campaignId);
    const policy = await loadPolicy(ctx, c.policyId);
    const doc = resultsToOscal({ campaign: c, policy, results: r, minGroupSize: min, withheld });
    return {
      body: oscalBody(doc),
      type: OSCAL_JSON_TYPE,
      filename: `selfcheck-${r.fiscalYear}-${campaignId.slice(0, 8)}.oscal-assessment-results.json`,
    };
  }
  const mergedNote = (what: string) => [`${min}人未満の${what}は上位に統合しています`];
  const withheldNote = [`対象者が${min}人未満のため、数値は表示しません（個人の回答が分かるため）`];
  const title = new Map(r.items.map((i) => [i.itemId, i.title]));
  const groupName = (g: string) => METRIC_GROUP_NAMES[g as keyof typeof METRIC_GROUP_NAMES]?.ja ?? g;
  const rows = [
    ...Object.entries(r.groups).map(([g, f]) => [groupName(g), f] as const),
    ['全体', r.overall] as const,
  ];
  const groupRows: Cell[][] = withheld
    ? [['全体', r.overall.inScope], withheldNote]
    : rows.map(([name, f]) => [
        name,
        f.inScope,
        f.captured,
        pct(f.coverage),
        pct(f.implementation.nisc),
        pct(f.implementation.pooled),
        pct(f.implementation.meti_all_items),
        pct(f.attainment['100']),
        pct(f.attainment['95']),
        pct(f.attainment['90']),
      ]);
  const groupHeader = [
    '区分',
    '対象者数',
    '回答者数',
    '把握率(%)',
    '実施率 nisc(%)',
    '実施率 pooled(%)',
    '実施率 全項目実施者(%)',
    '到達率100(%)',
    '到達率95(%)',
    '到達率90(%)',
  ];
  if (r.mergedGroups.length && !withheld)
    groupRows.push([`${min}人未満のため全体に統合: ${r.mergedGroups.map(groupName).join('、')}`]);
  const areaHeader = [
    '領域',
    '項目数',
    '義務のある回答数',
    '実施数',
    '実施率(%)',
    '実施率 pooled(%)',
    '最も低い',
  ];
  const areaRows: Cell[][] = (r.staffAreas ?? []).map((a) => [
    a.area,
    a.items,
    a.duty,
    a.implemented,
    pct(a.nisc),
    pct(a.pooled),
    a.weakest ? '○' : '',
  ]);
  if (!r.staffAreas) areaRows.push(withheld ? withheldNote : mergedNote('行政事務従事者の集計'));
  const itemHeader = ['項目番号', '項目', '義務のある回答数', '実施数', '実施率(%)'];
  const itemRows: Cell[][] = withheld
    ? [withheldNote]
    : r.overall.items.map((i) => [i.item, title.get(i.item) ?? '', i.duty, i.implemented, pct(i.rate)]);
  const unitHeader = [
    '組織コード',
    '組織名',
    '階層',
    '対象者数',
    '回答者数',
    '把握率(%)',
    '実施率 nisc(%)',
    '到達率100(%)',
    '統合した組織数',
  ];
  const unitRows: Cell[][] = r.units.map((u) => [
    u.code,
    u.nameJa,
    u.depth,
    u.figures.inScope,
    u.figures.captured,
    pct(u.figures.coverage),
    pct(u.figures.implementation.nisc),
    pct(u.figures.attainment['100']),
    u.merged,
  ]);
  if (r.units.some((u) => u.merged)) unitRows.push(mergedNote('組織'));
  if (withheld) unitRows.push(withheldNote);
  const name = `selfcheck-${r.fiscalYear}-${campaignId.slice(0, 8)}`;
  if (q.format === 'csv') {
    const [header, rows] =
      q.table === 'items'
        ? [itemHeader, itemRows]
        : q.table === 'units'
          ? [unitHeader, unitRows]
          : q.table === 'areas'
            ? [areaHeader, areaRows]
            : [groupHeader, groupRows];
    return {
      body: writeCsv(header, rows),
      type: CSV_TYPE,
      filename: `${name}-${q.table}.csv`,
    };
  }
  const sheets: Sheet[] = [];
  const sheet = (n: string, header: string[], rows: Cell[][]) => {
    sheets.push({ name: n, header, rows, widths: 16 });
  };
  sheet('区分別', groupHeader, groupRows);
  sheet('項目別（弱い順）', itemHeader, itemRows);
  sheet('組織別', unitHeader, unitRows);
  sheet('領域別（行政事務従事者）', areaHeader, areaRows);
  if (r.previous && !withheld) {
    sheet(
      '前年度比',
      ['項目番号', '項目', '今年度(%)', '前年度(%)', '差(ポイント)'],
      r.previous.overall.items.map((i) => [
        i.item,
        title.get(i.item) ?? '',
        pct(i.current),
        pct(i.previous),
        pct(i.change),
      ]),
    );
  }
  return {
    body: await writeWorkbook(sheets),
    type: XLSX_TYPE,
    filename: `${name}.xlsx`,
  };
}
