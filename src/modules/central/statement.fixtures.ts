// Annual statements (kind 'annual.statement', figures-model.ts) with chosen figures, for the central tests.
import type { AnnualStatement } from '../report/figures-model.js';
import { STAFF_AREAS } from '../selfcheck/catalog-model.js';

export interface StatementFigures {
  coverage: number;
  nisc: number;
  attainment100: number;
  /** The staff group's 実施率 (the other groups get `nisc`). */
  staffNisc?: number;
  /** Item code → rate; default two items. */
  items?: Record<string, number>;
  openRate?: { opened: number; delivered: number };
  training?: { assigned: number; completed: number };
  incidents?: Record<string, number>;
  grades?: { A: number; B: number; C: number; D: number };
}

const headline = (coverage: number, nisc: number, a100: number) => ({
  coverage,
  implementation: { nisc, pooled: nisc, meti_all_items: nisc },
  attainment: { '100': a100, '95': a100, '90': a100 },
});

export function buildStatement(
  agency: { code: string; nameJa: string },
  fiscalYear: number,
  f: StatementFigures,
): AnnualStatement {
  const items = f.items ?? { '6.2.4(1)(a)': f.nisc, '8.2.1(1)(a)': f.nisc };
  const summary = { ...headline(f.coverage, f.nisc, f.attainment100), inScope: 100, captured: 90 };
  return {
    fiscalYear,
    agencyCode: agency.code,
    agencyName: agency.nameJa,
    parentAgencyCode: null,
    selfcheck: {
      campaignId: '00000000-0000-0000-0000-000000000001',
      title: `${fiscalYear}年度 自己点検`,
      state: 'published',
      definition: 'nisc',
      publishedAt: null,
      overall: summary,
      groups: {
        managers: summary,
        staff: { ...summary, ...headline(f.coverage, f.staffNisc ?? f.nisc, f.attainment100) },
      },
      staffAreas: STAFF_AREAS.map((a) => ({
        area: a.ja,
        areaEn: a.en,
        nisc: f.staffNisc ?? f.nisc,
        pooled: f.staffNisc ?? f.nisc,
      })),
      chapters: [
        {
          chapterNo: '6',
          title: '情報システムのセキュリティ要件',
          groups: { staff: headline(f.coverage, f.nisc, f.attainment100) },
        },
      ],
      items: Object.entries(items).map(([code, rate], i) => ({
        itemId: `item-${i}`,
        code,
        chapterNo: code.split('.')[0]!,
        title: `項目 ${code}`,
        area: null,
        duty: 100,
        implemented: Math.round(rate * 100),
        rate,
      })),
      trend: [],
      link: '/selfcheck',
    },
    inspections: f.grades
      ? {
          rounds: [
            {
              roundId: 'r1',
              title: '重点検査',
              itemSet: 'standard',
              targets: 4,
              submitted: 4,
              grades: f.grades,
              items: [
                { code: 'patch', title: 'パッチ適用', applicable: 4, met: f.grades.A, rate: f.grades.A / 4 },
              ],
              link: '/inspections',
            },
          ],
        }
      : null,
    training: f.training
      ? {
          courses: [],
          overall: { ...f.training, rate: f.training.completed / f.training.assigned },
        }
      : null,
    drills: f.openRate
      ? {
          drills: [
            {
              drillId: 'd1',
              title: '標的型メール訓練',
              sentAt: null,
              recipients: f.openRate.delivered,
              delivered: f.openRate.delivered,
              opened: f.openRate.opened,
              openRate: f.openRate.opened / f.openRate.delivered,
              reported: 0,
              reportRate: 0,
              displayRate: null,
              link: '/drills',
            },
          ],
        }
      : null,
    incidents: f.incidents
      ? {
          byType: Object.entries(f.incidents).map(([type, count]) => ({ type, label: type, count })),
          list: [],
        }
      : null,
    narrative: {
      'statement.education': '',
      'statement.selfcheck_audit': '',
      'statement.inspection': '',
      'statement.incidents': '',
      'statement.ciso_meeting': '',
    },
  };
}
