import { and, asc, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.js';
import { withinSubtree } from '../../server/policy.js';
import { meaningTable, UNANSWERED } from './campaign-rules.js';
import { createMetricsAccumulator, type MetricsResult } from './metrics.js';
import { campaignItems, campaignMembers, type campaigns } from './schema.js';

export interface CampaignMetrics extends MetricsResult {
  itemIds: string[];
}

const UNANSWERED_CODE = UNANSWERED.charCodeAt(0);

interface Cell {
  group: string;
  role: string;
  unitPath: string[];
  inScope: number;
  captured: number;
  notAll: number;
  notAllByChapter: Int32Array;
  /** Per item: implemented, not implemented, 該当なし. */
  counts: Int32Array;
}

/**
 * The campaign's full metrics from its packed answers: one grouped scan (identical answer strings of
 * one unit and role collapse into one row with a count), a tight loop over the characters into
 * per-(unit, role) counters, then the pure engine (metrics.ts) rolls them up to every unit level,
 * group, role and chapter.
 */
export async function computeCampaignMetrics(
  db: Db,
  campaign: Pick<typeof campaigns.$inferSelect, 'id' | 'answerOptions'>,
  opts: { naPasses: boolean; withinPath?: string | undefined },
): Promise<CampaignMetrics> {
  const items = await db
    .select({
      idx: campaignItems.idx,
      itemId: campaignItems.itemId,
      chapterNo: campaignItems.chapterNo,
      roleKeys: campaignItems.roleKeys,
    })
    .from(campaignItems)
    .where(eq(campaignItems.campaignId, campaign.id))
    .orderBy(asc(campaignItems.idx));
  const itemIds = items.map((i) => i.itemId);
  const chapters = [...new Set(items.map((i) => i.chapterNo))];
  const chapterOfIdx = Int32Array.from(items.map((i) => chapters.indexOf(i.chapterNo)));
  const chapterByItem = new Map(items.map((i) => [i.itemId, i.chapterNo]));
  // Each role is measured on its own items only (an item no role-holder had to answer is not a 0 %).
  const itemsOfRole = new Map<string, number[]>();
  for (const it of items)
    for (const k of it.roleKeys) itemsOfRole.set(k, [...(itemsOfRole.get(k) ?? []), it.idx]);
  const meanings = meaningTable(campaign.answerOptions);
  const code = (m: string) => (m === 'implemented' ? 0 : m === 'not_implemented' ? 1 : 2);
  const meaningCode = Int8Array.from(meanings.map((m) => (m === null ? -1 : code(m))));

  const where = and(
    eq(campaignMembers.campaignId, campaign.id),
    opts.withinPath ? withinSubtree(campaignMembers.unitPath, opts.withinPath) : undefined,
  );
  const result = await db.execute(sql`
    select unit_path, role_key, metric_group, in_scope, (in_scope and state = 'submitted') as captured,
      case when in_scope and state = 'submitted' then answers else '' end as answers, count(*)::int as n
    from campaign_members where ${where}
    group by 1, 2, 3, 4, 5, 6`);
  const rows = rowsOf<{
    unit_path: string;
    role_key: string;
    metric_group: string;
    in_scope: boolean;
    captured: boolean;
    answers: string;
    n: number;
  }>(result);

  const cells = new Map<string, Cell>();
  const n = itemIds.length;
  const failedChapters = new Int32Array(chapters.length);
  for (const r of rows) {
    const key = `${r.metric_group}\u0000${r.role_key}\u0000${r.unit_path}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        group: r.metric_group,
        role: r.role_key,
        unitPath: r.unit_path.split('/').filter(Boolean),
        inScope: 0,
        captured: 0,
        notAll: 0,
        notAllByChapter: new Int32Array(chapters.length),
        counts: new Int32Array(n * 3),
      };
      cells.set(key, cell);
    }
    if (r.in_scope) cell.inScope += r.n;
    if (!r.captured) continue;
    cell.captured += r.n;
    failedChapters.fill(0);
    let failed = false;
    const a = r.answers;
    for (let i = 0; i < n && i < a.length; i++) {
      const c = a.charCodeAt(i);
      if (c === UNANSWERED_CODE) continue;
      const m = meaningCode[c] ?? -1;
      if (m < 0) continue;
      cell.counts[i * 3 + m]! += r.n;
      if (m === 1) {
        failed = true;
        failedChapters[chapterOfIdx[i]!] = 1;
      }
    }
    if (failed) cell.notAll += r.n;
    for (let ch = 0; ch < chapters.length; ch++) if (failedChapters[ch]) cell.notAllByChapter[ch]! += r.n;
  }

  const acc = createMetricsAccumulator({
    naPasses: opts.naPasses,
    chapterOf: (id) => chapterByItem.get(id) ?? '',
  });
  for (const cell of cells.values()) {
    acc.addAggregate({
      group: cell.group,
      role: cell.role,
      unitPath: cell.unitPath,
      inScope: cell.inScope,
      captured: cell.captured,
      notAllImplemented: cell.notAll,
      notAllImplementedByChapter: chapters.map((ch, i) => [ch, cell.notAllByChapter[i]!] as const),
      items: (itemsOfRole.get(cell.role) ?? []).map(
        (i) =>
          [
            itemIds[i]!,
            {
              implemented: cell.counts[i * 3]!,
              notImplemented: cell.counts[i * 3 + 1]!,
              noDuty: cell.counts[i * 3 + 2]!,
            },
          ] as const,
      ),
    });
  }
  return { ...acc.result(), itemIds };
}
