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
import type { ActorCtx } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { authorize, can, canTenantWide, scopeRoots } from '../../server/policy.js';
import { orgUnits } from '../org/schema.js';
import { rootUnit } from '../org/service.js';
import { METRIC_GROUP_NAMES } from '../roles/catalog.js';
import { computeCampaignMetrics } from './campaign-metrics.js';
import { loadCampaign } from './campaign-service.js';
import type { Figures, Headline } from './metrics.js';
import { crossUnitFigures, yearOverYear } from './metrics-compare.js';
import { campaignItems, campaignResults, campaigns } from './schema.js';

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
  }[];
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

/** Computes the full results of a campaign (optionally for one unit's subtree). */
export async function buildResults(
  db: Db,
  c: CampaignRow,
  opts: { naPasses: boolean; root?: { id: string; path: string } | null },
): Promise<ResultsPayload> {
  // Per-item lists are needed only for the units directly below the root (for pooling across them).
  const topId = opts.root?.id ?? (await rootUnit(db, c.tenantId)).id;
  const childIds = new Set(
    (await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.parentId, topId))).map(
      (u) => u.id,
    ),
  );
  const metrics = await computeCampaignMetrics(db, c, {
    naPasses: opts.naPasses,
    withinPath: opts.root?.path,
    unitItems: (id) => childIds.has(id),
  });
  const unitIds = Object.keys(metrics.units);
  const unitRows = unitIds.length
    ? await db.select().from(orgUnits).where(inArray(orgUnits.id, unitIds))
    : [];
  const rootDepth = opts.root ? (unitRows.find((u) => u.id === opts.root!.id)?.depth ?? 0) : 0;
  const units = unitRows
    .filter((u) => u.depth >= rootDepth)
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
  return {
    campaignId: c.id,
    title: c.title,
    fiscalYear: c.fiscalYear,
    state: c.state,
    naPasses: opts.naPasses,
    frozen: false,
    computedAt: new Date().toISOString(),
    rootUnitId: opts.root?.id ?? null,
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
    })),
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

async function withPrevious(
  db: Db,
  c: CampaignRow,
  current: ResultsPayload,
  root: { id: string; path: string } | null,
): Promise<ResultsPayload> {
  const prev = await previousOf(db, c);
  if (!prev || prev.state === 'draft') return current;
  const before = root
    ? await buildResults(db, prev, { naPasses: current.naPasses, root })
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

async function frozenOrLive(db: Db, c: CampaignRow, naPasses: boolean): Promise<ResultsPayload> {
  if (c.state === 'published') {
    const [snap] = await db
      .select()
      .from(campaignResults)
      .where(and(eq(campaignResults.campaignId, c.id), eq(campaignResults.naPasses, naPasses)));
    if (snap) return { ...(snap.payload as ResultsPayload), frozen: true };
  }
  return buildResults(db, c, { naPasses, root: null });
}

/** At publication: the agency-wide figures, both ways of counting 該当なし, frozen as they are now. */
export async function freezeResults(db: Db, c: CampaignRow) {
  for (const naPasses of [false, true]) {
    const payload = await withPrevious(db, c, await buildResults(db, c, { naPasses, root: null }), null);
    await db
      .insert(campaignResults)
      .values({ campaignId: c.id, naPasses, payload: { ...payload, state: 'published' } })
      .onConflictDoNothing();
  }
}

/**
 * Results as the actor may see them: the whole agency for those who hold selfcheck.view at the root,
 * otherwise the subtree where they hold it (a division head sees their division).
 */
export async function getResults(
  ctx: ActorCtx,
  campaignId: string,
  q: { naPasses: boolean; unitId?: string | undefined },
) {
  authorize(ctx.actor, 'selfcheck.view');
  const c = await loadCampaign(ctx, campaignId);
  if (c.state === 'draft')
    throw new AppError('invalid_state', {
      detail: { ja: 'まだ開始していません。', en: 'The campaign has not opened yet.' },
    });
  let root: { id: string; path: string } | null = null;
  if (q.unitId) {
    const [u] = await ctx.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, q.unitId), eq(orgUnits.tenantId, ctx.actor.tenantId)));
    if (!u || !can(ctx.actor, 'selfcheck.view', { tenantId: u.tenantId, unitPath: u.path }))
      throw new AppError('not_found');
    if (u.depth > 0) root = { id: u.id, path: u.path };
  } else if (!canTenantWide(ctx.actor, 'selfcheck.view')) {
    const path = scopeRoots(ctx.actor, 'selfcheck.view')[0]!;
    root = { id: path.split('/').filter(Boolean).at(-1)!, path };
  }
  if (!root) return withPrevious(ctx.db, c, await frozenOrLive(ctx.db, c, q.naPasses), null);
  return withPrevious(ctx.db, c, await buildResults(ctx.db, c, { naPasses: q.naPasses, root }), root);
}

const pct = (x: number | null) => (x === null ? '' : decimal(Math.round(x * 1000) / 10, 1));

/** The report's tables as .xlsx (one sheet each) or one table as CSV. Percentages to 0.1 %. */
export async function exportResults(
  ctx: ActorCtx,
  campaignId: string,
  q: {
    naPasses: boolean;
    unitId?: string | undefined;
    format: 'xlsx' | 'csv';
    table: 'items' | 'units' | 'groups';
  },
) {
  const r = await getResults(ctx, campaignId, q);
  const title = new Map(r.items.map((i) => [i.itemId, i.title]));
  const groupRows = Object.entries(r.groups).map(([g, f]) => [
    METRIC_GROUP_NAMES[g as keyof typeof METRIC_GROUP_NAMES]?.ja ?? g,
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
  const itemHeader = ['項目番号', '項目', '義務のある回答数', '実施数', '実施率(%)'];
  const itemRows = r.overall.items.map((i) => [
    i.item,
    title.get(i.item) ?? '',
    i.duty,
    i.implemented,
    pct(i.rate),
  ]);
  const unitHeader = [
    '組織コード',
    '組織名',
    '階層',
    '対象者数',
    '回答者数',
    '把握率(%)',
    '実施率 nisc(%)',
    '到達率100(%)',
  ];
  const unitRows = r.units.map((u) => [
    u.code,
    u.nameJa,
    u.depth,
    u.figures.inScope,
    u.figures.captured,
    pct(u.figures.coverage),
    pct(u.figures.implementation.nisc),
    pct(u.figures.attainment['100']),
  ]);
  const name = `selfcheck-${r.fiscalYear}-${campaignId.slice(0, 8)}`;
  if (q.format === 'csv') {
    const [header, rows] =
      q.table === 'items'
        ? [itemHeader, itemRows]
        : q.table === 'units'
          ? [unitHeader, unitRows]
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
  if (r.previous) {
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
