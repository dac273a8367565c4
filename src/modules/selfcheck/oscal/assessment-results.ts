// A self-check campaign's results (results-service.ts) as OSCAL assessment-results: one result for the
// campaign, one observation per item carrying its 実施率 (004 L722-742) and counts, one finding per
// item with duty-holders (satisfied when every duty-holder implemented it), and the headline figures
// (把握率 000 L1028, 実施率, 到達率) as props per group. Fractions travel raw as prop values; the
// descriptions show them through the one percent formatter. Pure.
import { formatPercent } from '../../../lib/percent.js';
import type { Figures, Headline } from '../metrics.js';
import type { ResultsPayload } from '../results-service.js';
import type { CampaignPlan } from '../schema.js';
import { label } from './catalog.js';
import { controlId, OSCAL_VERSION, oscalUuid, statementId } from './ids.js';
import {
  type Finding,
  mprop,
  nonEmpty,
  type Observation,
  type OscalAssessmentResults,
  type Prop,
  type Resource,
} from './types.js';

export interface AssessmentInput {
  campaign: {
    id: string;
    title: string;
    fiscalYear: number;
    state: string;
    startsOn: string;
    openedAt: Date | null;
    closedAt: Date | null;
    publishedAt: Date | null;
    plan: CampaignPlan | null;
  };
  policy: { id: string; name: string };
  /** Results as exports see them: small groups already merged away (results-privacy.ts). */
  results: Pick<
    ResultsPayload,
    'overall' | 'groups' | 'items' | 'naPasses' | 'frozen' | 'computedAt' | 'rootUnitIds'
  > & {
    mergedGroups: string[];
  };
  minGroupSize: number;
  /** The whole scope is below the minimum group size for this viewer: no figures at all. */
  withheld?: boolean;
}

export const policyExportHref = (policyId: string) =>
  `/api/v1/selfcheck/policies/${policyId}/export?format=oscal`;

const fraction = (x: number | null) => (x === null ? null : String(x));

function headlineProps(
  f: Omit<Figures, 'items'> | (Headline & { inScope: number; captured: number }),
  cls: string,
): Prop[] {
  return [
    ...mprop('in-scope', f.inScope, cls),
    ...mprop('captured', f.captured, cls),
    ...mprop('coverage', fraction(f.coverage), cls),
    ...mprop('implementation-rate-nisc', fraction(f.implementation.nisc), cls),
    ...mprop('implementation-rate-pooled', fraction(f.implementation.pooled), cls),
    ...mprop('implementation-rate-meti-all-items', fraction(f.implementation.meti_all_items), cls),
    ...mprop('attainment-100', fraction(f.attainment['100']), cls),
    ...mprop('attainment-95', fraction(f.attainment['95']), cls),
    ...mprop('attainment-90', fraction(f.attainment['90']), cls),
  ];
}

const toDateTime = (d: string) => `${d}T00:00:00+09:00`;

export function resultsToOscal(input: AssessmentInput): OscalAssessmentResults {
  const { campaign: c, results: r } = input;
  // Same campaign, same counting and same scope give the same document ids.
  const key = [c.id, String(r.naPasses), ...(r.rootUnitIds ?? [])];
  const planRes = oscalUuid('campaign-plan', c.id);
  const profileRes = oscalUuid('campaign-profile', c.id);
  const titles = new Map(r.items.map((i) => [i.itemId, i]));
  const collected = r.computedAt;
  const observations: Observation[] = [];
  const findings: Finding[] = [];
  for (const f of input.withheld ? [] : r.overall.items) {
    const item = titles.get(f.item);
    const obsUuid = oscalUuid('observation', ...key, f.item);
    const rateText =
      f.rate === null
        ? `義務のある回答なし (no duty-holder answered)`
        : `実施率 ${formatPercent(f.rate, 'ja')}（義務のある回答 ${f.duty} 件中 ${f.implemented} 件が実施）/ implementation rate ${formatPercent(f.rate, 'en')} (${f.implemented} of ${f.duty} duty answers)`;
    observations.push({
      uuid: obsUuid,
      title: `${f.item} ${item?.title ?? ''}`.trim(),
      description: rateText,
      props: [
        label(f.item),
        ...mprop('title-en', item?.titleEn),
        ...mprop('implementation-rate', fraction(f.rate)),
        ...mprop('duty-count', f.duty),
        ...mprop('implemented-count', f.implemented),
      ],
      // A self-check is a questionnaire each person answers about their own practice.
      methods: ['INTERVIEW'],
      collected,
    });
    if (f.rate === null) continue;
    findings.push({
      uuid: oscalUuid('finding', ...key, f.item),
      title: `${f.item} ${item?.title ?? ''}`.trim(),
      description: rateText,
      target: {
        type: 'statement-id',
        'target-id': statementId(f.item),
        status: { state: f.implemented === f.duty ? 'satisfied' : 'not-satisfied' },
      },
      'related-observations': [{ 'observation-uuid': obsUuid }],
    });
  }
  const groupProps = input.withheld ? [] : Object.entries(r.groups).flatMap(([g, f]) => headlineProps(f, g));
  const plan = c.plan;
  const resources: Resource[] = [
    {
      uuid: planRes,
      title: '自己点検計画 (self-check plan)',
      description: plan
        ? [
            `方針: ${plan.policy}`,
            `対象: ${plan.scope}`,
            `点検内容: ${plan.content}`,
            `実施時期: ${plan.timing}`,
            `評価方法: ${plan.evaluation}`,
          ].join('\n\n')
        : '計画は未作成です (no plan was written).',
      props: mprop('metric-definition', plan?.metricDefinition),
    },
    {
      uuid: profileRes,
      title: input.policy.name,
      rlinks: [{ href: policyExportHref(input.policy.id), 'media-type': 'application/json' }],
    },
  ];
  const start = c.openedAt?.toISOString() ?? toDateTime(c.startsOn);
  const lastModified = c.publishedAt?.toISOString() ?? collected;
  return {
    'assessment-results': {
      uuid: oscalUuid('assessment-results', ...key),
      metadata: {
        title: `${c.title}（${c.fiscalYear}年度 自己点検結果）`,
        'last-modified': lastModified,
        version: r.frozen ? `published ${lastModified}` : `live ${collected}`,
        'oscal-version': OSCAL_VERSION,
        props: [
          ...mprop('fiscal-year', c.fiscalYear),
          ...mprop('campaign-state', c.state),
          ...mprop('frozen', r.frozen),
          // Whether 該当なし counted as implemented (002 L567-569).
          ...mprop('na-passes', r.naPasses),
          ...mprop('minimum-group-size', input.minGroupSize),
          ...r.mergedGroups.flatMap((g) => mprop('merged-group', g)),
        ],
      },
      // The self-check plan stands where OSCAL expects an assessment plan.
      'import-ap': { href: `#${planRes}` },
      results: [
        {
          uuid: oscalUuid('result', ...key),
          title: c.title,
          description:
            '自己点検の結果。実施率は項目ごとの「実施した義務者 ÷ 回答した義務者」。人数が最小集計単位に満たない区分は全体に統合しています。 / Self-check results; an item’s implementation rate is duty-holders who implemented ÷ duty-holders who answered. Groups below the minimum size are merged into the total.',
          start,
          ...(c.closedAt ? { end: c.closedAt.toISOString() } : {}),
          props: input.withheld
            ? [...mprop('in-scope', r.overall.inScope, 'overall'), ...mprop('withheld', true, 'overall')]
            : [...headlineProps(r.overall, 'overall'), ...groupProps],
          'reviewed-controls': {
            'control-selections': [
              {
                description: `${input.policy.name} の項目 (items of the policy)`,
                ...(r.items.length
                  ? { 'include-controls': r.items.map((i) => ({ 'control-id': controlId(i.itemId) })) }
                  : { 'include-all': {} }),
              },
            ],
          },
          ...nonEmpty('observations', observations),
          ...nonEmpty('findings', findings),
        },
      ],
      'back-matter': { resources },
    },
  };
}
