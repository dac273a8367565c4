// The national report (001 ch. II) as a ReportDoc: per-agency tables, government means (unweighted,
// 001 L2859), three-year trends and the weakest items. Pure: the renderers turn it into files.
import type { Cell, Column, ReportDoc, Section } from '../report/doc-model.js';
import { METRIC_GROUP_NAMES } from '../roles/catalog.js';
import type { MetricGroup } from '../roles/schema.js';
import { NATIONAL_LABELS as L } from './national-labels.js';
import type { NationalView } from './national-service.js';
import { RATE_KEYS, type Rates } from './rules.js';

type Locale = 'ja' | 'en';

/** The trend chart over the years some agency submitted (the chart renderer draws no empty years). */
function trendChart(v: NationalView, t: (k: keyof typeof L) => string) {
  const years = v.trends.filter((y) => y.agencies > 0 && y.mean.nisc !== null);
  if (years.length === 0) return [];
  return [
    {
      kind: 'chart' as const,
      id: 'trends_chart',
      title: t('trends'),
      type: 'line' as const,
      unit: 'rate' as const,
      categories: years.map((y) => String(y.fiscalYear)),
      series: [
        { name: t('nisc'), values: years.map((y) => y.mean.nisc) },
        { name: t('attainment100'), values: years.map((y) => y.mean.attainment100) },
      ],
    },
  ];
}

const rate = (value: number | null, link?: string): Cell => ({
  value,
  format: 'rate',
  ...(link ? { link } : {}),
});

export function buildNationalDoc(
  v: NationalView,
  opts: {
    locale: Locale;
    tenantCode: string;
    tenantName: string;
    generatedAt: string;
    baseUrl?: string | null;
  },
): ReportDoc {
  const t = (k: keyof typeof L) => L[k][opts.locale];
  const name = (code: string) => {
    const a = v.agencies.find((x) => x.code === code);
    if (!a) return code;
    const n = opts.locale === 'en' ? (a.nameEn ?? a.nameJa) : a.nameJa;
    const via = a.via ? (opts.locale === 'en' ? (a.via.nameEn ?? a.via.nameJa) : a.via.nameJa) : null;
    return via ? `${n}（${t('via')} ${via}）` : n;
  };
  const groupName = (g: string) => METRIC_GROUP_NAMES[g as MetricGroup]?.[opts.locale] ?? g;
  const link = (a: string) => `/central/national?fiscalYear=${v.fiscalYear}&agency=${encodeURIComponent(a)}`;
  const sections: Section[] = [];
  const empty = (key: string) => [{ kind: 'not_in_use' as const, capability: key, text: t('noneSection') }];

  sections.push({
    key: 'agencies',
    number: '1',
    title: t('agencies'),
    blocks: v.agencies.length
      ? [
          {
            kind: 'table',
            id: 'agencies',
            title: t('agencies'),
            columns: [
              { key: 'agency', label: t('agency') },
              { key: 'version', label: t('version'), format: 'count' },
              { key: 'submittedAt', label: t('submittedAt'), format: 'date' },
              { key: 'definition', label: t('definition') },
            ],
            rows: v.agencies.map((a) => [name(a.code), a.version, a.submittedAt, a.definition]),
            note: t('meanNote'),
          },
        ]
      : [{ kind: 'paragraph', text: t('none') }],
  });

  const rateCols: Column[] = RATE_KEYS.map((k) => ({ key: k, label: t(k), format: 'rate' }));
  const rateCells = (r: Rates | undefined, l?: string): Cell[] =>
    RATE_KEYS.map((k) => rate(r?.[k] ?? null, l));
  const scTables = [
    {
      key: 'overall',
      label: t('overall'),
      pick: (r: NationalView['selfcheck']['rows'][number]) => r.overall,
      mean: v.selfcheck.mean.overall,
    },
    ...v.selfcheck.groups.map((g) => ({
      key: g,
      label: groupName(g),
      pick: (r: NationalView['selfcheck']['rows'][number]) => r.groups[g],
      mean: v.selfcheck.mean.groups[g],
    })),
  ];
  sections.push({
    key: 'selfcheck',
    number: '2',
    title: t('selfcheck'),
    blocks: v.selfcheck.rows.length
      ? scTables.map((s) => ({
          kind: 'table' as const,
          id: `sc_${s.key}`.slice(0, 31),
          title: `${t('selfcheck')}: ${s.label}`,
          columns: [{ key: 'agency', label: t('agency') }, ...rateCols],
          rows: [
            ...v.selfcheck.rows.map((r) => [name(r.agencyCode), ...rateCells(s.pick(r), link(r.agencyCode))]),
            [t('mean'), ...rateCells(s.mean)],
          ],
        }))
      : empty('selfcheck'),
  });

  const areaKey = (a: { ja: string; en: string }) => (opts.locale === 'en' ? a.en : a.ja);
  sections.push({
    key: 'areas',
    number: '3',
    title: t('areas'),
    blocks: v.staffAreas.rows.length
      ? [
          {
            kind: 'table',
            id: 'staff_areas',
            title: t('areas'),
            columns: [
              { key: 'agency', label: t('agency') },
              ...v.staffAreas.areas.map((a) => ({ key: a.ja, label: areaKey(a), format: 'rate' as const })),
            ],
            rows: [
              ...v.staffAreas.rows.map((r) => [
                name(r.agencyCode),
                ...v.staffAreas.areas.map((a) => rate(r.values[a.ja] ?? null)),
              ]),
              [t('mean'), ...v.staffAreas.areas.map((a) => rate(v.staffAreas.mean[a.ja] ?? null))],
            ],
          },
          ...(v.staffAreas.areas.some((a) => v.staffAreas.mean[a.ja] != null)
            ? [
                {
                  kind: 'chart' as const,
                  id: 'staff_areas_chart',
                  title: `${t('areas')} — ${t('mean')}`,
                  type: 'bar' as const,
                  unit: 'rate' as const,
                  categories: v.staffAreas.areas.map(areaKey),
                  series: [
                    {
                      name: t('mean'),
                      values: v.staffAreas.areas.map((a) => v.staffAreas.mean[a.ja] ?? null),
                    },
                  ],
                },
              ]
            : []),
        ]
      : empty('areas'),
  });

  const chGroups = [...new Set(Object.values(v.chapters.mean).flatMap((g) => Object.keys(g)))].sort();
  sections.push({
    key: 'chapters',
    number: '4',
    title: t('chapters'),
    blocks: v.chapters.rows.length
      ? chGroups.map((g) => ({
          kind: 'table' as const,
          id: `ch_${g}`.slice(0, 31),
          title: `${t('chapters')}: ${groupName(g)}`,
          columns: [
            { key: 'agency', label: t('agency') },
            ...v.chapters.chapters.map((c) => ({
              key: c.chapterNo,
              label: `${c.chapterNo} ${c.title}`,
              format: 'rate' as const,
            })),
          ],
          rows: [
            ...v.chapters.rows.map((r) => [
              name(r.agencyCode),
              ...v.chapters.chapters.map((c) => rate(r.values[c.chapterNo]?.[g] ?? null)),
            ]),
            [t('mean'), ...v.chapters.chapters.map((c) => rate(v.chapters.mean[c.chapterNo]?.[g] ?? null))],
          ],
        }))
      : empty('chapters'),
  });

  const grades = ['A', 'B', 'C', 'D'] as const;
  sections.push({
    key: 'inspection',
    number: '5',
    title: t('inspection'),
    blocks: v.inspection.rows.length
      ? [
          {
            kind: 'table',
            id: 'inspection_items',
            title: `${t('inspection')}: ${t('item')}`,
            columns: [
              { key: 'code', label: t('item') },
              { key: 'title', label: t('title2') },
              { key: 'agencies', label: t('agencyCount'), format: 'count' },
              { key: 'applicable', label: t('applicable'), format: 'count' },
              { key: 'met', label: t('met'), format: 'count' },
              { key: 'meanRate', label: t('meanRate'), format: 'rate' },
            ],
            rows: v.inspection.items.map((i) => [
              i.code,
              i.title,
              i.agencies,
              i.applicable,
              i.met,
              rate(i.meanRate),
            ]),
          },
          {
            kind: 'table',
            id: 'inspection_grades',
            title: `${t('inspection')}: ${t('grade')}`,
            columns: [
              { key: 'agency', label: t('agency') },
              ...grades.map((g) => ({ key: g, label: g, format: 'count' as const })),
              { key: 'rate', label: t('rate'), format: 'rate' },
            ],
            rows: [
              ...v.inspection.rows.map((r) => [
                name(r.agencyCode),
                ...grades.map((g) => r.grades[g]),
                rate(r.rate),
              ]),
              [t('total'), ...grades.map((g) => v.inspection.gradeTotals[g]), rate(v.inspection.meanRate)],
            ],
          },
        ]
      : empty('inspection'),
  });

  sections.push({
    key: 'drills',
    number: '6',
    title: t('drills'),
    blocks: v.drills.rows.length
      ? [
          {
            kind: 'table',
            id: 'drills',
            title: t('drills'),
            columns: [
              { key: 'agency', label: t('agency') },
              { key: 'drills', label: t('drillCount'), format: 'count' },
              { key: 'delivered', label: t('delivered'), format: 'count' },
              { key: 'opened', label: t('opened'), format: 'count' },
              { key: 'openRate', label: t('openRate'), format: 'rate' },
              { key: 'reportRate', label: t('reportRate'), format: 'rate' },
            ],
            rows: [
              ...v.drills.rows.map((r) => [
                name(r.agencyCode),
                r.drills,
                r.delivered,
                r.opened,
                rate(r.openRate),
                rate(r.reportRate),
              ]),
              [t('mean'), null, null, null, rate(v.drills.meanOpenRate), rate(v.drills.meanReportRate)],
            ],
          },
        ]
      : empty('drills'),
  });

  sections.push({
    key: 'training',
    number: '7',
    title: t('training'),
    blocks: v.training.rows.length
      ? [
          {
            kind: 'table',
            id: 'training',
            title: t('training'),
            columns: [
              { key: 'agency', label: t('agency') },
              { key: 'assigned', label: t('assigned'), format: 'count' },
              { key: 'completed', label: t('completed'), format: 'count' },
              { key: 'rate', label: t('rate'), format: 'rate' },
            ],
            rows: [
              ...v.training.rows.map((r) => [name(r.agencyCode), r.assigned, r.completed, rate(r.rate)]),
              [t('mean'), null, null, rate(v.training.meanRate)],
            ],
          },
        ]
      : empty('training'),
  });

  sections.push({
    key: 'incidents',
    number: '8',
    title: t('incidents'),
    blocks: v.incidents.rows.length
      ? [
          {
            kind: 'table',
            id: 'incidents',
            title: t('incidents'),
            columns: [
              { key: 'agency', label: t('agency') },
              ...v.incidents.types.map((ty) => ({ key: ty.type, label: ty.label, format: 'count' as const })),
              { key: 'total', label: t('total'), format: 'count' },
            ],
            rows: [
              ...v.incidents.rows.map((r) => [
                name(r.agencyCode),
                ...v.incidents.types.map((ty) => r.counts[ty.type] ?? 0),
                r.total,
              ]),
              [
                t('total'),
                ...v.incidents.types.map((ty) => v.incidents.totals[ty.type] ?? 0),
                v.incidents.total,
              ],
            ],
          },
        ]
      : empty('incidents'),
  });

  sections.push({
    key: 'trends',
    number: '9',
    title: t('trends'),
    blocks: [
      {
        kind: 'table',
        id: 'trends',
        title: t('trends'),
        columns: [
          { key: 'fy', label: t('fiscalYear'), format: 'text' },
          { key: 'agencies', label: t('agencyCount'), format: 'count' },
          ...rateCols,
          { key: 'openRate', label: t('openRate'), format: 'rate' },
          { key: 'training', label: t('training'), format: 'rate' },
        ],
        rows: v.trends.map((y) => [
          String(y.fiscalYear),
          y.agencies,
          ...rateCells(y.mean),
          rate(y.drillOpenRate),
          rate(y.trainingRate),
        ]),
      },
      ...trendChart(v, t),
    ],
  });

  sections.push({
    key: 'weakest',
    number: '10',
    title: t('weakest'),
    blocks: v.weakestItems.length
      ? [
          {
            kind: 'table',
            id: 'weakest_items',
            title: t('weakest'),
            columns: [
              { key: 'code', label: t('item') },
              { key: 'title', label: t('title2') },
              { key: 'meanRate', label: t('meanRate'), format: 'rate' },
              { key: 'agencies', label: t('agencyCount'), format: 'count' },
            ],
            rows: v.weakestItems.map((i) => [i.code, i.title, rate(i.meanRate), i.agencies]),
          },
        ]
      : empty('weakest'),
  });

  return {
    kind: 'national',
    title: t('title'),
    subtitle: opts.locale === 'en' ? `Fiscal year ${v.fiscalYear}` : `${v.fiscalYear}年度`,
    tenantCode: opts.tenantCode,
    tenantName: opts.tenantName,
    fiscalYear: v.fiscalYear,
    locale: opts.locale,
    status: 'final',
    generatedAt: opts.generatedAt,
    baseUrl: opts.baseUrl ?? null,
    sections,
  };
}
