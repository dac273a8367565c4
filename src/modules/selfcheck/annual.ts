// The self-check's figures for a fiscal year, as the annual report (000 L1002-1110) and the statement to
// the central body (001 ch. II) lay them out: the same numbers the results API shows the agency for the
// campaign, agency-wide and unsuppressed (the report is the agency's own), the plan's definition, the
// three-year trend and the policy's 差異 table (000 L574-812).
import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { SelfcheckAnnual } from '../report/figures-model.js';
import { metricReading } from './campaign-rules.js';
import type { Figures, Headline } from './metrics.js';
import { policyDifferences } from './policy-service.js';
import { frozenOrLive, type ResultsPayload } from './results-service.js';
import { campaigns, policies } from './schema.js';

type CampaignRow = typeof campaigns.$inferSelect;

/** Which campaign stands for a fiscal year: the published one, else the latest closed, else the latest open. */
const STATE_RANK: Record<string, number> = { published: 3, closed: 2, open: 1 };
const stamp = (c: CampaignRow) => (c.publishedAt ?? c.closedAt ?? c.openedAt ?? c.createdAt).getTime();

export function yearCampaign<T extends CampaignRow>(rows: readonly T[]): T | null {
  const ranked = rows.filter((c) => STATE_RANK[c.state]);
  ranked.sort((a, b) => STATE_RANK[b.state]! - STATE_RANK[a.state]! || stamp(b) - stamp(a));
  return ranked[0] ?? null;
}

const headline = (f: Headline) => ({
  coverage: f.coverage,
  implementation: { ...f.implementation },
  attainment: { ...f.attainment },
});
const summary = (f: Omit<Figures, 'items'>) => ({
  ...headline(f),
  inScope: f.inScope,
  captured: f.captured,
});
const mapValues = <A, B>(r: Record<string, A>, fn: (a: A) => B): Record<string, B> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fn(v)]));

/** The results payload in the report's shape (pure). */
export function presentAnnual(
  c: CampaignRow,
  r: ResultsPayload,
  extra: Pick<SelfcheckAnnual, 'definition' | 'trend' | 'differences'>,
): SelfcheckAnnual {
  const itemInfo = new Map(r.items.map((i) => [i.itemId, i]));
  // Chapters in the campaign's item order (the catalog's).
  const chapterNos = [...new Set(r.items.map((i) => i.chapterNo))];
  const chapterTitle = new Map(r.items.map((i) => [i.chapterNo, i.chapterTitle]));
  return {
    campaignId: c.id,
    title: c.title,
    state: c.state,
    definition: extra.definition,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    overall: summary(r.overall),
    groups: mapValues(r.groups, summary),
    staffAreas:
      r.staffAreas?.map((a) => ({ area: a.area, areaEn: a.areaEn, nisc: a.nisc, pooled: a.pooled })) ?? null,
    chapters: chapterNos.map((no) => ({
      chapterNo: no,
      title: chapterTitle.get(no) ?? '',
      groups: Object.fromEntries(
        Object.entries(r.chapters)
          .filter(([, chs]) => chs[no])
          .map(([g, chs]) => [g, headline(chs[no]!)]),
      ),
    })),
    // Weakest first, as the engine sorts them (items nobody had a duty for last).
    items: r.overall.items.map((i) => {
      const info = itemInfo.get(i.item);
      return {
        itemId: i.item,
        code: i.item,
        chapterNo: info?.chapterNo ?? '',
        title: info?.title ?? '',
        area: info?.area ?? null,
        duty: i.duty,
        implemented: i.implemented,
        rate: i.rate,
      };
    }),
    trend: extra.trend,
    differences: extra.differences,
    link: `/selfcheck/campaigns/${c.id}/results`,
  };
}

const KIND_JA = { add: '追加', tighten: '強化', not_applicable: '適用除外' } as const;

/** The fiscal year's self-check figures; null when the agency ran no campaign that year. */
export async function selfcheckAnnualFigures(
  db: Db,
  tenantId: string,
  fiscalYear: number,
): Promise<SelfcheckAnnual | null> {
  const rows = await db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.tenantId, tenantId),
        gte(campaigns.fiscalYear, fiscalYear - 2),
        lte(campaigns.fiscalYear, fiscalYear),
      ),
    );
  const c = yearCampaign(rows.filter((r) => r.fiscalYear === fiscalYear));
  if (!c) return null;
  // The figures of the definition the approved plan reports, as the results page opens them.
  const reading = metricReading(c.plan?.metricDefinition ?? 'nisc');
  const results = await frozenOrLive(db, c, reading.naPasses);
  // Earlier years count only once published (their figures are final), read the same way as this year.
  const earlier = [fiscalYear - 2, fiscalYear - 1]
    .map((fy) => yearCampaign(rows.filter((r) => r.fiscalYear === fy && r.state === 'published')))
    .filter((p): p is CampaignRow => p !== null);
  const trend = [];
  for (const p of earlier) {
    const r = await frozenOrLive(db, p, reading.naPasses);
    trend.push({
      fiscalYear: p.fiscalYear,
      overall: headline(r.overall),
      groups: mapValues(r.groups, headline),
    });
  }
  trend.push({
    fiscalYear,
    overall: headline(results.overall),
    groups: mapValues(results.groups, headline),
  });
  const [policy] = await db
    .select({ id: policies.id, catalogVersionId: policies.catalogVersionId })
    .from(policies)
    .where(and(eq(policies.id, c.policyId), eq(policies.tenantId, tenantId)));
  const differences = policy
    ? (await policyDifferences(db, policy)).map((d) => ({
        code: d.itemId,
        title: d.policy?.title ?? d.standard?.title ?? '',
        change: d.policy ? `${KIND_JA[d.kind]}：${d.policy.text}` : KIND_JA[d.kind],
        reason: d.reason,
      }))
    : [];
  return presentAnnual(c, results, { definition: reading.variant, trend, differences });
}
