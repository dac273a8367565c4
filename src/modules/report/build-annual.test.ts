import { describe, expect, it } from 'vitest';
import { buildAnnualReport } from './build-annual.js';
import { blocksOf, type Cell, flattenSections } from './doc-model.js';
import type { AnnualFigures, SelfcheckAnnual } from './figures-model.js';
import { EMPTY_FACTS } from './schema.js';

// The document's outline follows the sources (000 L60-1498); unused capabilities say so (no zeros).

const rates = (x: number) => ({
  coverage: x,
  implementation: { nisc: x, pooled: x, meti_all_items: x },
  attainment: { '100': x / 2, '95': x / 1.5, '90': x },
});

const selfcheck: SelfcheckAnnual = {
  campaignId: 'c1',
  title: '2025年度 自己点検',
  state: 'published',
  definition: 'nisc',
  publishedAt: '2026-03-01T00:00:00Z',
  overall: { ...rates(0.9), inScope: 100, captured: 95 },
  groups: {
    staff: { ...rates(0.92), inScope: 80, captured: 78 },
    managers: { ...rates(0.8), inScope: 20, captured: 17 },
  },
  staffAreas: [{ area: '利用', areaEn: 'Use', nisc: 0.7, pooled: 0.71 }],
  chapters: [{ chapterNo: '4', title: '情報の取扱い', groups: { staff: rates(0.6) } }],
  items: [
    {
      itemId: 'i1',
      code: '4.1.1(1)',
      chapterNo: '4',
      title: '格付の表示',
      area: null,
      duty: 50,
      implemented: 20,
      rate: 0.4,
    },
  ],
  trend: [
    { fiscalYear: 2024, overall: rates(0.8), groups: { staff: rates(0.82) } },
    { fiscalYear: 2025, overall: rates(0.9), groups: { staff: rates(0.92) } },
  ],
  differences: [{ code: '6.2.4', title: 'USB', change: '禁止に強化', reason: '漏えい防止' }],
  link: '/selfcheck/campaigns/c1/results',
};

const figures = (over: Partial<AnnualFigures> = {}): AnnualFigures => ({
  tenantId: 't',
  fiscalYear: 2025,
  org: {
    people: 100,
    units: 5,
    roles: [
      {
        key: 'ciso',
        name: '最高情報セキュリティ責任者',
        standardName: null,
        holders: 1,
        names: ['最高 花子'],
      },
    ],
  },
  selfcheck: null,
  classification: null,
  inspections: null,
  training: null,
  drills: null,
  incidents: null,
  audits: null,
  systems: null,
  vendors: null,
  ...over,
});

const build = (f: AnnualFigures, narratives = {}) =>
  buildAnnualReport({
    tenant: { code: 'demo', nameJa: 'デモ省' },
    fiscalYear: 2025,
    figures: f,
    facts: { ...EMPTY_FACTS, staffQuota: 2000 },
    narratives,
    state: 'draft',
    generatedAt: '2026-04-01T00:00:00Z',
  });

describe('buildAnnualReport', () => {
  it('lays the sections out in the sources’ order (000 L60, L227, L327, L883, L998)', () => {
    const doc = build(figures({ selfcheck }));
    expect(flattenSections(doc.sections).map((s) => s.number)).toEqual([
      '1',
      '2',
      '3',
      '3 (1)',
      '3 (2)',
      '3 (3)',
      '3 (4)',
      '3 (5)',
      '3 (7)',
      '3 (9)',
      '4',
      '5',
      '5.1',
      '5.2',
      '5.3',
      '5.4',
      '5.5',
      '5.6',
    ]);
  });

  it('a capability not in use says so instead of printing zeros', () => {
    const doc = build(figures());
    const notInUse = blocksOf(doc, 'not_in_use').map((b) => b.capability);
    expect(notInUse).toEqual(
      expect.arrayContaining([
        'selfcheck',
        'inspections',
        'training',
        'drills',
        'vendors',
        'incidents',
        'secaudit',
      ]),
    );
    expect(blocksOf(doc, 'table').map((t) => t.id)).toEqual(['roles']);
  });

  it('every self-check figure carries its link, filtered by group', () => {
    const doc = build(figures({ selfcheck }));
    const table = blocksOf(doc, 'table').find((t) => t.id === 'selfcheck_groups')!;
    expect(table.rows.map((r) => r[0])).toEqual(['全体', '管理者', '行政事務従事者']);
    const links = table.rows.flatMap((r) => r.slice(1)).map((c: Cell) => (c as { link?: string }).link);
    expect(links.every((l) => l?.startsWith('/selfcheck/campaigns/c1/results'))).toBe(true);
    expect((table.rows[2]![2] as { value: number }).value).toBe(0.92);
    expect((table.rows[2]![2] as { link: string }).link).toContain('group=staff');
  });

  it('draws the group bar chart and the three-year trend line', () => {
    const charts = blocksOf(build(figures({ selfcheck })), 'chart');
    expect(charts.map((c) => [c.id, c.type])).toEqual([
      ['selfcheck_groups_chart', 'bar'],
      ['selfcheck_trend', 'line'],
    ]);
    expect(charts[1]!.categories).toEqual(['2024年度', '2025年度']);
  });

  it('narratives carry their exact text and version; an unwritten one is empty with no version', () => {
    const text = '一行目\r\n<b>二行目</b>';
    const doc = build(figures(), {
      'summary.evaluation': { text, version: 3, author: '統括 太郎', createdAt: '2026-03-01T00:00:00Z' },
    });
    const [evaluation, goals] = blocksOf(doc, 'narrative');
    expect(evaluation).toMatchObject({ key: 'summary.evaluation', text, version: 3, author: '統括 太郎' });
    expect(goals).toMatchObject({ key: 'summary.goals', text: '', version: null });
  });

  it('drills show NISC’s 開封率 with a chart', () => {
    const doc = build(
      figures({
        drills: {
          drills: [
            {
              drillId: 'd',
              title: '第1回',
              sentAt: '2025-10-01T00:00:00Z',
              recipients: 10,
              delivered: 10,
              opened: 1,
              openRate: 0.1,
              reported: 5,
              reportRate: 0.5,
              displayRate: 0.2,
              link: '/drills/d',
            },
          ],
        },
      }),
    );
    const t = blocksOf(doc, 'table').find((x) => x.id === 'drills')!;
    expect(t.rows[0]![3]).toEqual({ value: 0.1, format: 'rate', link: '/drills/d' });
    expect(blocksOf(doc, 'chart').map((c) => c.id)).toEqual(['drills_chart']);
  });
});
